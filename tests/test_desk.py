"""The help desk's changes to the roster through the API: a walk-in added, coded,
checked in and printable; an edit; a withdrawal refused at the door and restored; each
in the audit trail; bad input named field by field, nothing half-done."""

import io
import re

import pypdfium2 as pdfium

from kiosk import db as store

from helpers import badge_payload


def post(client, path, body, method="POST"):
    return client.open(path, method=method, json=body, headers={"X-CSRFToken": client.csrf})



def test_a_walk_in_is_added_coded_checked_in_and_printable(organiser, kdb):
    before = kdb.execute("SELECT COUNT(*) FROM delegates").fetchone()[0]
    made = post(organiser, "/api/admin/delegates", {
        "name": "  Lò Văn  Páo ", "title": "Trưởng bản", "unit": "Xã Mường Khương",
        "category": "khach-moi", "phone": "+84 912 345 678", "session": "chinh-thuc"})
    assert made.status_code == 201, made.get_json()
    answer = made.get_json()
    code = answer["code"]
    person = store.delegate_by_code(kdb, code)
    assert person["name"] == "Lò Văn Páo" and person["phone"] == "0912345678"
    assert kdb.execute("SELECT COUNT(*) FROM delegates").fetchone()[0] == before + 1
    assert answer["checkin"]["result"] == "ok"
    method = kdb.execute("SELECT method, station FROM checkins WHERE delegate_id = ?",
                         [person["id"]]).fetchone()
    assert method == ("desk", "btc")
    # the A6 badge, with the name on it, for the browser's print dialog
    pdf = organiser.get(answer["print"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    page = pdfium.PdfDocument(io.BytesIO(pdf.data))[0]
    assert "Lò Văn Páo" in page.get_textpage().get_text_range()
    assert round(page.get_size()[0]) == 298  # A6 width in points
    entry = store.audit_entries(kdb, target=code)[0]
    assert entry["action"] == "delegate.add" and entry["actor"] == "btc"
    assert "Lò Văn" in entry["after"]
    # the same name again: most often the very person, whom the desk should find
    twin = post(organiser, "/api/admin/delegates", {"name": "lo van pao", "category": "ca-nhan"})
    assert twin.status_code == 409 and twin.get_json()["error"]["reason"] == "same_name"
    assert f"Lò Văn Páo ({code}, Xã Mường Khương)" in twin.get_json()["error"]["message"]
    other = post(organiser, "/api/admin/delegates", {"name": "Lò Văn Páo", "category":
                                                     "ca-nhan", "same_name_ok": True,
                                                     "check_in": False})
    assert other.status_code == 201 and other.get_json()["code"] != code
    # a guest walking in to the preparatory session, where guests are not summoned
    guest = post(organiser, "/api/admin/delegates", {"name": "Khách Hai", "category":
                                                     "khach-moi", "session": "tru-bi"})
    assert guest.status_code == 201 and guest.get_json()["checkin"]["result"] == "wrong_session"


def test_bad_walk_ins_name_the_field_and_add_nobody(organiser, kdb):
    before = kdb.execute("SELECT COUNT(*) FROM delegates").fetchone()[0]
    for body, field, words in [
        ({"category": "khach-moi"}, "name", "thiếu họ và tên"),
        ({"name": "A", "category": "không-có"}, "category", "không có trong danh mục"),
        ({"name": "A", "category": "khach-moi", "phone": "12ab"}, "phone", "không hợp lệ"),
        ({"name": "A" * 201, "category": "khach-moi"}, "name", "dài quá"),
        ({"name": ["A"], "category": "khach-moi"}, "name", "phải là chữ"),
        ({"name": "A", "category": "khach-moi", "protocol": "một"}, "protocol", "phải là số"),
    ]:
        refused = post(organiser, "/api/admin/delegates", body)
        error = refused.get_json()["error"]
        assert refused.status_code == 400 and error["field"] == field, (body, error)
        assert words in error["message"], error
    assert post(organiser, "/api/admin/delegates", [1, 2]).status_code == 400
    assert post(organiser, "/api/admin/delegates", {"name": "A", "category": "khach-moi",
                                                    "session": "phien-ma"}).status_code == 400
    assert kdb.execute("SELECT COUNT(*) FROM delegates").fetchone()[0] == before
    assert store.audit_entries(kdb) == []


def test_an_edit_changes_what_was_sent_and_is_audited(organiser, kdb):
    was = store.delegate_by_code(kdb, "CN101")
    changed = post(organiser, "/api/admin/delegates/cn101",
                   {"seat": "A01-01", "title": "Phó Giám đốc"}, method="PATCH")
    assert changed.status_code == 200, changed.get_json()
    now = store.delegate_by_code(kdb, "CN101")
    assert (now["seat"], now["title"]) == ("A01-01", "Phó Giám đốc")
    assert (now["unit"], now["phone"], now["name"]) == (was["unit"], was["phone"], was["name"])
    entry = store.audit_entries(kdb, target="CN101")[0]
    assert entry["action"] == "delegate.edit"
    assert was["title"] in entry["before"] and "Phó Giám đốc" in entry["after"]
    # the name searched for after an edit is the new one
    post(organiser, "/api/admin/delegates/CN101", {"name": "Hồ Thị Mới Sửa"}, method="PATCH")
    found = organiser.get("/api/admin/delegates?q=ho thi moi sua").get_json()["results"]
    assert [r["code"] for r in found] == ["CN101"]
    bad = post(organiser, "/api/admin/delegates/CN101", {"category": "x"}, method="PATCH")
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "category"
    assert post(organiser, "/api/admin/delegates/NOPE1", {"seat": "B"},
                method="PATCH").status_code == 404
    unknown_field = post(organiser, "/api/admin/delegates/CN101", {"code": "X1"}, method="PATCH")
    assert unknown_field.status_code == 400  # a code is never edited: nothing to edit here


def test_a_withdrawn_delegate_is_refused_at_the_door_until_restored(organiser, door, kdb):
    no_reason = post(organiser, "/api/admin/delegates/CN102/withdraw", {})
    assert no_reason.status_code == 400 and no_reason.get_json()["error"]["field"] == "reason"
    gone = post(organiser, "/api/admin/delegates/CN102/withdraw", {"reason": "Ốm, báo vắng"})
    assert gone.status_code == 200 and gone.get_json()["active"] is False
    again = post(organiser, "/api/admin/delegates/CN102/withdraw", {"reason": "x"})
    assert again.status_code == 409 and "đã rút" in again.get_json()["error"]["message"]
    scan = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN102"),
                                            "session": "chinh-thuc"}).get_json()
    assert scan["result"] == "inactive"
    assert post(organiser, "/api/admin/delegates/CN102/restore", {}).status_code == 200
    scan = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN102"),
                                            "session": "chinh-thuc"}).get_json()
    assert scan["result"] == "ok"
    actions = [e["action"] for e in store.audit_entries(kdb, target="CN102")]
    assert actions == ["delegate.restore", "delegate.withdraw"]
    assert store.audit_entries(kdb, target="CN102")[1]["note"] == "Ốm, báo vắng"


