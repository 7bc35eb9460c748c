"""The kiosk screen in headless Chromium against a real server on 127.0.0.1."""

import os
import re
import signal
import subprocess
import sys
import time

import cv2
import numpy as np
import pytest
from playwright.sync_api import expect, sync_playwright

from badges import printing
from badges.text import fold

from helpers import badge_payload, post_checkin, tamper

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--disable-default-apps", "--no-first-run"]


@pytest.fixture(scope="session")
def playwright_driver():
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    browser = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                args=ARGS)
    yield browser
    browser.close()


@pytest.fixture
def kiosk_page(browser, live_server, station_token):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server}/kiosk?token={station_token}")
    expect(page.locator("#status")).to_have_class("status ready")
    yield page
    context.close()


def test_scanner_keystrokes_give_the_green_screen_with_the_name(kiosk_page, kdb):
    page = kiosk_page
    page.select_option("#session", "tru-bi")
    page.locator("#code").focus()
    page.keyboard.type(badge_payload(kdb, "CN210") + "\n", delay=5)  # a USB scanner
    expect(page.locator("#status")).to_have_class("status ok")
    expect(page.locator("#who-name")).to_have_text("Tôn Nữ Hoàng Khánh Ngọc")
    expect(page.locator("#present")).to_have_text("1")
    # back to ready, then the same badge again: amber, with when and where
    expect(page.locator("#status")).to_have_class("status ready", timeout=4000)
    page.keyboard.type(badge_payload(kdb, "CN210") + "\n", delay=5)
    expect(page.locator("#status")).to_have_class("status amber")
    expect(page.locator("#status-detail")).to_contain_text("tại lane-1")


def test_scanner_without_a_terminator_is_taken_after_a_pause(kiosk_page, kdb):
    kiosk_page.select_option("#session", "chinh-thuc")
    kiosk_page.locator("#code").focus()
    kiosk_page.keyboard.type(badge_payload(kdb, "KM001"), delay=5)
    expect(kiosk_page.locator("#status")).to_have_class("status ok")


def test_forged_code_gives_the_red_screen(kiosk_page, kdb):
    forged = tamper(badge_payload(kdb, "CN010"), 4)
    kiosk_page.locator("#code").focus()
    kiosk_page.keyboard.type(forged + "\n", delay=5)
    expect(kiosk_page.locator("#status")).to_have_class("status red")
    expect(kiosk_page.locator("#status-label")).to_have_text("Thẻ không hợp lệ (giả mạo)")


def test_a_kiosk_whose_station_was_revoked_says_so_and_records_nothing(kiosk_page, kdb):
    from kiosk import accounts

    kiosk_page.locator("#code").focus()
    kiosk_page.keyboard.type(badge_payload(kdb, "CN020") + "\n", delay=5)
    expect(kiosk_page.locator("#status")).to_have_class("status ok")
    accounts.revoke_station(kdb, "lane-1")  # from another connection, as `kiosk token --revoke`
    expect(kiosk_page.locator("#status")).to_have_class("status ready", timeout=4000)
    kiosk_page.keyboard.type(badge_payload(kdb, "CN021") + "\n", delay=5)
    expect(kiosk_page.locator("#status")).to_have_class("status red")
    expect(kiosk_page.locator("#status-label")).to_have_text("Trạm chưa được cấp quyền")
    codes = [r[0] for r in kdb.execute(
        "SELECT d.code FROM checkins c JOIN delegates d ON d.id = c.delegate_id")]
    assert codes == ["CN020"]


def test_a_bare_code_brings_up_the_person_and_only_the_volunteers_yes_lets_them_in(kiosk_page,
                                                                                  kdb):
    """The delegate code is printed on every badge: typed, or scanned from a QR code that
    holds only it, the screen shows who it names and waits; "Không đúng" records nothing
    of a check-in, "Đúng người" checks them in (typed)."""
    page = kiosk_page
    page.select_option("#session", "tru-bi")
    page.locator("#code").focus()
    page.keyboard.type("CN210\n", delay=5)  # a scanner reading a home-made QR code
    expect(page.locator("#status")).to_have_class("status blue")
    expect(page.locator("#who-name")).to_have_text("Tôn Nữ Hoàng Khánh Ngọc")
    expect(page.locator("#confirm")).to_be_visible()
    page.wait_for_timeout(2500)  # it does not go away by itself like a green answer
    expect(page.locator("#status")).to_have_class("status blue")
    page.click("#confirm-no")
    expect(page.locator("#status")).to_have_class("status ready")
    expect(page.locator("#present")).to_have_text("0")
    page.locator("#code").focus()
    page.keyboard.type("CN210\n", delay=5)
    expect(page.locator("#status")).to_have_class("status blue")
    page.click("#confirm-yes")
    expect(page.locator("#status")).to_have_class("status ok")
    expect(page.locator("#present")).to_have_text("1")
    rows = kdb.execute("SELECT method, result FROM checkins ORDER BY seq").fetchall()
    assert rows == [("typed", "confirm"), ("typed", "confirm"), ("typed", "ok")]


