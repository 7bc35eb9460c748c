"""Shared fixtures: a temporary event database, roster files, a populated event."""

import csv
from pathlib import Path

import pytest

from badges import db as store
from badges import demo_roster

HEADER = ["STT", "Mã đại biểu", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn", "Thành phần",
          "Số điện thoại", "Email", "Ghế"]


def write_csv(path: Path, rows, header=HEADER, delimiter=",", bom=True) -> Path:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def roster_row(n, name, category="Đại biểu cá nhân", code=None, **extra):
    row = [n, code if code is not None else f"T{n:03d}", name, extra.get("title", "Chuyên viên"),
           extra.get("unit", "BHXH tỉnh Nghệ An"),
           extra.get("delegation", "Đoàn BHXH tỉnh Nghệ An"),
           category, extra.get("phone", "0912345678"), extra.get("email", "a@example.org"),
           extra.get("seat", f"B01-{n:02d}")]
    return row


@pytest.fixture
def db(tmp_path):
    database = store.connect(tmp_path / "event.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_event(tmp_path_factory):
    """A read-mostly event with the 500-delegate demo roster imported (built once)."""
    folder = tmp_path_factory.mktemp("demo")
    database = store.connect(folder / "event.db")
    report = demo_roster.populate(database, folder, 500)
    assert report.applied and len(report.created) == 500
    database.close()
    return folder / "event.db"


# --- kiosk fixtures: an event copy, the app, clients, a real server ----------------

@pytest.fixture
def event_path(demo_event, tmp_path):
    """A private copy of the 500-delegate demo event for one test."""
    import shutil

    path = tmp_path / "event.db"
    shutil.copy(demo_event, path)
    return path


@pytest.fixture
def kdb(event_path):
    from kiosk import db as kiosk_db

    database = kiosk_db.connect(event_path)
    yield database
    database.close()


def badge_payload(database, code):
    from badges import codes

    return codes.current_payload(database, store.delegate_by_code(database, code))


@pytest.fixture
def app(event_path):
    from kiosk import create_app

    return create_app({"DATABASE": str(event_path), "TESTING": True, "STREAM_KEEPALIVE": 0.5})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def station_token(kdb):
    from kiosk import auth

    return auth.issue_station_token(kdb, "lane-1")


@pytest.fixture
def station(client, station_token):
    """A client that sends the station's bearer token."""
    client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {station_token}"
    return client


def login_form(client, username, password, path="/login", address="10.0.0.7"):
    """Fill in the real login form (its CSRF token included) from `address`."""
    import re

    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(path, data={"username": username, "password": password,
                                   "csrf_token": token},
                       environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def organiser(client, kdb):
    """A client logged in as an organiser through the real login form (CSRF included)."""
    import re

    from kiosk import auth

    auth.set_organiser_password(kdb, "btc", "mat-khau-thu")
    response = login_form(client, "btc", "mat-khau-thu")
    assert response.status_code == 302
    kiosk_page = client.get("/kiosk").get_data(as_text=True)
    client.csrf = re.search(r'name="csrf-token" content="([^"]+)"', kiosk_page).group(1)
    return client


@pytest.fixture
def live_server(event_path):
    """The hub (`kiosk serve`, waitress) on the test's event database, in its own process."""
    from benchlib import hub

    with hub(event_path, 32) as (base, _):
        yield base


def post_checkin(base, token, code, session="chinh-thuc"):
    """A check-in over HTTP to a running hub, as a station would send it."""
    import json
    import urllib.request

    request = urllib.request.Request(
        f"{base}/api/checkins", data=json.dumps({"code": code, "session": session}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request, timeout=10).read())


def tamper(payload: str, count: int = 1) -> str:
    """The payload with its last `count` characters changed (each to a different one)."""
    head, tail = payload[:-count], payload[-count:]
    return head + "".join("B" if ch == "A" else "A" for ch in tail)
