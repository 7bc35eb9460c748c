"""The composition of the congress (issue 21): a roster with the profile columns and gaps,
part of it checked in, and the credentials report's figures read back from the PDF,
beside the same figures worked out here from the file itself."""

import io
import random
import re
from datetime import datetime, timedelta

import openpyxl
import pypdfium2 as pdfium
from click.testing import CliRunner

from badges import db as store
from badges.cli import main as badges_cli
from badges.importer import import_roster
from kiosk import db as kiosk_db
from kiosk import reports
from kiosk.core import clock, decision
from kiosk.reports import credentials, tally

from helpers import HEADER, roster_row, write_csv

AS_OF = datetime(2026, 12, 16, 8, 15, tzinfo=clock.HANOI)
PROFILE = ["Giới tính", "Năm sinh", "Dân tộc", "Đảng viên", "Trình độ", "Danh hiệu"]
DELEGATIONS = ["Đoàn BHXH tỉnh Nghệ An", "Đoàn BHXH tỉnh Lào Cai", "Đoàn BHXH TP Hà Nội"]


def congress_file(tmp_path, count=60, seed=7):
    """`count` delegates as an office lists them, with the profile columns as offices fill
    them in (spellings vary) and some cells left empty; returns (path, the rows' facts)."""
    rng = random.Random(seed)
    rows, facts = [], []
    for n in range(1, count + 1):
        gender = rng.choice(["Nam", "Nữ", "nữ", "NAM", ""])
        year = rng.choice([str(rng.randint(1960, 2000)), f"12/05/{rng.randint(1958, 1999)}", ""])
        ethnic = rng.choice(["Kinh", "kinh", "Tày", "Thái", "Mường", ""])
        party = rng.choice(["x", "Có", "Không", ""])
        education = rng.choice(["Thạc sĩ", "ThS", "Đại học", "Tiến sĩ", "TS", ""])
        honour = rng.choice(["", "", "", "Chiến sĩ thi đua toàn quốc", "Anh hùng Lao động",
                             "Chiến sĩ thi đua toàn quốc; Anh hùng Lao động"])
        delegation = DELEGATIONS[n % 3]
        rows.append(roster_row(n, f"Đại Biểu Số {n:02d}", delegation=delegation)
                    + [gender, year, ethnic, party, education, honour])
        facts.append({"code": f"T{n:03d}", "name": f"Đại Biểu Số {n:02d}",
                      "gender": {"nam": "Nam", "nữ": "Nữ"}.get(gender.lower()),
                      "year": int(year[-4:]) if year else None,
                      "minority": None if not ethnic else ethnic.lower() != "kinh",
                      "party": {"x": True, "Có": True, "Không": False}.get(party),
                      "honours": [h for h in honour.split("; ") if h],
                      "education": {"ThS": "Thạc sĩ", "TS": "Tiến sĩ"}.get(education,
                                                                          education),
                      "delegation": delegation})
    return write_csv(tmp_path / "roster.csv", rows, HEADER + PROFILE), facts


def share(part, whole):
    return f"{100 * part / whole:.1f}%".replace(".", ",")


