"""The honours ceremony driven by who is in the hall: an honours list imported as an
emulation office writes it, stage batches in the law's order from who is checked in,
the absent apart, a collective called only with its representative present, a proxy
(nhận thay) named at the desk, and the MC's script read back from its PDF."""

import re

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from badges import awards as forms
from badges.cli import main as badges_main
from kiosk.cli import main as kiosk_main
from kiosk.core import decision

HCLD, BKTTG, CO_NGANH = ("Huân chương Lao động hạng Ba", "Bằng khen của Thủ tướng Chính phủ",
                         "Cờ thi đua của Bảo hiểm xã hội Việt Nam")


def honours_file(path, sections: list):
    """An XLSX as the emulation office makes it: two title rows, the header, a section
    row per form (the form in the section only), the rows, a signature footer."""
    book = Workbook()
    sheet = book.active
    sheet.append(["BẢO HIỂM XÃ HỘI VIỆT NAM"])
    sheet.append(["DANH SÁCH KHEN THƯỞNG TẠI ĐẠI HỘI"])
    sheet.append(["STT", "Họ và tên", "Đơn vị", "Tên tập thể", "Mã đại biểu", "Số quyết định",
                  "Ngày quyết định"])
    number = 0
    romans = ("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX"
              .split())
    for roman, (form, rows) in zip(romans[:len(sections)], sections, strict=True):
        sheet.append([f"{roman}. {form.upper()}"])
        for name, unit, collective, code in rows:
            number += 1
            sheet.append([number, name, unit, collective, code, "123/QĐ-TTg", "15/11/2026"])
    sheet.append([])
    sheet.append([None, None, None, None, "Hà Nội, ngày 20 tháng 11 năm 2026"])
    book.save(path)
    return path


def outsider(kdb, n=0):
    """A delegate the honours list of `recipients` does not name (the tenth individual on)."""
    return next(iter(kdb.query("SELECT code, name, unit FROM delegates WHERE category_id = "
                               "'ca-nhan' ORDER BY code LIMIT 1 OFFSET ?", [9 + n])))


def as_shown(client, session="chinh-thuc", **query) -> list:
    """The award ids of the batch on stage, as the stage screen shows them now."""
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    made = client.get(f"/api/ceremony?session={session}{extra}").get_json()
    return [r["award_id"] for r in next(b for b in made["batches"] if not b["handed"])[
        "recipients"]]


def tap(client, number, shown, session="chinh-thuc", **extra):
    """The stage screen's "Đã trao": batch `number`, with what it showed."""
    return client.post(f"/api/ceremony/batches/{number}/handed",
                       json={"session": session, "recipients": shown, **extra},
                       headers={"X-CSRFToken": client.csrf})


@pytest.fixture
def recipients(kdb):
    people = list(kdb.query("SELECT code, name, unit FROM delegates WHERE category_id = "
                            "'ca-nhan' ORDER BY code LIMIT 9"))
    groups = list(kdb.query("SELECT code, name, unit FROM delegates WHERE category_id = "
                            "'tap-the' ORDER BY code LIMIT 5"))
    return people, groups


@pytest.fixture
def imported(event_path, kdb, tmp_path, recipients):
    """Three forms, in the file in an order that is not the law's: the Prime Minister's
    certificate first, then the order of labour, then the sector's flag (collectives)."""
    people, groups = recipients
    by_name = people[8]  # named by name and unit, without a code
    sections = [
        (BKTTG, [(p["name"], p["unit"], None, p["code"]) for p in people[:5]]
         + [(by_name["name"], by_name["unit"], None, None)]),
        (HCLD, [(p["name"], p["unit"], None, p["code"]) for p in people[5:8]]
         + [(groups[0]["name"], None, groups[0]["unit"], groups[0]["code"])]),
        (CO_NGANH, [(g["name"], None, g["unit"], g["code"]) for g in groups[1:]]),
    ]
    path = honours_file(tmp_path / "khen-thuong.xlsx", sections)
    result = CliRunner().invoke(badges_main, ["awards", str(path), "--db", str(event_path)])
    assert result.exit_code == 0, result.output
    return sections


