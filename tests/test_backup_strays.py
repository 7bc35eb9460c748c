"""Backups hold no stray copies and nobody else can read them (issue 28): a hub killed
during a rolling backup left `event-….db.partial`, a whole copy with every phone number,
that neither the rotation nor `kiosk purge --backups` removed; the database and its
backups, which hold the badge key, were readable by every user of the laptop (0644)."""

import shutil
import stat
import threading

from click.testing import CliRunner

from badges import db as badges_store
from kiosk import db as store
from kiosk.cli import main
from kiosk.core import backups


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def left_by_a_killed_copy(event_path, folder):
    """What a hub killed in the middle of a copy leaves: the whole copy as .partial, and
    a reader's -wal and -shm beside a copy that is gone."""
    folder.mkdir(exist_ok=True)
    partial = folder / "event-20261216-073000.db.partial"
    shutil.copy(event_path, partial)
    (folder / "event-20261216-070000.db-wal").write_bytes(b"x" * 100)
    (folder / "event-20261216-070000.db-shm").write_bytes(b"x" * 100)
    return partial


def test_the_purge_leaves_one_copy_and_nothing_half_made(event_path, tmp_path):
    folder = tmp_path / "usb"
    store.connect(event_path).close()
    backups.take(event_path, folder)
    partial = left_by_a_killed_copy(event_path, folder)
    assert b"09" in partial.read_bytes()  # phone numbers in it (they begin 09…)
    result = CliRunner().invoke(main, ["purge", "--db", str(event_path), "--backups",
                                       str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == [backups.copies(folder)[0].name]


def test_the_rotation_and_the_next_start_remove_what_a_killed_copy_left(event_path, tmp_path):
    folder = tmp_path / "usb"
    store.connect(event_path).close()
    left_by_a_killed_copy(event_path, folder)
    said, stop = [], threading.Event()

    def report(line):
        said.append(line)
        if line.startswith("Sao lưu"):
            stop.set()  # one copy is enough

    backups.rolling(event_path, folder, 60, 3, stop, report)
    assert any(".partial" in line for line in said)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 1 and names[0].endswith(".db"), names
    left_by_a_killed_copy(event_path, folder)
    backups.prune(folder, 3)
    assert not backups.strays(folder)


def test_the_database_and_its_backups_are_their_owner_s_only(tmp_path, event_path):
    fresh = tmp_path / "moi.db"
    badges_store.connect(fresh).close()
    assert mode(fresh) == 0o600
    event_path.chmod(0o644)  # a file made before
    store.connect(event_path).close()
    assert mode(event_path) == 0o600
    made = backups.take(event_path, tmp_path / "usb")["path"]
    assert mode(made) == 0o600
