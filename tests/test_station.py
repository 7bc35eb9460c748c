"""An entrance station against a real hub (`kiosk serve` on 127.0.0.1): the replica, check-ins
while the hub is out of reach, sync once and only once, and two doors admitting one person."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from click.testing import CliRunner

from kiosk import accounts, station
from kiosk import db as store
from kiosk.app import create_app
from kiosk.core import clock

from helpers import badge_payload, post_checkin, tamper


@pytest.fixture
def door(live_server, kdb, tmp_path):
    """Station 'cua-phu' with its replica pulled, and a client for its own kiosk API."""
    upstream = station.Upstream(live_server, accounts.issue_station_token(kdb, "cua-phu"))
    db = store.connect(tmp_path / "station.db")
    name, local_token = station.prepare(db, upstream)
    app = create_app({"DATABASE": str(tmp_path / "station.db"), "UPSTREAM": live_server})
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {local_token}"
    client.name, client.db, client.upstream = name, db, upstream
    client.db_path = tmp_path / "station.db"
    return client


def scan(client, code, session="chinh-thuc"):
    return client.post("/api/checkins", json={"code": code, "session": session,
                                              "confirm": True}).get_json()


def hub_log(kdb, station_name=None):
    where = "WHERE station = ?" if station_name else ""
    return [dict(r) for r in kdb.query(f"SELECT * FROM checkins {where} ORDER BY seq",
                                       [station_name] if station_name else [])]


def test_a_station_holds_what_it_needs_to_verify_and_nothing_more(door, kdb):
    assert door.name == "cua-phu"
    local = door.db
    assert local.execute("SELECT COUNT(*) FROM delegates").fetchone()[0] == 500
    assert local.execute("SELECT COUNT(*) FROM delegates WHERE phone IS NOT NULL "
                         "OR email IS NOT NULL").fetchone()[0] == 0
    assert local.execute("SELECT COUNT(*) FROM secrets WHERE name = 'badge_key'"
                         ).fetchone()[0] == 0
    payload = badge_payload(kdb, "CN070")
    assert scan(door, tamper(payload, 3))["result"] == "forged"
    ok = scan(door, payload)
    assert ok["result"] == "ok" and ok["delegate"]["code"] == "CN070"
    assert "phone" not in ok["delegate"]


def test_check_ins_made_while_the_hub_is_away_reach_it_once(door, kdb):
    away = station.Upstream("http://127.0.0.1:9", door.upstream.token, timeout=1)
    first = scan(door, badge_payload(kdb, "CN071"))
    second = scan(door, "CN072")  # typed at the desk
    assert first["result"] == second["result"] == "ok"
    with pytest.raises(station.Offline):
        station.sync_once(door.db, away)
    assert len(store.outbox(door.db)) == 2 and hub_log(kdb) == []
    assert station.sync_once(door.db, door.upstream) == {"sent": 2, "waiting": 0}
    rows = hub_log(kdb, "cua-phu")
    assert [r["id"] for r in rows] == [first["id"], second["id"]]
    assert rows[0]["at"] == first["at"] and [r["result"] for r in rows] == ["ok", "ok"]
    assert station.sync_once(door.db, door.upstream)["sent"] == 0
    assert store.hub_result_of(door.db, first["id"]) == "ok"
    assert len(hub_log(kdb)) == 2


def test_an_answer_lost_on_the_way_back_is_sent_again_and_changes_nothing(door, kdb):
    """The hub decided the batch but the station never heard: the outbox still holds it,
    the next round sends it again, and the hub answers from its log."""
    scan(door, "CN073")
    items = [{"id": r["id"], "code": r["code"], "session": r["session_id"],
              "method": r["method"], "at": r["at"]} for r in store.outbox(door.db)]
    door.upstream.sync(items)  # reached the hub; the answer is lost
    assert len(hub_log(kdb)) == 1 and len(store.outbox(door.db)) == 1
    assert station.sync_once(door.db, door.upstream)["sent"] == 1
    assert len(hub_log(kdb)) == 1 and store.outbox(door.db) == []


def test_one_person_let_in_at_two_doors_while_apart_counts_once(door, kdb, live_server):
    main_door = accounts.issue_station_token(kdb, "cua-chinh")
    assert post_checkin(live_server, main_door, "CN074")["result"] == "ok"
    offline_ok = scan(door, "CN074")  # the side door has not heard yet
    assert offline_ok["result"] == "ok"
    station.sync_once(door.db, door.upstream)
    assert store.hub_result_of(door.db, offline_ok["id"]) == "duplicate"
    delegate = kdb.execute("SELECT id FROM delegates WHERE code = 'CN074'").fetchone()[0]
    assert [r["result"] for r in hub_log(kdb) if r["delegate_id"] == delegate] == \
        ["ok", "duplicate"]
    # once it has pulled, the side door knows who came in at the main door
    post_checkin(live_server, main_door, "CN076")
    station.sync_once(door.db, door.upstream)
    known = scan(door, "CN076")
    assert known["result"] == "duplicate" and known["first"]["station"] == "cua-chinh"


def test_a_revoked_station_keeps_its_outbox_until_it_has_a_new_token(door, kdb):
    scan(door, "CN077")
    accounts.revoke_station(kdb, "cua-phu")
    with pytest.raises(station.Refused, match="401"):
        station.sync_once(door.db, door.upstream)
    assert len(store.outbox(door.db)) == 1 and hub_log(kdb) == []
    renewed = station.Upstream(door.upstream.url, accounts.issue_station_token(kdb, "cua-phu"))
    assert station.sync_once(door.db, renewed)["sent"] == 1
    assert [r["station"] for r in hub_log(kdb)] == ["cua-phu"]


def test_the_sync_endpoint_checks_every_item(live_server, kdb):
    upstream = station.Upstream(live_server, accounts.issue_station_token(kdb, "cua-thu"))
    earlier = (datetime.now(UTC) - timedelta(minutes=50)).replace(microsecond=0)
    at = earlier.astimezone(timezone(timedelta(hours=7))).isoformat()
    answers = upstream.sync([
        {"id": "short", "code": "CN078", "session": "chinh-thuc", "at": at},
        {"id": "no-time-0001", "code": "CN078", "session": "chinh-thuc", "at": "8 giờ"},
        {"id": "no-session-01", "code": "CN078", "session": "be-mac", "at": at},
        {"id": "good-one-0001", "code": "CN078", "session": "chinh-thuc", "at": at,
         "confirmed": True},
    ])
    assert [a.get("error") for a in answers] == ["bad_item", "bad_item", "unknown_session", None]
    assert answers[3]["result"] == "ok"
    assert hub_log(kdb)[0]["at"] == clock.iso(earlier)  # the station's time, UTC
    with pytest.raises(station.Refused, match="400"):
        upstream.call("POST", "/api/sync", {"checkins": "CN078"})


def test_a_first_start_without_the_hub_says_so(tmp_path):
    from kiosk.cli import main

    result = CliRunner().invoke(main, ["station", "--upstream", "http://127.0.0.1:9",
                                       "--token", "x", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and "Lần chạy đầu cần kết nối hub" in result.output


def test_an_item_the_hub_can_never_decide_leaves_the_outbox_with_the_reason(door, kdb):
    """A session removed at the hub: the check-in is not sent again every round forever."""
    scan(door, "CN079", session="tru-bi")
    door.db.execute("UPDATE outbox SET session_id = 'phien-da-xoa'")
    door.db.conn.commit()
    assert station.sync_once(door.db, door.upstream) == {"sent": 1, "waiting": 0}
    checkin_id = door.db.execute("SELECT id FROM synced").fetchone()[0]
    assert store.hub_result_of(door.db, checkin_id) == "refused:unknown_session"
    assert hub_log(kdb) == []


def test_the_link_endpoint_answers_on_a_station_and_not_on_the_hub(door, station):
    assert door.get("/api/link").get_json() == {"online": None, "waiting": 0,
                                                "last_contact": None}
    hub_answer = station.get("/api/link")
    assert hub_answer.status_code == 404
    assert hub_answer.get_json()["error"]["reason"] == "not_a_station"


def test_an_undo_at_the_hub_reaches_the_door(door, kdb):
    from kiosk.core import decision

    first = scan(door, "CN080")
    station.sync_once(door.db, door.upstream)
    assert door.get("/api/stats?session=chinh-thuc").get_json()["present"] == 1
    decision.undo(kdb, first["id"], "btc")  # the organisers: a mistaken check-in
    station.sync_once(door.db, door.upstream)
    again = scan(door, "CN080")
    assert again["result"] == "ok" and again["stats"]["present"] == 1


def test_a_round_cut_off_after_the_push_records_nothing_and_is_redone(door, kdb, monkeypatch):
    made = scan(door, "CN081")

    def network_drops():
        raise station.Offline("the venue network dropped")

    monkeypatch.setattr(door.upstream, "replica", network_drops)
    with pytest.raises(station.Offline):
        station.sync_once(door.db, door.upstream)
    assert [r["id"] for r in hub_log(kdb)] == [made["id"]]  # the hub has it...
    assert [r["id"] for r in store.outbox(door.db)] == [made["id"]]  # ...the door resends
    assert scan(door, "CN081")["result"] == "duplicate"  # still in, here too
    monkeypatch.undo()
    assert station.sync_once(door.db, door.upstream) == {"sent": 2, "waiting": 0}
    assert [r["result"] for r in hub_log(kdb)] == ["ok", "duplicate"]  # resent: not twice
    assert store.hub_result_of(door.db, made["id"]) == "ok"


def test_the_sync_thread_survives_an_answer_it_cannot_use(door, monkeypatch):
    """Whatever a round meets, the thread goes on and the kiosk hears the hub is not OK."""
    import threading

    messages, stop = [], threading.Event()
    link = station.Link()
    scan(door, "CN082")
    monkeypatch.setattr(door.upstream, "replica", lambda: {"not": "a replica"})

    def report(message):
        messages.append(message)
        if len(messages) == 2:
            stop.set()

    station.keep_in_sync(door.db_path, door.upstream, stop, every=0.01, report=report,
                         link=link)
    assert all("Lỗi đồng bộ" in m for m in messages)
    assert link.online is False and link.waiting == 1


def test_the_roster_travels_only_when_it_changed_and_a_reprint_reaches_the_door(door, kdb):
    from badges import codes

    unchanged = door.upstream.replica()  # what the next round would receive
    assert "delegates" not in unchanged and "presence" in unchanged
    assert unchanged["version"] == door.upstream.have
    old = badge_payload(kdb, "CN083")
    new = codes.revoke(kdb, "CN083")  # a reprint at the hub
    changed = door.upstream.replica()
    assert changed["version"] != door.upstream.have and len(changed["delegates"]) == 500
    station.sync_once(door.db, door.upstream)
    assert scan(door, old)["result"] == "revoked"
    assert scan(door, new)["result"] == "ok"


class SkewedUpstream(station.Upstream):
    """A station whose laptop clock is `skew` off the hub's."""

    skew = timedelta(0)

    def headers(self) -> dict:
        return {**super().headers(), "X-Station-Time": clock.iso(clock.utcnow() + self.skew)}


