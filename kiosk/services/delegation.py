"""What a delegation's head (trưởng đoàn) does from a phone (issue 31): sign in with the
delegation's link, see its own people (seats, who is in the hall, absences, substitutes
asked), the sessions and its awards, report an absence and ask for a substitute.

The organisers issue the links (`kiosk delegation-links`): one secret per delegation,
kept as its SHA-256 only; a new run issues new ones, a revoked link stops at once. A
head acts as (delegation, "head") in the audit trail, on the delegation's own members
only: anyone else's code is refused with `NotYours` (403), whether it exists or not.
A head sees what a volunteer sees of a delegate, plus seats and absences: never a
phone, an email or a profile field (web/access.py FIELDS)."""

import secrets

from badges import codes, units
from badges.colours import ink_on

from .. import accounts
from .. import db as store
from ..core import audit, clock, programme
from ..core.refusal import Refusal
from . import desk, documents, handover, lookups
from .errors import Invalid, Missing

ROLE = "head"  # the role a delegation's link signs a phone in with (web/access.py)
WRONG_LINKS = 10  # wrong links from one address before it waits, as a login does
MAX_FIELD = 200


class NotYours(Refusal):
    """A delegate who is not of the head's delegation (or no delegate at all)."""
    reason = "forbidden"


# --- links -----------------------------------------------------------------------------

def issue_links(db, by: tuple) -> list:
    """A new link for every delegation on the roster, in the official order: [(delegation,
    secret)]. The links issued before stop working."""
    made = []
    with store.immediate(db):
        for delegation in units.order(store.delegations(db)):
            secret = secrets.token_urlsafe(24)
            store.set_delegation_link(db, delegation, accounts.token_hash(secret), by[0])
            audit.record(db, *by, "delegation.link", delegation)
            made.append((delegation, secret))
    return made


def revoke_link(db, delegation: str, by: tuple) -> None:
    """The delegation's link stops at once (its phones at their next request, their
    streams within a few seconds)."""
    with store.immediate(db):
        if not store.revoke_delegation_link(db, delegation):
            raise Missing(f"Đoàn '{delegation}' không có liên kết đang hoạt động.")
        audit.record(db, *by, "delegation.revoke", delegation)


def signed_in(db, secret) -> tuple | None:
    """(delegation, the secret's hash) for a live link's secret, else None."""
    if not isinstance(secret, str) or not secret or len(secret) > 128:
        return None
    hashed = accounts.token_hash(secret)
    delegation = store.delegation_of_link(db, hashed)
    return (delegation, hashed) if delegation is not None else None


def link_guard() -> accounts.LoginGuard:
    """Slows the guessing of links as the login form slows the guessing of passwords:
    WRONG_LINKS wrong links from one address, and it waits."""
    guard = accounts.LoginGuard()
    guard.MAX_FAILURES = guard.MAX_PER_ADDRESS = WRONG_LINKS
    return guard


# --- what the head sees -------------------------------------------------------------------

AWARD_STATES = {
    "handed": "Đã trao trên sân khấu",
    "proxy": "Đã có người nhận thay",
    "kept": "Giữ lại, chờ bàn giao cho đoàn",
    "handed_over": "Đã bàn giao cho đoàn",
    "waiting": "Chờ trao",
}


def snapshot(db, delegation: str) -> dict:
    """The delegation as its head's page draws it: members (badge fields, seat, presence
    per session, absences, substitutes asked), the sessions with the delegation's counts,
    and its awards with where each stands."""
    with store.reading(db):
        sessions, now = programme.offered(db)
        people = store.members(db, delegation)
        ids = [p["id"] for p in people]
        arrivals, absences, asked = {}, {}, {}
        for row in store.presence_of(db, ids) if ids else []:
            arrivals.setdefault(row["delegate_id"], {})[row["session_id"]] = row["at"]
        for row in store.absences_of(db, ids) if ids else []:
            absences.setdefault(row["delegate_id"], []).append(row)
        for row in store.substitutions_asked(db, ids) if ids else []:
            asked[row["original_id"]] = row
        awards = _awards(db, delegation)
    members = [_member(p, sessions, now, arrivals.get(p["id"], {}), absences.get(p["id"], []),
                       asked.get(p["id"])) for p in people]
    return {"delegation": delegation, "session": now["id"], "session_name": now["name"],
            "members": members,
            "sessions": [_session(s, s["id"] == now["id"], members) for s in sessions],
            "awards": awards, "documents": documents.of_delegation(db, delegation)}


def _member(person, sessions, now, arrived: dict, absences: list, asked) -> dict:
    return {
        "code": person["code"], "name": person["name"], "title": person["title"],
        "unit": person["unit"], "seat": person["seat"], "category": person["category"],
        "category_color": person["category_color"],
        "category_ink": ink_on(person["category_color"]),
        "present": now["id"] in arrived,
        "arrived_at": clock.local_hm(arrived[now["id"]]) if now["id"] in arrived else None,
        "arrived": {sid: clock.local_hm(at) for sid, at in arrived.items()},
        "summoned": [s["id"] for s in sessions if lookups.summoned(s, person["category_id"])],
        "absences": [{"session": a["session_id"], "session_name": a["session_name"]
                      or "Mọi phiên", "reason": a["reason"]} for a in absences],
        "substitute": None if asked is None else {
            "name": asked["name"], "title": asked["title"], "unit": asked["unit"],
            "reason": asked["reason"], "approved": asked["approved_at"] is not None},
    }