def report_text(kdb, session="chinh-thuc") -> str:
    from kiosk.reports import credentials, tally

    out = io.BytesIO()
    credentials.write_pdf(kdb, tally.compute(kdb, session), out)
    pdf = pdfium.PdfDocument(out.getvalue())
    return " ".join(" ".join(p.get_textpage().get_text_range().split()) for p in pdf)


def test_absences_with_a_reason_are_reported_apart(organiser, door, kdb):
    ahead = post(organiser, "/api/admin/delegates/CN103/absences",
                 {"session": "chinh-thuc", "reason": "Đi công tác nước ngoài"})
    assert ahead.status_code == 201, ahead.get_json()
    every = post(organiser, "/api/admin/delegates/CN104/absences", {"reason": "Ốm nằm viện"})
    assert every.status_code == 201 and every.get_json()["session"] is None
    again = post(organiser, "/api/admin/delegates/CN103/absences",
                 {"session": "chinh-thuc", "reason": "lần nữa"})
    assert again.status_code == 400 and "đã được ghi vắng" in again.get_json()["error"]["message"]
    for body, field in [({"session": "chinh-thuc"}, "reason"), ({"reason": " "}, "reason"),
                        ({"session": "phien-ma", "reason": "x"}, "session"),
                        ({"session": 3, "reason": "x"}, "session")]:
        refused = post(organiser, "/api/admin/delegates/CN105/absences", body)
        assert refused.get_json()["error"]["field"] == field, body
    assert post(organiser, "/api/admin/delegates/NOPE9/absences",
                {"reason": "x"}).status_code == 404
    absent = organiser.get("/api/dashboard?session=chinh-thuc").get_json()["absent"]
    reasons = {a["code"]: a["reason"] for a in absent}
    assert reasons["CN103"] == "Đi công tác nước ngoài" and reasons["CN105"] is None
    text = report_text(kdb)
    assert "Vắng mặt có lý do: 2 đại biểu" in text
    assert "Đi công tác nước ngoài" in text and "Ốm nằm viện" in text
    summoned = kdb.execute("SELECT COUNT(*) FROM delegates d JOIN categories c ON "
                           "c.id = d.category_id WHERE c.is_delegate = 1").fetchone()[0]
    assert f"Vắng mặt không có lý do: {summoned - 2} đại biểu" in text
    # one excused delegate comes after all: present, not absent
    door.post("/api/checkins", json={"code": badge_payload(kdb, "CN103"), "session": "chinh-thuc"})
    assert "Vắng mặt có lý do: 1 đại biểu" in report_text(kdb)
    # a cancelled absence counts as unexcused again
    found = organiser.get("/api/admin/delegates?q=CN104").get_json()["results"][0]
    assert found["absences"][0]["session_name"] == "mọi phiên"
    cancel = post(organiser, f"/api/admin/delegates/CN104/absences/"
                             f"{found['absences'][0]['id']}/cancel", {})
    assert cancel.status_code == 200
    assert "Vắng mặt có lý do: 0 đại biểu" in report_text(kdb)
    actions = [e["action"] for e in store.audit_entries(kdb, target="CN104")]
    assert actions == ["absence.cancel", "absence.add"]


