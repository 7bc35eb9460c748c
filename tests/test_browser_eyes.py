"""Every screen as the eye sees it, at the four sizes of the day (a phone, two laptops, the
projector): axe-core's verdict with no violation, the least font size of what is shown,
no short word (a time, a seat, a code, "STT") broken across lines, nothing wider than the
window but a table that scrolls by design, and the contrast of the lines that matter
measured against what is really behind them (a seat line white on a white box passed
every test that read the DOM).

One hub for the module, on a demo event with the honours list, seats and a day's worth of
check-ins; one browser context per screen and size."""

import shutil
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from badges import awards, demo_awards
from kiosk import accounts
from kiosk import db as store
from kiosk.services import desk, people

from eyes import axe, broken_words, contrast, cut_placeholders, smaller_than, too_wide
from helpers import badge_payload, log_in, post_checkin, running_hub, tamper

pytestmark = [pytest.mark.browser, pytest.mark.server]

SIZES = {"390x844": (390, 844), "1280x800": (1280, 800), "1366x768": (1366, 768),
         "1920x1080": (1920, 1080)}
DESK = ("ban-ho-tro", "desk")


@pytest.fixture(scope="module")
def day(demo_event, tmp_path_factory):
    """The demo event in the middle of its official session: the honours list, 200 people
    in, an absence, a badge reissued; a station, an organiser."""
    folder = tmp_path_factory.mktemp("eyes")
    path = folder / "event.db"
    shutil.copy(demo_event, path)
    db = store.connect(path)
    assert awards.import_awards(db, demo_awards.write(db, folder / "khen-thuong.xlsx")).applied
    seated = [r["code"] for r in db.query(
        "SELECT code FROM delegates WHERE seat IS NOT NULL AND seat != '' ORDER BY code")]
    token = accounts.issue_station_token(db, "cua-chinh-1")
    accounts.set_organiser_password(db, "btc", "mat-khau-thu")
    desk.record_absence(db, seated[-1], "chinh-thuc", "ốm", DESK)
    people.reissue(db, seated[-2], DESK)
    fresh = seated[:24]  # four for each size: green, amber, red, blue
    payloads = {code: badge_payload(db, code) for code in fresh}
    db.close()
    with running_hub(path) as (base, _):
        for code in seated[40:240]:
            post_checkin(base, token, code)
        yield SimpleNamespace(base=base, token=token, fresh=fresh, payloads=payloads)


@pytest.fixture
def screen(request, browser):
    """A page of the given size in a context that lets axe-core in (bypass_csp)."""
    width, height = SIZES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def problems(page, least: float, *short: str) -> list[str]:
    """What the eye would trip on: axe's violations, text under `least` px, the short
    words in `short` (selectors) broken across lines, anything wider than the window."""
    found = [f"axe: {v}" for v in axe(page)]
    found += [f"small: {s}" for s in smaller_than(page, least)]
    for selector in short:
        found += [f"broken: {selector} «{w}»" for w in broken_words(page, selector)]
    found += [f"too wide: {w}" for w in too_wide(page)]
    found += [f"placeholder cut: «{p}»" for p in cut_placeholders(page)]
    return found


def legible(page, *selectors: str) -> list[str]:
    """The lines among `selectors` that are shown with a contrast under 4.5:1."""
    return [f"{s}: {contrast(page, s):.2f}:1" for s in selectors
            if page.locator(s).first.is_visible() and contrast(page, s) < 4.5]


ANSWER_LINES = ("#who-name", "#who-seat", "#who-delegation", "#who-unit", "#who-category",
                "#status-label", "#status-detail")


@pytest.mark.parametrize("screen", SIZES, indirect=True)
def test_every_answer_of_the_kiosk_can_be_read(screen, day, request):
    page, size = screen, request.node.callspec.params["screen"]
    phone = size == "390x844"
    index = list(SIZES).index(size)
    green, amber_, red, blue = day.fresh[4 * index:4 * index + 4]
    page.goto(f"{day.base}/kiosk?token={day.token}")
    page.select_option("#session", "chinh-thuc")
    seen = {"ready": problems(page, 15)}
    answers = [("green", "status ok", day.payloads[green]),
               ("amber", "status amber", day.payloads[green]),
               ("red", "status red", tamper(day.payloads[red], 3)),
               ("blue", "status blue", blue)]
    for name, shown, typed in answers:
        if name == "blue":
            page.click("#dismiss")  # the red answer waits for the volunteer
        page.keyboard.type(typed + "\n", delay=1)
        expect(page.locator("#status")).to_have_class(shown)
        seen[name] = problems(page, 15) + legible(page, *ANSWER_LINES)
        if name != "red":
            # name, seat and delegation read from two metres: 20 px on a laptop
            seen[name] += smaller_than(page, 16 if phone else 20, "#who")
            assert page.locator("#who-seat").inner_text() not in ("", "—")  # seated people
            assert broken_words(page, "#who-seat") == []
    page.click("#confirm-no")
    # the hub cannot be reached: the grey answer
    page.route("**/api/checkins", lambda route: route.abort())
    page.keyboard.type(day.payloads[amber_] + "\n", delay=1)
    expect(page.locator("#status")).to_have_class("status grey")
    seen["grey"] = problems(page, 15) + legible(page, "#status-label", "#status-detail")
    page.unroute("**/api/checkins")
    page.click("#dismiss")
    page.click("text=Tìm theo tên")
    page.keyboard.type("nguyen", delay=1)
    expect(page.locator("#results li").first).to_be_visible()
    seen["search"] = problems(page, 15)
    page.click("text=Camera")  # no camera on this machine: the page says so
    expect(page.locator("#camera-status")).not_to_have_text("Đang mở camera…")
    seen["camera"] = problems(page, 15)
    assert {k: v for k, v in seen.items() if v} == {}


