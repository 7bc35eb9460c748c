"""The organisers' pages in headless Chromium against a real server on 127.0.0.1: the
live dashboard, the projector, the help desk, and the security policy over all of them.
Browser fixtures: conftest.py."""

import re

import pytest
from playwright.sync_api import expect

from badges.text import fold

from helpers import badge_payload, log_in, post_checkin, tamper


def log_in_as_organiser(page, base, kdb):
    """An organiser login made for the test, through the real form, onto the dashboard."""
    from kiosk import accounts

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    log_in(page, base, "btc", "mat-khau-thu")


def live_dashboard(browser, base, kdb, present: str):
    """(context, page): an organiser's dashboard on the official session, its stream open,
    showing `present`."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    log_in_as_organiser(page, base, kdb)
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#live")).to_have_class("live on")
    expect(page.locator("#present")).to_have_text(present)
    return context, page


def test_dashboard_count_moves_within_a_second_of_a_check_in(browser, live_server, kdb,
                                                             station_token):
    context, page = live_dashboard(browser, live_server, kdb, "0")
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
    log_in_as_organiser(page, live_server, kdb)
    page.select_option("#session", "chinh-thuc")
    expect(page.locator("#live")).to_have_class("live on")
    context.set_offline(True)
    page.evaluate("() => window.dispatchEvent(new Event('offline'))")
    for code in ("CN102", "CN103"):
        post_checkin(live_server, station_token, code)
    context.set_offline(False)
    expect(page.locator("#present")).to_have_text("2", timeout=8000)
    context.close()


def test_the_dashboard_follows_arrivals_from_the_stream_without_asking_again(
        browser, live_server, kdb, station_token):
    """Every open dashboard fetched the whole /api/dashboard after every event: a hundred
    screens made a hundred tallies per check-in. An arrival now updates the page from the
    event itself; what it shows is what a fresh snapshot says."""
    import time

    delegates = [code for (code,) in kdb.execute(
        "SELECT code FROM delegates WHERE category_id IN ('ca-nhan', 'tap-the') AND active = 1"
        " ORDER BY code LIMIT 7")]
    post_checkin(live_server, station_token, delegates[0])  # the chart has its first bar
    context, page = live_dashboard(browser, live_server, kdb, "1")
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/api/dashboard" in r.url else None)
    for code in delegates[1:]:  # a second apart: the old page asked after each one
        post_checkin(live_server, station_token, code)
        expect(page.locator("#present")).to_have_text(str(1 + delegates.index(code)))
        time.sleep(1.0)
    assert len(asked) <= 1, asked  # one at most: when the chart starts a new five minutes

    def shown(on, table):
        return [[cell.strip() for cell in row.split("\t")] for row in
                on.locator(f"#{table} tbody tr").all_inner_texts()]

    tables = ("by-category", "by-delegation", "absent")
    followed = {t: shown(page, t) for t in tables}
    bars = page.locator("#chart rect.bar").count()
    fresh = context.new_page()  # the same dashboard from a fresh snapshot
    fresh.goto(f"{live_server}/dashboard")
    fresh.select_option("#session", "chinh-thuc")
    expect(fresh.locator("#present")).to_have_text(str(len(delegates)))
    assert {t: shown(fresh, t) for t in tables} == followed
    assert fresh.locator("#chart rect.bar").count() == bars
    assert fresh.locator("#delegates-only").inner_text() == \
        page.locator("#delegates-only").inner_text()
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
    log_in(page, live_server, "banhotro", "mat-khau-ban-ho-tro", "/admin")
    page.fill("#lookup", " ".join(fold(name).split()[-2:]))  # the last two words, no marks
    found = page.locator(".delegate[data-code='CN150']")
    expect(found).to_be_visible()
    found.locator("button.reissue").click()
    # one click revokes nothing: the desk is asked, with the person named
    expect(found.locator(".ask")).to_contain_text(f"Thu hồi thẻ đang dùng của {name} (CN150)")
    revoked = ("SELECT COUNT(*) FROM badges b JOIN delegates d ON d.id = b.delegate_id "
               "WHERE d.code = 'CN150' AND b.revoked_at IS NOT NULL")
    assert kdb.execute(revoked).fetchone()[0] == 0
    found.locator(".ask button.ask-yes").click()  # the page also opens the card in a new tab
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
    line.locator("button.undo").click()  # no reason yet: asked for one, nothing undone
    expect(page.locator("#admin-message")).to_contain_text("Ghi lý do hủy lượt")
    card = page.locator(".delegate[data-code='CN151']")
    expect(card.locator(".ask")).to_have_count(0)
    card.locator("input.reason").fill("nhầm người")
    line.locator("button.undo").click()
    expect(card.locator(".ask")).to_contain_text("Hủy lượt điểm danh Phiên trù bị của")
    expect(line.locator("button.checkin")).to_have_count(0)
    card.locator(".ask button.ask-yes").click()
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

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy"
            in m.text or "Refused to" in m.text else None)
    page.goto(f"{live_server}/kiosk?token={station_token}")
    expect(page.locator("#status")).to_have_class("status ready")
    log_in_as_organiser(page, live_server, kdb)
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
