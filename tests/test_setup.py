"""Organisers' setup: a station credential issued in the browser, shown once with a QR
code that opens the kiosk page already paired, its last contact, revoked at once; logins
created with a role, never leaving the event without an organiser."""

import base64

from playwright.sync_api import expect

from kiosk import accounts
from kiosk import db as store
from kiosk.qr import images

from helpers import log_in


def post(client, path, body=None):
    return client.post(path, json=body or {}, headers={"X-CSRFToken": client.csrf})


def read_qr(png: bytes) -> str:
    """The text of the QR code in a screenshot, read by the hub's own decoder."""
    found, _ = images.decode_bytes(png)
    return found[0].text if found else ""


def test_a_station_credential_is_shown_once_and_its_qr_pairs_a_phone(organiser, app, kdb):
    made = post(organiser, "/api/admin/stations", {"name": "cua-phu-2"})
    assert made.status_code == 201, made.get_json()
    answer = made.get_json()
    assert answer["url"].endswith(f"/kiosk?token={answer['token']}")
    assert answer["qr"].startswith("data:image/svg+xml;base64,")
    assert b"<svg" in base64.b64decode(answer["qr"].split(",", 1)[1])
    listed = organiser.get("/api/admin/stations").get_json()["stations"]
    assert answer["token"] not in str(listed)  # never shown again
    assert any(s["name"] == "cua-phu-2" and not s["revoked"] for s in listed)
    phone = app.test_client()
    opened = phone.get(answer["url"].split("localhost", 1)[-1])
    assert opened.status_code in (200, 302)
    assert accounts.station_for_token(kdb, answer["token"])["name"] == "cua-phu-2"
    assert post(organiser, "/api/admin/stations/cua-phu-2/revoke").status_code == 200
    assert accounts.station_for_token(kdb, answer["token"]) is None
    assert post(organiser, "/api/admin/stations/cua-phu-2/revoke").status_code == 404
    for bad in ("Cửa chính", "", "a" * 40, "../x", None):
        refused = post(organiser, "/api/admin/stations", {"name": bad})
        assert refused.status_code == 400 and refused.get_json()["error"]["field"] == "name"
    actions = [e["action"] for e in store.audit_entries(kdb, target="cua-phu-2")]
    assert actions == ["station.revoke", "station.issue"]


def test_logins_get_roles_and_the_last_organiser_stays(organiser, app, kdb):
    made = post(organiser, "/api/admin/users", {"name": "tnv-cua-2", "role": "volunteer"})
    assert made.status_code == 201
    password = made.get_json()["password"]
    assert accounts.check_login(kdb, "tnv-cua-2", password)["role"] == "volunteer"
    short = post(organiser, "/api/admin/users", {"name": "x", "role": "desk", "password": "ngan"})
    assert short.status_code == 400 and short.get_json()["error"]["field"] == "password"
    bad_role = post(organiser, "/api/admin/users", {"name": "x", "role": "admin"})
    assert bad_role.status_code == 400 and bad_role.get_json()["error"]["field"] == "role"
    # "btc" is the only organiser: it can be neither demoted nor removed
    demote = post(organiser, "/api/admin/users", {"name": "btc", "role": "viewer"})
    assert demote.status_code == 409 and "cuối cùng" in demote.get_json()["error"]["message"]
    assert post(organiser, "/api/admin/users/btc/remove").status_code == 409
    assert accounts.login_state(kdb, "btc")["role"] == "organiser"
    assert post(organiser, "/api/admin/users/tnv-cua-2/remove").status_code == 200
    assert accounts.login_state(kdb, "tnv-cua-2") is None
    listed = organiser.get("/api/admin/users").get_json()["users"]
    assert "password" not in str(listed) and [u["name"] for u in listed] == ["btc"]


def test_the_setup_page_issues_and_revokes_in_the_browser(browser, live_server, kdb):
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/setup")
    page.fill("#station-form input[name=name]", "cua-sau")
    page.click("#station-form button")
    expect(page.locator("#credential")).to_be_visible()
    url = page.locator("#credential-url").inner_text()
    assert read_qr(page.locator("#credential-qr").screenshot()) == url
    expect(page.locator("#credential-http")).to_be_visible()  # this hub has no HTTPS
    # the phone opens the address from the QR code: a paired kiosk page
    phone = context.browser.new_context(viewport={"width": 390, "height": 844})
    kiosk = phone.new_page()
    kiosk.goto(url)
    expect(kiosk.locator(".station strong")).to_have_text("cua-sau")
    page.reload()
    row = page.locator("#stations tr[data-station='cua-sau']")
    expect(row).to_contain_text("vừa xong")
    row.locator("button.revoke").click()
    expect(page.locator("#setup-message")).to_contain_text("Đã thu hồi mã của trạm cua-sau")
    kiosk.reload()
    expect(kiosk.locator(".station strong")).to_have_count(0)
    phone.close()
    page.fill("#user-form input[name=name]", "ban-ho-tro-2")
    page.select_option("#user-form select[name=role]", "desk")
    page.click("#user-form button")
    expect(page.locator("#setup-message")).to_contain_text("mật khẩu (chỉ hiện một lần)")
    expect(page.locator("#users tr[data-user='ban-ho-tro-2']")).to_contain_text("desk")
    context.close()
