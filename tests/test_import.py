"""Importing rosters: formats, normalisation, every error at once, re-import."""

import unicodedata

import openpyxl
import pytest
from click.testing import CliRunner

from badges import db as store
from badges.cli import main
from badges.errors import RosterFileError
from badges.importer import import_roster

from helpers import HEADER, roster_row, write_csv


def names(db):
    return sorted(d["name"] for d in store.list_delegates(db))


def test_csv_with_bom_imports_every_row_with_generated_badge(db, tmp_path):
    path = write_csv(tmp_path / "r.csv", [roster_row(1, "Nguyễn Thị Phượng"),
                                         roster_row(2, "Trần Văn Ước")])
    report = import_roster(db, path)
    assert report.applied and report.created == ["T001", "T002"]
    assert names(db) == ["Nguyễn Thị Phượng", "Trần Văn Ước"]
    assert db["badges"].count == 2


def test_semicolon_csv_without_bom_and_english_headers(db, tmp_path):
    header = ["code", "Name", "TITLE", "unit", "delegation", "category", "phone", "email", "seat"]
    rows = [["X1", "Lê Văn Sử", "Giám đốc", "BHXH tỉnh Hà Giang", "Đoàn Hà Giang",
             "dai bieu tap the", "+84 912 345 678", "", "C01-01"]]
    path = write_csv(tmp_path / "r.csv", rows, header, delimiter=";", bom=False)
    report = import_roster(db, path)
    assert report.applied, report.errors
    person = store.delegate_by_code(db, "X1")
    assert person["category_id"] == "tap-the"
    assert person["phone"] == "0912345678"


def test_nfd_names_from_a_mac_are_stored_nfc(db, tmp_path):
    nfd = unicodedata.normalize("NFD", "Đặng Thị Huệ")
    path = write_csv(tmp_path / "r.csv", [roster_row(1, nfd, unit=unicodedata.normalize(
        "NFD", "BHXH tỉnh Bắc Kạn"))])
    import_roster(db, path)
    person = store.delegate_by_code(db, "T001")
    assert person["name"] == "Đặng Thị Huệ" and unicodedata.is_normalized("NFC", person["name"])
    assert "dang thi hue" in person["search"]