def test_the_report_gives_the_composition_of_those_summoned_and_present(tmp_path):
    path, facts = congress_file(tmp_path)
    db = kiosk_db.connect(tmp_path / "event.db")
    report = import_roster(db, path)
    assert report.applied and len(report.created) == len(facts)
    came = facts[::3] + facts[1::3][:5]  # part of the congress checks in
    for person in came:
        decision.check_in(db, person["code"], "chinh-thuc", "cua-1", confirmed=True,
                          at=clock.iso(AS_OF - timedelta(minutes=30)))
    figures = tally.compute(db, "chinh-thuc")
    assert len(figures.delegates_only) == len(facts)
    out = tmp_path / "report.pdf"
    with open(out, "wb") as f:
        credentials.write_pdf(db, figures, f, as_of=AS_OF)
    pdf = pdfium.PdfDocument(str(out))
    text = " ".join(re.sub(r"\s+", " ", pdf[i].get_textpage().get_text_range())
                    for i in range(len(pdf)))
    part = text.split("Cơ cấu, chất lượng đại biểu", 1)[1]

    def line(label, test):
        summoned = sum(1 for f in facts if test(f))
        present = sum(1 for f in came if test(f))
        return (f"{label} {summoned} {share(summoned, len(facts))} {present} "
                f"{share(present, len(came))}")

    year = 2026  # the session's day (16 December 2026)
    expected = [
        line("Anh hùng Lao động", lambda f: "Anh hùng Lao động" in f["honours"]),
        line("Chiến sĩ thi đua toàn quốc",
             lambda f: "Chiến sĩ thi đua toàn quốc" in f["honours"]),
        line("Nam", lambda f: f["gender"] == "Nam"),
        line("Nữ", lambda f: f["gender"] == "Nữ"),
        line("Kinh", lambda f: f["minority"] is False),
        line("Dân tộc thiểu số", lambda f: f["minority"] is True),
        line("Dưới 30 tuổi", lambda f: f["year"] and year - f["year"] < 30),
        line("Từ 60 tuổi trở lên", lambda f: f["year"] and year - f["year"] >= 60),
        line("Đảng viên", lambda f: f["party"] is True),
        line("Ngoài Đảng", lambda f: f["party"] is False),
        line("Thạc sĩ", lambda f: f["education"] == "Thạc sĩ"),
        line("Tiến sĩ", lambda f: f["education"] == "Tiến sĩ"),
    ]
    for wanted in expected:
        assert wanted in part, wanted
    # the law's order: the Heroes before the national emulation fighters
    assert part.index("Anh hùng Lao động") < part.index("Chiến sĩ thi đua toàn quốc")
    eldest = min(f["year"] for f in came if f["year"])
    named = re.search(r"đại biểu cao tuổi nhất là (Đại Biểu Số \d+) .*?, (\d+) tuổi", part)
    assert named and int(named.group(2)) == year - eldest
    assert next(f for f in came if f["name"] == named.group(1))["year"] == eldest
    # the same figures in the XLSX export, a sheet of their own
    data, _, _ = reports.build(db, "chinh-thuc", "xlsx")
    sheet = openpyxl.load_workbook(data)["Cơ cấu đại biểu"]
    women = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Nữ")
    assert women[1] == sum(1 for f in facts if f["gender"] == "Nữ")
    assert women[3] == sum(1 for f in came if f["gender"] == "Nữ")
    # per delegation: summoned, present, women among those present
    for delegation in DELEGATIONS:
        mine = [f for f in facts if f["delegation"] == delegation]
        here = [f for f in came if f["delegation"] == delegation]
        women = sum(1 for f in here if f["gender"] == "Nữ")
        assert f"{delegation} {len(mine)} {len(here)} {women} " in part
    db.close()


