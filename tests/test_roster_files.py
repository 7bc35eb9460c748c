"""Roster files read whole or refused: the row count from the data, limits that name what
is wrong, UTF-16 text, formulas without values, code generation for big lists."""

import csv
import re
import zipfile

import openpyxl
import pytest

from badges import db as store
from badges import roster
from badges.errors import RosterFileError
from badges.importer import import_roster

from helpers import HEADER, roster_row, write_csv


def xlsx(path, rows, header=HEADER):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def rewrite_member(path, member, change):
    """Rewrite one file inside an XLSX (a zip) with `change(text) -> text`."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == member:
                data = change(data.decode()).encode()
            target.writestr(info, data)


def test_a_stale_dimension_tag_does_not_hide_rows(db, tmp_path):
    rows = [roster_row(n, f"Đại biểu Số {n}", code=f"S{n:03d}") for n in range(1, 501)]
    path = xlsx(tmp_path / "r.xlsx", rows)
    def stale(text):
        text, count = re.subn(r'<dimension ref="[^"]+" ?/>', '<dimension ref="A1:J11"/>', text)
        assert count == 1
        return text

    rewrite_member(path, "xl/worksheets/sheet1.xml", stale)
    report = import_roster(db, path)
    assert report.applied and len(report.created) == 500


@pytest.mark.slow  # imports 20,000 rows
def test_twenty_thousand_rows_without_codes_are_numbered_in_one_pass(db, tmp_path):
    rows = [roster_row(n, f"Người Thứ {n}", code="", seat=f"Z{n}") for n in range(1, 20001)]
    report = import_roster(db, write_csv(tmp_path / "big.csv", rows))
    assert report.applied and len(report.created) == 20000
    assert report.created[0] == "DB0001" and report.created[-1] == "DB20000"


def test_a_list_longer_than_any_congress_is_refused_by_name(db, tmp_path):
    rows = [roster_row(n, f"Người Thứ {n}", code="") for n in range(1, roster.MAX_ROWS + 3)]
    with pytest.raises(RosterFileError, match="hơn 20.000 dòng"):
        import_roster(db, write_csv(tmp_path / "huge.csv", rows))
    assert db["delegates"].count == 0


def test_a_file_too_big_or_an_xlsx_that_unpacks_too_big_is_refused(db, tmp_path):
    big = tmp_path / "big.csv"
    with open(big, "wb") as f:
        f.truncate(roster.MAX_FILE_BYTES + 1)
    with pytest.raises(RosterFileError, match="quá giới hạn 20 MB"):
        import_roster(db, big)
    bomb = xlsx(tmp_path / "bomb.xlsx", [roster_row(1, "Một Người")])
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"\0" * (roster.MAX_INFLATED_BYTES + 1))
    assert bomb.stat().st_size < 2_000_000  # small on disk
    with pytest.raises(RosterFileError, match="giải nén ra"):
        import_roster(db, bomb)


def test_a_utf16_csv_imports(db, tmp_path):
    path = tmp_path / "unicode.csv"
    with open(path, "w", encoding="utf-16", newline="") as f:
        writer = csv.writer(f, delimiter="\t")
        writer.writerow(HEADER)
        writer.writerow(roster_row(1, "Đặng Thị Ánh Tuyết"))
    report = import_roster(db, path)
    assert report.applied and store.delegate_by_code(db, "T001")["name"] == "Đặng Thị Ánh Tuyết"


def test_formula_cells_without_a_value_are_named_as_formulas(db, tmp_path):
    rows = [roster_row(1, "Lê Văn Một"), roster_row(2, '="Trần "&"Văn Hai"')]
    path = xlsx(tmp_path / "formulas.xlsx", rows)  # openpyxl stores no computed values
    with pytest.raises(RosterFileError, match=r"ô C3 là công thức chưa có giá trị"):
        import_roster(db, path)
    assert db["delegates"].count == 0
