"""The MC's screen in headless Chromium against a real hub: the introductions follow the
doors from the live stream, a guest who comes after the list was read is flagged "mới
đến" until marked introduced, and the screen can be read on a phone and a laptop."""

import pytest
from playwright.sync_api import expect

from kiosk import accounts

from eyes import axe, smaller_than, too_wide
from helpers import log_in, post_checkin

SESSION = "chinh-thuc"


def guests_and_leaders(kdb) -> list:
    return [dict(r) for r in kdb.query(
        "SELECT code, name FROM delegates WHERE category_id IN ('khach-moi', 'lanh-dao') "
        "ORDER BY protocol_order LIMIT 6")]


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_the_mc_screen_follows_a_late_guest_and_can_be_read(browser, live_server, kdb,
                                                            station_token, width, height):
    first, second, third, late, *_ = guests_and_leaders(kdb)
    for person in (first, second, third):
        post_checkin(live_server, station_token, person["code"])
    post_checkin(live_server, station_token, "BC001")  # the press: never introduced
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": width, "height": height},
                                  bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", next_path="/mc")
    page.select_option("#session", SESSION)
    present = page.locator("#present li")
    expect(present).to_have_count(3)
    expect(present.nth(0)).to_contain_text(first["name"])
    expect(present.nth(2)).to_contain_text(third["name"])
    expect(page.locator("#absent")).to_contain_text(late["name"])
    expect(page.locator("#live")).to_have_class("live on")
    page.click("#read")  # "Đã đọc danh sách"
    expect(page.locator("#present .flag.done")).to_have_count(3)
    post_checkin(live_server, station_token, late["code"])  # the late guest comes in
    arrived = page.locator("#present li", has_text=late["name"])
    expect(arrived.locator(".flag.new")).to_have_text("mới đến", timeout=5000)
    expect(page.locator("#late")).to_contain_text(late["name"])
    assert page.locator("#present li").all_inner_texts()[3].startswith(late["name"])
    assert not axe(page), axe(page)
    assert not smaller_than(page, 14), smaller_than(page, 14)
    assert not too_wide(page), too_wide(page)
    arrived.get_by_role("button", name="Đã giới thiệu").click()
    expect(arrived.locator(".flag.done")).to_have_count(1)
    expect(page.locator("#present .flag.new")).to_have_count(0)
    expect(page.locator("#late")).to_be_hidden()
    assert kdb.execute("SELECT COUNT(*) FROM audit WHERE action = 'mc.introduced'"
                       ).fetchone()[0] == 1
    context.close()