def test_a_substitute_takes_the_originals_place_once_an_organiser_approves(
        app, organiser, door, kdb):
    from kiosk import accounts

    from helpers import login_form

    accounts.set_password(kdb, "banhotro", "mat-khau-ban-ho-tro", "desk")
    desk = app.test_client()
    login_form(desk, "banhotro", "mat-khau-ban-ho-tro", address="10.0.0.8")
    desk.csrf = re.search(r'name="csrf-token" content="([^"]+)"',
                          desk.get("/admin").get_data(as_text=True)).group(1)
    original = store.delegate_by_code(kdb, "CN106")
    before = organiser.get("/api/dashboard?session=chinh-thuc").get_json()["expected"]
    bad = post(desk, "/api/admin/delegates/CN106/substitute", {"reason": "Ốm"})
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "name"
    asked = post(desk, "/api/admin/delegates/CN106/substitute", {
        "name": "Trần Văn Thay", "title": "Phó Trưởng phòng", "reason": "Ốm, đơn vị cử người thay",
        "approve": True})  # the desk cannot approve: only asked
    assert asked.status_code == 201 and "substitute" not in asked.get_json()
    twice = post(desk, "/api/admin/delegates/CN106/substitute", {"name": "Người Khác",
                                                                "reason": "x"})
    assert twice.status_code == 409
    assert post(desk, f"/api/admin/substitutions/{asked.get_json()['id']}/approve",
                {}).status_code == 403
    assert store.delegate_by_code(kdb, "CN106")["active"]  # nothing changed yet
    approved = post(organiser, f"/api/admin/substitutions/{asked.get_json()['id']}/approve", {})
    assert approved.status_code == 200, approved.get_json()
    substitute = store.delegate_by_code(kdb, approved.get_json()["substitute"])
    assert substitute["name"] == "Trần Văn Thay"
    assert (substitute["category_id"], substitute["delegation"], substitute["seat"]) == (
        original["category_id"], original["delegation"], original["seat"])
    assert not store.delegate_by_code(kdb, "CN106")["active"]
    # the counts keep the seat: one out, one in
    assert organiser.get("/api/dashboard?session=chinh-thuc").get_json()["expected"] == before
    # the original's badge is refused at the door; the substitute's own gets in
    refused = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN106"),
                                               "session": "chinh-thuc"}).get_json()
    assert refused["result"] == "inactive"
    came = door.post("/api/checkins", json={"code": badge_payload(kdb, substitute["code"]),
                                            "session": "chinh-thuc"}).get_json()
    assert came["result"] == "ok"
    text = report_text(kdb)
    assert "4. Đại biểu thay thế" in text and "Trần Văn Thay" in text
    assert original["name"] in text.split("4. Đại biểu thay thế")[1]
    again = post(organiser, f"/api/admin/substitutions/{asked.get_json()['id']}/approve", {})
    assert again.status_code == 409
    actions = [e["action"] for e in store.audit_entries(kdb, target="CN106")]
    assert actions[:2] == ["substitute.approve", "substitute.request"]


