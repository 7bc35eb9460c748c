"""Logins: the form and its CSRF token, guessing slowed per address and per name (and no
forwarding header believed), `next` kept within the site, a reset password or a removed
login ending its sessions, the session key kept apart from the event database."""

import re

from kiosk import accounts
from kiosk.web import shared

from helpers import login_form


def test_login_refuses_a_wrong_password_and_a_missing_csrf_token(client, kdb):
    accounts.set_organiser_password(kdb, "btc", "dung-mat-khau")
    assert client.post("/login", data={"username": "btc", "password": "x"}).status_code == 400
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    wrong = client.post("/login", data={"username": "btc", "password": "sai",
                                        "csrf_token": token})
    assert wrong.status_code == 401 and "Sai tên đăng nhập" in wrong.get_data(as_text=True)


def test_password_guessing_is_stopped_for_that_address_not_for_the_organisers(app, client,
                                                                               kdb):
    accounts.set_organiser_password(kdb, "btc", "mat-khau-that")
    for _ in range(accounts.LoginGuard.MAX_FAILURES):
        assert login_form(client, "btc", "doan-bua").status_code == 401
    blocked = login_form(client, "BTC", "mat-khau-that")  # even the right one, for a while
    assert blocked.status_code == 429 and "thử lại sau 10 phút" in blocked.get_data(as_text=True)
    elsewhere = app.test_client()  # the organisers' own laptop
    assert login_form(elsewhere, "btc", "mat-khau-that", address="10.0.0.2").status_code == 302
    guard = shared.of(app).logins
    later = guard.clock() + accounts.LoginGuard.WINDOW + 1
    guard.clock = lambda: later
    assert login_form(client, "btc", "mat-khau-that").status_code == 302


def test_login_sends_nobody_to_another_site(client, kdb):
    accounts.set_organiser_password(kdb, "btc", "mat-khau-that")
    # a tab, a newline or a space is dropped by the browser: '/\t/evil.example' -> '//evil…'
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example",
                   "/%09/evil.example", "/%0a/evil.example", "/%0D%0A/evil.example",
                   "/%20/evil.example"):
        response = login_form(client, "btc", "mat-khau-that", path=f"/login?next={target}")
        assert response.status_code == 302 and response.headers["Location"] == "/admin"
    inside = login_form(client, "btc", "mat-khau-that", path="/login?next=/dashboard")
    assert inside.headers["Location"] == "/dashboard"


def test_a_login_flood_from_the_hubs_own_machine_cannot_name_other_addresses(live_server):
    """uvicorn believes X-Forwarded-For from 127.0.0.1 unless told not to: a guesser on
    the hub's machine then named a new address each time and was never locked out."""
    import http.cookiejar
    import urllib.parse
    import urllib.request

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{live_server}/login").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    statuses = []
    for n in range(25):
        form = urllib.parse.urlencode({"username": f"guess{n}", "password": "x",
                                       "csrf_token": token}).encode()
        request = urllib.request.Request(f"{live_server}/login", data=form,
                                         headers={"X-Forwarded-For": f"10.9.{n}.1"})
        try:
            statuses.append(opener.open(request).status)
        except urllib.error.HTTPError as err:
            statuses.append(err.code)
    assert statuses[:20] == [401] * 20 and statuses[20:] == [429] * 5


def test_a_password_reset_or_a_removed_login_ends_its_sessions(organiser, kdb):
    assert organiser.get("/api/dashboard?session=tru-bi").status_code == 200
    accounts.set_organiser_password(kdb, "btc", "mat-khau-moi-1")
    assert organiser.get("/api/dashboard?session=tru-bi").status_code == 401
    assert organiser.get("/dashboard").status_code == 302  # back to the login page


def test_a_removed_login_ends_its_sessions(organiser, kdb):
    kdb.execute("DELETE FROM users WHERE username = 'btc'")
    kdb.conn.commit()
    assert organiser.get("/api/dashboard?session=tru-bi").status_code == 401


