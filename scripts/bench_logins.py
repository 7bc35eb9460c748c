"""What wrong passwords cost the hub: 200 wrong logins (half for a real login name, half
for names that do not exist), each from its own loopback address (127.0.1.N), against a
real hub; prints the hub's CPU seconds and the answers, beside the same attack on an older
checkout's hub (--old REV) measured in the same run.

    .venv/bin/python scripts/bench_logins.py [--logins 200] [--old 6c9634d]
"""

import argparse
import http.client
import re
import shutil
import urllib.parse
from collections import Counter

from bench_lanes import old_checkout

from benchlib import cpu_seconds, demo_event, hub


def attempt(port: int, address: str, name: str) -> int:
    """One wrong login through the real form (its CSRF token) from `address`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                      source_address=(address, 0))
    conn.request("GET", "/login")
    page = conn.getresponse()
    cookie = page.getheader("Set-Cookie", "").split(";", 1)[0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
    form = urllib.parse.urlencode({"username": name, "password": "doan-bua-1234",
                                   "csrf_token": token})
    conn.request("POST", "/login", form, {"Cookie": cookie,
                                          "Content-Type": "application/x-www-form-urlencoded"})
    status = conn.getresponse().status
    conn.close()
    return status


def measure(label: str, logins: int, env=None) -> None:
    event = demo_event(50)
    try:
        spent, answers = attack(event, logins, env)
    finally:
        shutil.rmtree(event.parent, ignore_errors=True)
    shown = ", ".join(f"{status}: {count}" for status, count in sorted(answers.items()))
    print(f"{label:<10} {logins} wrong logins: hub CPU {spent:.2f} s ({shown})")


def attack(event, logins: int, env) -> tuple:
    """The hub's CPU seconds for the wrong logins, and its answers by status."""
    with hub(event, 8, env=env) as (base, pid):
        port = int(base.rsplit(":", 1)[1])
        before = cpu_seconds(pid)
        answers = Counter(attempt(port, f"127.0.1.{1 + n % 250}",
                                  "bantochuc" if n % 2 else f"khong-co-{n}")
                          for n in range(logins))
        return cpu_seconds(pid) - before, answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logins", type=int, default=200)
    parser.add_argument("--old", metavar="REV", help="also attack this checkout's hub "
                        "(e.g. 6c9634d, before the hub-wide budget)")
    args = parser.parse_args()
    if args.old:
        env = old_checkout(args.old)
        try:
            measure(args.old, args.logins, env)
        finally:
            shutil.rmtree(env["PYTHONPATH"], ignore_errors=True)
    measure("this", args.logins)


if __name__ == "__main__":
    main()
