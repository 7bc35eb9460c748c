"""Helpers that tests import: roster files, badge payloads, the login form, a hub in its
own process, a check-in over HTTP. Fixtures live in conftest.py."""

import csv
import re
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np

from badges import codes, printing
from badges import db as store
from kiosk.client import HubClient
from kiosk.web.server import free_port

from benchlib import sessions_open_now  # scripts/benchlib.py: shared with the benchmarks
from processes import running_hub  # scripts/processes.py: shared with the benchmarks

# Debian's Chromium, driven by Playwright (never its own browser download: the
# workplace's recipes, ../shared/TESTING.md)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--disable-default-apps", "--no-first-run"]

HEADER = ["STT", "Mã đại biểu", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn", "Thành phần",
          "Số điện thoại", "Email", "Ghế"]

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "HEADER", "badge_payload", "confirmed", "free_port",
           "log_in", "login_form", "post_checkin", "roster_row", "run_async", "running_hub",
           "sessions_open_now",
           "tamper", "write_csv"]


def write_csv(path: Path, rows, header=HEADER, delimiter=",", bom=True) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def roster_row(n, name, category="Đại biểu cá nhân", code=None, **extra):
    row = [n, code if code is not None else f"T{n:03d}", name, extra.get("title", "Chuyên viên"),
           extra.get("unit", "BHXH tỉnh Nghệ An"),
           extra.get("delegation", "Đoàn BHXH tỉnh Nghệ An"),
           category, extra.get("phone", "0912345678"), extra.get("email", "a@example.org"),
           extra.get("seat", f"B01-{n:02d}")]
    return row


def badge_payload(database, code):
    return codes.current_payload(database, store.delegate_by_code(database, code))


def tamper(payload: str, count: int = 1) -> str:
    """The payload with its last `count` characters changed (each to a different one)."""
    head, tail = payload[:-count], payload[-count:]
    return head + "".join("B" if ch == "A" else "A" for ch in tail)


def log_in(page, base, username, password, next_path="/dashboard"):
    """Log in through the real form in a browser page, and wait to land on `next_path`."""
    page.goto(f"{base}/login?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}{next_path}")


def login_form(client, username, password, path="/login", address="10.0.0.7"):
    """Fill in the real login form (its CSRF token included) from `address`."""
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(path, data={"username": username, "password": password,
                                   "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address})


def post_checkin(base, token, code, session="chinh-thuc"):
    """A check-in over HTTP to a running hub, as a station would send it once its
    volunteer has confirmed the person (which a badge's full payload does not need)."""
    return HubClient(base, token).call("POST", "/api/checkins",
                                       {"code": code, "session": session, "confirm": True})


def confirmed(code, session, station):
    """A bare delegate code, as a volunteer confirms it at the door (core/decision.py)."""
    from kiosk.core.decision import Attempt

    return Attempt(code, session, station, "typed", confirmed=True)


def run_async(coroutine):
    """Run a coroutine to its end on a loop of its own, in a thread: the browser tests'
    Playwright keeps an event loop running on the main thread."""
    import asyncio
    import threading

    outcome = {}

    def run():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# --- a fake camera for Chromium (../shared/TESTING.md): a Y4M file it plays as its webcam

@contextmanager
def camera_browser(playwright_driver, video, *args: str):
    """Headless Chromium whose webcam plays `video` (write_y4m), the prompt accepted."""
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=CHROMIUM_ARGS + ["--use-fake-ui-for-media-stream",
                              "--use-fake-device-for-media-stream",
                              f"--use-file-for-fake-video-capture={video}", *args])
    try:
        yield browser
    finally:
        browser.close()


def write_y4m(path, frames: list) -> None:
    """Greyscale frames (one size) as a Y4M video at 30 a second, which Chromium plays
    as its webcam, over and over."""
    height, width = frames[0].shape
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\n".encode())
        for frame in frames:
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def badge_in_frame(kdb, code, tmp_path) -> np.ndarray:
    """A badge as rendered for print, held up in a dim 640x480 frame."""
    png = tmp_path / "badge.png"
    printing.render_badges(kdb, png, code=code, fmt="png")
    badge = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    badge = cv2.resize(badge, (300, 423), interpolation=cv2.INTER_AREA)
    frame = np.full((480, 640), 90, np.uint8)  # a dim hall behind the badge
    frame[30:453, 170:470] = badge
    return frame
