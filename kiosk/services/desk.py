"""The help desk's records beside the roster: absences with a reason, and substitutes,
each in one transaction with its audit entry.

A substitute (đại biểu thay thế) is asked for by the desk or an organiser and approved
by an organiser. On approval the substitute becomes a delegate of their own (their own
code and badge, the original's category, delegation and seat) and the original is
withdrawn, so the substitute takes the original's place in every count; the
credentials report lists substitutes apart.
"""

import sqlite3

from badges import people

from .. import db as store
from ..core import audit, clock
from . import lookups
from .errors import Invalid, Missing, Refusal, from_the_roster

MAX_REASON = 200


# what each action's reason is, as the desk is asked for it when it is missing
ASKED = {
    "absence": "Ghi lý do vắng (ví dụ: ốm, bận công tác).",
    "substitute": "Ghi lý do thay thế (ví dụ: ốm, đơn vị cử người khác đi thay).",
    "withdraw": "Ghi lý do rút khỏi danh sách (ví dụ: đơn vị báo không cử đi).",
}


def reason_given(text, what: str) -> str:
    """A reason the desk typed for `what` (ASKED), spaces collapsed; Invalid when it is
    missing or too long."""
    if not isinstance(text, str) or not text.strip():
        raise Invalid(ASKED[what], "reason")
    if len(text) > MAX_REASON:
        raise Invalid(f"Lý do dài quá {MAX_REASON} ký tự.", "reason")
    return " ".join(text.split())


def record_absence(db, code: str, session_id: str | None, reason, by: tuple) -> dict:
    """An absence with a reason, for one session or (session_id None) every session."""
    reason = reason_given(reason, "absence")
    with store.immediate(db):
        person = lookups.delegate(db, code)
        if session_id is not None:
            lookups.session(db, session_id, rehearsal=False)
        try:
            absence_id = store.add_absence(db, person["id"], session_id, reason, by[0])
        except sqlite3.IntegrityError:
            raise Invalid(f"{person['name']} đã được ghi vắng có lý do cho phiên này.",
                          "session") from None
        audit.record(db, *by, "absence.add", person["code"], None,
                     {"session": session_id or "mọi phiên", "reason": reason})
    return {"id": absence_id, "code": person["code"], "session": session_id, "reason": reason}


def cancel_absence(db, code: str, absence_id: int, by: tuple) -> None:
    with store.immediate(db):
        person = lookups.delegate(db, code)
        mine = {a["id"]: a for a in store.absences_of(db, [person["id"]])}
        if absence_id not in mine or not store.cancel_absence(db, absence_id):
            raise Missing(f"{person['code']} không có ghi vắng số {absence_id}.")
        audit.record(db, *by, "absence.cancel", person["code"],
                     {"session": mine[absence_id]["session_id"] or "mọi phiên",
                      "reason": mine[absence_id]["reason"]}, None)


def arrivals_despite(absence: dict, arrivals: dict, sessions: list, category_id) -> dict:
    """An excused absence beside the delegate's arrivals (session id -> presence row):
    `arrived`, those in the sessions it covers (its own, or for an absence from every
    session each session the delegate is summoned to), each with `after` when it came
    after the absence was recorded; `superseded` when they came to every one of them.
    An arrival outweighs an absence: the desk's card shows the arrival and the absence
    struck through ("đã đến sau"), not both as if true."""
    own = absence["session_id"]
    covered = [s for s in sessions if s["id"] == own or own is None and lookups.summoned(
        s, category_id)]
    recorded = clock.parse_aware(absence["recorded_at"])
    arrived = []
    for s in covered:
        row = arrivals.get(s["id"])
        if row is not None:
            at = clock.parse_aware(row["at"])
            arrived.append({"session": s["id"], "session_name": s["name"], "at": row["at"],
                            "after": bool(at and recorded and at >= recorded)})
    return {"arrived": arrived, "superseded": bool(covered) and len(arrived) == len(covered)}


def request_substitute(db, code: str, person: dict, reason, by: tuple) -> dict:
    """Ask that a summoned delegate be replaced by a named person; approved at once
    when an organiser asks (`approve`)."""
    reason = reason_given(reason, "substitute")
    fields = {k: person.get(k) for k in ("name", "title", "unit", "phone") if person.get(k)}
    with from_the_roster(), store.immediate(db):
        original = lookups.delegate(db, code)
        if not original["active"]:
            raise Refusal(f"{original['name']} ({original['code']}) đã rút khỏi danh "
                              "sách: không thay thế được.")
        # the substitute's fields checked by the roster's rules before anything is kept
        people.check(db, dict(fields, category=original["category_id"]))
        try:
            asked = store.add_substitution(db, original["id"], fields, reason, by[0])
        except sqlite3.IntegrityError:
            raise Refusal(f"{original['name']} đã có đề nghị thay thế đang chờ hoặc "
                              "đã duyệt.") from None
        audit.record(db, *by, "substitute.request", original["code"], None,
                     dict(fields, reason=reason))
    return {"id": asked, "code": original["code"]}


def approve_substitute(db, substitution_id: int, by: tuple) -> dict:
    """The substitute made a delegate (code, badge; the original's category, delegation,
    seat and protocol place) and the original withdrawn, in one transaction."""
    with from_the_roster(), store.immediate(db):
        asked = _open(db, substitution_id)
        original = store.delegate(db, asked["original_id"])
        made = people.add(db, {
            "name": asked["name"], "title": asked["title"] or "", "unit": asked["unit"] or "",
            "phone": asked["phone"] or "", "delegation": original["delegation"] or "",
            "category": original["category_id"], "seat": original["seat"] or "",
            "protocol": "" if original["protocol_order"] is None
            else str(original["protocol_order"])}, same_name_ok=True)  # a named person
        people.set_active(db, original["code"], False)
        store.approve_substitution(db, substitution_id, made["id"], by[0])
        audit.record(db, *by, "substitute.approve", original["code"],
                     {"delegate": original["code"], "name": original["name"]},
                     {"delegate": made["code"], "name": made["name"]}, asked["reason"])
    return {"original": original["code"], "substitute": made["code"], "name": made["name"]}


def substitutions(db) -> list:
    """Every substitute asked for, with the original's code, name and unit."""
    return store.substitutions(db)


def refuse_substitute(db, substitution_id: int, by: tuple) -> None:
    with store.immediate(db):
        asked = _open(db, substitution_id)
        store.refuse_substitution(db, substitution_id, by[0])
        original = store.delegate(db, asked["original_id"])
        audit.record(db, *by, "substitute.refuse", original["code"],
                     {"name": asked["name"]}, None)


def _open(db, substitution_id: int) -> dict:
    asked = store.substitution(db, substitution_id)
    if asked is None or asked["refused_at"]:
        raise Missing(f"Không có đề nghị thay thế số {substitution_id}.")
    if asked["approved_at"]:
        raise Refusal("Đề nghị thay thế này đã được duyệt.")
    return asked