def test_the_completeness_list_names_exactly_each_units_gaps(tmp_path):
    header = HEADER + PROFILE
    full = ["Nữ", "1975", "Kinh", "Có", "Đại học", ""]
    rows = [
        roster_row(1, "Lê Thị Đủ", delegation="Đoàn BHXH tỉnh Lào Cai") + full,
        roster_row(2, "Hà Văn Thiếu", delegation="Đoàn BHXH tỉnh Lào Cai")
        + ["Nam", "", "Tày", "", "Thạc sĩ", "Anh hùng Lao động"],
        roster_row(3, "Đỗ Thị Mờ", delegation="Đoàn BHXH TP Hà Nội")
        + ["?", "12/05/1980", "", "Có", "", ""],  # a gender nobody can read is a gap
        roster_row(4, "Vũ Văn Đoàn", delegation="", title="") + full,
    ]
    path = write_csv(tmp_path / "roster.csv", rows, header)
    db = kiosk_db.connect(tmp_path / "event.db")
    report = import_roster(db, path)
    assert report.applied
    assert [(w.row, w.reason) for w in report.warnings] == [(4, "unclear_gender")]
    db.close()
    out = tmp_path / "thieu.xlsx"
    result = CliRunner().invoke(badges_cli, ["check", "--db", str(tmp_path / "event.db"),
                                             "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "3 đại biểu ở 3 đơn vị còn thiếu thông tin" in result.output
    assert "T002  Hà Văn Thiếu: thiếu Năm sinh, Đảng viên" in result.output
    assert "T003  Đỗ Thị Mờ: thiếu Giới tính, Dân tộc, Trình độ" in result.output
    assert "T004  Vũ Văn Đoàn: thiếu Chức vụ, Đoàn" in result.output
    assert "T001" not in result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "BHXH tỉnh Nghệ An", "Đoàn BHXH tỉnh Lào Cai",
                               "Đoàn BHXH TP Hà Nội"]
    lao_cai = list(book["Đoàn BHXH tỉnh Lào Cai"].values)
    assert lao_cai[1] == ("STT", "Mã đại biểu", "Họ và tên", "Năm sinh", "Đảng viên",
                          "Còn thiếu")
    assert lao_cai[2][:5] == (1, "T002", "Hà Văn Thiếu", None, None)  # cells to fill in
    assert len(lao_cai) == 3
    # filled in by the unit and sent back: a list with only these columns fills only them
    answer = write_csv(tmp_path / "tra-loi.csv", [["T002", "Hà Văn Thiếu", "1969", "Có"]],
                       ["Mã đại biểu", "Họ và tên", "Năm sinh", "Đảng viên"])
    db = kiosk_db.connect(tmp_path / "event.db")
    assert import_roster(db, answer, add_only=True).applied
    db.close()
    again = CliRunner().invoke(badges_cli, ["check", "--db", str(tmp_path / "event.db")])
    assert "T002" not in again.output and "2 đại biểu ở 2 đơn vị" in again.output


def test_organisers_download_the_completeness_list_and_it_is_recorded(organiser, client, kdb):
    page = organiser.get("/admin").get_data(as_text=True)
    assert "Thông tin còn thiếu trong danh sách" in page
    response = organiser.get("/admin/completeness.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    counted = {c["id"] for c in store.list_categories(kdb) if c["is_delegate"]}
    fields = ("title", "unit", "delegation", "gender", "birth_year", "ethnicity", "party",
              "education")
    delegations = {d["delegation"] for d in store.list_delegates(kdb)
                   if d["category_id"] in counted and any(d[f] in (None, "") for f in fields)}
    # those the profile is missing for; guests, press and staff need only the badge's
    assert set(book.sheetnames[1:]) == delegations and "Khách mời" not in delegations
    entry = kdb.execute("SELECT actor, action FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert tuple(entry) == ("btc", "export.completeness")


def test_the_profile_is_read_as_offices_write_it():
    from badges import profile

    assert [profile.gender(t)[0] for t in ("Nam", "NỮ", "nu", "F", "")] == [
        "Nam", "Nữ", "Nữ", "Nữ", None]
    assert profile.gender("?")[1] == "giới tính '?' không rõ (Nam hoặc Nữ)"
    assert [profile.birth_year(t)[0] for t in ("1968", "12/05/1968", "1968-05-12 00:00:00",
                                                "1868", "68", "")] == [
        1968, 1968, 1968, None, None, None]
    assert [profile.party(t)[0] for t in ("x", "Có", "ĐV", "03/02/1995", "Không", "-",
                                          "Chưa", "")] == [1, 1, 1, 1, 0, 0, 0, None]
    assert [profile.ethnicity(t)[0] for t in ("kinh", "TÀY", "h'mông", "Dân tộc Ê Đê")] == [
        "Kinh", "Tày", "H'Mông", "Ê Đê"]
    assert [profile.education(t)[0] for t in ("ThS", "TS", "cử nhân", "Kỹ sư xây dựng")] == [
        "Thạc sĩ", "Tiến sĩ", "Đại học", "Kỹ sư xây dựng"]
    assert profile.distinctions("AHLĐ; chiến sĩ thi đua toàn quốc, Nhà giáo ưu tú") == [
        "Anh hùng Lao động", "Chiến sĩ thi đua toàn quốc", "Nhà giáo ưu tú"]