def test_the_law_orders_the_forms_highest_first():
    assert forms.ordered_forms([CO_NGANH, BKTTG, "Chiến sĩ thi đua ngành Bảo hiểm xã hội",
                                HCLD, "Cờ thi đua của Chính phủ",
                                "HUÂN CHƯƠNG LAO ĐỘNG HẠNG II", "Chiến sĩ thi đua toàn quốc"]) \
        == ["HUÂN CHƯƠNG LAO ĐỘNG HẠNG II", HCLD, "Cờ thi đua của Chính phủ",
            "Chiến sĩ thi đua toàn quốc", BKTTG, CO_NGANH, "Chiến sĩ thi đua ngành Bảo hiểm xã hội"]
    # (Điều 78: the Government decides its flag, then the Prime Minister the title and the
    # certificate, in the article's order)
    # the organisers' own order comes first
    assert forms.ordered_forms([HCLD, BKTTG], custom=[BKTTG]) == [BKTTG, HCLD]


def test_batches_follow_the_law_and_who_is_in_the_hall(imported, kdb, organiser):
    present = set()
    for _, rows in imported:  # every other recipient comes in
        for n, (name, _, _, code) in enumerate(rows):
            if n % 2 == 0:
                code = code or kdb.execute("SELECT code FROM delegates WHERE name = ?",
                                           [name]).fetchone()[0]
                decision.check_in(kdb, code, "chinh-thuc", "cua-1", confirmed=True)
                present.add(code)
    answer = organiser.get("/api/ceremony?session=chinh-thuc&per_batch=2")
    assert answer.status_code == 200, answer.get_json()
    made = answer.get_json()
    batches = made["batches"]
    # in the law's order, one form each, at most two on stage
    seen = []
    for batch in batches:
        assert len(batch["recipients"]) <= 2
        if not seen or seen[-1] != batch["award"]:
            seen.append(batch["award"])
    assert seen == [HCLD, BKTTG, CO_NGANH]
    called = [r["code"] for b in batches for r in b["recipients"]]
    assert sorted(called) == sorted(present) and len(called) == len(set(called))
    assert all(r["present"] for b in batches for r in b["recipients"])
    # the absent apart, every one of them; a collective only with its representative here
    expected_absent = {code for _, rows in imported for (name, _, _, code) in rows
                       if code and code not in present}
    assert {a["code"] for a in made["not_present"]} >= expected_absent
    for b in batches:
        for r in b["recipients"]:
            if r["collective"]:
                assert r["code"] in present
    assert all(not a["present"] and a["decision"] == "undecided" for a in made["not_present"])


def test_an_absent_recipient_is_received_for_by_a_delegate_the_desk_names(imported, kdb,
                                                                        organiser,
                                                                        recipients):
    people, _ = recipients
    absent = people[0]
    proxy = outsider(kdb)  # receives nothing of that form: walks once
    decision.check_in(kdb, proxy["code"], "chinh-thuc", "cua-1", confirmed=True)
    award = kdb.execute("SELECT a.id FROM awards a JOIN delegates d ON d.id = a.delegate_id "
                        "WHERE d.code = ?", [absent["code"]]).fetchone()[0]
    headers = {"X-CSRFToken": organiser.csrf}
    named = organiser.post(f"/api/ceremony/awards/{award}/absent",
                           json={"proxy": proxy["code"], "session": "chinh-thuc"}, headers=headers)
    assert named.status_code == 200, named.get_json()
    made = organiser.get("/api/ceremony?session=chinh-thuc").get_json()
    walking = [r for b in made["batches"] for r in b["recipients"]]
    behalf = [r for r in walking if r["on_behalf_of"]]
    assert [(r["code"], r["on_behalf_of"]["code"]) for r in behalf] == [
        (proxy["code"], absent["code"])]
    entry = kdb.execute("SELECT actor, note FROM audit WHERE action = 'award.absent'").fetchone()
    assert entry[1] == "nhận thay"
    # kept for later instead: not called, listed apart as kept
    organiser.post(f"/api/ceremony/awards/{award}/absent", json={"proxy": None},
                   headers=headers)
    made = organiser.get("/api/ceremony?session=chinh-thuc").get_json()
    kept = [a for a in made["not_present"] if a["award_id"] == award]
    assert kept and kept[0]["decision"] == "kept"
    bad = organiser.post(f"/api/ceremony/awards/{award}/absent", json={"proxy": "ZZ999"},
                         headers=headers)
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "proxy"


