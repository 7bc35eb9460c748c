"""Scans at the door as they really come: a USB scanner's burst (0 or 1 ms a key, then
Enter) typed right after a button of the page was pressed, an answer came up, a name
was picked from the search, or a blank part of the screen was touched, with nothing
focused first. Every badge must reach the hub once, unaltered (counted in the hub's
log, not on the screen). Also: the kiosk says within 5 s that the hub is gone, and
when it is back."""

import os
import signal
import time

import pytest
from playwright.sync_api import expect

from helpers import badge_payload, tamper

SESSION = "chinh-thuc"  # everyone is summoned to it


def recorded(kdb, code):
    """The hub's log rows for one delegate code in the session: (result, method)."""
    return kdb.execute("""SELECT c.result, c.method FROM checkins c
        JOIN delegates d ON d.id = c.delegate_id
        WHERE d.code = ? AND c.session_id = ?""", [code, SESSION]).fetchall()


def refused(kdb):
    return kdb.execute("SELECT result, scanned FROM checkins WHERE delegate_id IS NULL "
                       "OR result NOT IN ('ok', 'duplicate', 'confirm')").fetchall()


def wait_for(predicate, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.mark.parametrize("delay", [0, 1])
def test_a_scanner_burst_after_any_button_or_answer_is_recorded_once_unaltered(
        kiosk_page, kdb, delay):
    page = kiosk_page
    page.select_option("#session", SESSION)
    people = [row[0] for row in kdb.execute(
        "SELECT code FROM delegates WHERE active = 1 ORDER BY id LIMIT 40")]
    names = dict(kdb.execute("SELECT code, name FROM delegates").fetchall())
    queue = iter(people)
    scanned = []

    def scanner(text=None):
        """The next delegate's badge, typed as a scanner types it, whatever has focus."""
        code = text or next(queue)
        page.keyboard.type(badge_payload(kdb, code) + "\n", delay=delay)
        scanned.append(code)
        return code

    def answered(code):
        expect(page.locator("#who-name")).to_have_text(names[code])

    # 1. during a green answer, before it goes away
    answered(scanner())
    answered(scanner())
    # 2. a red answer, "Tiếp tục", and the next badge at once
    page.keyboard.type(tamper(badge_payload(kdb, people[-1]), 3) + "\n", delay=delay)
    expect(page.locator("#status")).to_have_class("status red")
    page.click("#dismiss")
    answered(scanner())
    # 3. a bare code (blue), "Đúng người — cho vào", and the next badge at once
    bare = next(queue)
    page.keyboard.type(bare + "\n", delay=delay)
    expect(page.locator("#confirm")).to_be_visible()
    page.click("#confirm-yes")
    after_yes = scanner()
    assert wait_for(lambda: recorded(kdb, bare) == [("confirm", "typed"), ("ok", "typed")])
    answered(after_yes)
    # 4. "Không đúng", then a badge
    page.keyboard.type(next(queue) + "\n", delay=delay)
    expect(page.locator("#confirm")).to_be_visible()
    page.click("#confirm-no")
    answered(scanner())
    # 5. an amber answer (the same badge again), then the next at once
    again = scanned[-1]
    page.keyboard.type(badge_payload(kdb, again) + "\n", delay=delay)
    expect(page.locator("#status")).to_have_class("status amber")
    answered(scanner())
    # 6. a touch on a blank part of the screen (the event's name in the bar)
    page.click(".bar .event")
    answered(scanner())
    # 7. the session list, just chosen again (its type-ahead must not take the keys)
    page.locator("#session").focus()
    answered(scanner())
    expect(page.locator("#session")).to_have_value(SESSION)
    # 8. the search tab: the search box has focus, a scan is still a scan
    page.click("button[data-mode=search]")
    answered(scanner())
    expect(page.locator("#search")).to_have_value("")
    # 9. half a name typed by a person, then a badge: the name stays, the badge counts
    page.keyboard.type("nguyen thi", delay=90)
    answered(scanner())
    expect(page.locator("#search")).to_have_value("nguyen thi")
    # 10. a name picked from the list, then a badge at once
    page.locator(".results li button").first.click()
    answered(scanner())
    # 11. the camera tab (no camera here), then the scan tab, then its own button
    page.click("button[data-mode=camera]")
    answered(scanner())
    page.click("button[data-mode=scan]")
    answered(scanner())
    page.click("#scan-form button[type=submit]")
    answered(scanner())

    for code in scanned:
        twice = [("duplicate", "scan")] if code == again else []
        assert sorted(recorded(kdb, code)) == sorted([("ok", "scan"), *twice]), code
    # the one forged badge, and nothing else refused: no scan arrived garbled
    assert [r[0] for r in refused(kdb)] == ["forged"]


def test_the_name_search_keeps_a_person_typing_fast_as_a_search(kiosk_page, kdb):
    """Keys a few ms apart without Enter, not making a badge, stay a search."""
    page = kiosk_page
    page.click("button[data-mode=search]")
    page.keyboard.type("phuong", delay=1)
    expect(page.locator("#search")).to_have_value("phuong")
    expect(page.locator(".results li").first).to_be_visible()
    assert kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 0


def test_search_lists_say_who_is_in_and_how_many_more(kiosk_page, kdb):
    page = kiosk_page
    page.select_option("#session", SESSION)
    page.click("button[data-mode=search]")
    page.keyboard.type("nguyen", delay=20)
    more = page.locator("#results-more")
    expect(more).to_contain_text("người khớp nữa chưa hiện")
    expect(page.locator(".results li")).to_have_count(20)
    first = page.locator(".results li").first
    first.locator("button").click()
    expect(page.locator("#status")).to_have_class("status ok")
    # the one just let in: marked present, with nothing left to press
    expect(page.locator(".results li").first).to_contain_text("Đã có mặt")
    expect(page.locator(".results li").first.locator("button")).to_have_count(0)


@pytest.fixture
def own_hub(event_path):
    """A hub this test may kill, freeze and start again on the same port."""
    from kiosk.web.server import free_port

    from processes import Restartable

    port = free_port()
    hub = Restartable("hub", ["serve", "--db", str(event_path), "--port", str(port)],
                      f"http://127.0.0.1:{port}")
    hub.start()
    yield hub
    os.kill(hub.proc.pid, signal.SIGCONT)
    hub.stop()


@pytest.fixture
def idle_kiosk(browser, own_hub, station_token):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{own_hub.base}/kiosk?token={station_token}")
    expect(page.locator("#status")).to_have_class("status ready")
    page.wait_for_timeout(2500)  # a beat or two: all is well
    expect(page.locator("#hub-state")).to_be_hidden()
    yield page
    context.close()


def test_an_idle_kiosk_says_within_5_s_that_the_hub_is_gone_and_when_it_is_back(
        idle_kiosk, own_hub):
    os.kill(own_hub.proc.pid, signal.SIGKILL)
    own_hub.proc.wait()
    lost_at = time.monotonic()
    expect(idle_kiosk.locator("#hub-state")).to_contain_text("Mất kết nối với máy chủ",
                                                             timeout=5000)
    assert time.monotonic() - lost_at < 5
    own_hub.start()
    expect(idle_kiosk.locator("#hub-state")).to_contain_text("Đã kết nối lại", timeout=15000)


def test_a_hub_that_stops_answering_without_closing_is_noticed_by_its_beats(
        idle_kiosk, own_hub):
    """A frozen hub (SIGSTOP: the connection stays open, no beat comes) is lost too."""
    os.kill(own_hub.proc.pid, signal.SIGSTOP)
    stopped_at = time.monotonic()
    expect(idle_kiosk.locator("#hub-state")).to_contain_text("Mất kết nối", timeout=5000)
    assert time.monotonic() - stopped_at < 5
    os.kill(own_hub.proc.pid, signal.SIGCONT)
    expect(idle_kiosk.locator("#hub-state")).to_contain_text("Đã kết nối lại", timeout=10000)