def test_name_search_without_diacritics_finds_and_checks_in(kiosk_page):
    page = kiosk_page
    page.select_option("#session", "tru-bi")
    page.click("text=Tìm theo tên")
    page.fill("#search", "nguyen thi phuong")
    item = page.locator(".results li", has_text="Nguyễn Thị Phượng").first
    expect(item).to_be_visible()
    item.locator("button").click()
    expect(page.locator("#status")).to_have_class("status ok")
    expect(page.locator("#who-name")).to_have_text("Nguyễn Thị Phượng")
    expect(page.locator(".results li", has_text="Nguyễn Thị Phượng").first
           ).to_contain_text("Đã có mặt")


def write_y4m(path, frame: np.ndarray, count: int = 10) -> None:
    """A greyscale frame as a Y4M video Chromium can play as its webcam."""
    height, width = frame.shape
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F30:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(count):
            out.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)


def badge_in_frame(kdb, code, tmp_path) -> np.ndarray:
    png = tmp_path / "badge.png"
    printing.render_badges(kdb, png, code=code, fmt="png")
    badge = cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)
    badge = cv2.resize(badge, (300, 423), interpolation=cv2.INTER_AREA)
    frame = np.full((480, 640), 90, np.uint8)  # a dim hall behind the badge
    frame[30:453, 170:470] = badge
    return frame


def test_camera_with_a_fake_device_showing_a_badge_gives_the_green_screen(
        playwright_driver, live_server, station_token, kdb, tmp_path):
    video = tmp_path / "badge.y4m"
    write_y4m(video, badge_in_frame(kdb, "CN031", tmp_path))
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True,
        args=ARGS + ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                     f"--use-file-for-fake-video-capture={video}"])
    try:
        page = browser.new_page()
        page.goto(f"{live_server}/kiosk?token={station_token}")
        page.select_option("#session", "tru-bi")
        page.click("text=Camera")
        expect(page.locator("#status")).to_have_class("status ok", timeout=10000)
        expect(page.locator("#who-name")).to_have_text(
            kdb.execute("SELECT name FROM delegates WHERE code = 'CN031'").fetchone()[0])
        # the badge stays in front of the camera: still one check-in, not one a frame
        page.wait_for_timeout(3000)
        rows = kdb.execute("SELECT result FROM checkins").fetchall()
        assert [r[0] for r in rows] == ["ok"]
    finally:
        browser.close()


def login(page, base, kdb):
    from kiosk import accounts

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    page.goto(f"{base}/login?next=/dashboard")
    page.fill("input[name=username]", "btc")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")


def test_dashboard_count_moves_within_a_second_of_a_check_in(browser, live_server, kdb,
                                                             station_token):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    login(page, live_server, kdb)
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#live")).to_have_class("live on")
    expect(page.locator("#present")).to_have_text("0")
    post_checkin(live_server, station_token, "CN101")
    expect(page.locator("#present")).to_have_text("1", timeout=1000)
    expect(page.locator("#latest li").first).to_contain_text(
        kdb.execute("SELECT name FROM delegates WHERE code = 'CN101'").fetchone()[0])
    # the doors panel: lane-1 has just called the hub
    door = page.locator("#doors li").first
    expect(door).not_to_have_class("quiet", timeout=7000)
    expect(door).to_have_text(re.compile(r"lane-1: (vừa xong|\d+ giây trước)"))
    # one 5-minute bucket is one narrow bar, not the chart's whole width
    expect(page.locator("#chart rect.bar")).to_have_count(1)
    assert float(page.locator("#chart rect.bar").get_attribute("width")) <= 600 / 12
    # the organiser's not-arrived list filters without diacritics
    page.fill("#absent-filter", "ton nu hoang")
    expect(page.locator("#absent tbody tr")).to_have_count(1)
    context.close()