def test_the_session_key_is_kept_apart_from_the_event_database(app, event_path, kdb, tmp_path):
    from click.testing import CliRunner

    from kiosk.cli import main

    key_file = event_path.with_suffix(".keys") / "session.key"
    key = key_file.read_text().strip()
    assert app.secret_key == key and key_file.stat().st_mode & 0o077 == 0  # owner only
    assert kdb.execute("SELECT COUNT(*) FROM secrets WHERE value = ?", [key]).fetchone()[0] == 0
    copy = tmp_path / "copy.db"
    assert CliRunner().invoke(main, ["backup", "--db", str(event_path), "--out",
                                     str(copy)]).exit_code == 0
    assert key.encode() not in copy.read_bytes()


def test_guessing_across_many_names_is_slowed_per_address(app, client, kdb):
    from helpers import login_form

    accounts.set_organiser_password(kdb, "btc", "mat-khau-that")
    for n in range(accounts.LoginGuard.MAX_PER_ADDRESS):
        assert login_form(client, f"ten-{n}", "doan-bua").status_code == 401
    assert login_form(client, "btc", "mat-khau-that").status_code == 429  # that address
    other = app.test_client()
    assert login_form(other, "btc", "mat-khau-that", address="10.0.0.9").status_code == 302


def test_a_login_over_https_gets_a_secure_cookie_and_one_over_http_does_not(app, kdb):
    """`kiosk serve --tls` serves both ports: a cookie given on the TLS port must never
    travel back in clear (issue 28: it lacked Secure)."""
    import re

    from kiosk import accounts

    accounts.set_organiser_password(kdb, "btc", "mat-khau-thu")
    for scheme, secure in (("https", True), ("http", False)):
        client = app.test_client()
        base = f"{scheme}://hub.local"
        page = client.get("/login", base_url=base).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        answer = client.post("/login", base_url=base, data={
            "username": "btc", "password": "mat-khau-thu", "csrf_token": token},
            headers={"Referer": f"{base}/login"})  # Flask-WTF checks it over HTTPS
        assert answer.status_code == 302
        cookie = answer.headers["Set-Cookie"]
        assert ("; Secure" in cookie) is secure, cookie


def test_a_flood_of_wrong_passwords_from_many_addresses_is_refused_before_the_hash(
        app, client, kdb, monkeypatch):
    """Issue 28: each wrong password cost about 120 ms of the hub's CPU (scrypt), and the
    limits per address did not bound a flood from many addresses. Past the hub-wide budget
    an attempt is refused (429, when to try again) without hashing, for a known name as for
    an unknown one; a laptop that has logged in before still gets in."""
    accounts.set_organiser_password(kdb, "btc", "mat-khau-that")
    assert login_form(client, "btc", "mat-khau-that", address="10.1.0.1").status_code == 302
    hashed = []
    real = accounts.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash",
                        lambda stored, given: hashed.append(1) or real(stored, given))
    guard = shared.of(app).logins
    now = guard.clock()
    guard.clock = lambda: now  # the flood takes no time at all: no refill within it
    statuses, pages = [], set()
    for n in range(200):
        name = "btc" if n % 2 else f"khong-co-{n}"
        answer = login_form(app.test_client(), name, "doan-bua", address=f"10.2.{n}.9")
        statuses.append(answer.status_code)
        if answer.status_code == 429:
            pages.add(re.search(r'class="error"[^>]*>([^<]+)<', answer.get_data(as_text=True))
                      .group(1))
    budget = accounts.LoginGuard.HASHES - 1  # the organiser's own login took one
    assert len(hashed) == budget and statuses == [401] * budget + [429] * (200 - budget)
    assert pages == {"Máy chủ đang nhận quá nhiều lượt đăng nhập sai; thử lại sau 2 giây."}
    trusted = login_form(app.test_client(), "btc", "mat-khau-that", address="10.1.0.1")
    assert trusted.status_code == 302  # the organisers' laptop, during the flood
    assert login_form(app.test_client(), "btc", "mat-khau-that",
                      address="10.3.0.1").status_code == 429
    guard.clock = lambda: now + accounts.LoginGuard.REFILL  # as the answer said
    assert login_form(app.test_client(), "btc", "mat-khau-that",
                      address="10.3.0.1").status_code == 302
