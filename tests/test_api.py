"""The JSON API through Flask's test client: auth, outcomes, bad input, one error shape.
Logins and their guards: test_logins.py."""

import io
import re

import cv2
import numpy as np
import pytest

from badges import printing
from badges.text import fold
from kiosk import accounts

from helpers import badge_payload, tamper


def assert_error_shape(response, status, reason=None):
    assert response.status_code == status
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "reason", "message"} and error["status"] == status
    assert error["message"] and isinstance(error["reason"], str)
    if reason:
        assert error["reason"] == reason
    return error


@pytest.mark.parametrize("method, path", [
    ("post", "/api/checkins"), ("post", "/api/scan"), ("get", "/api/stats"),
    ("get", "/api/delegates?q=a"), ("post", "/api/checkins/x/undo"),
])
def test_every_endpoint_wants_credentials(client, method, path):
    response = getattr(client, method)(path, json={"confirm": True, "code": "CN010"})
    assert_error_shape(response, 401, "unauthorized")


def test_wrong_and_revoked_tokens_are_refused_at_once(client, kdb, station_token):
    bad = client.get("/api/stats", headers={"Authorization": "Bearer not-a-token"})
    assert_error_shape(bad, 401)
    good = client.get("/api/stats", headers={"Authorization": f"Bearer {station_token}"})
    assert good.status_code == 200
    accounts.revoke_station(kdb, "lane-1")
    after = client.get("/api/stats", headers={"Authorization": f"Bearer {station_token}"})
    assert_error_shape(after, 401)


def test_checkin_outcomes_through_the_api(station, kdb):
    text = badge_payload(kdb, "CN010")
    ok = station.post("/api/checkins", json={"code": text, "session": "tru-bi"}).get_json()
    assert ok["result"] == "ok" and ok["color"] == "green" and ok["label"] == "Mời vào"
    assert ok["delegate"]["name"] and ok["delegate"]["seat"]
    assert "phone" not in ok["delegate"] and "email" not in ok["delegate"]
    assert ok["stats"]["present"] == 1 and ok["stats"]["expected"] == 470
    dup = station.post("/api/checkins", json={"code": text, "session": "tru-bi"}).get_json()
    assert dup["result"] == "duplicate" and dup["first"]["station"] == "lane-1"
    assert dup["first"]["time"] == ok["time"]
    for code, result in (("ZZ999", "unknown"), ("???", "malformed"),
                         (tamper(text, 2), "forged")):
        body = station.post("/api/checkins", json={"code": code, "session": "tru-bi"})
        assert body.get_json()["result"] == result
        assert body.get_json()["color"] == "red"


def test_default_session_comes_from_the_schedule(station):
    body = station.post("/api/checkins", json={"confirm": True, "code": "CN010"}).get_json()
    assert body["stats"]["session"] in ("tru-bi", "chinh-thuc")


def test_no_personal_data_in_any_station_answer(station, kdb):
    person = kdb.execute("SELECT phone, email FROM delegates WHERE code = 'CN010'").fetchone()
    answers = [station.post("/api/checkins", json={"confirm": True, "code": "CN010"}),
               station.get("/api/delegates?q=CN010"), station.get("/api/stats")]
    for response in answers:
        text = response.get_data(as_text=True)
        assert person[0] not in text and (person[1] or "@@") not in text


@pytest.mark.parametrize("kwargs, status, reason", [
    ({"data": "{not json", "content_type": "application/json"}, 400, "bad_json"),
    ({"json": ["a", "list"]}, 400, "bad_json"),
    ({"json": {"session": "tru-bi"}}, 400, "bad_code"),
    ({"json": {"code": 12345}}, 400, "bad_code"),
    ({"json": {"code": "CN010", "session": "phien-ma"}}, 400, "unknown_session"),
    ({"json": {"code": "CN010", "id": "short"}}, 400, "bad_id"),
    ({"json": {"code": "CN010", "method": "telepathy"}}, 400, "bad_method"),
    ({"json": {"code": "A" * 10_000}}, 400, "bad_code"),
    ({"data": b"x" * (5 * 1024 * 1024), "content_type": "application/json"}, 413, "too_large"),
])
def test_bad_checkin_bodies_get_4xx_in_the_error_shape(station, kwargs, status, reason):
    assert_error_shape(station.post("/api/checkins", **kwargs), status, reason)


