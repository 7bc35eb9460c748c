"""The desk's card tells one story (issue 26, item 4): an excused absence that the person
outweighed by arriving comes with the arrival, decided by the hub; a substitute approved
comes with the address of their badge, as a walk-in does; a missing reason is asked for
in words that say what to write."""

from kiosk import db as store

from helpers import badge_payload


def post(client, path, body):
    return client.post(path, json=body, headers={"X-CSRFToken": client.csrf})


def card(client, code):
    return client.get(f"/api/admin/delegates?q={code}").get_json()["results"][0]


def test_an_absence_followed_by_an_arrival_comes_with_the_arrival(organiser, door, kdb):
    assert post(organiser, "/api/admin/delegates/CN110/absences",
                {"session": "chinh-thuc", "reason": "ốm"}).status_code == 201
    before = card(organiser, "CN110")["absences"][0]
    assert before["superseded"] is False and before["arrived"] == []
    arrived = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN110"),
                                               "session": "chinh-thuc"})
    assert arrived.status_code in (200, 201), arrived.get_json()
    now = card(organiser, "CN110")
    line = next(s for s in now["sessions"] if s["id"] == "chinh-thuc")
    assert line["in"] is not None
    absence = now["absences"][0]
    assert absence["superseded"] is True
    assert absence["arrived"] == [{"session": "chinh-thuc", "session_name": line["name"],
                                   "time": line["in"]["time"], "after": True}]


def test_an_absence_from_every_session_is_outweighed_only_by_coming_to_every_one(
        organiser, door, kdb):
    assert post(organiser, "/api/admin/delegates/CN111/absences",
                {"session": "all", "reason": "bận công tác"}).status_code == 201
    door.post("/api/checkins", json={"code": badge_payload(kdb, "CN111"),
                                     "session": "tru-bi"})
    absence = card(organiser, "CN111")["absences"][0]
    assert [x["session"] for x in absence["arrived"]] == ["tru-bi"]
    assert absence["superseded"] is False  # still excused from the official session
    door.post("/api/checkins", json={"code": badge_payload(kdb, "CN111"),
                                     "session": "chinh-thuc"})
    absence = card(organiser, "CN111")["absences"][0]
    assert absence["superseded"] is True
    assert [x["session"] for x in absence["arrived"]] == ["tru-bi", "chinh-thuc"]


def test_an_approved_substitute_comes_with_the_address_of_their_badge(organiser, kdb):
    asked = post(organiser, "/api/admin/delegates/CN112/substitute", {
        "name": "Phạm Thị Thay Mặt", "reason": "Ốm, đơn vị cử người thay", "approve": True})
    assert asked.status_code == 201, asked.get_json()
    answer = asked.get_json()
    assert answer["print"] == f"/admin/badges/{answer['substitute']}.pdf"
    pdf = organiser.get(answer["print"])
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    # asked by one, approved from the waiting list: the same address
    waiting = post(organiser, "/api/admin/delegates/CN113/substitute", {
        "name": "Vũ Văn Đi Thay", "reason": "Bận công tác"})
    approved = post(organiser, f"/api/admin/substitutions/{waiting.get_json()['id']}/approve",
                    {})
    code = approved.get_json()["substitute"]
    assert approved.get_json()["print"] == f"/admin/badges/{code}.pdf"
    assert store.delegate_by_code(kdb, code)["name"] == "Vũ Văn Đi Thay"


def test_a_missing_reason_is_asked_for_with_what_to_write(organiser):
    absence = post(organiser, "/api/admin/delegates/CN114/absences", {"session": "all"})
    error = absence.get_json()["error"]
    assert error["field"] == "reason" and error["message"].startswith("Ghi lý do vắng (ví dụ")
    substitute = post(organiser, "/api/admin/delegates/CN114/substitute",
                      {"name": "Người Thay", "reason": " "})
    assert substitute.get_json()["error"]["message"].startswith("Ghi lý do thay thế (ví dụ")
    withdraw = post(organiser, "/api/admin/delegates/CN114/withdraw", {})
    assert withdraw.get_json()["error"]["message"].startswith("Ghi lý do rút khỏi danh sách")
