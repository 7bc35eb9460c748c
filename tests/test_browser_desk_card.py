"""The desk's card in headless Chromium against a real hub (issue 26, item 4): an excused
absence followed by an arrival reads as the arrival, the absence struck through and
"đã đến sau"; a substitute approved from the card has their badge opened for printing
by itself, as a walk-in's is; each reason box says what to write."""

import pytest
from playwright.sync_api import expect

from kiosk import accounts
from kiosk import db as store

from helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.server]


def signed_in(browser, live_server, kdb, username, role):
    accounts.set_password(kdb, username, f"mat-khau-{username}", role)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server, username, f"mat-khau-{username}", "/admin")
    return context, page


def test_an_excused_delegate_who_came_reads_as_come(browser, live_server, kdb):
    context, page = signed_in(browser, live_server, kdb, "banhotro", "desk")
    page.fill("#lookup", "CN131")
    card = page.locator(".delegate[data-code='CN131']")
    card.get_by_label("Lý do vắng", exact=True).fill("ốm")
    card.locator("select.absence-session").select_option("chinh-thuc")
    card.locator("button.add-absence").click()
    absence = card.locator(".absence")
    expect(absence).to_have_text("Vắng có lý do (Phiên chính thức): ốm Bỏ ghi vắng")
    # the person comes after all, and is checked in at the desk
    card.locator(".session-line[data-session='chinh-thuc'] button.checkin").click()
    line = card.locator(".session-line[data-session='chinh-thuc']")
    expect(line).to_contain_text("có mặt")
    time = line.inner_text().split("có mặt ")[1][:5]
    expect(absence).to_have_class("absence superseded")
    struck = absence.locator("s")
    expect(struck).to_have_text("Vắng có lý do (Phiên chính thức): ốm")
    assert "line-through" in struck.evaluate("e => getComputedStyle(e).textDecorationLine")
    expect(absence.locator(".came")).to_have_text(f"(đã đến sau: Phiên chính thức {time})")
    context.close()


def test_a_substitutes_badge_opens_by_itself(browser, live_server, kdb):
    context, page = signed_in(browser, live_server, kdb, "btc", "organiser")
    page.fill("#lookup", "CN132")
    card = page.locator(".delegate[data-code='CN132']")
    card.locator("button.substitute").click()
    form = card.locator(".substitute-form")
    form.get_by_label("Họ và tên người thay thế").fill("Đinh Thị Thay Thế")
    reason = form.get_by_label("Lý do thay thế", exact=True)
    expect(reason).to_have_attribute("placeholder", "ví dụ: ốm, đơn vị cử người khác đi thay")
    reason.fill("Ốm, đơn vị cử người thay")
    with context.expect_page() as printing:
        form.locator("button[type=submit]").click()
    code = store.delegate_by_code(kdb, "CN132")
    assert not code["active"]
    made = kdb.execute("SELECT code FROM delegates WHERE name = ?",
                       ["Đinh Thị Thay Thế"]).fetchone()[0]
    assert printing.value.url.endswith(f"/admin/badges/{made}.pdf")
    expect(page.locator("#admin-message")).to_contain_text("Thẻ A6 đang mở để in")
    expect(page.locator("#admin-message a.print")).to_have_attribute(
        "href", f"/admin/badges/{made}.pdf")
    context.close()
