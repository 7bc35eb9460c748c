"""A backup of a large event database while the hub writes: one read snapshot in a single
step (what `kiosk backup` does) beside SQLite's copy in steps of 256 pages (what it did).

    .venv/bin/python scripts/bench_backup.py [--megabytes 200] [--writes-per-second 50]

The demo event padded with ballast to the size asked, a writer in its own process
committing at the rate asked, and each way of copying given --limit seconds. SQLite
restarts a stepwise copy whenever another connection writes, so on a busy hub a large
database never finished.
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

from kiosk import db as store

from benchlib import demo_event


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--writes-per-second", type=float, default=50)
    parser.add_argument("--limit", type=float, default=40, help="seconds each copy is given")
    args = parser.parse_args()
    path = demo_event()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE ballast (b BLOB)")
    for _ in range(args.megabytes):
        db.execute("INSERT INTO ballast VALUES (?)", [os.urandom(1_000_000)])
    db.commit()
    db.close()
    print(f"database {os.path.getsize(path) / 1e6:.0f} MB, a writer committing "
          f"{args.writes_per_second:g} times a second")
    writer = subprocess.Popen([sys.executable, "-c", f"""
import sqlite3, time
db = sqlite3.connect({str(path)!r})
n = 0
while True:
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('busy', ?)", [str(n)])
    db.commit()
    n += 1
    time.sleep({1 / args.writes_per_second})
"""])
    try:
        for name, pages in (("one snapshot (now)", -1), ("steps of 256 pages (before)", 256)):
            out, took = tempfile.mktemp(suffix=".db"), {}

            def copy(pages=pages, out=out, took=took):
                started = time.monotonic()
                store.backup_to(store.connect(path), out, pages_per_step=pages)
                took["s"] = time.monotonic() - started

            thread = threading.Thread(target=copy, daemon=True)
            thread.start()
            thread.join(args.limit)
            print(f"{name:<30}" + (f"finished in {took['s']:.2f} s" if "s" in took
                                   else f"not finished after {args.limit:g} s"), flush=True)
    finally:
        writer.kill()


if __name__ == "__main__":
    main()
