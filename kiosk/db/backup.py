"""A consistent copy of the event database while the hub keeps writing to it.

Copying the file (with its -wal beside it) while the hub runs can give a copy that
misses acknowledged check-ins or does not open. SQLite's online backup copies the pages
of one read snapshot in a single step: in WAL mode the hub's writers go on meanwhile
(a copy in steps of a few hundred pages restarts whenever another connection writes,
and a large database being written to never finished); the copy is checked, then moved
into place in one rename, so a half-written backup is never left where the organisers
expect a good one.
"""

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database


class BackupFailed(Exception):
    """The copy could not be made or did not pass SQLite's integrity check."""


def backup_to(db: Database, out: Path, pages_per_step: int = -1) -> dict:
    """Copy `db` into `out`; return what the copy holds (delegates, log rows, bytes)."""
    out = Path(out)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    # the copy holds the badge key and the personal data: its owner's only, from its birth
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    target = sqlite3.connect(partial)
    try:
        db.conn.backup(target, pages=pages_per_step, sleep=0.002)
        # the copy is one file: in WAL mode, as the source is, opening it (the checks
        # below, a reader later) leaves a -wal and a -shm beside it, and a copy of the
        # bare file would not be the backup; a hub that opens it turns WAL on again
        target.execute("PRAGMA journal_mode = DELETE")
        problems = target.execute("PRAGMA integrity_check").fetchall()
        if problems != [("ok",)]:
            raise BackupFailed(f"bản sao không toàn vẹn: {problems[:3]}")
        held = {
            "delegates": target.execute("SELECT COUNT(*) FROM delegates").fetchone()[0],
            "checkins": target.execute("SELECT COUNT(*) FROM checkins").fetchone()[0],
        }
    except sqlite3.Error as exc:
        raise BackupFailed(str(exc)) from None
    finally:
        target.close()
    os.replace(partial, out)
    held["bytes"] = out.stat().st_size
    return held


def fold_log(path, wait: float = 5.0) -> bool:
    """The write-ahead log folded into the database file and emptied, once the hub (or
    a station) has stopped: the file alone then holds every check-in, and a copy of it
    needs nothing beside it. False when another program's open read kept the log from
    being emptied within `wait` seconds."""
    conn = sqlite3.connect(Path(path), timeout=wait)
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:  # locked past the wait
        return False
    finally:
        conn.close()
    return busy == 0
