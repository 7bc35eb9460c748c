"""The hub laptop dies: a spare starts on the same address from the last backup, and the
doors give back every check-in they acknowledged since (issue 18). Real hubs in their own
processes, killed with SIGKILL; a real entrance station's database and sync rounds."""

import os
import shutil
import signal
import sqlite3
import threading
import time

import pytest

from kiosk import accounts, create_app, station
from kiosk import db as store
from kiosk.web.server import free_port

from helpers import badge_payload
from processes import Restartable


def present_once(path, codes) -> dict:
    """code -> how many live 'ok' rows the hub at `path` holds for it (chinh-thuc)."""
    hub = sqlite3.connect(path)
    try:
        counted = dict(hub.execute("""SELECT d.code, COUNT(*) FROM presence p
            JOIN delegates d ON d.id = p.delegate_id
            WHERE p.session_id = 'chinh-thuc' AND p.undone_at IS NULL GROUP BY d.code"""))
    finally:
        hub.close()
    return {code: counted.get(code, 0) for code in codes}


def newest(folder):
    copies = sorted(folder.glob("event-*.db"))
    return copies[-1] if copies else None


@pytest.mark.server
def test_a_spare_from_the_last_rolling_backup_gets_back_every_check_in_a_door_acknowledged(
        event_path, kdb, tmp_path):
    """The hub keeps rolling backups on a 'USB stick' (every 8 s here); a door checks in 15,
    a backup is made, the door checks in 15 more; the hub is killed; a spare starts on the
    same address from the newest backup (15) and the door gives back the other 15."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    upstream = station.Upstream(base, accounts.issue_station_token(kdb, "cua-phu"))
    codes = [r[0] for r in kdb.execute("SELECT code FROM delegates ORDER BY id LIMIT 30")]
    payloads = {code: badge_payload(kdb, code) for code in codes}
    usb = tmp_path / "usb"
    hub = Restartable("hub", ["serve", "--db", str(event_path), "--port", str(port),
                              "--backup-dir", str(usb), "--backup-every", "8"], base)
    hub.start()
    spare = None
    try:
        door_db = store.connect(tmp_path / "station.db")
        _, local = station.prepare(door_db, upstream)
        door = create_app({"DATABASE": str(tmp_path / "station.db"),
                           "UPSTREAM": base}).test_client()
        door.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {local}"

        def scan(code):
            answer = door.post("/api/checkins", json={"code": payloads[code],
                                                      "session": "chinh-thuc"}).get_json()
            assert answer["result"] == "ok", answer

        for code in codes[:15]:
            scan(code)
        station.sync_once(door_db, upstream)
        before = newest(usb)
        deadline = time.monotonic() + 20
        while newest(usb) == before and time.monotonic() < deadline:
            time.sleep(0.1)  # the next rolling copy, made after the first 15
        backup = newest(usb)
        assert backup != before and sum(present_once(backup, codes).values()) == 15
        for code in codes[15:]:
            scan(code)
        station.sync_once(door_db, upstream)
        assert set(present_once(event_path, codes).values()) == {1}  # the hub had all 30

        os.kill(hub.proc.pid, signal.SIGKILL)  # the laptop falls
        hub.proc.wait()
        spare_db = tmp_path / "spare" / "event.db"
        spare_db.parent.mkdir()
        shutil.copy(backup, spare_db)
        shutil.copytree(event_path.with_suffix(".keys"), spare_db.with_suffix(".keys"))
        assert sum(present_once(spare_db, codes).values()) == 15  # the backup's 15
        spare = Restartable("spare", ["serve", "--db", str(spare_db), "--port", str(port)],
                            base)
        spare.start()
        for _ in range(3):  # the door's next rounds: it notices, then sends them again
            station.sync_once(door_db, upstream)
        assert present_once(spare_db, codes) == {code: 1 for code in codes}  # none twice
        assert store.outbox(door_db) == []
        # and the door's count agrees with the spare's
        stats = door.get("/api/stats?session=chinh-thuc").get_json()
        assert stats["present"] == 30
    finally:
        if spare:
            spare.stop()
        hub.stop()


def test_rolling_backups_are_checked_and_only_the_newest_kept(event_path, kdb, tmp_path):
    from kiosk.core import backups

    stop, said = threading.Event(), []

    def report(line):
        said.append(line)
        if len(said) == 3:
            stop.set()

    backups.rolling(event_path, tmp_path / "usb", 0.05, 2, stop, report)
    kept = sorted((tmp_path / "usb").glob("event-*.db"))
    assert len(kept) <= 2 and all("chuỗi nguyên vẹn" in line for line in said), said
    assert sum(present_once(kept[-1], ["CN001"]).values()) == 0  # a whole database


def test_a_backup_finishes_while_the_hub_writes_all_the_time(event_path, kdb, tmp_path):
    """A copy in steps restarts whenever another connection writes; one made from a single
    read snapshot finishes while a writer commits every millisecond or two."""
    from kiosk.core import backups

    writing, writes = threading.Event(), [0]

    def writer():
        db = sqlite3.connect(event_path)
        while not writing.is_set():
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('busy', ?)",
                       [str(writes[0])])
            db.commit()
            writes[0] += 1
        db.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while writes[0] < 20:  # the writer is well under way first
            time.sleep(0.001)
        started = time.monotonic()
        made = backups.take(event_path, tmp_path / "usb")
        took = time.monotonic() - started
        assert thread.is_alive()  # it wrote all along
    finally:
        writing.set()
        thread.join()
    assert made["delegates"] == 500 and took < 20
