"""Announced bodies that never come cannot starve the doors (issue 28), on a real hub and
real sockets: 1,034 connections from eleven addresses each announcing 64 KB and sending
nothing once answered 0 of 227 door check-ins; seventeen 4 MB bodies behind one
credential did the same. The budget (kiosk/web/budget.py) and the idle body deadline
(kiosk/web/connections.py) now keep the doors answering while the attack goes on."""

import socket
import threading
import time

import pytest

from kiosk import accounts
from kiosk.client import Offline, Refused

from helpers import post_checkin, running_hub

pytestmark = pytest.mark.server


def hold_bodies(base, sources, per_source, length, headers, stop: threading.Event,
                held: list):
    """Keep `per_source` connections from each address announcing a body of `length`
    bytes and never sending it, opening new ones as the hub closes them, until `stop`."""
    host, port = base.rsplit("/", 1)[1].split(":")
    request = (f"POST /api/checkins HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json"
               f"\r\n{headers}Content-Length: {length}\r\n\r\n").encode()
    open_ = []
    while not stop.is_set():
        open_ = [s for s in open_ if s.fileno() != -1]
        alive = []
        for sock in open_:
            sock.setblocking(False)
            try:
                if sock.recv(1) == b"":
                    sock.close()
                    continue
            except BlockingIOError:
                pass
            except OSError:
                sock.close()
                continue
            alive.append(sock)
        open_ = alive
        for source in sources:
            mine = sum(1 for s in open_ if s.getsockname()[0] == source)
            for _ in range(per_source - mine):
                try:
                    sock = socket.create_connection((host, int(port)), timeout=2,
                                                    source_address=(source, 0))
                    sock.sendall(request)
                    open_.append(sock)
                except OSError:
                    break
        held.append(len(open_))
        stop.wait(0.5)
    for sock in open_:
        sock.close()


def doors_while(base, token, codes, attack) -> float:
    """The share of door check-ins answered (a recorded outcome) while `attack` runs."""
    stop, held = threading.Event(), []
    thread = threading.Thread(target=attack, args=(stop, held), daemon=True)
    thread.start()
    while not held or held[-1] < 1:  # the attack is in place before the doors post
        time.sleep(0.1)
    answered = 0
    for code in codes:
        try:
            answered += post_checkin(base, token, code)["result"] in ("ok", "duplicate")
        except (Offline, Refused):
            pass
    stop.set()
    thread.join(timeout=30)
    print(f"\nattack holding up to {max(held)} connections: {answered}/{len(codes)} "
          "door check-ins answered")
    return answered / len(codes)


def test_strangers_announcing_bodies_from_many_addresses_leave_the_doors_answering(
        event_path, kdb):
    token = accounts.issue_station_token(kdb, "cua-chinh-1")
    codes = [r["code"] for r in kdb.query("SELECT code FROM delegates ORDER BY code LIMIT 227")]
    sources = [f"127.0.0.{n}" for n in range(2, 13)]  # eleven addresses
    with running_hub(event_path) as (base, _):
        share = doors_while(base, token, codes, lambda stop, held: hold_bodies(
            base, sources, 94, 65536, "", stop, held))
    assert share >= 0.95


def test_one_credential_cannot_hold_the_bodies_of_everyone(event_path, kdb):
    token = accounts.issue_station_token(kdb, "cua-chinh-1")
    stolen = accounts.issue_station_token(kdb, "tram-bi-mat")
    codes = [r["code"] for r in kdb.query("SELECT code FROM delegates ORDER BY code LIMIT 227")]
    with running_hub(event_path) as (base, _):
        share = doors_while(base, token, codes, lambda stop, held: hold_bodies(
            base, ["127.0.0.2"], 17, 4 * 1024 * 1024 - 1,
            f"Authorization: Bearer {stolen}\r\n", stop, held))
    assert share >= 0.95
