"""The kiosk screen in headless Chromium against a real server on 127.0.0.1: scanner,
typed and bare codes, search, camera, what each answer says, the network failing, the
programme moving on, an entrance station losing its hub. Browser fixtures: conftest.py."""

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from helpers import badge_in_frame, badge_payload, camera_browser, post_checkin, tamper, write_y4m


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


def test_the_count_at_one_door_follows_the_other_doors_and_not_their_refusals(
        kiosk_page, live_server, kdb):
    from kiosk import accounts

    page = kiosk_page
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#present")).to_have_text("0")
    other = accounts.issue_station_token(kdb, "lane-2")
    for code in ("CN010", "CN011", "CN012"):  # the other door, a burst
        post_checkin(live_server, other, code)
    expect(page.locator("#present")).to_have_text("3")  # from the stream: no reload
    post_checkin(live_server, other, "ZZ999")  # refused there: nothing here moves
    expect(page.locator("#present")).to_have_text("3")
    expect(page.locator("#status")).to_have_class("status ready")


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


def test_camera_without_webassembly_sends_frames_to_the_hub_and_gets_the_green_screen(
        playwright_driver, live_server, station_token, kdb, tmp_path):
    """A browser that cannot run the in-page decoder (here: its WebAssembly removed
    before the page's scripts run) falls back to sending frames to the hub, which reads
    them. Reading in the page is tests/test_device_decoding.py."""
    video = tmp_path / "badge.y4m"
    write_y4m(video, [badge_in_frame(kdb, "CN031", tmp_path)] * 10)
    with camera_browser(playwright_driver, video) as browser:
        page = browser.new_page()
        page.add_init_script("delete window.WebAssembly")
        frames = []
        page.on("request", lambda r: frames.append(r.url) if "/api/scan" in r.url else None)
        page.goto(f"{live_server}/kiosk?token={station_token}")
        page.select_option("#session", "tru-bi")
        page.click("text=Camera")
        expect(page.locator("#status")).to_have_class("status ok", timeout=10000)
        expect(page.locator("#who-name")).to_have_text(
            kdb.execute("SELECT name FROM delegates WHERE code = 'CN031'").fetchone()[0])
        assert page.locator("#camera").get_attribute("data-decoder") == "hub"
        assert frames, "the frames went to the hub"
        # the badge stays in front of the camera: still one check-in, not one a frame
        page.wait_for_timeout(3000)
        rows = kdb.execute("SELECT result, method FROM checkins").fetchall()
        assert rows == [("ok", "camera")]


@pytest.mark.server
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
