"""The check-in decision: a scanned or typed code becomes one outcome. No Flask here.

Only a badge's full payload (CODE.SECRET) is an `ok` by itself. A bare delegate code,
typed or read from a QR code anyone could print, is answered `confirm` with the
delegate it names; the check-in is recorded when the same code comes back `confirmed`
(a volunteer compared the person with the name, title, unit and seat shown).

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
from . import audit, clock, ids
from .ledger import Ledger
from .outcomes import UNDONE, WINDOW_RESULT
from .refusal import Refusal, no_session

MAX_SCANNED = 64  # characters of a refused scan kept for the log
VERDICT_RESULT = {"malformed": "malformed", "unknown": "unknown", "forged": "forged",
                  "revoked": "revoked"}


class CheckinError(Refusal):
    """A request that cannot be decided at all (not an outcome): unknown session, ..."""

    def __init__(self, reason: str, message: str):
        super().__init__(message, reason=reason)


@dataclass
class Attempt:
    """One scan or typed code at a door, as the decision receives it."""

    text: str  # what was scanned or typed
    session_id: str
    station: str
    method: str = "scan"  # scan, typed, search, camera
    id: str | None = None  # the client's id: the same id is decided once
    at: str | None = None  # when (UTC ISO); default: now
    station_at: str | None = None  # the station's own time, when the hub corrected `at`
    confirmed: bool = False  # a volunteer compared the person with the delegate shown


def resent(item: dict, sessions: list, offset, station: str) -> Attempt:
    """A check-in a station decided on its own (a checked dict: id, code, session, at,
    method, confirmed), as the hub decides it again.

    Its time is the station's, corrected by the station's clock `offset` as measured on
    the request that brought it; a time the hub cannot believe (ahead of its own, or long
    before the event) becomes the hub's time of arrival. The session is the station's
    choice while its window was open then, else the one the hub's schedule had open
    (clock.session_for). When the hub's time or session differs from the station's, the
    station's time is kept beside it."""
    sent = clock.parse_aware(item["at"])  # None: a date that cannot be placed in UTC
    try:
        moment = sent - offset if sent and offset and abs(offset) > clock.TRUSTED else sent
    except OverflowError:  # a clock thousands of years off
        moment = sent
    if moment is None or not clock.believable(moment):
        moment = clock.utcnow()
    session_id = clock.session_for(sessions, item["session"], moment)
    changed = moment != sent or session_id != item["session"]
    return Attempt(item["code"], session_id, station, item.get("method", "scan"), item["id"],
                   clock.iso(moment), item["at"] if changed else None,
                   item.get("confirmed") is True)


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
             checkin_id: str | None = None, at: str | None = None,
             confirmed: bool = False) -> Outcome:
    """Decide and record one attempt in its own transaction (the CLI, the tests)."""
    session = store.session(db, session_id)
    if session is None:
        raise CheckinError("unknown_session", no_session(session_id))
    with store.immediate(db):
        return decide_within(db, Attempt(text, session_id, station, method, checkin_id, at,
                                         confirmed=confirmed), session)


def decide_within(db, attempt: Attempt, session: dict, ledger: Ledger | None = None) -> Outcome:
    """The decision itself, inside a write transaction the caller holds (BEGIN IMMEDIATE):
    check_in() opens one per attempt, the hub's batcher one for every attempt waiting.
    Everything is read and written through `ledger` (default: the database itself)."""
    ledger = ledger or Ledger(db)
    checkin_id = attempt.id
    if checkin_id is None:
        checkin_id = ids.new_id()  # a new id: nothing to replay
    else:
        earlier = ledger.earlier(checkin_id)
        if earlier is not None:
            return _replay(db, earlier)
    if session.get("over"):  # a page that has not yet heard the rehearsal ended
        raise CheckinError("rehearsal_over", "Buổi diễn tập đã kết thúc: lượt này KHÔNG được "
                           "ghi. Trang đang chuyển sang phiên chính — mời quét lại.")
    verdict = codes.verify(ledger.badge, ledger.delegate_by_code, attempt.text,
                           ledger.code_shapes)
    typed = verdict.kind == "typed"
    entry = {"id": checkin_id, "kind": "scan", "at": attempt.at or clock.iso(clock.utcnow()),
             "station": attempt.station, "session_id": session["id"],
             "delegate_id": verdict.delegate_id,
             # a bare code from the keyboard wedge is one typed (a scanner or fingers);
             # the camera, the search and the help desk keep their own names
             "method": "typed" if typed and attempt.method == "scan" else attempt.method,
             "scanned": None, "station_at": attempt.station_at}
    delegate = ledger.delegate(verdict.delegate_id) if verdict.delegate_id else None
    result, first = _judge(ledger, verdict, delegate, session, entry["at"])
    if result == "ok" and typed and not attempt.confirmed:
        result = "confirm"  # a bare code, which anyone can print: a person must look
    if result not in ("ok", "duplicate"):
        entry["scanned"] = codes.clean_scan(attempt.text)[:MAX_SCANNED]
    entry["result"] = result
    outcome = Outcome(checkin_id, result, session, attempt.station, entry["at"], delegate,
                      first)
    ledger.record(entry, outcome)  # an 'ok' enters presence by trigger
    if result == "ok":
        ledger.admitted(entry)
    return outcome


def _judge(ledger, verdict, delegate, session, at):
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
    where = clock.window(session, clock.parse(at))
    if where != "open":  # before its check-in opens, or after it ended: nothing counted
        return WINDOW_RESULT[where], None
    return "ok", None


def _replay(db, earlier: dict) -> Outcome:
    delegate = store.delegate(db, earlier["delegate_id"]) if earlier["delegate_id"] else None
    first = None
    session = store.session(db, earlier["session_id"])
    if earlier["result"] == "duplicate":
        live = store.live_presence(db, earlier["delegate_id"], earlier["session_id"])
        first = {"at": live["at"], "station": live["station"]} if live else None
    return Outcome(earlier["id"], earlier["result"], session,
                   earlier["station"], earlier["at"], delegate, first, replayed=True)


def undo(db, checkin_id: str, actor: str, undo_id: str | None = None,
         reason: str | None = None) -> Outcome:
    """Reverse a mistaken check-in with a new 'undo' event; nothing is deleted."""
    with store.immediate(db):
        return undo_within(db, checkin_id, actor, undo_id, reason=reason)


def undo_within(db, checkin_id: str, actor: str, undo_id: str | None = None,
                ledger: Ledger | None = None, reason: str | None = None,
                role: str | None = None) -> Outcome:
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
                   "result": UNDONE, "undoes": checkin_id, "actor": actor,
                   "reason": reason}, outcome)
    ledger.released(presence)  # the trigger marks the presence row undone
    if role is not None:  # a person's undo (the desk's, an organiser's): in the audit trail
        audit.record(db, actor, role, "checkin.undo", outcome.delegate["code"],
                     {"session": presence["session_id"], "checkin": checkin_id,
                      "present_since": presence["at"]}, {"present_since": None}, reason)
    return outcome
