"""Open dashboards during a burst of check-ins: what they cost the hub.

    .venv/bin/python scripts/bench_dashboards.py [--dashboards 30] [--checkins 60]
        [--rate 10] [--old REV]

Opens N organiser dashboards (real pages, in headless Chromium) on a fresh hub, waits
until each one is live, then posts check-ins at a steady rate from a station. Prints,
per check-in, the `/api/dashboard` calls the pages made and the hub's CPU time, beside
the same hub's CPU per second while the pages stood open and idle (the reference), and
whether every page ended showing the right count. With `--old REV`, the same on the hub
and pages of that checkout (a `git archive` of it), in the same run.
"""

import argparse
import json
import threading
import time
import urllib.request

from bench_lanes import checkouts

from benchlib import cpu_seconds, event_with_station, hub

CHROMIUM = "/usr/bin/chromium"  # Debian's, as the browser tests use it
LOGINS = 4


def post(base, token, payload):
    request = urllib.request.Request(
        f"{base}/api/checkins", data=json.dumps({"code": payload, "session": "chinh-thuc",
                                                "confirm": True}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read())


def _shown(page) -> str | None:
    """The count a page shows, or None when it is no longer a dashboard (a tab the
    browser lost under load)."""
    try:
        return page.inner_text("#present", timeout=5000)
    except Exception:  # noqa: BLE001 (playwright's timeout, a closed page)
        return None


def measure(args, env=None) -> dict:
    from playwright.sync_api import sync_playwright

    from kiosk import accounts
    from kiosk import db as store

    db_path, token, payloads = event_with_station("lane-1")
    db = store.connect(db_path)
    logins = [f"btc{n}" for n in range(LOGINS)]  # a login holds 50 streams at most
    for name in logins:
        accounts.set_password(db, name, "mat-khau-do-luong", "organiser")
    ordinary = {row[0] for row in db.execute(
        "SELECT code FROM delegates WHERE category_id IN ('ca-nhan', 'tap-the')")}
    db.close()
    chosen = [p for p in payloads if p.split(".")[0] in ordinary][:args.checkins + 1]
    # the screens come from one address here, not from a hundred: lift the per-address cap
    with hub(db_path, 32, "--per-address", "2000", env=env) as (base, pid), \
            sync_playwright() as driver:
        post(base, token, chosen[0])  # the chart's first bar, before the pages open
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
        asked = []
        pages = []
        for n in range(args.dashboards):  # a browser of its own each: a browser opens at
            # most six connections to one address, and each open dashboard holds one
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.goto(f"{base}/login?next=/dashboard")
            page.fill("input[name=username]", logins[n % LOGINS])
            page.fill("input[name=password]", "mat-khau-do-luong")
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/dashboard")
            page.on("request", lambda r: asked.append(r.url.split("?")[0].rsplit("/", 1)[1])
                    if "/api/dashboard" in r.url or "/api/stream" in r.url else None)
            page.select_option("#session", "chinh-thuc")
            pages.append(page)
        for page in pages:
            page.wait_for_selector("#live.on", timeout=30000)
        time.sleep(2)
        idle_start, idle_cpu = time.perf_counter(), cpu_seconds(pid)
        time.sleep(3)
        idle = (cpu_seconds(pid) - idle_cpu) / (time.perf_counter() - idle_start)
        asked.clear()
        cpu0, start = cpu_seconds(pid), time.perf_counter()
        done = threading.Event()

        def burst():
            for i, payload in enumerate(chosen[1:]):
                delay = start + i / args.rate - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                post(base, token, payload)
            done.set()

        threading.Thread(target=burst, daemon=True).start()
        while not done.is_set():
            pages[0].wait_for_timeout(100)  # the pages' events are handled while we wait
        pages[0].wait_for_timeout(2000)  # the last refetches land
        seconds = time.perf_counter() - start
        cpu = cpu_seconds(pid) - cpu0
        want = str(len(chosen))
        shown = [_shown(page) for page in pages]
        right = shown.count(want)
        wrong = sorted((s for s in shown if s != want), key=lambda s: s or "")
        later = right
        if wrong:  # late, or stuck? look again once the browser has had time
            pages[0].wait_for_timeout(8000)
            later = sum(1 for page in pages if _shown(page) == want)
        browser.close()
    count = len(chosen) - 1
    return {"calls": asked.count("dashboard") / count, "reconnects": asked.count("stream"),
            "cpu_ms": (cpu - idle * seconds) * 1000 / count,
            "cpu_ms_all": cpu * 1000 / count, "idle": idle, "right": right,
            "wrong": wrong, "later": later}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dashboards", type=int, default=30)
    parser.add_argument("--checkins", type=int, default=60)
    parser.add_argument("--rate", type=float, default=10.0, help="check-ins a second")
    parser.add_argument("--old", metavar="REV", help="also measure this checkout's hub and "
                        "pages (e.g. the commit before the dashboards updated themselves)")
    args = parser.parse_args()
    runs = checkouts(args.old)
    print(f"{args.dashboards} open dashboards, {args.checkins} check-ins at {args.rate:g}/s")
    for name, env in runs:
        got = measure(args, env)
        print(f"  {name:>14}: /api/dashboard calls per check-in {got['calls']:.2f}; hub CPU "
              f"per check-in {got['cpu_ms']:.1f} ms above idle ({got['cpu_ms_all']:.1f} ms "
              f"in all; idle with the pages open {got['idle'] * 1000:.0f} ms/s); "
              f"pages showing the right count {got['right']}/{args.dashboards}"
              + (f" (the others: {', '.join(str(w) for w in got['wrong'])}; 8 s later "
                 f"{got['later']}/{args.dashboards})" if got["wrong"] else "")
              + f"; streams opened again {got['reconnects']}")


if __name__ == "__main__":
    main()
