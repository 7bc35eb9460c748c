"""A delegation head's phone (issue 31): a link per delegation (kiosk delegation-links),
the delegation's own people and nobody else's, no phone or email in any answer, an
absence and a substitute for its own members only (403 for anyone else's), a revoked
link refused at once, wrong links throttled as the login is."""

import re
import socket
import time
from http.client import HTTPConnection
from urllib.parse import urlsplit

import cv2
import pytest
from click.testing import CliRunner

from kiosk import db as store
from kiosk.cli import main
from kiosk.services import records

from helpers import post_checkin, running_hub


def make_links(event_path, tmp_path, base="http://hub.test") -> dict:
    """`kiosk delegation-links`: delegation -> URL, as printed."""
    made = CliRunner().invoke(main, ["delegation-links", "--db", str(event_path), "--base", base,
                                     "--out", str(tmp_path / "qr")])
    assert made.exit_code == 0, made.output
    return dict(line.split("\t") for line in made.output.strip().splitlines())


def head_client(app, url: str):
    """A phone that opened its delegation's link once; its CSRF token kept as `csrf`."""
    phone = app.test_client()
    opened = phone.get(urlsplit(url).path)
    assert opened.status_code == 302 and opened.headers["Location"].endswith("/doan")
    page = phone.get("/doan").get_data(as_text=True)
    phone.csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    return phone


def two_delegations(kdb) -> tuple:
    """Two delegations of the demo with several members each."""
    sizes = {d: len(store.members(kdb, d)) for d in store.delegations(kdb)}
    big = [d for d, n in sizes.items() if n >= 8 and d.startswith("Đoàn")]
    return big[0], big[1]


def test_links_for_the_demo_event_one_per_delegation_with_its_qr(event_path, kdb, tmp_path):
    links = make_links(event_path, tmp_path)
    assert set(links) == set(store.delegations(kdb)) and len(links) >= 30
    assert "Khách mời" not in links and "Báo chí" not in links  # no head
    pictures = sorted((tmp_path / "qr").glob("*.png"))
    assert len(pictures) == len(links)
    first = cv2.imread(str(pictures[0]))
    text, _, _ = cv2.QRCodeDetector().detectAndDecode(first)
    assert text == list(links.values())[0]  # the official order, as printed
    secrets = [url.rsplit("/", 1)[1] for url in links.values()]
    assert all(url.startswith("http://hub.test/doan/") for url in links.values())
    raw = event_path.read_bytes() + (event_path.parent / "event.db-wal").read_bytes() \
        if (event_path.parent / "event.db-wal").exists() else event_path.read_bytes()
    assert not any(s.encode() in raw for s in secrets)  # hashes kept, never the secrets
    trail = store.audit_entries(kdb, None, "delegation.link")
    assert len(trail) == len(links) and "delegation.link" in records.ACTIONS


def test_a_head_sees_exactly_its_delegation_and_follows_a_check_in(app, event_path, kdb,
                                                                   tmp_path, station):
    links = make_links(event_path, tmp_path)
    mine, _ = two_delegations(kdb)
    phone = head_client(app, links[mine])
    page = phone.get("/doan").get_data(as_text=True)
    assert mine in page and 'name="csrf-token"' in page
    seen = phone.get("/api/delegation").get_json()
    assert seen["delegation"] == mine
    assert [m["code"] for m in seen["members"]] == [p["code"] for p in store.members(kdb, mine)]
    assert {"code", "name", "title", "seat", "present"} <= set(seen["members"][0])
    assert {"sessions", "awards"} <= set(seen)
    at = next(n for n, m in enumerate(seen["members"]) if seen["session"] in m["summoned"])
    member = seen["members"][at]
    assert not member["present"]
    answer = station.post("/api/checkins", json={"code": member["code"], "confirm": True,
                                                 "session": seen["session"]})
    assert answer.get_json()["result"] == "ok"
    after = phone.get("/api/delegation").get_json()
    assert after["members"][at]["present"] and after["members"][at]["arrived_at"]
    current = next(s for s in after["sessions"] if s["current"])
    assert current["present"] == 1


