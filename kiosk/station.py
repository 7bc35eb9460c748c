"""An entrance station: the kiosk on this laptop, deciding from its own replica, and
syncing with the hub whenever the network allows. No Flask here.

Each round the station first sends what it decided since the last round (its outbox,
written in the same transaction as each check-in, so nothing acknowledged at the door
is lost if the laptop stops), then pulls a fresh replica (roster, badge hashes, who the
hub says is present). The hub decides each sent check-in again and keeps the station's
time; ids make a resend harmless, so a round cut off halfway is simply done again.
Who is present here: the hub's presence as last pulled, plus this station's own
check-ins the hub has not answered yet (an undo at the hub therefore reaches the door).
"""

import json
import logging
import threading
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass

from badges import db as badges_db

from . import auth
from . import db as store

log = logging.getLogger(__name__)
# The hub's answers for an item that can never be decided (malformed, or its session gone);
# anything else (a revoked token, a hub that failed) stays in the outbox for the next round.
FINAL_ERRORS = {"bad_item", "unknown_session"}


@dataclass
class Link:
    """How this station stands with the hub, for the kiosk page (updated every round)."""

    online: bool | None = None  # None: no round finished yet
    waiting: int = 0  # check-ins decided here that the hub has not answered yet
    last_contact: str | None = None  # when a round last went through (UTC ISO)

    def as_dict(self) -> dict:
        return asdict(self)


class Offline(Exception):
    """The hub cannot be reached (or did not answer in time)."""


class Refused(Exception):
    """The hub answered with an error: a wrong or revoked station token, a bad request."""


class Upstream:
    """The hub's API, as this station's credential sees it."""

    def __init__(self, url: str, token: str, timeout: float = 10.0):
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout
        self.have = None  # the roster version this station last applied

    def replica(self) -> dict:
        """Who is present, and the roster if it changed since the version we have."""
        return self._call("GET", "/api/replica" + (f"?have={self.have}" if self.have else ""))

    def sync(self, items: list) -> list:
        return self._call("POST", "/api/sync", {"checkins": items})["results"]

    def _call(self, method: str, path: str, body=None) -> dict:
        request = urllib.request.Request(
            self.url + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {self.token}",
                     "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read())["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = f"HTTP {exc.code}"
            raise Refused(f"hub từ chối ({exc.code}): {message}") from None
        except (OSError, ValueError) as exc:  # URLError, timeouts, resets, garbage
            raise Offline(f"không kết nối được hub {self.url}: {exc}") from None


def pull(db, upstream: Upstream, answered=()) -> str:
    """Replace the replica with the hub's, and record the hub's `answered` check-ins in
    the same transaction; returns this station's name at the hub."""
    data = upstream.replica()
    with store.immediate(db):
        store.mark_synced(db, answered)
        store.apply_replica(db, data)
        store.hand_over(db)
    upstream.have = data["version"]  # applied: next time, the roster only if it changed
    return data["station"]


def push(upstream: Upstream, rows: list) -> list:
    """Send outbox rows; returns those the hub has decided for good, with its answers."""
    if not rows:
        return []
    answers = upstream.sync([{"id": r["id"], "code": r["code"], "session": r["session_id"],
                              "method": r["method"], "at": r["at"]} for r in rows])
    done = []
    for answer in answers:
        if "result" in answer:
            done.append(answer)
        elif answer.get("error") in FINAL_ERRORS:  # sending it again would change nothing
            log.warning("hub refused %s: %s", answer.get("id"), answer.get("message"))
            done.append({"id": answer["id"], "result": f"refused:{answer['error']}"})
    return done


def sync_once(db, upstream: Upstream) -> dict:
    """One round: push the outbox, pull the replica, then record both in one transaction:
    a check-in leaves the outbox (and stops counting as present here) exactly when the
    hub's presence that includes it arrives. Raises Offline or Refused; a round cut off
    anywhere writes nothing and is redone, the hub answering resent ids from its log."""
    rows = store.outbox(db)
    done = push(upstream, rows)
    pull(db, upstream, done)
    return {"sent": len(rows), "waiting": len(store.outbox(db))}


def prepare(db, upstream: Upstream) -> tuple:
    """The first pull, and a credential for the kiosk page on this laptop.
    Returns (station name, local token); raises Offline if there is no replica yet."""
    try:
        name = pull(db, upstream)
    except Offline:
        name = store.latest_station_name(db)
        if name is None or not badges_db.count_delegates(db):
            raise
        log.warning("hub unreachable: starting from the replica already here")
    return name, auth.issue_station_token(db, name)


def keep_in_sync(db_path, upstream: Upstream, stop: threading.Event, every: float = 2.0,
                 report=print, link: Link | None = None) -> None:
    """Sync rounds until `stop` is set; reports when the hub is lost and found again, and
    keeps `link` up to date for the kiosk page."""
    db = store.connect(db_path)
    link = link or Link()
    while not stop.is_set():
        try:
            done = sync_once(db, upstream)
            if link.online is False or done["sent"]:
                report(f"Đồng bộ: đã gửi {done['sent']}, còn chờ {done['waiting']}.")
            link.online, link.last_contact = True, store.now_iso()
        except (Offline, Refused) as exc:
            if link.online is not False:
                report(f"Mất kết nối hub, vẫn điểm danh tại chỗ: {exc}")
            link.online = False
        except Exception as exc:  # an answer we cannot use: say so, keep the thread alive
            log.exception("sync round failed")
            report(f"Lỗi đồng bộ (sẽ thử lại): {exc!r}")
            link.online = False
        link.waiting = len(store.outbox(db))
        stop.wait(every)
