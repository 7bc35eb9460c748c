"""Fan-out benchmark: live-stream subscribers on a hub on 127.0.0.1.

    .venv/bin/python scripts/bench_fanout.py [--subscribers 100] [--checkins 200] [--rate 20]

Opens N Server-Sent-Event subscribers (one asyncio loop, raw sockets; 25 a station
token and spread over 127.0.0.2-5, as screens at several doors are), then posts
check-ins at a steady rate from another thread. For every (check-in, subscriber) pair
it measures the delay from the check-in's HTTP acknowledgement to the event's arrival
at the subscriber, and prints p50/p95/max, the events lost, and the hub's CPU time,
beside the same hub's CPU while idle with the subscribers connected (the reference).

Its case with open dashboards (real pages in Chromium during a burst of check-ins: the
hub's CPU and the /api/dashboard calls per check-in, this checkout beside an older one)
needs a browser, not raw sockets: scripts/bench_dashboards.py.
"""

import argparse
import asyncio
import http.client
import json
import threading
import time
from urllib.parse import urlparse

from benchlib import cpu_seconds, event_with_station, hub, percentile


async def subscriber(host, port, token, source, arrivals, ready, stop):
    reader, writer = await asyncio.open_connection(host, port, local_addr=(source, 0))
    writer.write((f"GET /api/stream HTTP/1.1\r\nHost: {host}\r\n"
                  f"Authorization: Bearer {token}\r\nAccept: text/event-stream\r\n\r\n").encode())
    await writer.drain()
    ready.append(1)
    try:
        while not stop.is_set():
            line = await asyncio.wait_for(reader.readline(), timeout=30)
            if not line:
                break
            if line.startswith(b"data: "):
                event = json.loads(line[6:])
                if "id" in event:  # a check-in or an undo (not the programme's session news)
                    arrivals.append((event["id"], time.perf_counter()))
    except TimeoutError:
        pass
    finally:
        writer.close()


def poster(base, token, payloads, rate, acks, start_event):
    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    start_event.wait()
    t0 = time.perf_counter()
    for i, payload in enumerate(payloads):
        delay = t0 + i / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        conn.request("POST", "/api/checkins", body=json.dumps(
            {"code": payload, "session": "chinh-thuc"}), headers=headers)
        body = json.loads(conn.getresponse().read())
        acks[body["id"]] = time.perf_counter()


async def run(base, token, screens, payloads, args, pid):
    url = urlparse(base)
    arrivals, ready, acks = [], [], {}
    stop, start = asyncio.Event(), threading.Event()
    tasks = [asyncio.create_task(subscriber(url.hostname, url.port, screens[n // 25],
                                            f"127.0.0.{2 + n % 4}", arrivals, ready, stop))
             for n in range(args.subscribers)]
    while len(ready) < args.subscribers:
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.0)
    idle_before = cpu_seconds(pid)
    await asyncio.sleep(2.0)
    idle_cpu = (cpu_seconds(pid) - idle_before) / 2.0
    thread = threading.Thread(target=poster, args=(base, token, payloads, args.rate, acks, start))
    busy_before = cpu_seconds(pid)
    t_start = time.perf_counter()
    thread.start()
    start.set()
    while thread.is_alive():
        await asyncio.sleep(0.05)
    await asyncio.sleep(1.5)  # let the last events arrive
    busy_cpu = cpu_seconds(pid) - busy_before
    wall = time.perf_counter() - t_start
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return arrivals, acks, idle_cpu, busy_cpu, wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=100)
    parser.add_argument("--checkins", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0, help="check-ins a second")
    args = parser.parse_args()
    from kiosk import accounts
    from kiosk import db as store

    db_path, token, payloads = event_with_station("bench-fanout")
    payloads = payloads[:args.checkins]
    db = store.connect(db_path)
    screens = [accounts.issue_station_token(db, f"screen-{n}")
               for n in range(args.subscribers // 25 + 1)]
    db.close()
    with hub(db_path) as (base, pid):
        arrivals, acks, idle_cpu, busy_cpu, wall = asyncio.run(
            run(base, token, screens, payloads, args, pid))
    delays = [(t - acks[i]) * 1000 for i, t in arrivals if i in acks]
    expected = len(acks) * args.subscribers
    print(f"{args.subscribers} subscribers, {len(acks)} check-ins at {args.rate:g}/s "
          f"({wall:.1f} s)")
    print(f"delivery after the ack: p50 {percentile(delays, 50):.1f} ms, "
          f"p95 {percentile(delays, 95):.1f} ms, max {max(delays):.1f} ms "
          f"(negative: the event beat the HTTP answer)")
    print(f"events delivered {len(delays)} of {expected}, lost {expected - len(delays)}")
    print(f"hub CPU: {busy_cpu:.2f} s over the run ({busy_cpu / wall * 100:.0f}% of a core), "
          f"{busy_cpu / len(acks) * 1000:.1f} ms per check-in fanned out; "
          f"reference, idle with subscribers connected: {idle_cpu * 100:.1f}% of a core")


if __name__ == "__main__":
    main()
