"""The MC's records (issue 30): the introductions of the guests and the sector's leaders in
the hall, in the roster's one precedence list, the others apart; "mới đến" after the
list was read; the votes stamped with the delegates present and refused when they
outnumber them; the presidium and the secretariat in order; the speakers with their
reserves and their minutes against the session's end."""

import pytest

from kiosk.core import decision
from kiosk.reports import tally

SESSION = "chinh-thuc"


def precedence(kdb) -> list:
    """The demo's guests and leaders in its one precedence list: [(code, category)]."""
    return [(r["code"], r["category_id"]) for r in kdb.query(
        "SELECT code, category_id FROM delegates WHERE category_id IN ('khach-moi', "
        "'lanh-dao') ORDER BY protocol_order")]


def check_in(kdb, *codes):
    for code in codes:
        decision.check_in(kdb, code, SESSION, "cua-1", confirmed=True)


@pytest.fixture
def half(kdb):
    """Every other guest or leader of the precedence list checked in (and a journalist
    and a member of staff, who are never introduced): (present codes, absent codes)."""
    listed = precedence(kdb)
    first = [c for _, c in listed[:6]]
    assert "khach-moi" in first and "lanh-dao" in first  # the list interleaves them
    present = [code for n, (code, _) in enumerate(listed) if n % 2 == 0]
    absent = [code for n, (code, _) in enumerate(listed) if n % 2 == 1]
    check_in(kdb, *present, "BC001", "TC001")
    return present, absent


def test_the_introductions_list_those_present_in_precedence_order_and_the_others_apart(
        organiser, half):
    present, absent = half
    got = organiser.get(f"/api/introductions?session={SESSION}").get_json()
    assert [p["code"] for p in got["present"]] == present
    assert [p["code"] for p in got["absent"]] == absent
    assert got["absent_count"] == len(absent)
    said = " ".join(f"{p['title']} {p['unit']}" for p in got["present"])
    assert "BHXH" not in said and "Bảo hiểm xã hội" in said  # as read aloud
    assert all(not p["new"] and not p["introduced"] for p in got["present"])


def test_a_viewer_and_the_share_link_get_the_absent_as_a_count(app, kdb, half):
    from kiosk import accounts

    from helpers import login_form

    accounts.set_password(kdb, "mc-xem", "mat-khau-du-dai", "viewer")
    viewer = app.test_client()
    assert login_form(viewer, "mc-xem", "mat-khau-du-dai").status_code == 302
    share = app.test_client()
    share.get(f"/share/{accounts.share_token(kdb)}")
    for client in (viewer, share):
        got = client.get(f"/api/introductions?session={SESSION}").get_json()
        assert [p["code"] for p in got["present"]] == half[0]
        assert got["absent"] == len(half[1]) == got["absent_count"]
        assert "phone" not in str(got)
        mc = client.get(f"/api/mc?session={SESSION}").get_json()
        assert mc["introductions"]["absent"] == len(half[1])


def test_a_guest_who_arrives_after_the_list_was_read_is_new_until_introduced(
        organiser, kdb, half):
    present, absent = half
    read = organiser.post("/api/introductions/read", json={"session": SESSION},
                          headers={"X-CSRFToken": organiser.csrf}).get_json()
    assert all(p["introduced"] and not p["new"] for p in read["present"])
    check_in(kdb, absent[0])  # late
    got = organiser.get(f"/api/introductions?session={SESSION}").get_json()
    late = next(p for p in got["present"] if p["code"] == absent[0])
    assert late["new"] and not late["introduced"]
    assert [p["code"] for p in got["present"] if p["new"]] == [absent[0]]
    marked = organiser.post("/api/introductions/marks", json={
        "session": SESSION, "code": absent[0].lower(), "introduced": True},
        headers={"X-CSRFToken": organiser.csrf}).get_json()
    assert not any(p["new"] for p in marked["present"])
    trail = [tuple(r) for r in kdb.execute(
        "SELECT action, target FROM audit WHERE action LIKE 'mc.%' ORDER BY seq")]
    assert trail == [("mc.read", SESSION), ("mc.introduced", absent[0])]
    press = organiser.post("/api/introductions/marks", json={
        "session": SESSION, "code": "BC001"}, headers={"X-CSRFToken": organiser.csrf})
    assert press.status_code == 400 and press.get_json()["error"]["field"] == "code"