def _session(session: dict, current: bool, members: list) -> dict:
    summoned = [m for m in members if session["id"] in m["summoned"]]
    return {"id": session["id"], "name": session["name"], "starts_at": session["starts_at"],
            "ends_at": session["ends_at"], "current": current, "summoned": len(summoned),
            "present": sum(1 for m in summoned if session["id"] in m["arrived"])}


def _awards(db, delegation: str) -> list:
    handed, given = store.handed(db), store.handovers(db)
    made = []
    for award in store.honours(db):
        if award["delegation"] != delegation:
            continue
        absence = award["absence"] or {}
        if award["id"] in handed:
            state, who = "handed", handed[award["id"]]["name"]
        elif award["id"] in given:
            state, who = "handed_over", given[award["id"]]["received_by"]
        elif absence.get("proxy_id"):
            state, who = "proxy", absence["proxy_name"]
        elif award["absence"] is not None:
            state, who = "kept", None
        else:
            state, who = "waiting", None
        made.append({"id": award["id"], "form": award["form"], "code": award["code"],
                     "name": award["name"], "collective": award["collective"],
                     "state": state, "state_label": AWARD_STATES[state], "by": who})
    return made


# --- what the head does -----------------------------------------------------------------

def _own(db, delegation: str, code) -> str:
    """The code of one of the delegation's active members, or NotYours."""
    wanted = codes.normalise_code(code) if isinstance(code, str) else None
    if wanted and any(p["code"] == wanted for p in store.members(db, delegation)):
        return wanted
    raise NotYours(f"Đại biểu '{code}' không thuộc {delegation}: trưởng đoàn chỉ báo cho "
                   "người của đoàn mình.", "code")


def report_absence(db, delegation: str, code, session_id, reason) -> dict:
    """An absence with its reason for one of the delegation's members, for one session
    (None: every session), recorded as the desk records one, the delegation its author."""
    if session_id is not None and not isinstance(session_id, str):
        raise Invalid("'session' phải là mã phiên (hoặc để trống: mọi phiên).", "session")
    return desk.record_absence(db, _own(db, delegation, code), session_id or None, reason,
                               (delegation, ROLE))


def ask_substitute(db, delegation: str, code, person: dict, reason) -> dict:
    """A substitute (name, title, unit) asked for one of the delegation's members: into the
    desk's queue, for an organiser to approve, not onto the roster."""
    fields = {}
    for key in ("name", "title", "unit"):
        value = person.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > MAX_FIELD):
            raise Invalid(f"'{key}' phải là chữ, tối đa {MAX_FIELD} ký tự.", key)
        fields[key] = " ".join(value.split()) if value else ""
    if not fields["name"]:
        raise Invalid("Ghi họ tên người thay thế.", "name")
    return desk.request_substitute(db, _own(db, delegation, code), fields, reason,
                                   (delegation, ROLE))


def receive_documents(db, delegation: str, item_id, asked_for, count, received_by) -> dict:
    """The head confirms their delegation received an item ("Đã nhận"): all that is still
    due unless `count` says how many, received by the head (by name where the roster marks
    them, lookups.delegation_head) unless `received_by` names someone. Another
    delegation's (`asked_for`) is refused with NotYours."""
    if asked_for is not None and asked_for != delegation:
        raise NotYours(f"Trưởng đoàn chỉ xác nhận tài liệu, quà của {delegation}, không phải "
                       f"của '{asked_for}'.", "delegation")
    return documents.hand_out(db, item_id, delegation, count,
                              received_by or signed_by_the_head(db, delegation),
                              (delegation, ROLE))


def receive_award(db, delegation: str, award_id: int) -> dict:
    """The head signs for an award of their delegation kept for handover ("Đã nhận",
    issue 31 item 3): handed over to the head (by name where the roster marks them,
    lookups.delegation_head, else "Trưởng đoàn <delegation>"), the delegation its author.
    The rule (their own delegation's, kept, not handed yet) is services/handover.py's, the
    one the desk's handover follows too."""
    return handover.hand_over(db, award_id, signed_by_the_head(db, delegation),
                              (delegation, ROLE), delegation)


def signed_by_the_head(db, delegation: str) -> str:
    """Who received, when the head confirms on their phone, as the rolls print it: "<name>
    (Trưởng đoàn)" where the roster marks the head, else "Trưởng đoàn <delegation>"."""
    head = lookups.delegation_head(db, delegation)
    return f"{head['name']} (Trưởng đoàn)" if head else f"Trưởng đoàn {delegation}"