def test_the_mc_script_reads_the_first_batch_in_order(imported, event_path, kdb, tmp_path,
                                                      organiser):
    for _, rows in imported:
        for name, _, _, code in rows:
            code = code or kdb.execute("SELECT code FROM delegates WHERE name = ?",
                                       [name]).fetchone()[0]
            decision.check_in(kdb, code, "chinh-thuc", "cua-1", confirmed=True)
    set_ = organiser.post("/api/ceremony/presenters", json={
        "session": "chinh-thuc", "batch": 1, "presenter": "Nguyễn Thế Mạnh, Tổng Giám đốc"},
        headers={"X-CSRFToken": organiser.csrf})
    assert set_.status_code == 200, set_.get_json()
    out = tmp_path / "loi-dan.pdf"
    result = CliRunner().invoke(kiosk_main, ["ceremony", "--db", str(event_path), "--session",
                                             "chinh-thuc", "--per-batch", "3", "--out",
                                             str(out)])
    assert result.exit_code == 0, result.output
    pdf = pdfium.PdfDocument(str(out))
    text = re.sub(r"\s+", " ", " ".join(p.get_textpage().get_text_range() for p in pdf))
    first = organiser.get("/api/ceremony?session=chinh-thuc&per_batch=3").get_json()[
        "batches"][0]
    assert first["award"] == HCLD
    assert re.search(r"Xin trân trọng kính mời đồng chí Nguyễn Thế Mạnh, Tổng Giám đốc"
                     r"(, thừa ủy quyền của [^,]+,)? lên trao", text)
    places = [text.index(r["name"]) for r in first["recipients"]]
    assert places == sorted(places)  # read in the programme's order
    assert re.search(r"Tính đến \d\d giờ \d\d phút, ngày \d\d/\d\d/\d{4}", text)
    assert "DANH SÁCH CHO CÁN BỘ LỄ TÂN" in text


def test_an_honours_list_with_faults_names_each_row_and_keeps_nothing(event_path, kdb,
                                                                     tmp_path, recipients):
    people, groups = recipients
    path = honours_file(tmp_path / "loi.xlsx", [
        (BKTTG, [(people[0]["name"], None, None, people[0]["code"]),  # row 5: fine
                 ("Người Không Có", "BHXH tỉnh Hư Cấu", None, None),  # row 6: not a delegate
                 (people[1]["name"], None, None, "ZZ999")]),  # row 7: no such code
        (CO_NGANH, [(None, None, "Phòng Không Đại Biểu", None)]),  # row 9: no representative
    ])
    result = CliRunner().invoke(badges_main, ["awards", str(path), "--db", str(event_path)])
    assert result.exit_code == 1
    assert "dòng 6: không có đại biểu tên 'Người Không Có'" in result.output
    assert "dòng 7: mã đại biểu 'ZZ999' không có trong danh sách đại biểu" in result.output
    assert "dòng 9: tập thể 'Phòng Không Đại Biểu' chưa có mã đại biểu" in result.output
    assert kdb.execute("SELECT COUNT(*) FROM awards").fetchone()[0] == 0


def test_the_desk_reads_the_programme_and_only_organisers_name_presenters(imported, app, kdb):
    from kiosk import accounts

    from helpers import login_form

    accounts.set_password(kdb, "banhotro", "mat-khau-ban-ho-tro", "desk")
    desk = app.test_client()
    login_form(desk, "banhotro", "mat-khau-ban-ho-tro", address="10.0.0.8")
    desk.csrf = re.search(r'name="csrf-token" content="([^"]+)"',
                          desk.get("/admin").get_data(as_text=True)).group(1)
    assert desk.get("/api/ceremony?session=chinh-thuc").status_code == 200
    refused = desk.post("/api/ceremony/presenters", json={
        "session": "chinh-thuc", "batch": 1, "presenter": "Ai đó"},
        headers={"X-CSRFToken": desk.csrf})
    assert refused.status_code == 403


