"""The back office against a careless or hostile user: markup typed into every field a
person can fill shows as text on every page and runs nowhere; every cookie write needs
the CSRF token; a login that sees personal data expires after a working day."""

import re

import pytest
from playwright.sync_api import expect
from test_roles import SAMPLE_ARGS, TABLE

from kiosk import accounts

from helpers import log_in, login_form

HOSTILE = '<img src=x onerror="window.pwned=1">'


def post(client, path, body, method="POST"):
    return client.open(path, method=method, json=body, headers={"X-CSRFToken": client.csrf})


@pytest.mark.parametrize("method, rule", sorted(
    (m, r) for (m, r), roles in TABLE.items()
    if m != "GET" and roles != "public" and "organiser" in roles))
def test_every_cookie_write_needs_the_csrf_token(organiser, method, rule):
    path = rule
    for placeholder, value in SAMPLE_ARGS.items():
        path = path.replace(placeholder, value)
    refused = organiser.open(path, method=method, json={})
    assert refused.status_code == 400, (method, rule, refused.status_code)
    assert refused.get_json()["error"]["reason"] == "csrf"


def test_a_login_with_personal_data_ends_after_a_working_day(app, kdb):
    accounts.set_password(kdb, "banhotro", "mat-khau-ban-ho-tro", "desk")
    desk = app.test_client()
    login_form(desk, "banhotro", "mat-khau-ban-ho-tro")
    assert desk.get("/api/admin/delegates?q=CN101").status_code == 200
    with desk.session_transaction() as cookie:
        assert cookie["until"] - __import__("time").time() == pytest.approx(12 * 3600, abs=60)
        cookie["until"] -= 13 * 3600  # the same login, a working day and more later
    assert desk.get("/api/admin/delegates?q=CN101").status_code == 401
    assert desk.get("/admin").status_code == 302  # back to the login form
    with desk.session_transaction() as cookie:
        cookie["until"] = 2**40  # a cookie that claims to last for ever
    assert desk.get("/api/admin/delegates?q=CN101").status_code == 401
    accounts.set_password(kdb, "tnv", "mat-khau-tnv-dai", "volunteer")
    volunteer = app.test_client()
    login_form(volunteer, "tnv", "mat-khau-tnv-dai", address="10.0.0.9")
    with volunteer.session_transaction() as cookie:
        assert cookie["until"] - __import__("time").time() == pytest.approx(72 * 3600, abs=60)


def test_markup_in_every_field_shows_as_text_and_runs_nowhere(browser, live_server, kdb, app):
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    client = app.test_client()
    login_form(client, "btc", "mat-khau-thu")
    client.csrf = re.search(r'name="csrf-token" content="([^"]+)"',
                            client.get("/admin").get_data(as_text=True)).group(1)
    edited = post(client, "/api/admin/delegates/CN101", {
        "name": f"Nguyễn {HOSTILE}", "title": HOSTILE, "unit": HOSTILE, "delegation": HOSTILE,
        "seat": "<b>A1</b>"}, method="PATCH")
    assert edited.status_code == 200, edited.get_json()
    assert post(client, "/api/admin/categories", {"name": f"Khách {HOSTILE}"}).status_code == 201
    assert post(client, "/api/admin/sessions/chinh-thuc", {"name": f"Phiên {HOSTILE}"}
                ).status_code == 200
    assert post(client, "/api/admin/delegates/CN102/absences",
                {"reason": HOSTILE}).status_code == 201
    assert post(client, "/api/admin/delegates/CN103/substitute",
                {"name": f"Thay {HOSTILE}", "reason": HOSTILE}).status_code == 201
    assert post(client, "/api/admin/users", {"name": HOSTILE, "role": "viewer"}
                ).status_code == 201
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.dismiss())
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin")
    visits = [("/admin", "#lookup", "nguyen"), ("/admin/log", None, None),
              ("/admin/setup", None, None), ("/admin/paper", None, None),
              ("/dashboard", "#dash-lookup", "nguyen"), ("/kiosk", None, None)]
    for path, box, typed in visits:
        page.goto(f"{live_server}{path}")
        if box:
            page.fill(box, typed)
        page.wait_for_timeout(700)
        assert page.evaluate("window.pwned") is None, path
        assert page.locator("img[src=x]").count() == 0, path
    page.goto(f"{live_server}/admin")
    page.fill("#lookup", "CN101")
    expect(page.locator(".delegate[data-code='CN101'] .name")).to_contain_text(HOSTILE)
    page.goto(f"{live_server}/admin/setup")
    expect(page.locator("#users")).to_contain_text(HOSTILE)
    expect(page.locator("#categories-list")).to_contain_text(HOSTILE)
    page.goto(f"{live_server}/admin")
    expect(page.locator("#substitutions")).to_contain_text(f"Thay {HOSTILE}")
    assert page.evaluate("window.pwned") is None
    context.close()
