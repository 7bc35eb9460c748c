"""The README's "the hub died" steps, run for real and timed: a hub with rolling
backups, two entrance stations checking people in, the hub killed (SIGKILL), and a
spare started on the same address from the newest backup and the keys folder.

    .venv/bin/python scripts/drill_spare.py [--people 40] [--backup-every 10]

Prints when the spare answered and when every check-in the doors acknowledged was back
at it (none twice), counted from the decision to start the spare. After the backup the
desk also lets a walk-in in and reissues a lost card, which the doors then see: the
spare must count the walk-in and the new card's holder by the check-ins the doors made,
and not the lost card someone else brought (people, not check-in ids).
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


def present_by(path) -> dict:
    """code -> the check-in that counts them present (chinh-thuc)."""
    db = sqlite3.connect(path)
    try:
        return dict(db.execute("""SELECT d.code, p.checkin_id FROM presence p JOIN delegates d
            ON d.id = p.delegate_id WHERE p.session_id = 'chinh-thuc' AND p.undone_at IS NULL"""))
    finally:
        db.close()


def desk_after_the_backup(db_path, lost_payload) -> dict:
    """The desk's work the backup lacks: a walk-in, and a lost card reissued."""
    from badges import codes
    from kiosk.services import people

    desk = ("ban-ho-tro", "desk")
    db = store.connect(db_path)
    try:
        walk_in = people.add(db, {"name": "Khách Mới Đến", "category": "Đại biểu cá nhân",
                                  "unit": "BHXH tỉnh Lào Cai"}, True, desk)
        lost = lost_payload.split(".")[0]
        people.reissue(db, lost, desk)
        new_card = codes.current_payload(db, store.delegate_by_code(db, lost))
    finally:
        db.close()
    return {"walk_in": walk_in["code"], "walk_in_payload": walk_in["payload"], "lost": lost,
            "new_card": new_card, "old_card": lost_payload}


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
                desk = desk_after_the_backup(db_path, payloads[2 * args.people])
        time.sleep(2.5)  # the doors' rounds bring the desk's work to them
        door = HubClient(doors[0].base, doors[0].token)
        let_in = {}
        for code, payload in ((desk["walk_in"], desk["walk_in_payload"]),
                              (desk["lost"], desk["new_card"])):
            let_in[code] = door.call("POST", "/api/checkins",
                                     {"code": payload, "session": "chinh-thuc"})["id"]
            acknowledged.add(code)
        refused = door.call("POST", "/api/checkins",
                            {"code": desk["old_card"], "session": "chinh-thuc"})["result"]
        print(f"after the backup: a walk-in and a reissued card let in, the lost card "
              f"{refused}")
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
        by_checkin = present_by(spare_db)
        right = sum(by_checkin.get(code) == checkin for code, checkin in let_in.items())
        print(f"people the desk added or reissued after the backup, counted by the door's "
              f"check-in: {right} of {len(let_in)}")
    finally:
        for process in (spare, hub, *doors):
            if process:
                process.stop()


if __name__ == "__main__":
    main()