def test_the_reports_count_the_honours_handed_received_for_and_kept(imported, event_path,
                                                                   kdb, organiser,
                                                                   recipients, tmp_path):
    """Of the first form (three individuals and a collective): two handed on stage, one
    received on behalf, one kept; the report of the honours and the XLSX say so."""
    import io

    from openpyxl import load_workbook

    from kiosk.reports import exports, honours_result, tally

    people, groups = recipients
    headers = {"X-CSRFToken": organiser.csrf}
    for code in (people[5]["code"], people[6]["code"], people[0]["code"]):
        decision.check_in(kdb, code, "chinh-thuc", "cua-1", confirmed=True)
    ids = dict(kdb.execute("SELECT d.code, a.id FROM awards a JOIN delegates d ON "
                           "d.id = a.delegate_id").fetchall())
    organiser.post(f"/api/ceremony/awards/{ids[people[7]['code']]}/absent",
                   json={"proxy": people[0]["code"], "session": "chinh-thuc"},
                   headers=headers)  # received for
    organiser.post(f"/api/ceremony/awards/{ids[groups[0]['code']]}/absent",
                   json={"proxy": None}, headers=headers)  # kept for later
    shown = as_shown(organiser)
    handed = tap(organiser, 1, shown)
    assert handed.status_code == 200, handed.get_json()
    assert handed.get_json()["award"] == HCLD
    again = tap(organiser, 1, shown)  # a stale screen's second tap
    assert again.status_code == 409
    figures = tally.compute(kdb, "chinh-thuc")
    first = figures.honours[0]
    assert (first["award"], first["total"], first["on_stage"], first["on_behalf"],
            first["handed_over"], first["kept"], first["waiting"]) == (HCLD, 4, 2, 1, 0, 1, 0)
    out = io.BytesIO()
    honours_result.write_pdf(kdb, out)  # a report of its own, not the delegates' report's
    text = re.sub(r"\s+", " ", "".join(p.get_textpage().get_text_range()
                                      for p in pdfium.PdfDocument(out.getvalue())))
    assert "BÁO CÁO Kết quả khen thưởng tại Đại hội" in text
    # STT, form, collectives, individuals, on stage, on behalf, handed over, kept, waiting
    assert re.search(r"1 Huân chương Lao động hạng Ba 1 3 2 1 0 1 0", text), text[-800:]
    sheet = io.BytesIO()
    exports.write_xlsx(figures, sheet)
    rows = list(load_workbook(sheet)["Khen thưởng"].values)
    assert rows[1] == (HCLD, 4, 2, 1, 0, 1, 0)


def test_awards_not_handed_on_stage_go_to_the_delegations_on_a_signed_roll(imported, kdb,
                                                                         organiser,
                                                                         recipients):
    people, groups = recipients
    headers = {"X-CSRFToken": organiser.csrf}
    decision.check_in(kdb, people[5]["code"], "chinh-thuc", "cua-1", confirmed=True)
    assert tap(organiser, 1, as_shown(organiser)).status_code == 200
    ids = dict(kdb.execute("SELECT d.code, a.id FROM awards a JOIN delegates d ON "
                           "d.id = a.delegate_id").fetchall())
    on_stage = organiser.post(f"/api/ceremony/awards/{ids[people[5]['code']]}/handover",
                              json={"received_by": "Trưởng đoàn"}, headers=headers)
    assert on_stage.status_code == 409  # handed on stage already
    absent = people[6]
    delegation = kdb.execute("SELECT delegation FROM delegates WHERE code = ?",
                             [absent["code"]]).fetchone()[0]
    roll = organiser.get(f"/admin/handover-roll.pdf?delegation={delegation}")
    assert roll.status_code == 200
    text = re.sub(r"\s+", " ", "".join(p.get_textpage().get_text_range()
                                      for p in pdfium.PdfDocument(roll.data)))
    assert "DANH SÁCH BÀN GIAO KHEN THƯỞNG" in text and f"Đoàn: {delegation}" in text
    assert absent["name"] in text and "Ký nhận" in text
    assert people[5]["name"] not in text  # handed on stage: not on the roll
    recorded = organiser.post(f"/api/ceremony/awards/{ids[absent['code']]}/handover",
                              json={"received_by": "  Nguyễn   Văn Trưởng "}, headers=headers)
    assert recorded.status_code == 200 and recorded.get_json()["received_by"] == \
        "Nguyễn Văn Trưởng"
    listed = organiser.get("/api/ceremony?session=chinh-thuc").get_json()["not_present"]
    assert [a["handed_over_to"] for a in listed if a["code"] == absent["code"]] == [
        "Nguyễn Văn Trưởng"]  # what the stage screen shows
    from kiosk.reports import tally

    first = tally.compute(kdb, "chinh-thuc").honours[0]
    assert (first["on_stage"], first["handed_over"]) == (1, 1)
    assert kdb.execute("SELECT COUNT(*) FROM audit WHERE action = 'award.handover'"
                       ).fetchone()[0] == 1
    missing = organiser.get("/admin/handover-roll.pdf?delegation=Không có đoàn này")
    assert missing.status_code == 404
    blank = organiser.post(f"/api/ceremony/awards/{ids[absent['code']]}/handover",
                           json={"received_by": " "}, headers=headers)
    assert blank.status_code == 400 and blank.get_json()["error"]["field"] == "received_by"