def test_dashboard_catches_up_after_the_stream_drops(browser, live_server, kdb,
                                                     station_token):
    context = browser.new_context()
    page = context.new_page()
    login(page, live_server, kdb)
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#live")).to_have_class("live on")
    context.set_offline(True)
    page.evaluate("() => window.dispatchEvent(new Event('offline'))")
    for code in ("CN102", "CN103"):
        post_checkin(live_server, station_token, code)
    context.set_offline(False)
    expect(page.locator("#present")).to_have_text("2", timeout=8000)
    context.close()


def test_projector_view_has_big_counts_and_no_personal_data(browser, live_server, kdb,
                                                           station_token):
    from kiosk import accounts

    post_checkin(live_server, station_token, "KM002")
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server}/share/{accounts.share_token(kdb)}")
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#present")).to_have_text("1")
    post_checkin(live_server, station_token, "KM003")
    expect(page.locator("#present")).to_have_text("2", timeout=1000)
    html = page.content()
    personal = kdb.execute("SELECT phone, email FROM delegates").fetchall()
    assert not any((p and p in html) or (e and e in html) for p, e in personal)
    assert page.locator("#absent").count() == 0
    context.close()


def test_a_check_in_sent_while_the_network_blinks_is_retried_once(kiosk_page, kdb):
    page = kiosk_page
    page.select_option("#session", "tru-bi")
    page.locator("#code").focus()
    page.context.set_offline(True)
    page.keyboard.type(badge_payload(kdb, "CN090") + "\n", delay=5)
    page.wait_for_timeout(250)
    page.context.set_offline(False)
    expect(page.locator("#status")).to_have_class("status ok", timeout=4000)
    rows = kdb.execute("SELECT result FROM checkins").fetchall()
    assert rows == [("ok",)]


def test_a_station_kiosk_shows_when_it_loses_the_hub_and_keeps_checking_in(browser, event_path,
                                                                          kdb, tmp_path):
    """`kiosk station` against a real hub: the page says the hub is there; the hub goes
    away, the page says so, and a scan is still answered and waits to be sent."""
    from kiosk import accounts

    from helpers import free_port, running_hub

    token = accounts.issue_station_token(kdb, "cua-phu")
    log_path = tmp_path / "station.log"
    with running_hub(event_path) as (base, hub_pid), open(log_path, "w") as log:
        door = subprocess.Popen([sys.executable, "-m", "kiosk", "station", "--upstream", base,
                                 "--token", token, "--db", str(tmp_path / "station.db"),
                                 "--port", str(free_port()), "--every", "0.5"],
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while not (found := re.search(r"(http://127\.0\.0\.1:\d+/kiosk\?token=\S+)",
                                          log_path.read_text())):
                assert door.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.1)
            page = browser.new_page()
            page.goto(found.group(1))
            expect(page.locator("#link")).to_have_text("Hub: đã kết nối", timeout=5000)
            # someone comes in at the main door: the side door's count follows
            main_door = accounts.issue_station_token(kdb, "cua-chinh")
            assert post_checkin(base, main_door, "CN091", "tru-bi")["result"] == "ok"
            expect(page.locator("#present")).to_have_text("1", timeout=8000)
            os.kill(hub_pid, signal.SIGTERM)  # the venue network goes down
            expect(page.locator("#link")).to_have_class("link offline", timeout=5000)
            page.locator("#code").focus()
            page.keyboard.type("CN090\n", delay=5)  # typed: the volunteer confirms the person
            expect(page.locator("#status")).to_have_class("status blue")
            page.click("#confirm-yes")
            expect(page.locator("#status")).to_have_class("status ok")
            # the lookup and the confirmed check-in, both in the log, both to be sent
            expect(page.locator("#link")).to_have_text("Mất kết nối hub · 2 chờ gửi",
                                                       timeout=5000)
            expect(page.locator("#present")).to_have_text("2")
            page.close()
        finally:
            door.terminate()
            door.wait(timeout=10)