def test_the_seat_on_the_answer_is_the_answer_s_own_colour(browser, day):
    """The hall screen's seat boxes once painted the kiosk's seat line white on white."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{day.base}/kiosk?token={day.token}")
    page.select_option("#session", "chinh-thuc")
    page.keyboard.type(day.payloads[day.fresh[-1]] + "\n", delay=1)
    expect(page.locator("#status")).to_have_class("status ok")
    seat = page.locator("#status .who .seat")
    assert seat.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert contrast(page, "#who-seat") >= 4.5
    assert seat.bounding_box()["width"] > 100
    context.close()


ORGANISER_SCREENS = {
    "dashboard": ("/dashboard", 14, ".latest li", "th", "td"),
    "projector": ("/projector", 20, ".latest li", "th", "td"),
    "stage": ("/stage", 14, ".seat", "h3"),
    "hall": ("/hall", 9, ".seat small", ".row-label"),
    "admin": ("/admin", 14, ".code", ".session-line"),
    "log": ("/admin/log", 14, "th", "td"),
    "paper": ("/admin/paper", 14, "th", "td"),
    "setup": ("/admin/setup", 14, "th", "td", "label"),
}


@pytest.mark.parametrize("screen", SIZES, indirect=True)
@pytest.mark.parametrize("name", ORGANISER_SCREENS)
def test_every_organiser_screen_can_be_read(screen, day, name, request):
    page, size = screen, request.node.callspec.params["screen"]
    path, least, *short = ORGANISER_SCREENS[name]
    if name == "projector" and size != "1920x1080":
        least = 16 if size != "390x844" else 14  # the 20 px promise is for 1080p
    log_in(page, day.base, "btc", "mat-khau-thu", next_path=path)
    if page.locator("#session").count():
        page.select_option("#session", "chinh-thuc")
    if name == "admin":
        page.keyboard.type("nguyen", delay=1)  # the lookup takes the typing at once
        expect(page.locator(".found .delegate").first).to_be_visible()
    if name in ("stage", "hall"):
        expect(page.locator(".seat").first).to_be_visible()
    if name in ("dashboard", "projector"):
        expect(page.locator("#latest li").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    found = problems(page, least, *short)
    if name == "stage":  # ushers read the seats on phones: 16 px (they were 10.9)
        sizes = page.locator(".batch .seat").evaluate_all(
            "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
        found += [f"stage seat {size} px" for size in sizes if size < 16]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("screen", SIZES, indirect=True)
def test_the_login_can_be_read(screen, day):
    screen.goto(f"{day.base}/login")
    found = problems(screen, 15)
    assert not found, "\n".join(found)


def test_the_dashboard_shows_its_latest_arrivals_whole_and_counts_the_rest(browser, day):
    """"Vừa đến" once cut its last row in half in a scroll box and said nothing of the rest,
    unlike the projector."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, day.base, "btc", "mat-khau-thu", next_path="/dashboard")
    page.select_option("#session", "chinh-thuc")
    shown = page.locator("#latest li:not([hidden])")
    expect(shown).to_have_count(10)
    sent = page.locator("#latest li").count()  # the hub sends the latest twenty
    assert sent > 10
    expect(page.locator(".latest h2 .more")).to_have_text(f" · còn {sent - 10} chưa hiện")
    box = page.locator("#latest").bounding_box()
    last = shown.last.bounding_box()
    assert last["y"] + last["height"] <= box["y"] + box["height"] + 0.5  # whole, not cut
    context.close()


def test_the_hall_fits_a_laptop_with_the_stage_over_the_seats(browser, day):
    """At 1366 px seats 19-20 of each row needed sideways scrolling, and "SÂN KHẤU" was
    centred on the window, not on the seats."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    log_in(page, day.base, "btc", "mat-khau-thu", next_path="/hall")
    expect(page.locator("#rows .seat").first).to_be_visible()
    rows = page.locator(".hall-rows")
    assert rows.evaluate("e => e.scrollWidth - e.clientWidth") <= 0
    stage = page.locator(".stage-bar").bounding_box()
    seats = page.locator("#rows").evaluate("""e => { const all = [...e.querySelectorAll('.seat')]
        .map(s => s.getBoundingClientRect()); return [Math.min(...all.map(r => r.left)),
        Math.max(...all.map(r => r.right))]; }""")
    assert abs((stage["x"] + stage["width"] / 2) - sum(seats) / 2) < 30  # a label's width
    context.close()