def hanoi(moment) -> str:
    return moment.astimezone(timezone(timedelta(hours=7))).isoformat()


def test_a_station_an_hour_slow_checks_people_into_the_session_in_progress(live_server, kdb):
    """The hub corrects a station's times by its measured clock offset, decides the session
    by its own schedule, keeps the station's time beside its own, and flags the door."""
    from badges import db as badges_db
    from badges.schedule import HANOI

    now = datetime.now(HANOI).replace(second=0, microsecond=0)
    for ses_id, starts, ends in (("tru-bi", now - timedelta(hours=5), now - timedelta(minutes=45)),
                                 ("chinh-thuc", now + timedelta(minutes=90),
                                  now + timedelta(hours=6))):
        row = next(s for s in badges_db.list_sessions(kdb) if s["id"] == ses_id)
        badges_db.save_session(kdb, dict(row, starts_at=starts.isoformat(),
                                          ends_at=ends.isoformat()))
    upstream = SkewedUpstream(live_server, accounts.issue_station_token(kdb, "cua-cham"))
    upstream.skew = -timedelta(hours=1)
    slow_now = hanoi(clock.utcnow() - timedelta(hours=1))  # what its kiosk believes
    answer = upstream.sync([{"id": "slow-clock-01", "code": "CN079", "session": "tru-bi",
                             "at": slow_now, "confirmed": True}])[0]
    assert answer["result"] == "ok"
    row = kdb.execute("SELECT session_id, at, station_at FROM checkins "
                      "WHERE id = 'slow-clock-01'").fetchone()
    assert row[0] == "chinh-thuc" and row[2] == slow_now
    assert abs((clock.parse(row[1]) - clock.utcnow()).total_seconds()) < 30
    # one dated 2020 and one dated year 1 are kept at the hub's time, flagged the same way
    answers = upstream.sync([
        {"id": "old-date-0001", "code": "CN080", "session": "tru-bi",
         "at": "2020-01-01T08:00:00+07:00", "confirmed": True},
        {"id": "year-one-001", "code": "CN081", "session": "tru-bi",
         "at": "0001-01-01T00:00:00+07:00", "confirmed": True}])
    assert [a["result"] for a in answers] == ["ok", "ok"]
    stamps = kdb.execute("SELECT at, station_at FROM checkins WHERE id IN "
                         "('old-date-0001', 'year-one-001')").fetchall()
    assert all(at[:4] == str(now.year) and sent for at, sent in stamps)
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    door_row = next(d for d in _doors(live_server) if d["station"] == "cua-cham")
    assert door_row["clock_off"] and -3700 < door_row["clock_offset"] < -3500