def test_an_open_kiosk_follows_the_programme_to_the_next_session(kiosk_page, kdb):
    """Opened while the preparatory session runs; organisers move the schedule so that the
    official session is in progress: the open page switches within seconds, says so, and
    the next badge goes to the official session."""
    from datetime import datetime, timedelta

    from badges import db as badges_db
    from badges.schedule import HANOI

    def schedule(tru_bi_ends, chinh_thuc_starts):
        for ses_id, starts, ends in (("tru-bi", now - timedelta(hours=5), tru_bi_ends),
                                     ("chinh-thuc", chinh_thuc_starts,
                                      now + timedelta(hours=6))):
            row = next(s for s in badges_db.list_sessions(kdb) if s["id"] == ses_id)
            badges_db.save_session(kdb, dict(row, starts_at=starts.isoformat(),
                                              ends_at=ends.isoformat()))

    now = datetime.now(HANOI).replace(second=0, microsecond=0)
    page = kiosk_page
    page.select_option("#session", "tru-bi")
    schedule(now - timedelta(minutes=30), now + timedelta(hours=1))  # official opens now-1h
    expect(page.locator("#session")).to_have_value("chinh-thuc", timeout=8000)
    expect(page.locator("#programme-notice")).to_have_text(
        "Đã chuyển sang Phiên chính thức theo chương trình.")
    page.locator("#code").focus()
    page.keyboard.type(badge_payload(kdb, "CN100") + "\n", delay=5)
    expect(page.locator("#status")).to_have_class("status ok")
    assert kdb.execute("SELECT session_id FROM checkins").fetchall() == [("chinh-thuc",)]


def test_answers_say_what_to_do_and_red_stays_until_dismissed(kiosk_page, kdb):
    page = kiosk_page
    page.select_option("#session", "tru-bi")
    page.locator("#code").focus()
    page.keyboard.type(badge_payload(kdb, "CN210") + "\n", delay=5)
    expect(page.locator("#status")).to_have_class("status ok")
    expect(page.locator("#status-detail")).to_have_text("Mời đại biểu vào hội trường.")
    expect(page.locator("#status")).to_have_class("status ready", timeout=4000)
    page.keyboard.type(badge_payload(kdb, "CN210") + "\n", delay=5)
    expect(page.locator("#status")).to_have_class("status amber")
    expect(page.locator("#status-detail")).to_have_text(
        re.compile(r"^Đã vào lúc \d\d:\d\d tại lane-1 — mời vào\.$"))
    page.keyboard.type(tamper(badge_payload(kdb, "CN200"), 3) + "\n", delay=5)
    expect(page.locator("#status")).to_have_class("status red")
    expect(page.locator("#status-detail")).to_have_text(
        "Không cho vào: giữ thẻ lại và báo Ban Tổ chức.")
    page.wait_for_timeout(4000)  # a green answer would have gone twice over
    expect(page.locator("#status")).to_have_class("status red")
    page.click("#dismiss")
    expect(page.locator("#status")).to_have_class("status ready")


def test_a_check_in_the_hub_never_received_is_its_own_state_and_can_be_sent_again(
        kiosk_page, kdb):
    page = kiosk_page
    page.select_option("#session", "tru-bi")
    page.route("**/api/checkins", lambda route: route.abort())  # the Wi-Fi drops
    payload = badge_payload(kdb, "CN201")
    page.locator("#code").focus()
    page.keyboard.type(payload + "\n", delay=5)
    expect(page.locator("#status")).to_have_class("status grey", timeout=8000)
    expect(page.locator("#status-label")).to_have_text("Chưa ghi nhận — quét lại")
    expect(page.locator("#code")).to_have_value(payload)  # not lost: Enter sends it again
    page.unroute("**/api/checkins")
    page.locator("#code").press("Enter")
    expect(page.locator("#status")).to_have_class("status ok")
    assert kdb.execute("SELECT COUNT(*) FROM presence").fetchone()[0] == 1