def test_an_absence_for_its_own_member_and_not_for_another_delegations(app, event_path, kdb,
                                                                       tmp_path):
    links = make_links(event_path, tmp_path)
    mine, theirs = two_delegations(kdb)
    phone = head_client(app, links[mine])
    own, other = store.members(kdb, mine)[1], store.members(kdb, theirs)[0]
    headers = {"X-CSRFToken": phone.csrf}
    accepted = phone.post("/api/delegation/absences", headers=headers,
                          json={"code": own["code"], "session": "chinh-thuc", "reason": "ốm"})
    assert accepted.status_code == 201, accepted.get_json()
    for code in (other["code"], "KHONG-CO"):
        refused = phone.post("/api/delegation/absences", headers=headers,
                             json={"code": code, "session": "chinh-thuc", "reason": "ốm"})
        assert refused.status_code == 403
        assert refused.get_json()["error"]["reason"] == "forbidden"
        assert set(refused.get_json()["error"]) >= {"status", "reason", "message"}
    assert [a["reason"] for a in store.absences_of(kdb, [own["id"]])] == ["ốm"]
    assert store.absences_of(kdb, [other["id"]]) == []
    entry = store.audit_entries(kdb, own["code"], "absence.add")[0]
    assert (entry["actor"], entry["role"]) == (mine, "head")
    read = records.audit_trail(kdb, own["code"], "absence.add")[0]
    assert read["who"] == f"{mine} (Trưởng đoàn)"
    no_csrf = phone.post("/api/delegation/absences",
                         json={"code": own["code"], "session": "tru-bi", "reason": "ốm"})
    assert no_csrf.status_code == 400
    shown = phone.get("/api/delegation").get_json()["members"][1]
    assert shown["absences"][0]["reason"] == "ốm"


def test_a_substitute_asked_by_the_head_goes_to_the_desks_queue(app, event_path, kdb, tmp_path,
                                                                 organiser):
    links = make_links(event_path, tmp_path)
    mine, theirs = two_delegations(kdb)
    phone = head_client(app, links[mine])
    own, other = store.members(kdb, mine)[2], store.members(kdb, theirs)[1]
    asked = {"name": "Trần Văn Thế", "title": "Phó Giám đốc", "unit": own["unit"],
             "reason": "đồng chí được cử đi công tác"}
    headers = {"X-CSRFToken": phone.csrf}
    refused = phone.post("/api/delegation/substitutes", headers=headers,
                         json=dict(asked, code=other["code"]))
    assert refused.status_code == 403
    made = phone.post("/api/delegation/substitutes", headers=headers,
                      json=dict(asked, code=own["code"]))
    assert made.status_code == 201, made.get_json()
    queue = organiser.get("/api/admin/substitutions").get_json()
    waiting = [s for s in queue["substitutions"] if s["original_code"] == own["code"]]
    assert waiting and waiting[0]["requested_by"] == mine
    assert store.delegate_by_code(kdb, own["code"])["active"]  # not onto the roster yet
    approved = organiser.post(f"/api/admin/substitutions/{waiting[0]['id']}/approve",
                              headers={"X-CSRFToken": organiser.csrf}, json={})
    assert approved.status_code == 200, approved.get_json()
    shown = phone.get("/api/delegation").get_json()
    names = [m["name"] for m in shown["members"]]
    assert "Trần Văn Thế" in names and own["name"] not in names


def test_phones_and_emails_never_reach_a_head(app, event_path, kdb, tmp_path, station):
    links = make_links(event_path, tmp_path)
    mine, theirs = two_delegations(kdb)
    kdb.execute("UPDATE delegates SET gender = 'Nữ', ethnicity = 'Ơ Đu', party = 1")
    kdb.conn.commit()
    phone = head_client(app, links[mine])
    own, other = store.members(kdb, mine)[0], store.members(kdb, theirs)[0]
    station.post("/api/checkins", json={"code": own["code"], "confirm": True,
                                        "session": "tru-bi"})
    headers = {"X-CSRFToken": phone.csrf}
    answers = [phone.get("/doan"), phone.get("/api/delegation"),
               phone.post("/api/delegation/absences", headers=headers,
                          json={"code": own["code"], "reason": "bận"}),
               phone.post("/api/delegation/absences", headers=headers,
                          json={"code": other["code"], "reason": "bận"}),
               phone.post("/api/delegation/substitutes", headers=headers,
                          json={"code": own["code"], "name": "Lê Thị Hoa", "reason": "ốm"}),
               phone.get("/api/stream?after=0")]
    text = ""
    for answer in answers:
        assert answer.status_code < 500
        if answer.mimetype != "text/event-stream":  # the stream: the hub test reads it
            text += answer.get_data(as_text=True)
        answer.close()
    contacts = {row[0] for row in kdb.execute(
        "SELECT phone FROM delegates WHERE phone IS NOT NULL AND phone != '' UNION "
        "SELECT email FROM delegates WHERE email IS NOT NULL AND email != ''").fetchall()}
    assert len(contacts) > 100
    assert not [c for c in contacts if c in text]
    assert '"phone"' not in text and '"email"' not in text and "Ơ Đu" not in text


