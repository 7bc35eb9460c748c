"""Soak: a hub, four entrance stations and two hub kiosks on 127.0.0.1, delegates scanned
at random with repeats, while the hub and the stations are killed (kill -9) and restarted
and the network between each station and the hub is cut, at random, for a bounded time.

    .venv/bin/python scripts/soak.py [--seconds 600] [--seed 1]

It prints scans made and acknowledged, what the hub holds, lost (acknowledged somewhere,
absent at the hub: must be 0), double-counted (one delegate 'ok' twice in a session at
the hub: must be 0) and the time to full sync after the last cut.
"""

import argparse
import random
import sqlite3
import sys
import threading
import time

from netcut import Cuttable
from processes import ROOT, Restartable, free_port

sys.path.insert(0, str(ROOT))

from kiosk.client import HubClient, Offline, Refused  # noqa: E402

STATIONS, HUB_KIOSKS = 4, 2
FINAL_CUT = 5.0  # seconds every door is cut off at the end, while scanning goes on


class Scanner(threading.Thread):
    """A door that scans badges at random (repeats included) until told to stop; keeps
    the ids it got an answer for."""

    def __init__(self, name, client, payloads, stop, rng):
        super().__init__(name=name, daemon=True)
        self.client, self.payloads, self.stop, self.rng = client, payloads, stop, rng
        self.made, self.acked = 0, {}  # id -> (payload, result)

    def run(self):
        while not self.stop.is_set():
            payload = self.rng.choice(self.payloads)
            self.made += 1
            try:
                answer = self.client.check_in(payload)
                self.acked[answer["id"]] = (payload, answer["result"])
            except (Offline, Refused):
                pass  # not acknowledged: the volunteer scans again
            self.stop.wait(self.rng.uniform(0.02, 0.12))


def prepare(folder):
    """A 500-delegate event, its payloads, a token per station and hub kiosk."""
    from kiosk import accounts
    from kiosk import db as store

    from benchlib import event_with_station

    db_path, _, payloads = event_with_station("kiosk-0")
    db = store.connect(db_path)
    tokens = {f"cua-{n}": accounts.issue_station_token(db, f"cua-{n}") for n in range(STATIONS)}
    tokens.update({f"kiosk-{n}": accounts.issue_station_token(db, f"kiosk-{n}")
                   for n in range(HUB_KIOSKS)})
    db.close()
    return db_path, payloads, tokens


def start_all(db_path, tokens, folder):
    hub_port = free_port()
    hub = Restartable("hub", ["serve", "--db", str(db_path), "--port", str(hub_port)],
                      f"http://127.0.0.1:{hub_port}")
    hub.start()
    stations, proxies = [], []
    for n in range(STATIONS):
        proxy = Cuttable(hub_port)
        proxies.append(proxy)
        port = free_port()
        station = Restartable(
            f"cua-{n}", ["station", "--upstream", f"http://127.0.0.1:{proxy.port}",
                         "--token", tokens[f"cua-{n}"], "--db", str(folder / f"cua-{n}.db"),
                         "--port", str(port), "--every", "0.5"],
            f"http://127.0.0.1:{port}", announces="/kiosk?token=")
        station.start()
        stations.append(station)
    return hub, stations, proxies


def chaos(hub, stations, proxies, stop, rng, counts):
    """Every few seconds one of: kill -9 the hub, kill -9 a station, cut a station off."""
    while not stop.wait(rng.uniform(2, 6)):
        roll = rng.random()
        if roll < 0.2:
            hub.kill_and_restart(rng.uniform(0.5, 3))
            counts["hub killed"] += 1
        elif roll < 0.5:
            rng.choice(stations).kill_and_restart(rng.uniform(0.5, 3))
            counts["station killed"] += 1
        else:
            rng.choice(proxies).cut(rng.uniform(1, 8))
            counts["network cut"] += 1


