"""The hub's console says its own clock at start and, once doors report theirs, which door
is more than a minute from it (issue 28, item 3: a spare 3 h slow made a correct door file
20 of 20 check-ins under a session that had ended, and nothing warned). A real hub
process; the doors' time is the X-Station-Time header their sync rounds send."""

import time
from datetime import timedelta

import pytest

from kiosk import accounts
from kiosk.client import STATION_TIME, HubClient
from kiosk.core import clock
from kiosk.web.server import free_port

from processes import Restartable

pytestmark = pytest.mark.server


class Door(HubClient):
    """A station whose laptop's clock is `ahead` of the true time."""

    def __init__(self, base, token, ahead: timedelta):
        super().__init__(base, token)
        self.ahead = ahead

    def headers(self) -> dict:
        return {**super().headers(),
                STATION_TIME: (clock.utcnow() + self.ahead).isoformat()}


def said(hub, text, timeout=20.0) -> str:
    """The hub's console once it holds `text` (the lines are printed as a door calls)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = hub.log.read_text()
        if text in output:
            return output
        time.sleep(0.05)
    raise AssertionError(f"the hub never said {text!r}:\n{hub.log.read_text()[-2000:]}")


def test_the_hub_says_its_clock_at_start_and_names_a_door_more_than_a_minute_from_it(
        event_path, kdb):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    right = Door(base, accounts.issue_station_token(kdb, "cua-1"), timedelta(seconds=2))
    ahead = Door(base, accounts.issue_station_token(kdb, "cua-2"), timedelta(hours=3))
    hub = Restartable("hub", ["serve", "--db", str(event_path), "--port", str(port)], base)
    hub.start()
    try:
        started = said(hub, "Giờ máy hub: ")
        assert "(giờ Hà Nội); hãy so với điện thoại" in started
        right.call("GET", "/api/replica")
        said(hub, "Trạm 'cua-1' báo giờ: khớp với máy hub (lệch ")
        for _ in range(3):  # said once, not at every round
            ahead.call("GET", "/api/replica")
            right.call("GET", "/api/replica")
        output = said(hub, "CẢNH BÁO: đồng hồ máy hub chậm 3 giờ 0 phút so với trạm 'cua-2'.")
        assert output.count("CẢNH BÁO") == 1 and output.count("Trạm 'cua-1'") == 1
        ahead.ahead = timedelta(seconds=-1)  # its clock set right
        ahead.call("GET", "/api/replica")
        said(hub, "Trạm 'cua-2' báo giờ: khớp với máy hub (lệch ")
    finally:
        hub.proc.kill()
        hub.proc.wait()