def test_retried_request_with_the_same_id_writes_nothing_new(station, kdb):
    body = {"code": "CN010", "id": "kiosk-retry-42", "confirm": True}
    first = station.post("/api/checkins", json=body).get_json()
    second = station.post("/api/checkins", json=body).get_json()
    assert first["result"] == second["result"] == "ok" and second["replayed"]
    assert kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 1


def badge_jpeg(kdb, code, tmp_path) -> bytes:
    png = tmp_path / f"{code}.png"
    printing.render_badges(kdb, png, code=code, fmt="png")
    image = cv2.imread(str(png))
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 80])[1].tobytes()


def test_scan_decodes_a_badge_photo_and_checks_in(station, kdb, tmp_path):
    jpeg = badge_jpeg(kdb, "CN030", tmp_path)
    raw = station.post("/api/scan?session=tru-bi", data=jpeg, content_type="image/jpeg")
    assert raw.get_json()["result"] == "ok" and raw.get_json()["delegate"]["code"] == "CN030"
    form = station.post("/api/scan?session=tru-bi", content_type="multipart/form-data",
                        data={"image": (io.BytesIO(jpeg), "badge.jpg")})
    assert form.get_json()["result"] == "duplicate"
    held = station.post("/api/scan?session=tru-bi&ignore=CN030", data=jpeg,
                        content_type="image/jpeg")
    assert held.get_json()["result"] == "no_code"  # the badge still held up: no new event
    assert kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 2
    bad_id = station.post("/api/scan?session=chinh-thuc&id=x", data=jpeg,
                          content_type="image/jpeg")
    assert_error_shape(bad_id, 400, "bad_id")
    assert kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0] == 2


def test_scan_of_an_image_without_a_code_and_of_garbage(station):
    blank = cv2.imencode(".png", np.full((480, 640), 200, np.uint8))[1].tobytes()
    body = station.post("/api/scan", data=blank, content_type="image/png").get_json()
    assert body["result"] == "no_code"
    assert_error_shape(station.post("/api/scan", data=b"\x89PNG garbage",
                                    content_type="image/png"), 415, "not_an_image")
    assert_error_shape(station.post("/api/scan", data=b"hello", content_type="text/plain"),
                       415, "not_an_image")
    assert_error_shape(station.post("/api/scan", data={}, content_type="multipart/form-data"),
                       400, "no_image")


def test_search_folds_diacritics_and_d_stroke(station):
    hits = station.get("/api/delegates?q=nguyen thi phuong").get_json()["results"]
    assert "Nguyễn Thị Phượng" in [h["name"] for h in hits]
    dang = station.get("/api/delegates?q=dang").get_json()["results"]
    assert any(h["name"].startswith("Đặng") for h in dang)
    assert all("dang" in fold(" ".join([h["name"], h["unit"], h["delegation"]])) for h in dang)
    by_code = station.get("/api/delegates?q=cn210").get_json()["results"]
    assert [h["code"] for h in by_code] == ["CN210"]
    assert station.get("/api/delegates?q=").get_json()["results"] == []


def test_undo_is_for_organisers_only(station, organiser, kdb):
    first = station.post("/api/checkins", json={"confirm": True, "code": "CN010"}).get_json()
    station_try = station.post(f"/api/checkins/{first['id']}/undo",
                               headers={"X-CSRFToken": "x"})
    assert station_try.status_code in (401, 403)


def test_organiser_cookie_writes_need_the_csrf_header(organiser):
    no_header = organiser.post("/api/checkins", json={"confirm": True, "code": "CN010"})
    assert_error_shape(no_header, 400, "csrf")
    with_header = organiser.post("/api/checkins", json={"confirm": True, "code": "CN010"},
                                 headers={"X-CSRFToken": organiser.csrf})
    assert with_header.get_json()["result"] == "ok"
    undo = organiser.post(f"/api/checkins/{with_header.get_json()['id']}/undo",
                          json={"reason": "quét nhầm"}, headers={"X-CSRFToken": organiser.csrf})
    assert undo.get_json()["result"] == "undone"
    again = organiser.post(f"/api/checkins/{with_header.get_json()['id']}/undo",
                           json={"reason": "quét nhầm"}, headers={"X-CSRFToken": organiser.csrf})
    assert_error_shape(again, 409, "already_undone")


def test_unknown_api_path_and_method_use_the_error_shape(station):
    assert_error_shape(station.get("/api/nothing-here"), 404, "not_found")
    assert_error_shape(station.get("/api/checkins"), 405, "method_not_allowed")


