"""The report fits the congress (issue 27, item 8), read back from the PDFs: the kind the
organisers choose (the organising committee's report on the delegates by default, or the
credentials committee's with its finding and proposal), the quorum cited from the
congress's own Quy chế, the honours in a report of their own, the logs' heads in an
annex, the academic titles apart from education, and what emulation congresses report
besides (guests, delegations, collectives and individuals, holders of orders and of the
sector's titles). Built from a roster and an honours list as offices write them."""

import io
import json
import re
from datetime import datetime, timedelta

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from badges.cli import main as badges_main
from badges.importer import import_roster
from kiosk import db as kiosk_db
from kiosk.cli import main as kiosk_main
from kiosk.core import chain, clock, decision
from kiosk.reports import credentials, honours_result, tally

from helpers import HEADER, roster_row, write_csv

AS_OF = datetime(2026, 12, 16, 8, 15, tzinfo=clock.HANOI)
PROFILE = ["Giới tính", "Năm sinh", "Dân tộc", "Đảng viên", "Trình độ", "Danh hiệu"]
NGHE_AN, LAO_CAI, HA_NOI = "Đoàn BHXH tỉnh Nghệ An", "Đoàn BHXH tỉnh Lào Cai", "Đoàn BHXH TP Hà Nội"
HCLD = "Huân chương Lao động hạng Ba"
FLAG = "Cờ thi đua của Bảo hiểm xã hội Việt Nam"
SECTOR_FIGHTER = "Chiến sĩ thi đua ngành Bảo hiểm xã hội"
# code, category, delegation, education as written, distinctions as written, checks in
PEOPLE = [
    ("T001", "Khách mời", "", "", "", True),
    ("T002", "Khách mời", "", "", "", False),
    ("T003", "Lãnh đạo Ngành", HA_NOI, "PGS.TS", "", True),
    ("T004", "Đại biểu tập thể", NGHE_AN, "ThS", "", True),
    ("T005", "Đại biểu tập thể", NGHE_AN, "Phó Giáo sư, Tiến sĩ", "", True),
    ("T006", "Đại biểu tập thể", LAO_CAI, "Đại học", "", False),
    ("T007", "Đại biểu tập thể", LAO_CAI, "GS", "Anh hùng Lao động", True),
    ("T008", "Đại biểu tập thể", HA_NOI, "TS", "", False),
    ("T009", "Đại biểu cá nhân", NGHE_AN, "Đại học", "", True),
    ("T010", "Đại biểu cá nhân", LAO_CAI, "ThS", "HUÂN CHƯƠNG LAO ĐỘNG HẠNG III", True),
    ("T011", "Đại biểu cá nhân", HA_NOI, "Thạc sĩ", SECTOR_FIGHTER, False),
    ("T012", "Đại biểu cá nhân", HA_NOI, "", "", True),
]
OFFICIAL = [p for p in PEOPLE if p[1] != "Khách mời"]
# the honours list: an order to a collective (T004 represents it) and to an individual
# (T009), the sector's flag to a collective (T005), the Prime Minister's certificate (T012)
HONOURS = [(HCLD, "BHXH tỉnh Nghệ An", "T004", "123/QĐ-CTN"),
           (HCLD, "", "T009", "Quyết định số 123/QĐ-CTN"),  # as some offices write it
           (FLAG, "Phòng Thu, BHXH tỉnh Nghệ An", "T005", "456/QĐ-BHXH"),
           ("Bằng khen của Thủ tướng Chính phủ", "", "T012", "789/QĐ-TTg")]