def post(client, path, body):
    return client.post(path, json=body, headers={"X-CSRFToken": client.csrf})


def test_a_vote_is_stamped_with_the_delegates_present_and_passes_by_more_than_half(
        organiser, kdb):
    codes = [r["code"] for r in kdb.query(
        "SELECT code FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code LIMIT 9")]
    check_in(kdb, *codes, "KM001", "BC001")  # a guest and a journalist: no vote
    figures = tally.compute(kdb, SESSION, for_report=False)
    present, summoned = figures.delegates_present, len(figures.delegates_only)
    assert present == 9
    answer = post(organiser, "/api/votes", {"session": SESSION, "motion": "Thông qua "
                  "Chương trình Đại hội", "for": 5, "against": 3, "abstain": 1})
    assert answer.status_code == 200
    vote = answer.get_json()
    assert (vote["present"], vote["summoned"], vote["passed"]) == (9, summoned, True)
    assert vote["minutes"] == f"9/{summoned} đại biểu có mặt, tán thành 5 (55,6%)"
    half = post(organiser, "/api/votes", {"session": SESSION, "motion": "Quy chế",
                                          "for": 4, "against": 5, "abstain": 0}).get_json()
    assert half["passed"] is False  # 4 of 9 is not more than half
    listed = organiser.get(f"/api/votes?session={SESSION}").get_json()["votes"]
    assert [v["motion"] for v in listed] == ["Thông qua Chương trình Đại hội", "Quy chế"]
    assert [r[0] for r in kdb.execute(
        "SELECT target FROM audit WHERE action = 'vote.record' ORDER BY seq")] == \
        [f"{SESSION}#{listed[0]['id']}", f"{SESSION}#{listed[1]['id']}"]


@pytest.mark.parametrize("body, field, words", [
    ({"motion": "Quy chế", "for": 9, "against": 1, "abstain": 0}, "for", "nhiều hơn số đại biểu"),
    ({"motion": "Quy chế", "for": -1, "against": 0, "abstain": 0}, "for", "không âm"),
    ({"motion": "Quy chế", "for": 1, "against": 0, "abstain": True}, "abstain", "không âm"),
    ({"for": 1, "against": 0, "abstain": 0}, "motion", "nội dung biểu quyết"),
    ({"motion": "  ", "for": 1}, "motion", "nội dung biểu quyết"),
    ({"motion": "Quy chế", "against": 0}, "for", "tán thành"),
    ({"motion": "Quy chế", "for": 1, "session": "khong-co"}, "session", "Không có phiên"),
])
def test_a_bad_vote_is_a_clear_400_and_records_nothing(organiser, kdb, body, field, words):
    check_in(kdb, *[r["code"] for r in kdb.query(
        "SELECT code FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code LIMIT 9")])
    answer = post(organiser, "/api/votes", {"session": SESSION, **body})
    assert answer.status_code == 400
    error = answer.get_json()["error"]
    assert error["field"] == field and words in error["message"], error
    assert kdb.execute("SELECT COUNT(*) FROM votes").fetchone()[0] == 0
    assert kdb.execute("SELECT COUNT(*) FROM audit WHERE action = 'vote.record'"
                       ).fetchone()[0] == 0


