"""The ushers' hall chart at the largest hall a plan may hold: 4,950 seats (50 rows of 99)
and 4,900 people seated by protocol. Prints the time of kiosk.db.hall_chart beside the
single SQL join it replaced (seats to delegates on upper(seat)), measured in the same run.

    .venv/bin/python scripts/bench_hall.py [--repeat 3]
"""

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from badges import demo_roster, seating
from kiosk import db as store

JOINED = """SELECT s.label, d.code, p.at FROM hall_seats s
    LEFT JOIN delegates d ON upper(d.seat) = s.label AND d.active = 1
    LEFT JOIN presence p ON p.delegate_id = d.id AND p.session_id = ? AND p.undone_at IS NULL
    ORDER BY s.row_position, s.number, d.code"""


def best(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-hall-"))
    try:
        db = store.connect(folder / "event.db")
        demo_roster.populate(db, folder, 4900)
        seating.save_plan(db, seating.make("A:50x99"))
        seating.assign(db)
        chart = best(lambda: store.hall_chart(db, "chinh-thuc"), args.repeat)
        joined = best(lambda: db.execute(JOINED, ["chinh-thuc"]).fetchall(), 1)
        print(f"hall_chart, 4,950 seats and 4,900 people: {chart * 1000:.0f} ms "
              f"(best of {args.repeat}); the one SQL join it replaced: {joined * 1000:.0f} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