def test_xlsx_on_a_named_sheet_with_numeric_phone(db, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    sheet = book.create_sheet("Đại biểu")
    sheet.append(HEADER)
    sheet.append([1, "", "Hồ Minh Khải", "Chuyên viên", "BHXH TP Cần Thơ", "Đoàn Cần Thơ",
                  "ĐẠI BIỂU CÁ NHÂN", 912345678, "khai@example.org", "D01-01"])
    book.save(tmp_path / "r.xlsx")
    report = import_roster(db, tmp_path / "r.xlsx", sheet="Đại biểu")
    assert report.applied, report.errors
    person = store.list_delegates(db)[0]
    assert person["code"] == "DB0001"  # a missing code is generated
    assert person["phone"] == "0912345678"  # Excel's lost leading zero restored, with a warning
    assert [w.reason for w in report.warnings] == ["phone_fixed"]


def test_every_error_is_reported_with_row_and_column_and_nothing_is_imported(db, tmp_path):
    rows = [
        roster_row(1, "Nguyễn Văn A"),
        roster_row(2, "", code="T009"),                                  # row 3: missing name
        roster_row(3, "Trần B", code="T001"),                            # row 4: duplicate code
        roster_row(4, "Lê C", category="Khách VIP"),                     # row 5: unknown category
        roster_row(5, "Phạm D", phone="12345"),                          # row 6: bad phone
        roster_row(6, "Vũ E", email="not-an-email"),                     # row 7: bad email
    ]
    report = import_roster(db, write_csv(tmp_path / "r.csv", rows))
    assert not report.applied
    found = {(p.row, p.column, p.reason) for p in report.errors}
    assert found == {
        (3, "Họ và tên", "missing_name"),
        (4, "Mã đại biểu", "duplicate_code"),
        (5, "Thành phần", "unknown_category"),
        (6, "Số điện thoại", "bad_phone"),
        (7, "Email", "bad_email"),
    }
    assert db["delegates"].count == 0 and db["badges"].count == 0
    assert "dòng 5, cột 'Thành phần'" in str(next(p for p in report.errors if p.row == 5))


def test_a_misspelt_header_blocks_the_import_and_says_what_was_meant(db, tmp_path):
    header = HEADER[:3] + ["Chứ vụ"] + HEADER[4:]
    report = import_roster(db, write_csv(tmp_path / "r.csv", [roster_row(1, "A")], header),
                           skip_invalid=True)
    assert not report.applied
    assert [(p.row, p.reason) for p in report.errors] == [(1, "bad_header")]
    assert "cột D ('Chứ vụ'): tiêu đề không nhận ra (có phải 'Chức vụ'?)" in \
        report.errors[0].message


def test_an_offices_own_column_is_left_out_with_a_warning(db, tmp_path):
    header = HEADER + ["Quê quán", "Số CCCD"]  # (a year of birth, a gender are read now)
    row = roster_row(1, "Bùi Thị Lan") + ["Nam Định", "001175000123"]
    report = import_roster(db, write_csv(tmp_path / "r.csv", [row], header))
    assert report.applied and report.created == ["T001"]
    assert [str(w) for w in report.warnings] == [
        "dòng 1, cột 'Quê quán': cột K không dùng đến, bỏ qua",
        "dòng 1, cột 'Số CCCD': cột L không dùng đến, bỏ qua"]
    assert "001175000123" not in str(list(db["delegates"].rows))  # not kept anywhere


def test_skip_invalid_imports_good_rows_and_writes_rejects(db, tmp_path):
    rows = [roster_row(1, "Nguyễn Văn A"), roster_row(2, "Trần B", category="?"),
            roster_row(3, "Lê C")]
    path = write_csv(tmp_path / "r.csv", rows)
    report = import_roster(db, path, skip_invalid=True)
    assert report.applied and names(db) == ["Lê C", "Nguyễn Văn A"]
    rejects = report.rejects_path.read_text(encoding="utf-8-sig").splitlines()
    assert len(rejects) == 2 and rejects[1].startswith("3,2,T002,Trần B")
    assert "thành phần '?'" in rejects[1]


def test_reimport_updates_in_place_keeps_badges_and_lists_missing(db, tmp_path):
    first = [roster_row(1, "Nguyễn Văn A"), roster_row(2, "Trần Thị B"),
             roster_row(3, "Lê C", code="")]
    import_roster(db, write_csv(tmp_path / "r1.csv", first))
    hashes = {b["secret_hash"] for b in db["badges"].rows}
    second = [roster_row(1, "Nguyễn Văn A", seat="A01-01"), roster_row(3, "Lê C", code=""),
              roster_row(4, "Mới D")]
    report = import_roster(db, write_csv(tmp_path / "r2.csv", second))
    assert report.updated == ["T001"] and report.unchanged == 1 and report.created == ["T004"]
    assert report.missing == [("T002", "Trần Thị B")]
    assert store.delegate_by_code(db, "T002") is not None  # listed, not deleted
    assert store.delegate_by_code(db, "T001")["seat"] == "A01-01"
    assert hashes <= {b["secret_hash"] for b in db["badges"].rows}  # old badges still valid
    assert db["delegates"].count == 4  # the code-less row matched by name and unit


@pytest.mark.parametrize("content, suffix, expected", [
    (b"%PDF-1.4 not a roster", ".xlsx", "không đọc được tệp Excel"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel", ".xls", ".xls"),
    (b"Ho va ten\nTr\xe2\xecn V\xe0n A", ".csv", "không phải UTF-8"),  # Windows-1258
    (b"", ".csv", "tệp trống"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", ".png", "chỉ nhận tệp .csv hoặc .xlsx"),
])
def test_unreadable_files_get_one_clear_error(db, tmp_path, content, suffix, expected):
    path = tmp_path / f"roster{suffix}"
    path.write_bytes(content)
    with pytest.raises(RosterFileError, match=expected):
        import_roster(db, path)


def test_cli_exit_status_is_zero_only_when_applied(tmp_path):
    good = write_csv(tmp_path / "good.csv", [roster_row(1, "Nguyễn Văn A")])
    bad = write_csv(tmp_path / "bad.csv", [roster_row(1, "")])
    runner = CliRunner()
    ok = runner.invoke(main, ["import", str(good), "--db", str(tmp_path / "e.db")])
    assert ok.exit_code == 0 and "1 mới" in ok.output
    refused = runner.invoke(main, ["import", str(bad), "--db", str(tmp_path / "e.db")])
    assert refused.exit_code == 1
    assert "dòng 2, cột 'Họ và tên': thiếu họ và tên" in refused.output
    missing = runner.invoke(main, ["import", str(tmp_path / "nope.csv"), "--db",
                                   str(tmp_path / "e.db")])
    assert missing.exit_code == 1 and "Không tìm thấy tệp" in missing.output


def test_organisers_add_their_own_category_and_import_into_it(tmp_path):
    db_path = str(tmp_path / "e.db")
    runner = CliRunner()
    added = runner.invoke(main, ["categories", "--db", db_path, "--add", "Đại biểu Quốc tế",
                                 "--color", "#00897b", "--delegate"])
    assert added.exit_code == 0
    assert "dai-bieu-quoc-te\tĐại biểu Quốc tế\t#00897B\tđại biểu" in added.output
    again = runner.invoke(main, ["categories", "--db", db_path, "--add", "ĐẠI BIỂU QUỐC TẾ"])
    assert again.exit_code == 1 and "đã có" in again.output
    bad = runner.invoke(main, ["categories", "--db", db_path, "--add", "X", "--color", "red"])
    assert bad.exit_code == 1 and "#RRGGBB" in bad.output
    roster = write_csv(tmp_path / "r.csv", [roster_row(1, "John Smith",
                                                        category="dai bieu quoc te")])
    imported = runner.invoke(main, ["import", str(roster), "--db", db_path])
    assert imported.exit_code == 0, imported.output


@pytest.mark.parametrize("add_only", [False, True])
def test_a_reimport_keeps_a_delegate_withdrawn_at_the_desk_withdrawn_and_says_so(
        tmp_path, add_only):
    from badges import people

    db_path = str(tmp_path / "e.db")
    rows = [roster_row(1, "Nguyễn Văn A"), roster_row(2, "Trần Thị B"), roster_row(3, "Lê C")]
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(write_csv(tmp_path / "r.csv", rows)),
                                "--db", db_path]).exit_code == 0
    db = store.connect(db_path)
    people.set_active(db, "T002", False)  # withdrawn at the desk
    rows[1] = roster_row(2, "Trần Thị B", seat="A01-09")  # and changed in the office's file
    again = runner.invoke(main, ["import", str(write_csv(tmp_path / "r2.csv", rows)),
                                 "--db", db_path, *(["--add"] if add_only else [])])
    assert again.exit_code == 0, again.output
    assert ("CẢNH BÁO dòng 3: Trần Thị B (T002) đã rút khỏi danh sách tại bàn hỗ trợ: giữ "
            "nguyên là đã rút; khôi phục tại bàn hỗ trợ nếu cần") in again.stderr
    held = store.delegate_by_code(store.connect(db_path), "T002")
    assert held["active"] == 0 and held["seat"] == "A01-09"  # the change kept, not the return