def _doors(base) -> list:
    """/api/doors as an organiser sees it, through the real login form."""
    import http.cookiejar
    import json
    import re
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "btc", "password": "mat-khau-thu",
                                   "csrf_token": token}).encode()
    opener.open(f"{base}/login", data=data)
    return json.loads(opener.open(f"{base}/api/doors").read())["doors"]


def test_a_station_follows_the_rehearsal_and_its_check_ins_stay_apart(door, kdb):
    now = datetime.now(UTC)
    with store.immediate(kdb):  # the preparatory session open now by the schedule...
        tru_bi = {s["id"]: s for s in store.list_sessions(kdb)}["tru-bi"]
        store.save_session(kdb, dict(tru_bi, starts_at=(now - timedelta(hours=1)).isoformat(),
                                     ends_at=(now + timedelta(hours=2)).isoformat()))
        store.set_rehearsal(kdb, True)  # ...and the volunteers rehearsing all the same
    station.sync_once(door.db, door.upstream)  # the next round brings the rehearsal
    assert door.get("/api/stats").get_json()["session"] == store.REHEARSAL
    practised = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN080")}
                          ).get_json()
    assert practised["result"] == "ok" and practised["stats"]["session"] == store.REHEARSAL
    station.sync_once(door.db, door.upstream)
    rows = hub_log(kdb, "cua-phu")
    assert [r["session_id"] for r in rows] == [store.REHEARSAL]  # not the schedule's session
    assert store.count_present(kdb, "tru-bi") == store.count_present(kdb, "chinh-thuc") == 0
    # the rehearsal ends at the hub before this station has heard: its last practice
    # check-in is refused there, not recorded anywhere real, and leaves the outbox
    with store.immediate(kdb):
        store.set_rehearsal(kdb, False)
    late = door.post("/api/checkins", json={"code": badge_payload(kdb, "CN081"),
                                            "session": store.REHEARSAL}).get_json()
    assert late["result"] == "ok"  # as far as the station knew
    assert station.sync_once(door.db, door.upstream)["waiting"] == 0
    assert store.hub_result_of(door.db, late["id"]) == "refused:rehearsal_over"
    assert len(hub_log(kdb, "cua-phu")) == 1
    assert door.get("/api/stats").get_json()["session"] != store.REHEARSAL


