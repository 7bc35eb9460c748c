"""Load benchmark of the hub's check-in API on 127.0.0.1.

    .venv/bin/python scripts/bench_checkin.py [--clients 8]

8 concurrent keep-alive clients check in 500 distinct delegates, then send the same
500 again (duplicates), then 500 garbage codes. For each phase it prints throughput,
p50/p99 latency, errors and the hub's CPU time per request, beside the same server's
GET /healthz as the framework's ceiling, measured before and after the check-in phases
(2,000 requests each). Each round uses a fresh event and hub; the last line is the
median over the rounds (this 2-core VM moves by 20% from one run to the next).
"""

import argparse
import http.client
import json
import statistics
import threading
import time
from urllib.parse import urlparse

from benchlib import STREAM_PATHS, Streams, cpu_seconds, event_with_station, hub, percentile


def run_phase(base, token, bodies, clients, method="POST", path="/api/checkins"):
    """Send `bodies` split over `clients` threads; return latencies (s), wall, errors."""
    url = urlparse(base)
    latencies, errors, results = [], [], []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def worker(share):
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        mine, outcomes, failed = [], [], []
        barrier.wait()
        for body in share:
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                if response.status != 200:
                    failed.append(response.status)
                elif path == "/api/checkins":
                    outcomes.append(data)  # parsed after the clock stops
            except OSError as exc:
                failed.append(repr(exc))
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            results.extend(outcomes)
            errors.extend(failed)

    threads = [threading.Thread(target=worker, args=(bodies[i::clients],))
               for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return latencies, wall, errors, [json.loads(data)["result"] for data in results]


def report(name, latencies, wall, errors, cpu, results=None):
    rate = len(latencies) / wall
    outcome = ""
    if results:
        counts = {r: results.count(r) for r in sorted(set(results))}
        outcome = " ".join(f"{k}={v}" for k, v in counts.items())
    print(f"{name:<22}{rate:>9.0f}/s{percentile(latencies, 50) * 1000:>9.1f}"
          f"{percentile(latencies, 99) * 1000:>9.1f}{len(errors):>8}"
          f"{cpu / len(latencies) * 1000:>11.2f}   {outcome}")
    return rate


def run_round(args, number, env=None, streams=0):
    """One hub on a fresh event: the ceiling, the three check-in phases, the ceiling again.
    Returns the check-in rate over the mean of the two ceilings. `env`: the hub's (an
    older checkout's, bench_lanes.old_checkout)."""
    db_path, token, payloads = event_with_station("bench")
    screens = []
    if streams:
        from kiosk import accounts
        from kiosk import db as store

        db = store.connect(db_path)
        screens = [accounts.issue_station_token(db, f"screen-{n}")
                   for n in range(streams // 40 + 1)]
        db.close()
    session = "chinh-thuc"  # everyone is summoned to it
    valid = [json.dumps({"code": p, "session": session}) for p in payloads]
    garbage = [json.dumps({"code": f"XX{i:04d}.{'A' * 26}", "session": session})
               for i in range(len(valid))]
    ceiling = [""] * (4 * len(valid))  # a longer sample: the ceiling moves most on this VM
    with hub(db_path, args.threads, env=env) as (base, pid):
        print(f"round {number}: hub {base}, {args.clients} clients, {len(valid)} check-ins"
              f" a phase, {streams} open streams"
              + (f" ({args.stream_kind})" if streams else ""))
        crowd = Streams(base, screens, streams, STREAM_PATHS[args.stream_kind]) \
            if streams else None
        print(f"{'phase':<22}{'rate':>11}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
              f"{'CPU ms/req':>11}")
        phases = [("GET /healthz (before)", ceiling, "GET", "/healthz"),
                  ("check-in (ok)", valid, "POST", "/api/checkins"),
                  ("repeat (duplicate)", valid, "POST", "/api/checkins"),
                  ("garbage (unknown)", garbage, "POST", "/api/checkins"),
                  ("GET /healthz (after)", ceiling, "GET", "/healthz")]
        # warm-up, not measured: server threads open their connections, the batcher starts
        # and loads its snapshot (a few unknown codes are logged)
        run_phase(base, token, [""] * 200, args.clients, "GET", "/api/stats")
        run_phase(base, token, [json.dumps({"code": f"WARM{i:02d}", "session": session})
                                for i in range(16)], args.clients)
        rates = {}
        for name, bodies, method, path in phases:
            before = cpu_seconds(pid)
            latencies, wall, errors, results = run_phase(base, token, bodies, args.clients,
                                                         method, path)
            rates[name] = report(name, latencies, wall, errors, cpu_seconds(pid) - before,
                                 results)
        if crowd is not None:
            crowd.close()
            print(f"the {streams} streams received {crowd.bytes[0] / 1e6:.1f} MB")
    ratio = rates["check-in (ok)"] / ((rates["GET /healthz (before)"]
                                       + rates["GET /healthz (after)"]) / 2)
    print(f"check-in rate / mean healthz rate: {ratio:.2f}\n")
    return ratio if not args.streams else rates["check-in (ok)"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=64, help="hub server threads")
    parser.add_argument("--rounds", type=int, default=3,
                        help="fresh event and hub each round; the summary is the median")
    parser.add_argument("--streams", type=int, default=0, metavar="N",
                        help="each round twice, in turn: with N open live streams and with "
                             "none; prints the check-in rate with them over the rate without")
    parser.add_argument("--stream-kind", choices=sorted(STREAM_PATHS), default="counts",
                        help="the streams kiosk pages and the stage hold (counts: a session's "
                             "counts when they move), or dashboards' (full: every event)")
    parser.add_argument("--old", metavar="REV", help="also run the hub of this checkout, its "
                        "rounds in turn with this one's, for a regression check in one run")
    args = parser.parse_args()
    from bench_lanes import checkouts

    runs = checkouts(args.old)
    if args.streams:
        runs = [("no stream", None, 0), (f"{args.streams} streams", None, args.streams)]
    else:
        runs = [(name, env, 0) for name, env in runs]
    ratios = {name: [] for name, _, _ in runs}
    for n in range(args.rounds):  # in turn, so that the machine's drift falls on both
        for name, env, streams in runs:
            print(f"[{name}]")
            ratios[name].append(run_round(args, n + 1, env, streams))
    if args.streams:
        without, crowded = (statistics.median(ratios[name]) for name, _, _ in runs)
        print(f"check-ins/s with {args.streams} open streams over none: {crowded:.0f} / "
              f"{without:.0f} = {crowded / without:.2f} (medians of {args.rounds} rounds)")
        return
    for name, got in ratios.items():
        print(f"{name}: check-in / healthz over {args.rounds} rounds: median "
              f"{statistics.median(got):.2f} (each: {', '.join(f'{r:.2f}' for r in got)})")


if __name__ == "__main__":
    main()
