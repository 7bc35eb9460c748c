"""The navigation bar as it is drawn, in headless Chromium against a real hub (issue 26,
item 5): on a phone it stays within the screen, every link on it readable (WCAG AA
contrast) and reachable; a click goes to the page, which is then the one marked."""

import pytest
from playwright.sync_api import expect

from kiosk import accounts

from helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.server]

PAGES = ["/admin", "/dashboard", "/stage", "/mc", "/hall", "/admin/log", "/admin/paper",
         "/admin/setup"]

# each link's text and background colours, the background the nearest painted one
COLOURS = """nav => [...nav.querySelectorAll('a')].map(a => {
  const paint = e => { for (; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
  const r = a.getBoundingClientRect();
  return {text: a.textContent, fg: getComputedStyle(a).color, bg: paint(a),
          left: r.left, right: r.right};
})"""


def luminance(css: str) -> float:
    channels = [int(float(x)) / 255 for x in css[css.index("(") + 1:-1].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str) -> float:
    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_bar_fits_a_phone_reads_clearly_and_leads_to_each_page(browser, live_server, kdb):
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin")
    for path in PAGES:
        page.goto(f"{live_server}{path}")
        nav = page.locator("nav.site-nav")
        expect(nav.locator("a[aria-current=page]")).to_have_attribute("href", path)
        box = nav.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, path
        assert nav.evaluate("n => n.scrollWidth <= n.clientWidth"), path
        links = nav.evaluate(COLOURS)
        assert len(links) == len(PAGES)
        for link in links:
            assert 0 <= link["left"] and link["right"] <= 390, (path, link)
            assert contrast(link["fg"], link["bg"]) >= 4.5, (path, link)
    # from the log to the stage by the bar, not by typing an address
    page.goto(f"{live_server}/admin/log")
    page.locator("nav.site-nav").get_by_role("link", name="Sân khấu").click()
    page.wait_for_url(f"{live_server}/stage")
    expect(page.locator("nav.site-nav a[aria-current=page]")).to_have_text("Sân khấu")
    context.close()
