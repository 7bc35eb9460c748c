"""A stopped hub leaves one whole file (issue 26): after Ctrl+C or SIGTERM, the event
database alone, copied as people copy it to a USB stick, holds every check-in the hub
acknowledged; and the purge's fresh backup is one file too. A real hub in its own
process, stopped with real signals."""

import shutil
import signal
import sqlite3

import pytest
from click.testing import CliRunner
from test_connection_limits import open_stream

from kiosk import accounts
from kiosk import db as store
from kiosk.cli import main
from kiosk.core import backups
from kiosk.web.server import free_port

from helpers import post_checkin
from processes import Restartable


def present(path, codes) -> int:
    """How many of `codes` the database at `path` counts present (chinh-thuc)."""
    copy = sqlite3.connect(path)
    try:
        found = {row[0] for row in copy.execute("""SELECT d.code FROM presence p
            JOIN delegates d ON d.id = p.delegate_id
            WHERE p.session_id = 'chinh-thuc' AND p.undone_at IS NULL""")}
    finally:
        copy.close()
    return len(found & set(codes))


def leftovers(path) -> dict:
    """The write-ahead log and shared-memory files beside `path`: name -> bytes."""
    return {f.name: f.stat().st_size for f in path.parent.glob(path.name + "-*")}


@pytest.mark.server
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_stopped_hub_leaves_every_acknowledged_check_in_in_the_bare_database_file(
        event_path, tmp_path, sig):
    db = store.connect(event_path)
    token = accounts.issue_station_token(db, "lane-1")
    codes = [r[0] for r in db.execute("SELECT code FROM delegates ORDER BY id LIMIT 100")]
    db.close()  # nobody but the hub holds the file
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    hub = Restartable("hub", ["serve", "--db", str(event_path), "--port", str(port)], base)
    hub.start()
    try:
        acknowledged = [code for code in codes
                        if post_checkin(base, token, code)["result"] == "ok"]
        page, _ = open_stream(base, token)  # a kiosk page left open, as at every door
        hub.proc.send_signal(sig)
        status = hub.proc.wait(timeout=30)
        page.close()
    finally:
        hub.stop()
    said = hub.log.read_text()
    assert len(acknowledged) == 100
    usb = tmp_path / "usb"
    usb.mkdir()
    shutil.copyfile(event_path, usb / "event.db")  # the bare file, nothing beside it
    assert present(usb / "event.db", acknowledged) == 100
    left = leftovers(event_path)
    assert not left or left == {"event.db-wal": 0, "event.db-shm": left.get("event.db-shm")}, left
    assert str(event_path.resolve()) in said, said  # where the file is, said on stopping
    assert "Aborted" not in said and "Traceback" not in said, said
    # Ctrl+C: the shell's 130; SIGTERM: ended by it, as a service manager expects
    assert status == (130 if sig == signal.SIGINT else -signal.SIGTERM), said


def test_the_purges_new_backup_is_one_file_with_nothing_beside_it(event_path, tmp_path):
    folder = tmp_path / "usb"
    store.connect(event_path).close()  # the hub's schema, as after kiosk serve
    backups.take(event_path, folder)  # a rolling backup from before, with personal data
    result = CliRunner().invoke(main, ["purge", "--db", str(event_path), "--backups",
                                       str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    made = backups.copies(folder)
    assert len(made) == 1
    assert sorted(f.name for f in folder.iterdir()) == [made[0].name]  # no -wal, no -shm
