"""An entrance station's sync with the hub: rounds that push what the door decided and
pull the replica it decides from. No Flask here.

Each round the station first sends what it decided since the last round (its outbox,
written in the same transaction as each check-in, so nothing acknowledged at the door
is lost if the laptop stops), then pulls a fresh replica (roster, badge hashes, who the
hub says is present). The hub decides each sent check-in again and keeps the station's
time; ids make a resend harmless, so a round cut off halfway is simply done again.
Who is present here: the hub's presence as last pulled, plus this station's own
check-ins the hub has not answered yet (an undo at the hub therefore reaches the door).
"""

import logging
import threading

from .. import accounts, keys
from .. import db as store
from ..client import STATION_TIME, HubClient, Offline, Refused
from ..core import clock
from .link import Link

log = logging.getLogger(__name__)
# The hub's answers for an item that can never be decided (malformed, its session gone, a
# rehearsal already over); anything else (a revoked token, a hub that failed) stays in the
# outbox for the next round.
FINAL_ERRORS = {"bad_item", "unknown_session", "rehearsal_over"}


class Upstream(HubClient):
    """The hub as this station's credential sees it, and the roster version last applied."""

    have = None  # the roster version this station last applied

    def headers(self) -> dict:
        """With this laptop's clock: the hub measures how far off it is."""
        return {**super().headers(), STATION_TIME: clock.iso(clock.utcnow())}

    def replica(self) -> dict:
        """Who is present, and the roster if it changed since the version we have."""
        return self.call("GET", "/api/replica" + (f"?have={self.have}" if self.have else ""))

    def sync(self, items: list, mark: int | None = None) -> list:
        body = {"checkins": items} if mark is None else {"checkins": items, "mark": mark}
        return self.call("POST", "/api/sync", body)["results"]

    def restore(self, copy: dict) -> dict:
        """Give the hub this door's sealed roster (a hub behind it: a spare)."""
        return self.call("POST", "/api/sync/roster", copy)

    def lacking(self, ids: list) -> list:
        """Which of these answered ids the hub's log no longer holds."""
        missing = []
        for start in range(0, len(ids), 2000):
            missing += self.call("POST", "/api/sync/held",
                                 {"ids": ids[start:start + 2000]})["missing"]
        return missing


def pull(db, upstream: Upstream, answered=()) -> str:
    """Replace the replica with the hub's, and record the hub's `answered` check-ins in
    the same transaction; returns this station's name at the hub. A hub this station has
    not synced with before (restarted, restored from a backup, a spare) is asked which of
    the check-ins it answered it still holds; the rest go back in the outbox."""
    asked = clock.system_now()
    data = upstream.replica()
    if data.get("now"):
        hub_now, heard = clock.parse(data["now"]), clock.system_now()
        if not clock.hub_time_plausible(data.get("sessions") or store.list_sessions(db),
                                        hub_now, asked, heard):
            log.warning("the hub's clock (%s) is far from this laptop's and outside every "
                        "session: this door keeps its own time; check the hub's clock",
                        data["now"])
        else:
            offset = clock.follow_hub(hub_now, asked, heard)
            if abs(offset) > clock.TRUSTED:
                log.warning("this laptop's clock is %+.0f s off the hub's: deciding by the "
                            "hub's", -offset.total_seconds())
    instance = data.get("instance")
    lost = []
    if instance and instance != store.known_hub(db):
        lost = upstream.lacking(store.synced_ids(db))
    kept = store.door_copy(db) if "delegates" in data else None  # only when a roster came
    behind = kept is not None and data.get("mark", 0) < kept["mark"]
    if behind:
        # a hub behind this door (a spare from an older backup): its roster would turn
        # a reissued badge away and let a lost card in; it gets ours at the next push
        log.warning("the hub's roster (mark %s) is older than this door's (%s): kept ours",
                    data.get("mark"), kept["mark"])
        data = {k: v for k, v in data.items() if k not in store.ROSTER_PARTS}
    with store.immediate(db):
        store.mark_synced(db, answered)
        store.apply_replica(db, data)
        if "delegates" in data and data.get("seal"):
            store.keep_door_copy(db, {"mark": data["mark"], "version": data["version"],
                                      "seal": data["seal"],
                                      "roster": {k: data[k] for k in store.ROSTER_PARTS}})
        store.hand_over(db)
        if lost:
            log.warning("the hub no longer holds %d check-ins of this door: sending them again",
                        len(lost))
            store.requeue(db, lost)
        if instance:
            store.set_known_hub(db, instance)
    if not behind:
        upstream.have = data["version"]  # applied: next time, the roster only if it changed
    return data["station"]


def push(upstream: Upstream, rows: list, copy: dict | None = None) -> list:
    """Send outbox rows; returns those the hub has decided for good, with its answers.
    With this door's roster `copy`: a hub whose roster is behind it is given it first,
    so that nothing is decided on the older one."""
    if not rows:
        return []
    items = [{"id": r["id"], "code": r["code"], "session": r["session_id"],
              "method": r["method"], "at": r["at"], "confirmed": bool(r["confirmed"])}
             for r in rows]
    mark = copy["mark"] if copy else None
    try:
        answers = upstream.sync(items, mark)
    except Refused as exc:
        if exc.reason == "too_many":  # the hub's quota a minute (core/quota.py): next round
            log.warning("the hub takes no more this minute: %s", exc.message)
            return []
        if exc.reason != "roster_behind":
            raise
        log.warning("the hub's roster is behind this door's: giving it ours first")
        upstream.restore(copy)
        answers = upstream.sync(items, mark)
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
    done = push(upstream, rows, store.door_copy(db) if rows else None)
    pull(db, upstream, done)
    return {"sent": len(rows), "waiting": len(store.outbox(db))}


def prepare(db, upstream: Upstream) -> tuple:
    """The first pull, and a credential for the kiosk page on this laptop.
    Returns (station name, local token); raises Offline if there is no replica yet."""
    try:
        name = pull(db, upstream)
    except Offline:
        name = store.latest_station_name(db)
        if name is None or not store.count_delegates(db):
            raise
        log.warning("hub unreachable: starting from the replica already here")
    return name, local_token(db, name)


def local_token(db, name: str) -> str:
    """The kiosk page's credential on this laptop: the one kept in the keys folder while
    it is still this station's, so a page left open stays paired across a restart."""
    folder = keys.folder_for(store.path_of(db))
    kept = keys.read(folder, "local-token")
    found = accounts.station_for_token(db, kept) if kept else None
    if found is not None and found["name"] == name:
        return kept
    return keys.write(folder, "local-token", accounts.issue_station_token(db, name))


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
