"""How soon the kiosk screen answers a scanner's Enter, in headless Chromium.

    .venv/bin/python scripts/bench_kiosk_screen.py [--scans 40]

A hub runs on 127.0.0.1; the kiosk page gets badge codes typed as a USB scanner
types them (5 ms a key, then Enter). For each scan the page itself measures the
time from the Enter keydown to the coloured answer on screen (the status panel's
class changing). The reference, in the same run and page: a bare fetch of /healthz.
"""

import argparse

from playwright.sync_api import sync_playwright

from benchlib import event_with_station, hub, percentile

ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--disable-default-apps", "--no-first-run"]

PROBE = """() => {
  window.__answers = [];
  let t0 = 0;
  document.getElementById("code").addEventListener("keydown", (e) => {
    if (e.key === "Enter") t0 = performance.now();
  }, true);
  new MutationObserver(() => {
    const cls = document.getElementById("status").className;
    if (t0 && !cls.includes("ready")) { window.__answers.push(performance.now() - t0); t0 = 0; }
  }).observe(document.getElementById("status"), { attributes: true });
}"""

HEALTHZ = """async (n) => {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await (await fetch("/healthz")).json();
    times.push(performance.now() - t);
  }
  return times;
}"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scans", type=int, default=40)
    args = parser.parse_args()
    db_path, token, payloads = event_with_station("bench-screen")
    payloads = payloads[:args.scans]
    with hub(db_path) as (base, _pid), sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                         args=ARGS)
        page = browser.new_page()
        page.goto(f"{base}/kiosk?token={token}")
        page.select_option("#session", "chinh-thuc")
        page.evaluate(PROBE)
        for text in payloads:
            page.locator("#code").focus()
            page.keyboard.type(text + "\n", delay=5)
            page.wait_for_function("n => window.__answers.length >= n",
                                   arg=payloads.index(text) + 1)
            page.evaluate("() => document.querySelector('#status').className = 'status ready'")
        answers = page.evaluate("() => window.__answers")
        healthz = page.evaluate(HEALTHZ, args.scans)
        browser.close()
    print(f"{'in the page':<34}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, values in (("Enter -> answer on screen", answers),
                         ("reference: fetch /healthz", healthz)):
        print(f"{name:<34}{len(values):>5}{percentile(values, 50):>9.1f}"
              f"{percentile(values, 95):>9.1f}{max(values):>9.1f}")


if __name__ == "__main__":
    main()
