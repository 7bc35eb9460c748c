"""Rolling backups while the hub works: a checked copy of the event database every few
minutes into a folder on a second disk or a USB stick, the last N kept. No Flask here.

Each copy is made from one read snapshot (kiosk/db/backup.py: SQLite's backup in one
step; in WAL mode the hub's writers go on meanwhile), passes SQLite's integrity check,
and has both hash chains walked (core/chain.py) before it is named as a backup: a copy
that fails is removed and said, never kept as if good. Names sort by time
(`event-20261216-073000.db`). The keys folder (the session key) is not copied: a spare
needs it from its own safe place (README, "The hub died").
"""

import threading
import time
from pathlib import Path

from .. import db as store
from . import chain, clock

PREFIX = "event-"


def take(db_path, folder) -> dict:
    """One checked copy into `folder`; what it holds, its file and its chain heads."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.utcnow().astimezone(clock.HANOI).strftime("%Y%m%d-%H%M%S")
    out = folder / f"{PREFIX}{stamp}.db"
    source = store.unmigrated(db_path)  # the hub migrates, once, at its start
    try:
        held = store.backup_to(source, out)
    finally:
        source.conn.close()
    copy = store.read_only(out)
    try:
        verdicts = chain.verify_database(copy)
    finally:
        copy.conn.close()
    broken = [v.broken.message for v in verdicts.values() if v.broken]
    if broken:
        remove(out)
        raise store.BackupFailed("; ".join(broken))
    return dict(held, path=out, heads={t: v.head for t, v in verdicts.items()})


def copies(folder) -> list:
    """The backups in `folder`, oldest first (other files are not ours)."""
    return sorted(Path(folder).glob(f"{PREFIX}*.db"))


def strays(folder) -> list:
    """What a copy interrupted or opened left in `folder` and no backup owns: a whole
    `.partial` (a hub killed during a copy left 458 MB, phone numbers and all) and a
    -wal or -shm whose copy is gone."""
    folder = Path(folder)
    left = list(folder.glob(f"{PREFIX}*.db.partial"))
    for side in list(folder.glob(f"{PREFIX}*.db-wal")) + list(folder.glob(f"{PREFIX}*.db-shm")):
        if not side.with_name(side.name[:-4]).exists():
            left.append(side)
    return sorted(left)


def remove(path) -> None:
    """A copy removed, with the -wal and -shm a reader may have left beside it."""
    path = Path(path)
    for one in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        one.unlink(missing_ok=True)


def prune(folder, keep: int) -> list:
    """Remove all but the `keep` newest copies; the removed paths."""
    held = copies(folder)
    gone = held[:-keep] if keep > 0 else []
    for path in gone:
        remove(path)
    for path in strays(folder):
        path.unlink(missing_ok=True)
    return gone


def rolling(db_path, folder, every: float, keep: int, stop: threading.Event,
            report=print) -> None:
    """Copies every `every` seconds until `stop` is set; each one reported (or why not).
    What an earlier run left half made goes first."""
    for path in strays(folder) if Path(folder).is_dir() else []:
        path.unlink(missing_ok=True)
        report(f"Đã xóa {path.name}: phần dở dang của một lần sao lưu bị ngắt.")
    while not stop.is_set():
        started = time.monotonic()
        try:
            made = take(db_path, folder)
            prune(folder, keep)
            report(f"Sao lưu {made['path'].name}: {made['checkins']} lượt điểm danh, "
                   f"{made['bytes'] / 1e6:.1f} MB, chuỗi nguyên vẹn "
                   f"(đầu chuỗi {made['heads']['checkins'][:16]}…)")
        except (store.BackupFailed, OSError) as exc:
            report(f"CHƯA sao lưu được vào {folder}: {exc}")
        stop.wait(max(0.0, every - (time.monotonic() - started)))
