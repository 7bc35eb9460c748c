"""Load benchmark of the hub's check-in API on 127.0.0.1.

    .venv/bin/python scripts/bench_checkin.py [--clients 8]

8 concurrent keep-alive clients check in 500 distinct delegates, then send the same
500 again (duplicates), then 500 garbage codes. For each phase it prints throughput,
p50/p99 latency, errors and the hub's CPU time per request, beside the same server's
GET /healthz measured in the same run as the framework's ceiling.
"""

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlparse

from benchlib import cpu_seconds, event_with_station, hub, percentile


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
                    outcomes.append(json.loads(data)["result"])
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
    return latencies, time.perf_counter() - start, errors, results


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=64, help="hub server threads")
    args = parser.parse_args()
    db_path, token, payloads = event_with_station("bench")
    session = "chinh-thuc"  # everyone is summoned to it
    valid = [json.dumps({"code": p, "session": session}) for p in payloads]
    garbage = [json.dumps({"code": f"XX{i:04d}.{'A' * 26}", "session": session})
               for i in range(len(valid))]
    with hub(db_path, args.threads) as (base, pid):
        print(f"hub {base}, {args.clients} clients, {len(valid)} requests a phase")
        print(f"{'phase':<22}{'rate':>11}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}"
              f"{'CPU ms/req':>11}")
        phases = [("GET /healthz (ceiling)", [""] * len(valid), "GET", "/healthz"),
                  ("check-in (ok)", valid, "POST", "/api/checkins"),
                  ("repeat (duplicate)", valid, "POST", "/api/checkins"),
                  ("garbage (unknown)", garbage, "POST", "/api/checkins")]
        # warm-up, not measured: every server thread opens its database connection
        run_phase(base, token, [""] * 200, args.clients, "GET", "/api/stats")
        rates = {}
        for name, bodies, method, path in phases:
            before = cpu_seconds(pid)
            latencies, wall, errors, results = run_phase(base, token, bodies, args.clients,
                                                         method, path)
            rates[name] = report(name, latencies, wall, errors, cpu_seconds(pid) - before,
                                 results)
        ceiling = rates["GET /healthz (ceiling)"]
        print(f"check-in rate / healthz rate: {rates['check-in (ok)'] / ceiling:.2f}")


if __name__ == "__main__":
    main()
