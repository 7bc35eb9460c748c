"""The check-in decision: a scanned or typed code becomes one outcome. No Flask here.

Read-decide-write runs inside BEGIN IMMEDIATE, so concurrent scans of one badge are
serialised and exactly one of them is `ok`; the unique index on live presence is the
backstop. Every attempt, refused ones included, is appended to the log under an id
the client may choose: sending the same id again returns the first answer and
writes nothing. The decision reads and writes through a `Ledger` (ledger.py): the
database itself, or the hub batcher's copy in memory.
"""

from dataclasses import dataclass

from badges import codes

from .. import db as store
from . import clock, ids
from .ledger import Ledger
from .outcomes import UNDONE

MAX_SCANNED = 64  # characters of a refused scan kept for the log
VERDICT_RESULT = {"malformed": "malformed", "unknown": "unknown", "forged": "forged",
                  "revoked": "revoked"}


class CheckinError(Exception):
    """A request that cannot be decided at all (not an outcome): unknown session, ..."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason, self.message = reason, message


@dataclass
class Outcome:
    id: str
    result: str
    session: dict
    station: str
    at: str
    delegate: dict | None = None
    first: dict | None = None  # for duplicates: when and where the delegate came in
    replayed: bool = False  # this id had been decided before; nothing new was written
    seq: int | None = None  # position in this database's log
    undoes: str | None = None  # for an undo: the check-in it reverses


def check_in(db, text: str, session_id: str, station: str, method: str = "scan",
             checkin_id: str | None = None, at: str | None = None) -> Outcome:
    """Decide and record one attempt. `at` lets an offline station keep its own clock."""
    session = store.session(db, session_id)
    if session is None:
        raise CheckinError("unknown_session", f"Không có phiên '{session_id}'.")
    with store.immediate(db):
        return decide_within(db, text, session, station, method, checkin_id, at)


def decide_within(db, text: str, session: dict, station: str, method: str = "scan",
                  checkin_id: str | None = None, at: str | None = None,
                  ledger: Ledger | None = None, station_at: str | None = None) -> Outcome:
    """The decision itself, inside a write transaction the caller holds (BEGIN IMMEDIATE):
    check_in() opens one per attempt, the hub's batcher one for every attempt waiting.
    Everything is read and written through `ledger` (default: the database itself).
    `station_at`: the station's own time, kept when the hub corrected it into `at`."""
    ledger = ledger or Ledger(db)
    if checkin_id is None:
        checkin_id = ids.new_id()  # a new id: nothing to replay
    else:
        earlier = ledger.earlier(checkin_id)
        if earlier is not None:
            return _replay(db, earlier)
    verdict = codes.verify(ledger.badge, ledger.delegate_by_code, text)
    entry = {"id": checkin_id, "kind": "scan", "at": at or clock.iso(clock.utcnow()),
             "station": station, "session_id": session["id"], "delegate_id": verdict.delegate_id,
             "method": "typed" if verdict.kind == "typed" else method, "scanned": None,
             "station_at": station_at}
    delegate = ledger.delegate(verdict.delegate_id) if verdict.delegate_id else None
    result, first = _judge(ledger, verdict, delegate, session)
    if result not in ("ok", "duplicate"):
        entry["scanned"] = codes.clean_scan(text)[:MAX_SCANNED]
    entry["result"] = result
    outcome = Outcome(checkin_id, result, session, station, entry["at"], delegate, first)
    ledger.record(entry, outcome)  # an 'ok' enters presence by trigger
    if result == "ok":
        ledger.admitted(entry)
    return outcome


def _judge(ledger, verdict, delegate, session):
    """The result for a verified code: the rule itself, in one place."""
    if verdict.kind in VERDICT_RESULT:
        return VERDICT_RESULT[verdict.kind], None
    if not delegate["active"]:
        return "inactive", None
    if session["categories"] is not None and delegate["category_id"] not in session["categories"]:
        return "wrong_session", None
    live = ledger.live_presence(delegate["id"], session["id"])
    if live is not None:
        return "duplicate", {"at": live["at"], "station": live["station"]}
    return "ok", None


def _replay(db, earlier: dict) -> Outcome:
    delegate = store.delegate(db, earlier["delegate_id"]) if earlier["delegate_id"] else None
    first = None
    if earlier["result"] == "duplicate":
        live = store.live_presence(db, earlier["delegate_id"], earlier["session_id"])
        first = {"at": live["at"], "station": live["station"]} if live else None
    return Outcome(earlier["id"], earlier["result"], store.session(db, earlier["session_id"]),
                   earlier["station"], earlier["at"], delegate, first, replayed=True)


def undo(db, checkin_id: str, actor: str, undo_id: str | None = None) -> Outcome:
    """Reverse a mistaken check-in with a new 'undo' event; nothing is deleted."""
    with store.immediate(db):
        return undo_within(db, checkin_id, actor, undo_id)


def undo_within(db, checkin_id: str, actor: str, undo_id: str | None = None,
                ledger: Ledger | None = None) -> Outcome:
    """The undo itself, inside a write transaction the caller holds (like decide_within).
    Refusals are raised before anything is written. An undo is rare: it reads the
    database, after the ledger has written what it holds."""
    ledger = ledger or Ledger(db)
    ledger.flush()
    undo_id = undo_id or ids.new_id()
    earlier = store.checkin_by_id(db, undo_id)
    if earlier is not None:
        return _replay(db, earlier)
    presence = store.presence_by_checkin(db, checkin_id)
    if presence is None:
        raise CheckinError("not_found", f"Không có lượt điểm danh '{checkin_id}'.")
    if presence["undone_at"]:
        raise CheckinError("already_undone", "Lượt điểm danh này đã được hủy trước đó.")
    at = clock.iso(clock.utcnow())
    outcome = Outcome(undo_id, UNDONE, store.session(db, presence["session_id"]), actor, at,
                      store.delegate(db, presence["delegate_id"]), undoes=checkin_id)
    ledger.record({"id": undo_id, "kind": "undo", "at": at, "station": actor,
                   "session_id": presence["session_id"], "delegate_id": presence["delegate_id"],
                   "result": UNDONE, "undoes": checkin_id, "actor": actor}, outcome)
    ledger.released(presence)  # the trigger marks the presence row undone
    return outcome
