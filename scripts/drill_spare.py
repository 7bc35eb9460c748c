"""The README's "the hub died" steps, run for real and timed: a hub with rolling
backups, two entrance stations checking people in, the hub killed (SIGKILL), and a
spare started on the same address from the newest backup and the keys folder.

    .venv/bin/python scripts/drill_spare.py [--people 40] [--backup-every 10]

Prints when the spare answered and when every check-in the doors acknowledged was back
at it (none twice), counted from the decision to start the spare.
"""

import argparse
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from kiosk import accounts
from kiosk import db as store
from kiosk.client import HubClient
from kiosk.web.server import free_port

from benchlib import event_with_station
from processes import Restartable


def present(path) -> dict:
    db = sqlite3.connect(path)
    try:
        return dict(db.execute("""SELECT d.code, COUNT(*) FROM presence p JOIN delegates d
            ON d.id = p.delegate_id WHERE p.session_id = 'chinh-thuc' AND p.undone_at IS NULL
            GROUP BY d.code"""))
    finally:
        db.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=40, help="check-ins per door")
    parser.add_argument("--backup-every", type=float, default=10)
    args = parser.parse_args()
    db_path, _, payloads = event_with_station("-")
    folder = Path(tempfile.mkdtemp(prefix="drill-"))
    usb = folder / "usb"
    db = store.connect(db_path)
    tokens = [accounts.issue_station_token(db, f"cua-{n}") for n in range(2)]
    db.close()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    hub = Restartable("hub", ["serve", "--db", str(db_path), "--port", str(port),
                              "--backup-dir", str(usb), "--backup-every",
                              str(args.backup_every)], base)
    hub.start()
    doors = []
    for n, token in enumerate(tokens):
        door_port = free_port()
        door = Restartable(f"cua-{n}", ["station", "--upstream", base, "--token", token,
                                        "--db", str(folder / f"cua-{n}.db"), "--port",
                                        str(door_port), "--every", "1"],
                           f"http://127.0.0.1:{door_port}", announces="/kiosk?token=")
        door.start()
        doors.append(door)
    spare = None
    try:
        acknowledged = set()
        half = args.people // 2
        for part in (range(0, half), range(half, args.people)):
            for n, door in enumerate(doors):
                client = HubClient(door.base, door.token)
                for i in part:
                    payload = payloads[n * args.people + i]
                    answer = client.call("POST", "/api/checkins",
                                         {"code": payload, "session": "chinh-thuc"})
                    assert answer["result"] == "ok", answer
                    acknowledged.add(payload.split(".")[0])
            if part.start == 0:  # wait for a backup made after the first half
                time.sleep(2.5)
                mark = sorted(usb.glob("event-*.db"))[-1:]
                while sorted(usb.glob("event-*.db"))[-1:] == mark:
                    time.sleep(0.2)
        time.sleep(2.5)  # the doors' rounds: the hub has everything
        print(f"hub holds {len(present(db_path))} of {len(acknowledged)} acknowledged")
        hub.proc.kill()
        hub.proc.wait()
        decided = time.monotonic()
        newest = sorted(usb.glob("event-*.db"))[-1]
        spare_db = folder / "spare" / "event.db"
        spare_db.parent.mkdir()
        shutil.copy(newest, spare_db)  # step 1: the newest backup
        shutil.copytree(Path(db_path).with_suffix(".keys"), spare_db.with_suffix(".keys"))
        print(f"the spare's backup {newest.name} holds {len(present(spare_db))}")
        spare = Restartable("spare", ["serve", "--db", str(spare_db), "--port", str(port)],
                            base)
        spare.start()  # step 2: serve on the same address
        print(f"spare answering {time.monotonic() - decided:.1f} s after the decision")
        while True:
            held = present(spare_db)
            if all(held.get(code) == 1 for code in acknowledged):
                break
            if time.monotonic() - decided > 180:
                print("NOT all back after 180 s")
                break
            time.sleep(0.2)
        twice = sum(1 for v in held.values() if v > 1)
        print(f"every door's check-ins back at the spare {time.monotonic() - decided:.1f} s "
              f"after the decision: {sum(held.get(c, 0) for c in acknowledged)} of "
              f"{len(acknowledged)}, {twice} counted twice")
    finally:
        for process in (spare, hub, *doors):
            if process:
                process.stop()


if __name__ == "__main__":
    main()