def test_exports_say_who_is_absent_with_a_reason_and_take_any_session_name(organiser, kdb):
    import csv as csv_module

    import openpyxl

    post(organiser, "/api/admin/delegates/CN107/absences", {"reason": "Nghỉ phép: việc gia đình"})
    post(organiser, "/api/admin/sessions/chinh-thuc", {"name": "Phiên 1/2: [khai mạc]?"})
    exported = organiser.get("/dashboard/export?format=csv&session=chinh-thuc")
    rows = list(csv_module.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert rows[0][-1] == "Lý do vắng"
    mine = next(r for r in rows if r[0] == "CN107")
    assert mine[7] == "Vắng có lý do" and mine[-1] == "Nghỉ phép: việc gia đình"
    sheet = organiser.get("/dashboard/export?format=xlsx&session=chinh-thuc")
    assert sheet.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(sheet.data))
    assert book.active.title == "Phiên 1-2- -khai mạc--"


def test_an_organiser_mends_the_profile_and_the_desk_only_what_it_sees(organiser, app, kdb):
    """A unit phones in what its list lacked: an organiser types it on the person's card,
    read as an office's list would be, a value not understood refused with its field; the
    trail says a profile field changed, never its value; the desk, which does not see
    ethnicity or Party membership, cannot change them (it sees a distinction)."""
    from badges import completeness
    from badges import db as badges_db
    from kiosk import accounts

    from helpers import login_form

    code = "CN101"
    was = store.delegate_by_code(kdb, code)
    badges_db.update_delegate(kdb, was["id"], dict(was, gender=None, birth_year=None,
                                                   ethnicity=None, party=None))
    kdb.conn.commit()
    assert {"gender", "birth_year", "ethnicity", "party"} <= set(next(
        g for g in completeness.gaps(kdb) if g.code == code).missing)
    mended = post(organiser, f"/api/admin/delegates/{code}",
                  {"gender": "NỮ", "birth_year": "12/05/1968", "ethnicity": "TÀY",
                   "party": "x"}, method="PATCH")
    assert mended.status_code == 200, mended.get_json()
    now = store.delegate_by_code(kdb, code)
    assert (now["gender"], now["birth_year"], now["ethnicity"], now["party"]) == (
        "Nữ", 1968, "Tày", 1)
    assert not any(g.code == code for g in completeness.gaps(kdb))
    entry = store.audit_entries(kdb, target=code)[0]
    assert entry["action"] == "delegate.edit" and "Tày" not in str(entry) \
        and "1968" not in str(entry) and "ethnicity" in entry["after"]
    for field, value in (("birth_year", "68"), ("gender", "khác"), ("party", "có lẽ")):
        refused = post(organiser, f"/api/admin/delegates/{code}", {field: value},
                       method="PATCH")
        assert refused.status_code == 400 and refused.get_json()["error"]["field"] == field
    assert store.delegate_by_code(kdb, code)["birth_year"] == 1968  # nothing half-done

    accounts.set_password(kdb, "ban-ho-tro", "mat-khau-dai-1", "desk")
    desk = app.test_client()
    assert login_form(desk, "ban-ho-tro", "mat-khau-dai-1", address="10.0.2.1") \
        .status_code == 302
    desk.csrf = re.search(r'name="csrf-token" content="([^"]+)"',
                          desk.get("/admin").get_data(as_text=True)).group(1)
    for field in ("ethnicity", "party", "birth_year"):
        refused = post(desk, f"/api/admin/delegates/{code}", {field: "Kinh", "seat": "B01-01"},
                       method="PATCH")
        assert refused.status_code == 403 and refused.get_json()["error"]["field"] == field
    assert store.delegate_by_code(kdb, code)["ethnicity"] == "Tày"
    given = post(desk, f"/api/admin/delegates/{code}", {"distinction": "cstdtq"},
                 method="PATCH")
    assert given.status_code == 200, given.get_json()
    now = store.delegate_by_code(kdb, code)
    assert (now["distinction"], now["ethnicity"], now["party"]) == (
        "Chiến sĩ thi đua toàn quốc", "Tày", 1)  # the rest of the profile kept
