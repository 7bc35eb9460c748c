"""The check-in decision: every outcome, sessions, undo, idempotency, concurrency."""

import sqlite3
import threading
from datetime import timedelta

import pytest

from badges import codes
from badges import db as store
from kiosk import db as kiosk_db
from kiosk.core import chain, decision

from helpers import badge_payload, confirmed, tamper


def log(db, **where):
    clause = " AND ".join(f"{k} = ?" for k in where) or "1"
    return list(db.query(f"SELECT * FROM checkins WHERE {clause} ORDER BY seq",
                         list(where.values())))


def test_first_scan_is_ok_second_is_duplicate_with_when_and_where(kdb):
    text = badge_payload(kdb, "CN010")
    first = decision.check_in(kdb, text, "tru-bi", "lane-1")
    again = decision.check_in(kdb, text, "tru-bi", "lane-2")
    assert first.result == "ok" and first.delegate["code"] == "CN010"
    assert again.result == "duplicate"
    assert again.first == {"at": first.at, "station": "lane-1"}
    assert [r["result"] for r in log(kdb)] == ["ok", "duplicate"]
    assert kiosk_db.count_present(kdb, "tru-bi") == 1


def test_attendance_is_per_session(kdb):
    text = badge_payload(kdb, "CN010")
    assert decision.check_in(kdb, text, "tru-bi", "lane-1").result == "ok"
    assert decision.check_in(kdb, text, "chinh-thuc", "lane-1").result == "ok"


def test_guest_at_the_preparatory_session_is_wrong_session(kdb):
    text = badge_payload(kdb, "KM001")
    assert decision.check_in(kdb, text, "tru-bi", "lane-1").result == "wrong_session"
    assert decision.check_in(kdb, text, "chinh-thuc", "lane-1").result == "ok"


def test_refused_scans_are_logged_with_what_was_read(kdb):
    good = badge_payload(kdb, "CN011")
    forged = tamper(good, 3)
    cases = {"unknown": "ZZ999", "malformed": "http://example.org/x", "forged": forged}
    for expected, text in cases.items():
        assert decision.check_in(kdb, text, "tru-bi", "lane-1").result == expected
    rows = log(kdb)
    assert [r["result"] for r in rows] == list(cases)
    assert rows[2]["scanned"] == forged and rows[2]["delegate_id"] is None
    assert kiosk_db.count_present(kdb, "tru-bi") == 0


def test_revoked_badge_is_refused_and_the_reprint_works(kdb):
    old = badge_payload(kdb, "CN012")
    new = codes.revoke(kdb, "CN012")
    assert decision.check_in(kdb, old, "tru-bi", "lane-1").result == "revoked"
    assert decision.check_in(kdb, new, "tru-bi", "lane-1").result == "ok"


def test_a_bare_code_names_the_delegate_and_checks_in_only_when_confirmed(kdb):
    """A delegate code without its secret (typed, or a QR code anyone could print) is not
    an ok by itself: it brings up the delegate, and the confirmation records the check-in."""
    asked = decision.check_in(kdb, "cn013", "tru-bi", "lane-1", method="scan")
    assert asked.result == "confirm" and asked.delegate["code"] == "CN013"
    assert kdb.execute("SELECT COUNT(*) FROM presence").fetchone()[0] == 0
    result = decision.check_in(kdb, "cn013", "tru-bi", "lane-1", confirmed=True)
    assert result.result == "ok"
    assert [(r["method"], r["result"]) for r in log(kdb)] == [("typed", "confirm"),
                                                             ("typed", "ok")]


def test_unknown_session_is_an_error_not_an_outcome(kdb):
    with pytest.raises(decision.CheckinError) as err:
        decision.check_in(kdb, "CN013", "phien-ma", "lane-1")
    assert err.value.reason == "unknown_session"
    assert log(kdb) == []


def test_same_id_twice_writes_once_and_answers_the_same(kdb):
    text = badge_payload(kdb, "CN014")
    first = decision.check_in(kdb, text, "tru-bi", "lane-1", checkin_id="retry-0001")
    second = decision.check_in(kdb, text, "tru-bi", "lane-1", checkin_id="retry-0001")
    assert (first.result, second.result) == ("ok", "ok")
    assert second.replayed and second.at == first.at
    assert len(log(kdb)) == 1


