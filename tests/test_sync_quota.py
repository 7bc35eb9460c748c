"""A stolen station token cannot fill the hub's disk (issue 28): looping /api/sync it
wrote about 4,600 log rows a second until revoked. A token may now have 3,000 check-ins
written a minute (a door scans one every second or two; its backlog after an hour
offline is a few hundred); past that the hub answers 429 and writes nothing, and a real
door keeps the rest in its outbox for the next round."""

import time

from kiosk.core import ids
from kiosk.core.quota import PER_MINUTE, Quota


def fake_items(count: int) -> list:
    return [{"id": ids.new_id(), "code": "XX999", "session": "chinh-thuc", "method": "scan",
             "at": "2026-12-16T01:00:00+00:00", "confirmed": False} for _ in range(count)]


def test_a_token_looping_sync_writes_a_minute_s_worth_and_no_more(station, kdb):
    before = kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0]
    started = time.monotonic()
    answers = [station.post("/api/sync", json={"checkins": fake_items(500)})
               for _ in range(10)]
    elapsed = time.monotonic() - started  # the bucket refills as the calls take time
    statuses = [a.status_code for a in answers]
    accepted = statuses.count(200)
    assert statuses[:PER_MINUTE // 500] == [200] * (PER_MINUTE // 500)
    assert 429 in statuses and set(statuses) == {200, 429}
    refused = answers[statuses.index(429)].get_json()["error"]
    assert refused["reason"] == "too_many" and "phút" in refused["message"]
    written = kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] - before
    assert written == 500 * accepted  # a refused call writes nothing
    assert written <= PER_MINUTE + elapsed * PER_MINUTE / 60


def test_the_quota_comes_back_as_the_minute_passes():
    now = [0.0]
    quota = Quota(600, clock=lambda: now[0])
    assert quota.take("cua-1", 600) and not quota.take("cua-1", 1)
    assert quota.take("cua-2", 600)  # another door is not held back
    now[0] = 30.0  # half a minute: half the quota again
    assert quota.take("cua-1", 300) and not quota.take("cua-1", 1)