def links(stations, patience: float = 30) -> list:
    """Each station's /api/link; a station slow to answer (the machine loaded, one just
    restarted) is asked again for up to `patience` seconds."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return [HubClient(s.base, s.token, 5).call("GET", "/api/link") for s in stations]
        except (Offline, Refused):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def wait_for_sync(stations, timeout=120) -> float:
    """Seconds until every station says it is online with nothing waiting."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if all(link["online"] and link["waiting"] == 0 for link in links(stations, 0)):
                return time.monotonic() - start
        except (Offline, Refused):
            pass
        time.sleep(0.1)
    return float("nan")


def verify(db_path, scanners):
    acked = {i: v for s in scanners for i, v in s.acked.items()}
    hub = sqlite3.connect(db_path)
    at_hub = {row[0] for row in hub.execute("SELECT id FROM checkins")}
    lost = [i for i in acked if i not in at_hub]
    double = hub.execute("""SELECT COUNT(*) FROM (SELECT delegate_id, session_id FROM checkins
                            WHERE result = 'ok' GROUP BY 1, 2 HAVING COUNT(*) > 1)""").fetchone()[0]
    present = dict(hub.execute("""SELECT session_id, COUNT(*) FROM presence
                                  WHERE undone_at IS NULL GROUP BY 1"""))
    let_in = {payload.split(".")[0] for payload, result in acked.values()
              if result in ("ok", "duplicate")}
    hub.close()
    return acked, lost, double, present, let_in


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    report = soak(args.seconds, args.seed)
    for line in report["lines"]:
        print(line)
    sys.exit(0 if report["lost"] == 0 and report["double"] == 0 else 1)


def soak(seconds: float, seed: int) -> dict:
    import tempfile
    from pathlib import Path

    rng = random.Random(seed)
    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    db_path, payloads, tokens = prepare(folder)
    hub, stations, proxies = start_all(db_path, tokens, folder)
    stop, counts = threading.Event(), {"hub killed": 0, "station killed": 0, "network cut": 0}
    clients = [HubClient(s.base, s.token, 5) for s in stations]
    clients += [HubClient(hub.base, tokens[f"kiosk-{n}"], 5) for n in range(HUB_KIOSKS)]
    scanners = [Scanner(f"scan-{n}", c, payloads, stop, random.Random(seed * 100 + n))
                for n, c in enumerate(clients)]
    for scanner in scanners:
        scanner.start()
    calm = threading.Event()
    troublemaker = threading.Thread(target=chaos, args=(hub, stations, proxies, calm, rng,
                                                        counts), daemon=True)
    troublemaker.start()
    time.sleep(seconds)
    calm.set()  # the last cut: every door apart from the hub while the scanning goes on
    troublemaker.join(timeout=30)
    hub.ensure_running()
    for station in stations:
        station.ensure_running()
    for proxy in proxies:
        proxy.drop()
    time.sleep(FINAL_CUT)
    stop.set()
    for thread in scanners:
        thread.join(timeout=30)
    waiting = sum(link["waiting"] for link in links(stations))
    for proxy in proxies:
        proxy.heal()
    settle = wait_for_sync(stations)
    for process in stations + [hub]:
        process.stop()
    for proxy in proxies:
        proxy.close()
    acked, lost, double, present, let_in = verify(db_path, scanners)
    made = sum(s.made for s in scanners)
    lines = [
        f"soak: {seconds:.0f} s, seed {seed}: hub killed {counts['hub killed']} times, "
        f"stations killed {counts['station killed']} times, "
        f"network cut {counts['network cut']} times",
        f"scans made {made}; acknowledged {len(acked)} "
        f"({made - len(acked)} unanswered while a door or the hub was down)",
        f"present at the hub: {sum(present.values())} ({present}); delegates acknowledged "
        f"as let in somewhere: {len(let_in)}",
        f"lost (acknowledged, absent at the hub): {len(lost)}",
        f"double-counted (two 'ok' for one delegate in a session): {double}",
        f"time to full sync after the last cut: {settle:.1f} s "
        f"({waiting} check-ins waiting at the doors when the links came back)",
    ]
    return {"lines": lines, "lost": len(lost), "double": double, "acked": len(acked),
            "present": sum(present.values()), "let_in": len(let_in)}


if __name__ == "__main__":
    main()