def test_healthz_needs_no_credentials(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_kiosk_page_opens_with_a_token_and_drops_it_from_the_address(client, station_token):
    assert client.get("/kiosk").status_code == 401
    assert client.get("/kiosk?token=wrong").status_code == 401
    opened = client.get(f"/kiosk?token={station_token}")
    assert opened.status_code == 302 and opened.headers["Location"] == "/kiosk"
    page = client.get("/kiosk").get_data(as_text=True)
    assert "lane-1" in page and "Phiên trù bị" in page


def log_rows(kdb) -> int:
    return kdb.execute("SELECT COUNT(*) FROM checkins").fetchone()[0]


def test_a_token_revoked_mid_stream_refuses_the_next_check_in(station, kdb):
    """The check-in route trusts the batcher's list of live credentials, which the batcher
    checks against the database inside every batch: a revocation by another connection
    (the CLI's) still refuses the very next check-in, and nothing of it is written."""
    first = station.post("/api/checkins", json={"confirm": True,
                                                "code": "CN020", "session": "tru-bi"})
    assert first.status_code == 200 and first.get_json()["result"] == "ok"
    accounts.revoke_station(kdb, "lane-1")
    before = log_rows(kdb)
    refused = station.post("/api/checkins", json={"confirm": True,
                                                  "code": "CN021", "session": "tru-bi"})
    assert_error_shape(refused, 401, "unauthorized")
    assert log_rows(kdb) == before
    again = accounts.issue_station_token(kdb, "lane-1")
    fresh = station.post("/api/checkins", json={"confirm": True,
                                                "code": "CN021", "session": "tru-bi"},
                         headers={"Authorization": f"Bearer {again}"})
    assert fresh.status_code == 200 and fresh.get_json()["station"] == "lane-1"


def test_a_reissued_token_replaces_the_old_one_at_once(station, kdb, station_token):
    assert station.post("/api/checkins", json={"confirm": True, "code": "CN022"}).status_code == 200
    accounts.issue_station_token(kdb, "lane-1")  # the old token stops working
    assert_error_shape(station.post("/api/checkins", json={"confirm": True, "code": "CN023"}), 401)


def test_a_kiosk_page_opened_before_a_revocation_stops_checking_in(client, kdb, station_token):
    client.get(f"/kiosk?token={station_token}")
    page = client.get("/kiosk").get_data(as_text=True)
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    headers = {"X-CSRFToken": csrf}
    ok = client.post("/api/checkins", json={"confirm": True, "code": "CN024"}, headers=headers)
    assert ok.status_code == 200 and ok.get_json()["station"] == "lane-1"
    accounts.revoke_station(kdb, "lane-1")
    refused = client.post("/api/checkins", json={"confirm": True, "code": "CN025"}, headers=headers)
    assert_error_shape(refused, 401)
    assert client.get("/kiosk").status_code == 401


def test_counts_stay_right_when_another_connection_writes(station, kdb):
    """The batcher keeps counts between batches; a write by another connection (a CLI
    command, a second hub process) must show in the next answer."""
    from kiosk.core import decision

    def present():
        body = station.post("/api/checkins", json={"confirm": True,
                                                   "code": "XX999", "session": "tru-bi"})
        return body.get_json()["stats"]["present"]

    assert station.post("/api/checkins",
                        json={"confirm": True,
                              "code": "CN030", "session": "tru-bi"}).get_json()["stats"][
        "present"] == 1
    outside = decision.check_in(kdb, "CN031", "tru-bi", "lane-cli", confirmed=True)
    assert present() == 2
    decision.undo(kdb, outside.id, "btc")
    assert present() == 1
    assert station.get("/api/stats?session=tru-bi").get_json()["present"] == 1


def test_a_reprint_and_a_walk_in_on_the_day_count_at_once(station, kdb, tmp_path):
    """The batcher keeps the roster in memory; a reprint or a walk-in added by another
    connection while the hub runs must be seen by the next check-in."""
    from badges import codes
    from badges.importer import import_roster

    from helpers import roster_row, write_csv

    def result(text, session="chinh-thuc"):
        return station.post("/api/checkins",
                            json={"code": text, "session": session}).get_json()["result"]

    old = badge_payload(kdb, "CN040")
    assert result(old, "tru-bi") == "ok"
    new = codes.revoke(kdb, "CN040")
    assert result(old) == "revoked"
    assert result(new) == "ok"
    rows = [roster_row(1, "Ưng Thị Ỷ", code="WALK1", delegation="Đoàn Cà Mau")]
    assert import_roster(kdb, write_csv(tmp_path / "walk-in.csv", rows)).applied
    assert result(badge_payload(kdb, "WALK1")) == "ok"


def test_after_an_undo_the_delegate_can_check_in_again(organiser):
    def post(path, **body):
        return organiser.post(path, json=body or None,
                              headers={"X-CSRFToken": organiser.csrf}).get_json()

    first = post("/api/checkins", code="CN050", session="tru-bi", confirm=True)
    assert first["result"] == "ok" and first["stats"]["present"] == 1
    unexplained = organiser.post(f"/api/checkins/{first['id']}/undo", json={"reason": "  "},
                                 headers={"X-CSRFToken": organiser.csrf})
    assert_error_shape(unexplained, 400, "reason_required")  # and nothing undone:
    assert post("/api/checkins", code="CN050", session="tru-bi")["result"] == "duplicate"
    undone = post(f"/api/checkins/{first['id']}/undo", reason="nhầm người")
    assert undone["result"] == "undone" and undone["stats"]["present"] == 0
    again = post("/api/checkins", code="CN050", session="tru-bi", confirm=True)
    assert again["result"] == "ok" and again["stats"]["present"] == 1
    assert post("/api/checkins", code="CN050", session="tru-bi")["result"] == "duplicate"


def test_every_answer_carries_the_security_headers(client, station_token):
    from kiosk.app import SECURITY_HEADERS

    for response in (client.get("/healthz"), client.get("/login"), client.get("/nope"),
                     client.get(f"/kiosk?token={station_token}"),
                     client.post("/api/checkins", json={"confirm": True, "code": "CN010"})):
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (response.request.path, name)


def test_a_bare_code_is_never_ok_by_itself_typed_or_as_a_qr_image(station, kdb):
    """Anyone can print a QR code of a delegate code (it is on every badge): it names the
    delegate for the volunteer to compare, and only the explicit confirmation checks in."""
    import qrcode

    asked = station.post("/api/checkins", json={"code": "CN012", "session": "tru-bi"})
    body = asked.get_json()
    assert body["result"] == "confirm" and body["color"] == "blue"
    assert body["delegate"]["code"] == "CN012" and "phone" not in body["delegate"]
    frame = io.BytesIO()
    qrcode.make("CN012", box_size=8).save(frame)
    scanned = station.post("/api/scan?session=tru-bi", data=frame.getvalue(),
                           content_type="image/png").get_json()
    assert scanned["result"] == "confirm"
    assert kdb.execute("SELECT COUNT(*) FROM presence").fetchone()[0] == 0
    bad = station.post("/api/checkins", json={"code": "CN012", "confirm": "yes"})
    assert_error_shape(bad, 400, "bad_confirm")
    confirmed = station.post("/api/checkins", json={"code": "CN012", "session": "tru-bi",
                                                     "confirm": True}).get_json()
    assert confirmed["result"] == "ok"
    again = station.post("/api/checkins", json={"code": "CN012", "session": "tru-bi"})
    assert again.get_json()["result"] == "duplicate"  # nothing to confirm: already in
    assert kdb.execute("SELECT method, result FROM checkins WHERE delegate_id IS NOT NULL "
                       "ORDER BY seq").fetchall() == [("typed", "confirm"), ("camera", "confirm"),
                                                     ("typed", "ok"), ("typed", "duplicate")]


def test_search_ranks_people_by_name_before_units(organiser):
    """"nguyen van" is a person's name before it is 'Thái Nguyên' or 'Văn phòng', at the
    kiosk's search and at the help desk."""
    from badges.text import fold

    for path in ("/api/delegates?q=nguyen+van", "/api/admin/delegates?q=nguyen+van"):
        names = [fold(r["name"]) for r in organiser.get(path).get_json()["results"]]
        by_name = [("nguyen" in n and "van" in n) for n in names]
        assert by_name[0] and by_name == sorted(by_name, reverse=True), names


def test_the_favicon_is_served_to_anyone(client):
    from PIL import Image

    with client.get("/favicon.ico") as answer:
        assert answer.status_code == 200
        assert Image.open(io.BytesIO(answer.data)).format == "ICO"


