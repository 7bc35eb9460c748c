"""Fixtures, layered: a temporary event database, the 500-delegate demo event, a private
copy of it, the app, clients (a station, an organiser), a real hub on a free port.
Helpers that tests import are in helpers.py."""

import re
import shutil

import pytest

from badges import db as store
from badges import demo_roster

from helpers import login_form, running_hub, sessions_open_now

# --- markers: `browser` (starts Chromium), `server` (starts a hub or station process) ----
# Read from each test's fixtures, so a new test that asks for one is marked without
# thinking of it. A test (or a module's fixture not named here) that starts a process
# itself -- running_hub, Restartable, Popen, scripts/soak.py -- carries the marker in its
# own module. `pytest -m "not browser and not server"` is the quick run (README).

BROWSER_FIXTURES = {"browser", "playwright_driver"}
SERVER_FIXTURES = {"live_server", "own_hub"}  # own_hub: test_browser_door.py


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items):
    for item in items:
        used = set(item.fixturenames)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & SERVER_FIXTURES:
            item.add_marker(pytest.mark.server)


@pytest.fixture
def db(tmp_path):
    database = store.connect(tmp_path / "event.db")
    sessions_open_now(database)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_event(tmp_path_factory):
    """A read-mostly event with the 500-delegate demo roster imported (built once)."""
    folder = tmp_path_factory.mktemp("demo")
    database = store.connect(folder / "event.db")
    report = demo_roster.populate(database, folder, 500)
    assert report.applied and len(report.created) == 500
    sessions_open_now(database)
    database.close()
    return folder / "event.db"


# --- kiosk fixtures: an event copy, the app, clients, a real server ----------------

@pytest.fixture
def event_path(demo_event, tmp_path):
    """A private copy of the 500-delegate demo event for one test."""
    path = tmp_path / "event.db"
    shutil.copy(demo_event, path)
    return path


@pytest.fixture
def kdb(event_path):
    from kiosk import db as kiosk_db

    database = kiosk_db.connect(event_path)
    yield database
    database.close()


@pytest.fixture
def app(event_path):
    from kiosk import create_app

    return create_app({"DATABASE": str(event_path), "TESTING": True, "STREAM_KEEPALIVE": 0.5})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def station_token(kdb):
    from kiosk import accounts

    return accounts.issue_station_token(kdb, "lane-1")


@pytest.fixture
def station(client, station_token):
    """A client that sends the station's bearer token."""
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {station_token}"
    return client


@pytest.fixture
def door(app, station_token):
    """A station's own client, beside `organiser` (which `station` shares a client with)."""
    made = app.test_client()
    made.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {station_token}"
    return made


@pytest.fixture
def organiser(client, kdb):
    """A client logged in as an organiser through the real login form (CSRF included)."""
    from kiosk import accounts

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    response = login_form(client, "btc", "mat-khau-thu")
    assert response.status_code == 302
    kiosk_page = client.get("/kiosk").get_data(as_text=True)
    client.csrf = re.search(r'name="csrf-token" content="([^"]+)"', kiosk_page).group(1)
    return client


# --- a real browser: one Chromium a session, a new context a test ----------------

@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver):
    from helpers import CHROMIUM, CHROMIUM_ARGS

    launched = playwright_driver.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def kiosk_page(browser, live_server, station_token):
    """The kiosk screen, opened with a station's credential, ready for a badge."""
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server}/kiosk?token={station_token}")
    expect(page.locator("#status")).to_have_class("status ready")
    yield page
    context.close()


@pytest.fixture
def live_server(event_path):
    """The hub (`kiosk serve`, uvicorn) on the test's event database, in its own process."""
    with running_hub(event_path) as (base, _):
        yield base
