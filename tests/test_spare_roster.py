"""A spare hub from an older backup decides as the doors did (issue 28), counted in people,
not check-in ids: after the last backup the desk lets a walk-in in and reissues a lost
card; the hub dies; the door goes on (it lets the walk-in and the new card in, refuses
the lost one); a spare starts from the backup. It once answered the walk-in `unknown`,
the new card `forged` and the lost card `ok`, and the door then took its older roster.
Real hub processes (killed with SIGKILL), a real station database and sync rounds."""

import os
import shutil
import signal
import sqlite3

import pytest

from kiosk import accounts, create_app, station
from kiosk import db as store
from kiosk.core import backups
from kiosk.services import people
from kiosk.web.server import free_port

from helpers import badge_payload
from processes import Restartable

pytestmark = pytest.mark.server
DESK = ("ban-ho-tro", "desk")


def present(path, session="chinh-thuc") -> dict:
    """code -> the check-in that counts them present, at the hub at `path`."""
    hub = sqlite3.connect(path)
    try:
        return dict(hub.execute(
            """SELECT d.code, p.checkin_id FROM presence p JOIN delegates d
               ON d.id = p.delegate_id WHERE p.session_id = ? AND p.undone_at IS NULL""",
            [session]))
    finally:
        hub.close()


def test_a_spare_from_an_older_backup_counts_the_people_the_door_let_in_and_no_one_else(
        event_path, kdb, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    upstream = station.Upstream(base, accounts.issue_station_token(kdb, "cua-chinh-1"))
    lost, regular = [r["code"] for r in kdb.query(
        "SELECT code FROM delegates WHERE category_id = 'ca-nhan' ORDER BY id LIMIT 2")]
    old_card = badge_payload(kdb, lost)
    hub = Restartable("hub", ["serve", "--db", str(event_path), "--port", str(port)], base)
    hub.start()
    spare = None
    try:
        door_db = store.connect(tmp_path / "station.db")
        _, local = station.prepare(door_db, upstream)
        backup = backups.take(event_path, tmp_path / "usb")["path"]  # before the desk's work
        walk_in = people.add(kdb, {"name": "Trần Thị Mới Đến", "category": "Đại biểu cá nhân",
                                   "unit": "BHXH tỉnh Lào Cai"}, False, DESK)
        people.reissue(kdb, lost, DESK)  # the card was lost: the old one is refused now
        new_card = badge_payload(kdb, lost)
        station.sync_once(door_db, upstream)  # the door learns of both

        os.kill(hub.proc.pid, signal.SIGKILL)  # the hub's laptop falls
        hub.proc.wait()
        door = create_app({"DATABASE": str(tmp_path / "station.db"),
                           "UPSTREAM": base}).test_client()
        door.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {local}"

        def scan(payload):
            return door.post("/api/checkins", json={"code": payload,
                                                    "session": "chinh-thuc"}).get_json()

        let_in = {code: scan(payload) for code, payload in (
            (walk_in["code"], walk_in["payload"]), (lost, new_card),
            (regular, badge_payload(kdb, regular)))}
        assert {answer["result"] for answer in let_in.values()} == {"ok"}
        assert scan(old_card)["result"] == "revoked"  # someone with the lost card

        spare_db = tmp_path / "spare" / "event.db"
        spare_db.parent.mkdir()
        shutil.copy(backup, spare_db)
        shutil.copytree(event_path.with_suffix(".keys"), spare_db.with_suffix(".keys"))
        spare = Restartable("spare", ["serve", "--db", str(spare_db), "--port", str(port)],
                            base)
        spare.start()
        for _ in range(3):
            station.sync_once(door_db, upstream)
        assert store.outbox(door_db) == []
        # three people in, by the check-ins the door let them in with: the walk-in, the
        # holder of the new card (not whoever brought the lost one), the other delegate
        assert present(spare_db) == {code: answer["id"] for code, answer in let_in.items()}
        # and the door kept the roster it had: it still knows the walk-in and the cards
        assert scan(walk_in["payload"])["result"] == "duplicate"
        assert scan(new_card)["result"] == "duplicate"
        assert scan(old_card)["result"] == "revoked"
    finally:
        if spare:
            spare.stop()
        hub.stop()


def test_a_roster_not_sealed_by_the_hub_is_refused(app, station_token, kdb):
    """A stolen door credential cannot make a roster: without the badge key there is no
    seal, and the hub takes nothing."""
    client = app.test_client()
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {station_token}"
    forged = {"mark": 10 ** 6, "version": "x", "seal": "0" * 64,
              "roster": {"delegates": [{"id": 99999, "code": "GIA01", "name": "Người Giả",
                                        "category_id": "khach-moi", "active": 1}]}}
    answer = client.post("/api/sync/roster", json=forged)
    assert answer.status_code == 400
    assert answer.get_json()["error"]["reason"] == "invalid"
    assert kdb.execute("SELECT COUNT(*) FROM delegates WHERE code = 'GIA01'").fetchone()[0] == 0