def test_a_revoked_link_is_refused_at_once_and_a_new_run_replaces_it(app, event_path, kdb,
                                                                      tmp_path):
    links = make_links(event_path, tmp_path)
    mine, theirs = two_delegations(kdb)
    phone, other = head_client(app, links[mine]), head_client(app, links[theirs])
    revoked = CliRunner().invoke(main, ["delegation-links", "--db", str(event_path),
                                        "--revoke", mine])
    assert revoked.exit_code == 0, revoked.output
    gone = phone.get("/api/delegation")
    assert gone.status_code == 401 and gone.get_json()["error"]["reason"] == "unauthorized"
    assert phone.get("/doan").status_code == 401
    assert app.test_client().get(urlsplit(links[mine]).path).status_code == 401
    assert other.get("/api/delegation").status_code == 200  # the others go on
    again = CliRunner().invoke(main, ["delegation-links", "--db", str(event_path),
                                      "--revoke", mine])
    assert again.exit_code == 1 and mine in again.output
    fresh = make_links(event_path, tmp_path)
    assert other.get("/api/delegation").status_code == 401  # a new run: new links
    assert fresh[mine] != links[mine]
    assert head_client(app, fresh[mine]).get("/api/delegation").status_code == 200


def test_ten_wrong_links_from_one_address_are_throttled(app, event_path, tmp_path):
    links = make_links(event_path, tmp_path)
    guesser = app.test_client()
    for n in range(10):
        assert guesser.get(f"/doan/doan-sai-{n}").status_code == 401
    assert guesser.get("/doan/doan-sai-10").status_code == 429
    assert guesser.get(urlsplit(next(iter(links.values()))).path).status_code == 429
    elsewhere = app.test_client()  # another address is not held up by the guesser
    right = elsewhere.get(urlsplit(next(iter(links.values()))).path,
                          environ_base={"REMOTE_ADDR": "10.0.9.9"})
    assert right.status_code == 302


def test_a_head_has_no_place_at_the_desk_or_the_doors(app, event_path, tmp_path, kdb):
    links = make_links(event_path, tmp_path)
    phone = head_client(app, links[two_delegations(kdb)[0]])
    for path in ("/api/admin/delegates?q=a", "/api/dashboard", "/api/delegates?q=a",
                 "/api/hall"):
        assert phone.get(path).status_code == 403, path
    assert phone.get("/").headers["Location"].endswith("/doan")


# --- a real hub: the phone follows the stream; a revoked link's stream ends ------------

def _cookie_of(base: str, path: str) -> str:
    host = urlsplit(base)
    conn = HTTPConnection(host.hostname, host.port, timeout=5)
    conn.request("GET", path)
    answer = conn.getresponse()
    assert answer.status == 302
    cookie = answer.getheader("Set-Cookie").split(";", 1)[0]
    conn.close()
    return cookie


def _get_json(base: str, path: str, cookie: str):
    host = urlsplit(base)
    conn = HTTPConnection(host.hostname, host.port, timeout=5)
    conn.request("GET", path, headers={"Cookie": cookie})
    answer = conn.getresponse()
    body = answer.read()
    conn.close()
    import json

    return answer.status, json.loads(body)


@pytest.mark.server
def test_on_a_hub_the_phone_follows_a_check_in_and_a_revoked_link_stops(event_path, kdb,
                                                                        tmp_path):
    from kiosk import accounts

    token = accounts.issue_station_token(kdb, "cua-1")
    mine, _ = two_delegations(kdb)
    with running_hub(event_path) as (base, _pid):
        links = make_links(event_path, tmp_path, base)
        cookie = _cookie_of(base, urlsplit(links[mine]).path)
        status, seen = _get_json(base, "/api/delegation", cookie)
        assert status == 200
        at = next(n for n, m in enumerate(seen["members"]) if seen["session"] in m["summoned"])
        member = seen["members"][at]
        host = urlsplit(base)
        sock = socket.create_connection((host.hostname, host.port), timeout=5)
        sock.sendall(f"GET /api/stream HTTP/1.1\r\nHost: hub\r\nCookie: {cookie}\r\n\r\n"
                     .encode())
        first = sock.recv(65536).decode("latin-1")
        assert first.startswith("HTTP/1.1 200")
        started = time.monotonic()
        post_checkin(base, token, member["code"], session=seen["session"])
        heard = ""
        while "event: counts" not in heard and time.monotonic() - started < 5:
            heard += sock.recv(65536).decode("utf-8", "replace")
        assert "event: counts" in heard and member["name"] not in heard  # counts, no names
        status, after = _get_json(base, "/api/delegation", cookie)
        assert after["members"][at]["present"] and time.monotonic() - started < 5
        CliRunner().invoke(main, ["delegation-links", "--db", str(event_path), "--revoke",
                                  mine])
        stopped = time.monotonic()
        assert _get_json(base, "/api/delegation", cookie)[0] == 401
        sock.settimeout(0.2)
        ended = False
        while not ended and time.monotonic() - stopped < 4:
            try:
                chunk = sock.recv(65536)
                ended = chunk == b"" or chunk.endswith(b"0\r\n\r\n")
            except TimeoutError:
                continue
        assert ended, "the revoked link's stream went on"
        sock.close()