def test_undo_is_a_new_event_and_allows_a_new_check_in(kdb):
    text = badge_payload(kdb, "CN015")
    first = decision.check_in(kdb, text, "tru-bi", "lane-1")
    undone = decision.undo(kdb, first.id, "btc")
    assert undone.result == "undone" and kiosk_db.count_present(kdb, "tru-bi") == 0
    assert decision.check_in(kdb, text, "tru-bi", "lane-1").result == "ok"
    assert [r["kind"] for r in log(kdb)] == ["scan", "undo", "scan"]
    assert log(kdb, kind="undo")[0]["undoes"] == first.id
    with pytest.raises(decision.CheckinError, match="đã được hủy"):
        decision.undo(kdb, first.id, "btc")
    with pytest.raises(decision.CheckinError) as err:
        decision.undo(kdb, "no-such-checkin", "btc")
    assert err.value.reason == "not_found"


def test_the_log_is_append_only(kdb):
    decision.check_in(kdb, "CN016", "tru-bi", "lane-1", confirmed=True)
    for sql in ("UPDATE checkins SET result = 'ok'", "DELETE FROM checkins"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            kdb.execute(sql)
    assert len(log(kdb)) == 1


def test_a_second_live_ok_cannot_enter_the_log_whatever_the_code_does(kdb):
    decision.check_in(kdb, "CN017", "tru-bi", "lane-1", confirmed=True)
    row = dict(log(kdb)[0], id="forced-second")
    with pytest.raises(sqlite3.IntegrityError):
        chain.append_checkins(kdb, [row])
    assert len(log(kdb)) == 1
    assert kdb.execute("SELECT COUNT(*) FROM presence").fetchone()[0] == 1


def run_threads(count, target):
    barrier = threading.Barrier(count)
    errors = []

    def wrapped(i):
        try:
            barrier.wait()
            target(i)
        except Exception as exc:  # surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=wrapped, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_twenty_threads_scanning_one_badge_give_exactly_one_ok(event_path, kdb):
    text = badge_payload(kdb, "CN020")
    results = []

    def scan(i):
        db = kiosk_db.connect(event_path)
        results.append(decision.check_in(db, text, "tru-bi", f"lane-{i}").result)
        db.close()

    run_threads(20, scan)
    assert sorted(results) == ["duplicate"] * 19 + ["ok"]
    assert kiosk_db.count_present(kdb, "tru-bi") == 1
    assert len(log(kdb)) == 20


def test_eight_threads_check_in_500_delegates(event_path, kdb):
    delegates = store.list_delegates(kdb)
    payloads = [badge_payload(kdb, d["code"]) for d in delegates]
    results = []

    def worker(i):
        db = kiosk_db.connect(event_path)
        for text in payloads[i::8]:
            results.append(decision.check_in(db, text, "chinh-thuc", f"lane-{i}").result)
        db.close()

    run_threads(8, worker)
    assert results.count("ok") == 500 and len(results) == 500
    assert len(log(kdb, result="ok")) == 500
    assert kiosk_db.count_present(kdb, "chinh-thuc") == 500


def test_the_batchers_ledger_writes_a_batch_in_order_and_replays_within_it(kdb):
    """The hub's ledger holds a batch's rows until flush(): seqs must match the log, an
    id seen earlier in the same batch must replay, and presence must hold in between."""
    from kiosk.core.snapshot import Snapshot

    snapshot = Snapshot()
    session = kiosk_db.session(kdb, "tru-bi")
    with kiosk_db.immediate(kdb):
        snapshot.refresh(kdb)
        ledger = snapshot.ledger(kdb)

        def decide(code, station="lane-1", checkin_id=None):
            attempt = decision.Attempt(code, "tru-bi", station, "scan", checkin_id,
                                       confirmed=True)
            return decision.decide_within(kdb, attempt, session, ledger)

        first = decide("CN060", checkin_id="same-id-0001")
        again = decide("CN060", checkin_id="same-id-0001")
        other = decide("CN060", station="lane-2")
        garbage = decide("ZZ999")
        ledger.flush()
    assert first.result == "ok" and again.replayed and again.result == "ok"
    assert other.result == "duplicate" and other.first["station"] == "lane-1"
    assert garbage.result == "unknown"
    assert [(row["seq"], row["id"]) for row in log(kdb)] == [
        (first.seq, first.id), (other.seq, other.id), (garbage.seq, garbage.id)]
    assert kdb.execute("SELECT COUNT(*) FROM presence").fetchone()[0] == 1


def test_new_ids_are_unique_well_formed_and_ordered_by_time():
    import time

    from kiosk.core import ids
    from kiosk.web import checks

    made = [ids.new_id() for _ in range(2000)]
    assert len(set(made)) == len(made)
    assert all(checks.ID_RE.match(i) and i[12] == "7" for i in made)
    time.sleep(0.002)
    later = ids.new_id()
    assert all(i[:12] < later[:12] for i in made)


def test_an_undo_and_a_new_check_in_in_one_batch_keep_one_live_presence(kdb):
    from kiosk.core.snapshot import Snapshot

    snapshot = Snapshot()
    session = kiosk_db.session(kdb, "tru-bi")
    first = decision.check_in(kdb, "CN061", "tru-bi", "lane-1", confirmed=True)  # earlier
    with kiosk_db.immediate(kdb):
        snapshot.refresh(kdb)
        ledger = snapshot.ledger(kdb)
        undone = decision.undo_within(kdb, first.id, "btc", ledger=ledger)
        again = decision.decide_within(
            kdb, decision.Attempt("CN061", "tru-bi", "lane-2", confirmed=True), session, ledger)
        ledger.flush()
    assert undone.result == "undone" and again.result == "ok"
    live = kdb.execute("""SELECT checkin_id FROM presence WHERE undone_at IS NULL""").fetchall()
    assert live == [(again.id,)]
    assert snapshot.counts(kdb, session)["present"] == 1


def test_a_batch_that_cannot_be_written_acknowledges_nothing_and_leaves_no_ghost(event_path,
                                                                                  kdb):
    """If the batch's rows cannot be written, every attempt in it gets the error, the log
    holds none of them, and the batcher's memory does not keep the refused 'ok'."""
    from kiosk.core.batcher import Batcher

    batcher = Batcher(event_path)
    assert batcher.check_in(confirmed("CN084", "tru-bi", "lane-9"))[0].result == "ok"
    kdb.execute("""CREATE TRIGGER broken_lane BEFORE INSERT ON checkins
                   WHEN NEW.station = 'lane-broken'
                   BEGIN SELECT RAISE(ABORT, 'the disk said no'); END""")
    with pytest.raises(sqlite3.IntegrityError, match="the disk said no"):
        batcher.check_in(confirmed("CN085", "tru-bi", "lane-broken"))
    assert len(log(kdb)) == 1
    outcome, counts = batcher.check_in(confirmed("CN085", "tru-bi", "lane-9"))
    assert outcome.result == "ok" and counts["present"] == 2  # not 'duplicate' of a ghost


@pytest.mark.parametrize("text", ["HELLO WORLD", "x7f3k9q2", "vnexpress-net-thoi-su",
                                  "0123456789", "WIFI:S:hoi-truong;P:12345678;;"])
def test_garbage_is_unreadable_not_a_person_for_the_help_desk(kdb, text):
    """Only a well-formed code (the shape of the codes on the list) that is not on it
    sends the person to the help desk; a word, a URL or noise is 'scan again'."""
    assert decision.check_in(kdb, text, "tru-bi", "lane-1").result == "malformed"
    assert decision.check_in(kdb, "ZZ999", "tru-bi", "lane-1").result == "unknown"


def _move(db, session_id, starts, hours=3):
    db.execute("UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = ?",
               [starts.isoformat(), (starts + timedelta(hours=hours)).isoformat(), session_id])
    db.conn.commit()


def test_a_scan_outside_the_sessions_window_is_said_for_what_it_is_and_not_counted(organiser,
                                                                                  kdb):
    """One rule: check-in opens two hours before a session starts and ends with it;
    outside, the hub answers not_open or closed (amber, with the window) and counts no one;
    the stream announces the same window in the same words."""
    from kiosk.core import clock, programme

    now = clock.utcnow()
    _move(kdb, "tru-bi", now + timedelta(days=13))
    _move(kdb, "chinh-thuc", now - timedelta(days=2))
    body = {"code": badge_payload(kdb, "CN010"), "session": "tru-bi"}
    early = organiser.post("/api/checkins", json=body,
                           headers={"X-CSRFToken": organiser.csrf}).get_json()
    assert early["result"] == "not_open" and early["color"] == "amber"
    opens = (now + timedelta(days=13) - clock.EARLY).astimezone(clock.HANOI)
    assert early["next"] == (f"Phiên trù bị mở điểm danh từ {opens:%H:%M} ngày "
                             f"{opens:%d/%m/%Y}: lượt này chưa được ghi có mặt.")
    late = organiser.post("/api/checkins", json=dict(body, session="chinh-thuc"),
                          headers={"X-CSRFToken": organiser.csrf}).get_json()
    assert late["result"] == "closed" and late["label"] == "Phiên đã kết thúc"
    assert kiosk_db.count_present(kdb, "tru-bi") == kiosk_db.count_present(kdb, "chinh-thuc") == 0
    said = programme.announcement(kdb)
    assert said["session"] == "tru-bi" and not said["open"] and said["window"] == "early"
    assert said["opens"] in early["next"]


def test_a_session_in_its_window_counts_and_the_stream_says_open(kdb):
    from kiosk.core import clock, programme

    _move(kdb, "tru-bi", clock.utcnow() + timedelta(hours=1, minutes=50))  # window open
    assert decision.check_in(kdb, badge_payload(kdb, "CN010"), "tru-bi", "lane-1").result == "ok"
    assert programme.announcement(kdb)["open"] is True


def test_the_count_of_bare_codes_waiting_counts_only_those_still_waiting(kdb):
    """A bare code waits on its kiosk until the volunteer says yes (an 'ok' follows) or
    no (the next person's scan follows); only the last answer of a door still waits."""
    def bare(code, station, **kw):
        return decision.check_in(kdb, code, "tru-bi", station, method="typed", **kw).result

    assert bare("CN010", "lane-1") == "confirm"
    assert bare("CN010", "lane-1", confirmed=True) == "ok"  # yes
    assert bare("CN011", "lane-1") == "confirm"  # no: then the next person
    assert decision.check_in(kdb, badge_payload(kdb, "CN012"), "tru-bi", "lane-1").result == "ok"
    assert bare("CN013", "lane-2") == "confirm"  # still on lane-2's screen
    assert kiosk_db.refused_counts(kdb, "tru-bi") == {"confirm": 1}


def test_the_batcher_reloads_only_what_another_connection_changed(event_path, kdb):
    """A desk edit reloaded the batcher's whole copy (every id of the log, who is present):
    with an 11,000-row log, five edits a second raised check-in p99 from 11 to 118 ms.
    Now each part is reloaded only when another connection touched it."""
    from kiosk.core.snapshot import Snapshot

    hub = kiosk_db.connect(event_path)
    snapshot = Snapshot()
    with store.immediate(hub):
        snapshot.refresh(hub)
        ledger = snapshot.ledger(hub)
        ledger.live_presence(1, "tru-bi")  # who is present: loaded
        ids, present, badges = ledger._ids, ledger._present, ledger._badges
        snapshot.settled(hub)
    kdb.execute("UPDATE delegates SET title = 'Trưởng ban mới' WHERE code = 'CN010'")
    kdb.conn.commit()  # the desk, on its own connection
    with store.immediate(hub):
        snapshot.refresh(hub)
        assert snapshot.ledger(hub) is ledger and ledger._ids is ids
        assert ledger._present is present and ledger._badges is badges
        assert ledger.delegate_by_code("CN010")["title"] == "Trưởng ban mới"
        snapshot.settled(hub)
    other = decision.check_in(kdb, badge_payload(kdb, "CN011"), "tru-bi", "cli")  # the CLI
    codes.revoke(kdb, "CN012")
    with store.immediate(hub):
        snapshot.refresh(hub)
        assert other.id in ledger._ids and ledger.live_presence(
            store.delegate_by_code(kdb, "CN011")["id"], "tru-bi") is not None
        assert ledger._badges is not badges  # the reprint is known
    hub.close()