def test_a_door_with_a_slow_clock_decides_by_the_hubs_time(door, kdb, monkeypatch):
    """A door an hour slow turned a guest away (its clock said the session's check-in had
    not opened) while the hub would count them. The door now decides by the hub's time
    as measured on each round, and says its own times to the hub in the same time."""
    from datetime import timedelta

    from kiosk.core import clock

    real = clock.system_now
    monkeypatch.setattr(clock, "_offset", timedelta(0))  # restored after the test
    monkeypatch.setattr(clock, "system_now", lambda: real() - timedelta(hours=1))
    starts = clock.utcnow() + timedelta(minutes=90)  # its window opened 30 min ago
    kdb.execute("UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = 'chinh-thuc'",
                [starts.isoformat(), (starts + timedelta(hours=4)).isoformat()])
    kdb.conn.commit()
    station.sync_once(door.db, door.upstream)  # the new schedule, and the hub's time
    assert abs(clock.utcnow() - real()) < timedelta(seconds=5)
    answer = scan(door, "CN090")
    assert answer["result"] == "ok", answer
    station.sync_once(door.db, door.upstream)
    row = kdb.execute("""SELECT c.result, c.at, c.station_at FROM checkins c JOIN delegates d
                         ON d.id = c.delegate_id WHERE d.code = 'CN090'""").fetchone()
    assert row[0] == "ok" and row[2] is None  # the hub kept the door's time as it was
    assert abs(clock.parse(row[1]) - real()) < timedelta(seconds=30)