def test_the_help_desk_reissues_a_lost_badge_and_undoes_a_mistake_in_the_browser(
        browser, live_server, kdb, station_token):
    """A desk login: find the delegate without diacritics, reissue the lost badge (its A6
    card opens as a PDF), the old card is refused at the door, the new one gets in; a
    check-in at the desk undone with a reason."""
    import pypdfium2 as pdfium

    from kiosk import accounts

    accounts.set_password(kdb, "banhotro", "mat-khau-ban-ho-tro", "desk")
    old = badge_payload(kdb, "CN150")
    name = kdb.execute("SELECT name FROM delegates WHERE code = 'CN150'").fetchone()[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server}/login?next=/admin")
    page.fill("input[name=username]", "banhotro")
    page.fill("input[name=password]", "mat-khau-ban-ho-tro")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server}/admin")
    page.fill("#lookup", " ".join(fold(name).split()[-2:]))  # the last two words, no marks
    found = page.locator(".delegate[data-code='CN150']")
    expect(found).to_be_visible()
    found.locator("button.reissue").click()  # the page also opens the card in a new tab
    expect(found.locator("a.print")).to_have_attribute("href", "/admin/badges/CN150.pdf")
    pdf = context.request.get(f"{live_server}/admin/badges/CN150.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf.body()))
    assert name in text.replace("\r\n", " ").replace("\n", " ") or name.split()[-1] in text
    assert post_checkin(live_server, station_token, old, "tru-bi")["result"] == "revoked"
    new = badge_payload(kdb, "CN150")
    assert new != old and post_checkin(live_server, station_token, new, "tru-bi")["result"] \
        == "ok"
    # a mistaken check-in at the desk, undone with a reason
    page.fill("#lookup", "CN151")
    line = page.locator(".delegate[data-code='CN151'] .session-line[data-session='tru-bi']")
    line.locator("button.checkin").click()
    expect(line.locator("button.undo")).to_be_visible()
    page.locator(".delegate[data-code='CN151'] input.reason").fill("nhầm người")
    line.locator("button.undo").click()
    expect(line.locator("button.checkin")).to_be_visible()
    rows = kdb.execute("SELECT kind, method, result, reason, actor FROM checkins c JOIN "
                       "delegates d ON d.id = c.delegate_id WHERE d.code = 'CN151' "
                       "ORDER BY seq").fetchall()
    assert rows == [("scan", "desk", "ok", None, None),
                    ("undo", None, "undone", "nhầm người", "banhotro")]
    context.close()


def test_no_page_needs_an_inline_script_or_an_outside_source(browser, live_server, kdb,
                                                            station_token):
    """Every page under the Content-Security-Policy (self only, no inline script), as
    each role sees it: the browser reports no violation."""
    from kiosk import accounts

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy"
            in m.text or "Refused to" in m.text else None)
    page.goto(f"{live_server}/kiosk?token={station_token}")
    expect(page.locator("#status")).to_have_class("status ready")
    page.goto(f"{live_server}/login?next=/dashboard")
    page.fill("input[name=username]", "btc")
    page.fill("input[name=password]", "mat-khau-thu")
    page.click("button[type=submit]")
    expect(page.locator("#live")).to_have_class("live on")
    page.click("#share-link")  # the handler moved out of the markup still works
    assert page.evaluate("document.getSelection().toString() || "
                         "document.activeElement.selectionEnd") not in ("", 0, None)
    page.goto(f"{live_server}/admin")
    page.fill("#lookup", "CN100")
    expect(page.locator(".delegate[data-code='CN100']")).to_be_visible()
    page.goto(f"{live_server}/share/{accounts.share_token(kdb)}")
    expect(page.locator("#live")).to_have_class("live on")
    header = page.request.get(f"{live_server}/kiosk").headers["content-security-policy"]
    assert "script-src 'self'" in header and "unsafe-inline" not in header
    assert refused == []
    context.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_the_projector_headline_holds_one_line_and_shows_no_refusals(browser, live_server, kdb,
                                                                     station_token, size):
    from kiosk import accounts

    post_checkin(live_server, station_token, tamper(badge_payload(kdb, "CN060"), 3))  # forged
    for n in range(52):
        post_checkin(live_server, station_token, badge_payload(kdb, f"CN{100 + n:03d}"))
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(f"{live_server}/share/{accounts.share_token(kdb)}")
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#present")).to_have_text("52")
    big = page.locator(".headline .big").bounding_box()
    present = page.locator("#present").bounding_box()
    assert big["height"] < 1.6 * present["height"]  # "52 / 500" on one line, not two
    assert big["x"] + big["width"] <= size[0]  # and it fits the screen's width
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.locator("#refused").count() == 0
    assert "giả mạo" not in page.inner_text("body")  # nothing shown to the hall
    context.close()
