"""What a delegation head's phone hears from the live stream (issue 31): the sessions'
counts only, never a check-in of another delegation, neither its name nor its code,
whether the phone asks for the whole stream, a replay from the start or to resume."""

import json
import socket
import time
from urllib.parse import urlsplit

import pytest
from test_delegation_heads import _cookie_of, make_links, two_delegations

from kiosk import accounts
from kiosk import db as store
from kiosk.core import programme

from helpers import post_checkin, running_hub


def _heard_until(sock, enough, seconds: float = 5.0) -> str:
    """What the stream sent until `enough(text)` says so (or `seconds` passed)."""
    heard, started = "", time.monotonic()
    sock.settimeout(0.5)
    while not enough(heard) and time.monotonic() - started < seconds:
        try:
            heard += sock.recv(65536).decode("utf-8", "replace")
        except TimeoutError:
            continue
    return heard


def _present(heard: str) -> int:
    """The last `present` count the stream sent, or -1."""
    found = [json.loads(line[6:])["stats"]["present"] for line in heard.splitlines()
             if line.startswith("data: ") and '"stats"' in line]
    return found[-1] if found else -1


@pytest.mark.server
@pytest.mark.parametrize("asked", ["/api/stream?after=0", "/api/stream",
                                   "/api/stream?only=counts"])
def test_a_heads_stream_carries_no_other_delegations_name(event_path, kdb, tmp_path, asked):
    token = accounts.issue_station_token(kdb, "cua-1")
    mine, theirs = two_delegations(kdb)
    session = programme.current(kdb)["id"]
    own, others = store.members(kdb, mine)[0], store.members(kdb, theirs)[:2]
    with running_hub(event_path) as (base, _pid):
        post_checkin(base, token, others[0]["code"], session=session)  # before: a replay
        cookie = _cookie_of(base, urlsplit(make_links(event_path, tmp_path, base)[mine]).path)
        host = urlsplit(base)
        sock = socket.create_connection((host.hostname, host.port), timeout=5)
        sock.sendall(f"GET {asked} HTTP/1.1\r\nHost: hub\r\nCookie: {cookie}\r\n"
                     "Last-Event-ID: 0\r\n\r\n".encode())
        assert _heard_until(sock, lambda t: "\r\n\r\n" in t).startswith("HTTP/1.1 200")
        post_checkin(base, token, others[1]["code"], session=session)
        post_checkin(base, token, own["code"], session=session)  # the signal that ends it
        heard = _heard_until(sock, lambda t: _present(t) == 3)
        sock.close()
    assert _present(heard) == 3, heard  # the three check-ins reached the phone, as counts
    for other in others:
        assert other["name"] not in heard and other["code"] not in heard
        assert other["unit"] not in heard
    assert own["name"] not in heard  # counts, no names at all
    assert "event: scan" not in heard and '"delegate"' not in heard