def test_the_organisers_change_the_rule_to_two_thirds(organiser, kdb):
    check_in(kdb, *[r["code"] for r in kdb.query(
        "SELECT code FROM delegates WHERE category_id = 'ca-nhan' ORDER BY code LIMIT 9")])
    rule = post(organiser, "/api/votes/rule", {"vote_rule": "từ 2/3 trở lên"})
    assert rule.get_json() == {"vote_rule": "từ hai phần ba (2/3) trở lên"}
    assert post(organiser, "/api/votes", {"session": SESSION, "motion": "A", "for": 5, "against": 4,
                                          "abstain": 0}).get_json()["passed"] is False
    assert post(organiser, "/api/votes", {"session": SESSION, "motion": "B", "for": 6, "against": 3,
                                          "abstain": 0}).get_json()["passed"] is True
    bad = post(organiser, "/api/votes/rule", {"vote_rule": "một nửa"})
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "vote_rule"


def test_the_presidium_and_the_secretariat_keep_their_order(organiser, kdb):
    check_in(kdb, "LD001")
    made = post(organiser, "/api/presidium", {"chu-tich": ["ld001", "KM001", "LD002"],
                                              "thu-ky": ["CN001", "CN002"]})
    assert made.status_code == 200
    got = organiser.get(f"/api/presidium?session={SESSION}").get_json()
    assert [p["code"] for p in got["chu-tich"]] == ["LD001", "KM001", "LD002"]
    assert [p["present"] for p in got["chu-tich"]] == [True, False, False]
    assert [p["code"] for p in got["thu-ky"]] == ["CN001", "CN002"]
    post(organiser, "/api/presidium", {"thu-ky": ["CN003"]})  # one body, the other kept
    got = organiser.get("/api/presidium").get_json()
    assert [p["code"] for p in got["chu-tich"]] == ["LD001", "KM001", "LD002"]
    twice = post(organiser, "/api/presidium", {"chu-tich": ["LD001", "LD001"]})
    unknown = post(organiser, "/api/presidium", {"thu-ky": ["KHONG-CO"]})
    assert (twice.status_code, unknown.status_code) == (400, 400)
    assert "hai lần" in twice.get_json()["error"]["message"]
    assert kdb.execute("SELECT COUNT(*) FROM audit WHERE action = 'presidium.set'"
                       ).fetchone()[0] == 2


def test_a_speaker_not_in_the_hall_is_flagged_with_the_reserve_proposed(organiser, kdb):
    check_in(kdb, "CN001", "CN004")
    made = post(organiser, "/api/speakers", {"session": SESSION, "speakers": [
        {"code": "CN001", "topic": "Chuyển đổi số trong thu BHXH", "minutes": 7},
        {"code": "CN002", "topic": "Phát triển người tham gia", "minutes": 8,
         "reserve": "CN004"},
        {"code": "CN003", "topic": "Giảm nợ đọng", "minutes": 10, "reserve": "CN005"}]})
    assert made.status_code == 200, made.get_json()
    got = organiser.get(f"/api/speakers?session={SESSION}").get_json()
    first, second, third = got["speakers"]
    assert first["present"] and not first["propose_reserve"]
    assert not second["present"] and second["propose_reserve"]
    assert second["reserve"]["code"] == "CN004"
    assert not third["propose_reserve"]  # the reserve is not in the hall either
    assert [s["starts_after"] for s in got["speakers"]] == [0, 7, 15]
    assert got["total"] == 25 and got["ends"] and got["minutes_left"] > 0
    assert first["topic"] == "Chuyển đổi số trong thu BHXH"
    bad = post(organiser, "/api/speakers", {"session": SESSION, "speakers": [
        {"code": "CN001", "topic": "A", "minutes": 0}]})
    assert bad.status_code == 400 and bad.get_json()["error"]["field"] == "minutes"
    same = post(organiser, "/api/speakers", {"session": SESSION, "speakers": [
        {"code": "CN001", "topic": "A", "minutes": 5, "reserve": "CN001"}]})
    assert same.status_code == 400 and same.get_json()["error"]["field"] == "reserve"
    assert len(organiser.get(f"/api/speakers?session={SESSION}").get_json()["speakers"]) == 3
