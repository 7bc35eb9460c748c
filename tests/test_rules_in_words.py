"""Rules no vote or roll call can meet (tester's finding H4): "trên 1/1" (more than
everyone) and a share outside 0 to the whole are refused, in words an organiser reads
(not "(0, 1]"), each rule in its own words (the quorum's and the vote rule's), and
nothing is kept."""

import pytest

from kiosk import db as store


def post(client, path, body):
    return client.post(path, json=body, headers={"X-CSRFToken": client.csrf})


@pytest.mark.parametrize("path, key", [("/api/admin/settings", "vote_rule"),
                                       ("/api/admin/settings", "quorum"),
                                       ("/api/votes/rule", "vote_rule")])
@pytest.mark.parametrize("rule, words", [
    ("trên 1/1", "không ai đạt được, vì không thể nhiều hơn tất cả; nếu cần tất cả, viết "
                 "'từ 1/1 trở lên'"),
    ("> 2/2", "không ai đạt được"),
    ("> 1", "không hợp lệ"),
    ("từ 0/2 trở lên", "tỷ lệ 0/2 phải lớn hơn 0 và không quá 1/1 (tất cả)"),
    ("từ 3/2 trở lên", "tỷ lệ 3/2 phải lớn hơn 0 và không quá 1/1 (tất cả)"),
])
def test_a_rule_nobody_can_meet_is_refused_in_words_and_not_kept(organiser, kdb, path, key,
                                                                rule, words):
    before = store.get_settings(kdb).get(key)
    refused = post(organiser, path, {key: rule})
    assert refused.status_code == 400
    error = refused.get_json()["error"]
    assert error["field"] == key and words in error["message"], error
    assert "(0, 1]" not in error["message"]
    own, other = (("Quy định tỷ lệ tán thành", "Quy định số đại biểu cần có mặt")
                  if key == "vote_rule" else
                  ("Quy định số đại biểu cần có mặt", "Quy định tỷ lệ tán thành"))
    assert own in error["message"] and other not in error["message"], error
    assert store.get_settings(kdb).get(key) == before


def test_everyone_is_a_rule_that_can_be_met(organiser, kdb):
    kept = post(organiser, "/api/votes/rule", {"vote_rule": "từ 1/1 trở lên"})
    assert kept.status_code == 200 and kept.get_json() == {"vote_rule": "từ 1/1 trở lên"}
