"""Replays that cost everyone (issue 28, item 10): a hub whose check-in log holds 200,000
rows, one viewer login holding 50 live streams that each replay the log from the start
(`after=0`) and start again as soon as they are caught up; door check-ins p50/p95 with no
replay (the reference) and under it, measured in the same run, on this checkout's hub and
(--old REV) an older checkout's, each on a fresh copy of the same event. Loopback only;
bounded: --seconds a phase.

    .venv/bin/python scripts/bench_replay.py [--rows 200000] [--streams 50] [--old 6c9634d]
"""

import argparse
import multiprocessing
import re
import shutil
import socket
import tempfile
import time
import urllib.parse
from pathlib import Path

from bench_lanes import old_checkout

from benchlib import cpu_seconds, event_with_station, hub, percentile

VIEWER, PASSWORD = "xem-bench", "mat-khau-xem-bench"


def fill_log(db_path: Path, rows: int) -> float:
    """`rows` refused scans appended to the sealed log as the batcher writes them (a
    refused scan counts nobody: the figures stay those of the event); seconds taken."""
    from kiosk import accounts
    from kiosk import db as store
    from kiosk.core import chain

    started = time.perf_counter()
    db = store.connect(db_path)
    accounts.set_password(db, VIEWER, PASSWORD, "viewer")
    for first in range(0, rows, 1000):
        with store.immediate(db):
            chain.append_checkins(db, [
                {"id": f"replay-{n}", "kind": "scan", "at": "2026-12-04T07:30:00+07:00",
                 "station": "cua-1", "session_id": "tru-bi", "result": "unknown",
                 "method": "scan", "scanned": f"XX{n:06d}.{'A' * 26}"}
                for n in range(first, min(first + 1000, rows))])
    db.close()
    return time.perf_counter() - started


def log_in(port: int) -> str:
    """The viewer's session cookie, through the real form."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/login")
    page = conn.getresponse()
    cookie = page.getheader("Set-Cookie", "").split(";", 1)[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
    form = urllib.parse.urlencode({"username": VIEWER, "password": PASSWORD,
                                   "csrf_token": token})
    conn.request("POST", "/login", form, {"Cookie": cookie,
                                          "Content-Type": "application/x-www-form-urlencoded"})
    answer = conn.getresponse()
    answer.read()
    if answer.status != 302:
        raise RuntimeError(f"the viewer could not log in: {answer.status}")
    return answer.getheader("Set-Cookie", "").split(";", 1)[0]


def replays(port, cookie, count, ready, stop, started, received, reopen=3.0):
    """In a process of its own: `count` streams from `after=0`, each opened again once it
    is caught up (a beat: nothing more to replay), refused, or `reopen` seconds old;
    counts the replays begun and the bytes read."""
    import selectors

    waiting = selectors.DefaultSelector()

    def open_one(n):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10,
                                        source_address=(f"127.0.0.{2 + n % 4}", 0))
        sock.sendall(f"GET /api/stream?after=0 HTTP/1.1\r\nHost: hub\r\nCookie: {cookie}\r\n"
                     "Accept: text/event-stream\r\n\r\n".encode())
        sock.setblocking(False)
        waiting.register(sock, selectors.EVENT_READ, [n, b"", time.monotonic()])
        started.value += 1

    for n in range(count):
        open_one(n)
    ready.set()
    while not stop.is_set():
        for key, _ in waiting.select(0.2):
            try:
                data = key.fileobj.recv(262144)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            received.value += len(data)
            seen = key.data[1] + data
            key.data[1] = seen[-64:]
            if (not data or b"event: beat" in seen or b" 503 " in seen[:16]
                    or time.monotonic() - key.data[2] > reopen):
                waiting.unregister(key.fileobj)
                key.fileobj.close()
                open_one(key.data[0])


def door(base, token, payloads, session, seconds) -> list:
    """Check-ins one after another for `seconds`, as a door sends them (the badges again
    once all have come: duplicates, decided all the same); each one's milliseconds."""
    import itertools

    from kiosk.client import HubClient

    client, took = HubClient(base, token, timeout=30), []
    deadline = time.monotonic() + seconds
    for payload in itertools.cycle(payloads):
        if time.monotonic() > deadline:
            break
        started = time.perf_counter()
        client.call("POST", "/api/checkins", {"code": payload, "session": session,
                                              "confirm": True})
        took.append((time.perf_counter() - started) * 1000)
    return took


def measure(label, db_path, token, payloads, args, env=None):
    with hub(db_path, 32, env=env) as (base, pid):
        port = int(base.rsplit(":", 1)[1])
        half = len(payloads) // 2
        quiet = door(base, token, payloads[:half], "tru-bi", args.seconds)
        context = multiprocessing.get_context("fork")
        ready, stop = context.Event(), context.Event()
        started, received = context.Value("q", 0), context.Value("q", 0)
        reader = context.Process(target=replays, daemon=True, args=(
            port, log_in(port), args.streams, ready, stop, started, received))
        reader.start()
        ready.wait(60)
        time.sleep(1)  # the replays under way
        cpu = cpu_seconds(pid)
        loaded = door(base, token, payloads[half:], "chinh-thuc", args.seconds)
        cpu = cpu_seconds(pid) - cpu
        stop.set()
        reader.join(10)
    print(f"{label:<9} no replay: p50 {percentile(quiet, 50):6.1f} ms, p95 "
          f"{percentile(quiet, 95):6.1f} ms ({len(quiet)} check-ins) | {args.streams} streams "
          f"replaying: p50 {percentile(loaded, 50):6.1f} ms, p95 {percentile(loaded, 95):6.1f}"
          f" ms ({len(loaded)} check-ins); replays begun {started.value}, "
          f"{received.value / 2**20:.0f} MB sent, hub CPU {cpu:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--streams", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20, help="a phase")
    parser.add_argument("--old", metavar="REV", help="also measure this checkout's hub "
                        "(e.g. 6c9634d, before replays were bounded)")
    args = parser.parse_args()
    db_path, token, payloads = event_with_station("cua-1")
    made = fill_log(db_path, args.rows)
    print(f"a log of {args.rows:,} rows made in {made:.1f} s; {args.streams} streams of one "
          f"viewer login; door check-ins one after another for {args.seconds:g} s a phase")
    runs = ([(args.old, old_checkout(args.old))] if args.old else []) + [("this", None)]
    try:
        for label, env in runs:
            folder = Path(tempfile.mkdtemp(prefix="bench-replay-"))
            copy = folder / "event.db"
            shutil.copy(db_path, copy)
            if db_path.with_suffix(".keys").exists():
                shutil.copytree(db_path.with_suffix(".keys"), copy.with_suffix(".keys"))
            try:
                measure(label, copy, token, payloads, args, env)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(db_path.parent, ignore_errors=True)
        if args.old:  # the older checkout unpacked by old_checkout
            shutil.rmtree(runs[0][1]["PYTHONPATH"], ignore_errors=True)


if __name__ == "__main__":
    main()
