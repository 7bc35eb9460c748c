"""The help desk's changes to the roster through the API: a walk-in added, coded,
checked in and printable; an edit; a withdrawal refused at the door and restored; each
in the audit trail; bad input named field by field, nothing half-done."""

import io

import pypdfium2 as pdfium
import pytest

from kiosk import db as store

from helpers import badge_payload


def post(client, path, body, method="POST"):
    return client.open(path, method=method, json=body, headers={"X-CSRFToken": client.csrf})


@pytest.fixture
def door(app, station_token):
    made = app.test_client()
    made.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {station_token}"
    return made


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