@pytest.fixture(scope="module")
def congress(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kinds")
    rows = [roster_row(n, name, category=category, code=code, delegation=delegation)
            + ["Nam", "1975", "Kinh", "Có", education, honours]
            for n, (code, category, delegation, education, honours, _) in enumerate(PEOPLE, 1)
            for name in [f"Đại Biểu {code}"]]
    db_path = folder / "event.db"
    db = kiosk_db.connect(db_path)
    assert import_roster(db, write_csv(folder / "roster.csv", rows, HEADER + PROFILE)).applied
    honours = write_csv(folder / "khen-thuong.csv", [
        [n, form, f"Đại Biểu {code}", collective, code, number, "15/11/2026"]
        for n, (form, collective, code, number) in enumerate(HONOURS, 1)],
        ["STT", "Hình thức khen thưởng", "Họ và tên", "Tên tập thể", "Mã đại biểu",
         "Số quyết định", "Ngày quyết định"])
    result = CliRunner().invoke(badges_main, ["awards", str(honours), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    for code, *_, came in PEOPLE:
        if came:
            decision.check_in(db, code, "chinh-thuc", "cua-1", confirmed=True,
                              at=clock.iso(AS_OF - timedelta(minutes=30)))
    yield db, db_path
    db.close()


def set_settings(db, **values):
    for key, value in values.items():
        db["settings"].upsert({"key": key, "value": json.dumps(value, ensure_ascii=False)},
                              pk="key")
    db.conn.commit()


@pytest.fixture
def settings(congress):
    """Settings a test sets, put back as they were afterwards."""
    db, _ = congress
    was = {r["key"]: r["value"] for r in db["settings"].rows}
    yield lambda **values: set_settings(db, **values)
    db.execute("DELETE FROM settings")
    db["settings"].insert_all({"key": k, "value": v} for k, v in was.items())
    db.conn.commit()


def pages(data: bytes) -> list:
    return [" ".join(p.get_textpage().get_text_range().split())
            for p in pdfium.PdfDocument(data)]


def delegates_report(db, **chosen) -> list:
    out = io.BytesIO()
    credentials.write_pdf(db, tally.compute(db, "chinh-thuc"), out, as_of=AS_OF, **chosen)
    return pages(out.getvalue())


def test_an_emulation_congress_hears_the_organising_committees_report_by_default(congress):
    db, _ = congress
    read = delegates_report(db)
    text = " ".join(read)
    assert ("BAN TỔ CHỨC ĐẠI HỘI Số: ……/BC-BTC" in read[0]
            and "BÁO CÁO Thành phần, cơ cấu, chất lượng đại biểu dự Đại hội" in read[0])
    assert ("Trên đây là báo cáo thành phần, cơ cấu, chất lượng đại biểu dự Đại hội, Ban Tổ "
            "chức Đại hội trân trọng báo cáo Đại hội.") in text
    assert "TM. BAN TỔ CHỨC ĐẠI HỘI TRƯỞNG BAN" in text
    assert "thẩm tra" not in text.lower() and "đủ tư cách" not in text
    # the quorum from the congress's own rules, named; never an unnamed "Theo quy định"
    assert ("Theo Quy chế làm việc của Đại hội, Đại hội được tiến hành khi có trên một nửa "
            "(1/2) tổng số đại biểu chính thức được triệu tập có mặt. Với 7/10 đại biểu có "
            "mặt, Đại hội đủ điều kiện tiến hành.") in text
    assert "Theo quy định" not in text


def test_the_credentials_committee_finds_the_delegates_qualified_and_proposes_the_vote(
        congress, settings):
    db, _ = congress
    settings(report_kind="tham-tra", quorum="từ 3/4 trở lên", rules_article="Điều 6",
             rules="Quy chế làm việc của Đại hội Thi đua yêu nước ngành BHXH lần thứ V")
    text = " ".join(delegates_report(db))
    assert "BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU Số: ……/BC-BTTTCĐB" in text
    assert "BÁO CÁO Kết quả thẩm tra tư cách đại biểu" in text
    assert ("Theo Điều 6 Quy chế làm việc của Đại hội Thi đua yêu nước ngành BHXH lần thứ V, "
            "Đại hội được tiến hành khi có từ ba phần tư (3/4) trở lên tổng số đại biểu chính "
            "thức được triệu tập có mặt. Với 7/10 đại biểu có mặt, Đại hội chưa đủ điều kiện "
            "tiến hành (cần ít nhất 8 đại biểu có mặt).") in text
    assert ("5. Kết luận Qua thẩm tra, Ban Thẩm tra tư cách đại biểu kết luận: 10 đại biểu "
            "chính thức được triệu tập dự Đại hội đều đủ tư cách đại biểu dự Đại hội.") in text
    assert ("Ban Thẩm tra tư cách đại biểu đề nghị Đại hội biểu quyết thông qua Báo cáo thẩm "
            "tra tư cách đại biểu.") in text
    assert "TM. BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU TRƯỞNG BAN" in text
    # the kind chosen for one printing wins over the setting
    assert "đủ tư cách" not in " ".join(delegates_report(db, kind="thanh-phan"))


def test_the_honours_have_a_report_of_their_own_and_the_heads_an_annex(congress, tmp_path):
    db, db_path = congress
    read = delegates_report(db)
    body, annex = " ".join(read[:-1]), read[-1]
    assert "Khen thưởng tại Đại hội" not in body and "Nhận thay" not in body
    assert "mã đầu chuỗi" not in body  # nothing read aloud is a hash
    assert annex.startswith(f"{len(read)} PHỤ LỤC ĐỐI CHIẾU DỮ LIỆU ĐIỂM DANH (Kèm theo Báo "
                            "cáo thành phần, cơ cấu, chất lượng đại biểu số ……/BC-BTC ngày "
                            "16/12/2026 của Ban Tổ chức Đại hội)")
    for verdict in chain.verify_database(db).values():
        assert verdict.head in annex
    assert "TRƯỞNG BAN" in read[-2]  # signed before the annex
    out = tmp_path / "khen-thuong.pdf"
    result = CliRunner().invoke(kiosk_main, ["report", "--db", str(db_path), "--format", "pdf",
                                             "--kind", "khen-thuong", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(pages(out.read_bytes()))
    assert "BAN TỔ CHỨC ĐẠI HỘI Số: ……/BC-BTC" in text
    assert "BÁO CÁO Kết quả khen thưởng tại Đại hội" in text
    assert "gồm 4 trường hợp (2 tập thể, 2 cá nhân) thuộc 3 hình thức" in text
    # per form in the law's order (the President's, the Government's, the sector's):
    # STT, form, collectives, individuals, on stage, on behalf, handed over, kept, waiting
    rows = [f"1 {HCLD} 1 1 0 0 0 0 2", "2 Bằng khen của Thủ tướng Chính phủ 0 1 0 0 0 0 1",
            f"3 {FLAG} 1 0 0 0 0 0 1", "Tổng cộng 2 2 0 0 0 0 4"]
    for row in rows:
        assert row in text, row
    assert text.index(rows[0]) < text.index(rows[1]) < text.index(rows[2])
    assert f"- {HCLD}: Quyết định số 123/QĐ-CTN ngày 15/11/2026." in text
    assert "TM. BAN TỔ CHỨC ĐẠI HỘI TRƯỞNG BAN" in text


def share(part, whole) -> str:
    return f"{100 * part / whole:.1f}%".replace(".", ",")


def line(label, codes) -> str:
    """A composition line: the summoned and the present among the official delegates."""
    summoned = [p for p in OFFICIAL if p[0] in codes]
    present = [p for p in summoned if p[5]]
    came = sum(1 for p in OFFICIAL if p[5])
    return (f"{label} {len(summoned)} {share(len(summoned), len(OFFICIAL))} {len(present)} "
            f"{share(len(present), came)}")


def test_academic_titles_are_reported_on_their_own_lines(congress):
    db, _ = congress
    text = " ".join(delegates_report(db))
    part = text.split("2. Cơ cấu, chất lượng đại biểu", 1)[1]
    education = part.split("Trình độ chuyên môn", 1)[1].split("Học hàm", 1)[0]
    titles = part.split("Học hàm", 1)[1]
    # a professor is a doctor: PGS.TS, "Phó Giáo sư, Tiến sĩ" and GS count as Tiến sĩ
    assert line("Tiến sĩ", {"T003", "T005", "T007", "T008"}) in education
    assert line("Thạc sĩ", {"T004", "T010", "T011"}) in education
    assert "Giáo sư" not in education
    assert line("Giáo sư", {"T007"}) in titles
    assert line("Phó Giáo sư", {"T003", "T005"}) in titles


def test_the_composition_says_what_emulation_congresses_report(congress):
    db, _ = congress
    text = " ".join(delegates_report(db))
    assert ("Tổng số đại biểu được triệu tập: 12 đại biểu, gồm 2 đại biểu khách mời và 10 đại "
            "biểu chính thức, được thành lập thành 3 đoàn đại biểu.") in text
    assert ("Trong số 10 đại biểu chính thức có: 1 đại biểu lãnh đạo Ngành, 5 đại biểu đại "
            "diện tập thể, 4 đại biểu cá nhân.") in text
    assert "đại biểu khách mời có mặt: 1/2." in text
    part = text.split("2. Cơ cấu, chất lượng đại biểu", 1)[1]
    held = part.split("Khen thưởng", 1)[1].split("Giới tính", 1)[0]
    # an order from the honours list (T004 for a collective, T009) or the profile (T010)
    assert line("Được tặng Huân chương", {"T004", "T009", "T010"}) in held
    # the sector's flag (T005, for a collective) or its emulation fighter (T011)
    assert line("Có danh hiệu thi đua cấp Ngành (Cờ thi đua, Chiến sĩ thi đua)",
                {"T005", "T011"}) in held
    assert part.index("Anh hùng Lao động") < part.index("Được tặng Huân chương")


def test_kiosk_report_takes_the_kind_and_the_rules_and_refuses_an_unknown_kind(congress,
                                                                             tmp_path):
    _, db_path = congress
    out = tmp_path / "tham-tra.pdf"
    result = CliRunner().invoke(kiosk_main, [
        "report", "--db", str(db_path), "--session", "chinh-thuc", "--format", "pdf",
        "--kind", "tham-tra", "--quorum", "trên 1/2", "--rules", "Quy chế Đại hội",
        "--article", "7", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(pages(out.read_bytes()))
    assert "Theo Điều 7 Quy chế Đại hội, Đại hội được tiến hành khi có trên một nửa" in text
    assert "đều đủ tư cách đại biểu dự Đại hội" in text
    refused = CliRunner().invoke(kiosk_main, [
        "report", "--db", str(db_path), "--format", "pdf", "--kind", "bầu-cử",
        "--out", str(tmp_path / "x.pdf")])
    assert refused.exit_code != 0 and not (tmp_path / "x.pdf").exists()


def test_a_kind_set_wrong_is_refused_in_words(congress, settings, tmp_path):
    db, db_path = congress
    settings(report_kind="bau-cu")
    result = CliRunner().invoke(kiosk_main, ["report", "--db", str(db_path), "--format", "pdf",
                                             "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 1
    assert "Loại báo cáo 'bau-cu' không có: chọn thanh-phan hoặc tham-tra." in result.output
    assert not (tmp_path / "r.pdf").exists()
    with pytest.raises(credentials.BadKind):
        delegates_report(db)


def test_no_honours_list_is_said_in_words(tmp_path):
    db = kiosk_db.connect(tmp_path / "event.db")
    out = io.BytesIO()
    honours_result.write_pdf(db, out, AS_OF)
    assert "Đại hội chưa có danh sách khen thưởng." in pages(out.getvalue())[0]
    assert re.search(r"Hà Nội, ngày 16 tháng 12 năm 2026", pages(out.getvalue())[0])
