"""Organisers' setup: a station credential issued in the browser, shown once with a QR
code that opens the kiosk page already paired, its last contact, revoked at once; logins
created with a role, never leaving the event without an organiser."""

import base64
import re

import pytest
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
    expect(page.locator("#users tr[data-user='ban-ho-tro-2']")).to_contain_text("Bàn hỗ trợ")
    context.close()


def test_sessions_categories_and_the_roster_from_the_setup_api(organiser, kdb, tmp_path):
    moved = post(organiser, "/api/admin/sessions/chinh-thuc", {
        "starts": "2026-12-16T07:30", "ends": "2026-12-16T11:30",
        "summoned": ["lanh-dao", "tap-the", "ca-nhan"]})
    assert moved.status_code == 200, moved.get_json()
    official = {s["id"]: s for s in store.list_sessions(kdb)}["chinh-thuc"]
    assert official["starts_at"] == "2026-12-16T07:30:00+07:00"
    assert official["categories"] == ["lanh-dao", "tap-the", "ca-nhan"]
    backwards = post(organiser, "/api/admin/sessions/chinh-thuc", {"ends": "2026-12-16T06:00"})
    assert backwards.status_code == 400 and "phải kết thúc sau" in \
        backwards.get_json()["error"]["message"]
    nobody = post(organiser, "/api/admin/sessions/chinh-thuc", {"summoned": []})
    assert nobody.status_code == 400
    added = post(organiser, "/api/admin/sessions/be-mac", {
        "name": "Phiên bế mạc", "starts": "2026-12-16T14:00", "ends": "2026-12-16T16:00",
        "summoned": "all"})
    assert added.status_code == 200
    assert post(organiser, "/api/admin/sessions/Bế Mạc", {"name": "x"}).status_code == 400
    category = post(organiser, "/api/admin/categories", {"name": "Đại biểu dự thính",
                                                         "color": "#00897b"})
    assert category.status_code == 201 and category.get_json()["id"] == "dai-bieu-du-thinh"
    assert post(organiser, "/api/admin/categories", {"name": "Đại biểu dự thính"}
                ).status_code == 409
    assert post(organiser, "/api/admin/categories/khach-moi", {"color": "red"}
                ).get_json()["error"]["field"] == "color"
    assert post(organiser, "/api/admin/categories/khach-moi", {"color": "#112233"}
                ).status_code == 200
    # the roster: refused whole with every error, then applied
    bad = tmp_path / "ds.csv"
    bad.write_text("Họ và tên,Thành phần,Số điện thoại\nA Một,Đại biểu dự thính,0912345678\n"
                   "B Hai,Không có,12\n", encoding="utf-8")
    with open(bad, "rb") as f:
        refused = organiser.post("/api/admin/roster", data={"file": (f, "ds.csv")},
                                 headers={"X-CSRFToken": organiser.csrf})
    assert refused.status_code == 422 and refused.get_json()["error_count"] == 2
    assert any("dòng 3" in e for e in refused.get_json()["errors"])
    assert store.delegate_by_code(kdb, "DB0001") is None
    bad.write_text("Họ và tên,Thành phần\nA Một,Đại biểu dự thính\n", encoding="utf-8")
    with open(bad, "rb") as f:
        applied = organiser.post("/api/admin/roster", data={"file": (f, "ds.csv"),
                                                            "add_only": "1"},
                                 headers={"X-CSRFToken": organiser.csrf})
    answer = applied.get_json()
    assert applied.status_code == 200 and len(answer["created"]) == 1 and answer["missing"] == []
    with open(bad, "rb") as f:
        wrong = organiser.post("/api/admin/roster", data={"file": (f, "ds.pdf")},
                               headers={"X-CSRFToken": organiser.csrf})
    assert wrong.status_code == 415
    actions = [e["action"] for e in store.audit_entries(kdb)]
    assert {"session.set", "category.add", "category.color", "roster.import"} <= set(actions)


def test_the_roster_upload_in_the_browser_reports_errors_then_applies(browser, live_server,
                                                                     kdb, tmp_path):
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server, "btc", "mat-khau-thu", "/admin/setup")
    roster = tmp_path / "ds.csv"
    roster.write_text("Họ và tên,Thành phần,Đơn vị\n<b>Ôn Thị Lạ</b>,Khách mời,X\n"
                      "Bùi Văn Sai,Không có,Y\n", encoding="utf-8")
    page.set_input_files("#roster-form input[name=file]", str(roster))
    page.click("#roster-form button")
    expect(page.locator("#roster-report")).to_contain_text("1 lỗi; chưa nạp gì")
    expect(page.locator("#roster-report .errors")).to_contain_text("dòng 3, cột 'Thành phần'")
    roster.write_text("Họ và tên,Thành phần,Đơn vị\n<b>Ôn Thị Lạ</b>,Khách mời,X\n",
                      encoding="utf-8")
    page.set_input_files("#roster-form input[name=file]", str(roster))
    page.check("#roster-form input[name=add_only]")
    page.click("#roster-form button")
    expect(page.locator("#roster-report")).to_contain_text("Đã nạp: 1 mới")
    assert page.locator("#roster-report b").count() == 0
    # a session moved from the page
    form = page.locator(".session-form[data-session='tru-bi']")
    # (dates as Vietnamese write them, whatever the browser's locale)
    vietnamese_moment = re.compile(r"^\d\d/\d\d/\d{4} \d\d:\d\d$")
    expect(form.locator("input[name=starts]")).to_have_value(vietnamese_moment)
    form.locator("input[name=starts]").fill("15/12/2026 13:00")
    form.locator("input[name=ends]").fill("15/12/2026 17:00")
    form.locator("button").click()
    expect(page.locator("#setup-message")).to_contain_text("Đã lưu Phiên trù bị")
    starts = {s["id"]: s for s in store.list_sessions(kdb)}["tru-bi"]["starts_at"]
    assert starts == "2026-12-15T13:00:00+07:00"
    assert "Choose File" not in page.inner_text("body")
    expect(page.locator("#users")).to_contain_text("Ban Tổ chức")
    expect(page.locator("#users")).not_to_contain_text("organiser")
    context.close()


@pytest.mark.parametrize("bind, venue", [("0.0.0.0", True), ("127.0.0.1", False)])
def test_pairing_goes_to_https_and_the_venue_address_when_the_hub_serves_tls(event_path, kdb,
                                                                             bind, venue):
    """A hub on the venue network pairs phones to an address its certificate covers; a
    hub on 127.0.0.1 only (`kiosk demo --tls`) to itself."""
    from kiosk import create_app, tls

    from helpers import login_form

    app = create_app({"DATABASE": str(event_path), "TLS_PORT": 8443, "BIND_HOST": bind})
    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    client = app.test_client()
    login_form(client, "btc", "mat-khau-thu")
    client.csrf = re.search(r'name="csrf-token" content="([^"]+)"', client.get(
        "/admin/setup").get_data(as_text=True)).group(1)
    answer = post(client, "/api/admin/stations", {"name": "dien-thoai-1"}).get_json()
    assert answer["https"] and answer["url"].startswith("https://")
    host = answer["url"].split("//", 1)[1].split(":", 1)[0]
    assert host in tls.addresses()  # an address the hub's certificate covers
    assert (host not in ("localhost", "127.0.0.1")) == (venue and any(
        a.count(".") == 3 and not a.startswith("127.") for a in tls.addresses()))
    assert answer["url"].endswith(f":8443/kiosk?token={answer['token']}")
