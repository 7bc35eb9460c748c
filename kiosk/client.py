"""A small client for the hub's JSON API: the entrance station's sync, the native camera
loop and the tests reach a hub through it. No Flask here, the standard library only.

Every failure is one of two kinds, because the callers act on them differently: the
hub could not be reached (`Offline`: keep the check-in and try again later) or it
answered with the one JSON error shape (`Refused`: its status, reason and Vietnamese
message; sending the same thing again changes nothing).
"""

import json
import ssl
import time
import urllib.error
import urllib.request

from .core import ids


class Offline(Exception):
    """The hub cannot be reached (or did not answer in time)."""


class Refused(Exception):
    """The hub answered with an error (a wrong or revoked token, a bad request)."""

    def __init__(self, status: int, reason: str, message: str, body: dict | None = None):
        super().__init__(f"hub từ chối ({status}): {message}")
        self.status, self.reason, self.message, self.body = status, reason, message, body or {}


STATION_TIME = "X-Station-Time"  # a station's clock, sent so the hub can measure its offset


class HubClient:
    def __init__(self, url: str, token: str | None = None, timeout: float = 10.0,
                 cafile: str | None = None):
        """`cafile`: the event's CA certificate, to reach the hub over HTTPS."""
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout
        self.context = ssl.create_default_context(cafile=cafile) if cafile else None

    def headers(self) -> dict:
        """Headers sent with every request."""
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def call(self, method: str, path: str, body=None, *, data: bytes | None = None,
             content_type: str = "application/json") -> dict:
        """One request; the answer's JSON. `body` is sent as JSON, `data` as it is."""
        if body is not None:
            data = json.dumps(body).encode()
        headers = {"Content-Type": content_type, **self.headers()}
        request = urllib.request.Request(self.url + path, method=method, data=data,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout,
                                        context=self.context) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise _refusal(exc) from None
        except (OSError, ValueError) as exc:  # URLError, timeouts, resets, garbage
            raise Offline(f"không kết nối được hub {self.url}: {exc}") from None

    def check_in(self, code: str, session: str | None = None, method: str = "scan",
                 checkin_id: str | None = None, retries: int = 1) -> dict:
        """Post one check-in. A network failure is retried up to `retries` times in all
        with the same id, so a request that did arrive is decided once."""
        body = {"code": code, "method": method, "id": checkin_id or ids.new_id()}
        if session:
            body["session"] = session
        for attempt in range(retries):
            try:
                return self.call("POST", "/api/checkins", body)
            except Offline:
                if attempt + 1 >= retries:
                    raise
                time.sleep(0.5 * (attempt + 1))
        raise Offline("no attempt made")  # retries < 1

    def wait_ready(self, timeout: float = 30.0, alive=lambda: True) -> bool:
        """Poll /healthz until the hub answers (True), `alive()` turns False or the
        time runs out (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and alive():
            try:
                self.call("GET", "/healthz")
                return True
            except (Offline, Refused):
                time.sleep(0.1)
        return False


def _refusal(exc: urllib.error.HTTPError) -> Refused:
    try:
        body = json.loads(exc.read())
        error = body["error"]
        return Refused(exc.code, error["reason"], error["message"], body)
    except (ValueError, KeyError, TypeError):
        return Refused(exc.code, "http_error", f"HTTP {exc.code}")
