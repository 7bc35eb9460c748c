"""The help desk's changes to the roster (/api/admin/delegates…): a walk-in added, its
code issued, its A6 badge ready to print and the person checked in, in one request; an
edit; a withdrawal and its reversal; an absence with its reason; a substitute asked for,
and approved or refused by an organiser. Each is one call of kiosk/services; its
refusals answer in the one error shape (web/errors.py)."""

from flask import Blueprint, g, jsonify, url_for

from ...core import decision
from ...services import desk, lookups, people
from .. import shapes, trail
from ..access import HELP_DESK, ORGANISERS, PROFILE, profile_fields_for, require
from ..checks import json_body, session_for
from ..errors import ApiError
from ..shared import get_db, shared

bp = Blueprint("people", __name__)


def _fields(body: dict) -> dict:
    return {k: body[k] for k in people.EDITABLE if k in body}


@bp.post("/api/admin/delegates")
@require(*HELP_DESK)
def add():
    """A walk-in: added, a code issued, checked in (method desk) to "session" (default:
    the one in progress) unless "check_in" is false; the answer has the address of the A6
    badge to print. Added even when the check-in is refused (not summoned to that
    session): the answer says so."""
    body = json_body()
    db = get_db()
    check_in = body.get("check_in", True) is not False
    if check_in:  # an unknown session refused before anyone is added
        requested = body.get("session")
        session = session_for(requested if isinstance(requested, str) else None)
    person = people.add(db, _fields(body), body.get("same_name_ok") is True, trail.by())
    answer = {"code": person["code"], "name": person["name"],
              "print": url_for("admin.badge", code=person["code"])}
    if check_in:
        attempt = decision.Attempt(person["payload"], session["id"], g.caller.name, "desk")
        try:
            result, counts = shared().batcher.check_in(attempt)
            answer["checkin"] = shapes.outcome(result, counts)
        except decision.CheckinError as exc:  # added all the same: the desk can check in
            answer["checkin"] = {"result": exc.reason, "label": exc.message}
    return jsonify(answer), 201


@bp.patch("/api/admin/delegates/<code>")
@require(*HELP_DESK)
def edit(code):
    """The badge's fields and the contact details; of the profile, the fields the
    caller's role may see (access.FIELDS: an organiser, the desk a distinction)."""
    body = json_body()
    mine = profile_fields_for(g.caller.role)
    others = [f for f in PROFILE if f in body and f not in mine]
    if others:
        raise ApiError(403, "forbidden", "Chỉ Ban Tổ chức sửa được thông tin cơ cấu đại "
                       "biểu (giới tính, năm sinh, dân tộc, đảng viên, trình độ).", others[0])
    fields = _fields(body) | {f: body[f] for f in mine if f in body}
    before, after = people.edit(get_db(), code, fields, trail.by(), mine)
    return jsonify({"code": lookups.code(code), "changed": after, "before": before})


@bp.post("/api/admin/delegates/<code>/<any(withdraw, restore):change>")
@require(*HELP_DESK)
def set_active(code, change):
    """Withdraw a delegate (refused at every door, out of the counts) or restore one; a
    withdrawal says why."""
    if change == "withdraw":
        after = people.withdraw(get_db(), code, json_body().get("reason"), trail.by())
    else:
        after = people.restore(get_db(), code, trail.by())
    return jsonify({"code": lookups.code(code), "active": after["active"]})


def _as_caller(action, *args):
    """A kiosk/services action as the caller."""
    return action(get_db(), *args, trail.by())


@bp.post("/api/admin/delegates/<code>/absences")
@require(*HELP_DESK)
def add_absence(code):
    """Absent with a reason: "session" one session's id, or "all" (or none) for every
    session."""
    body = json_body()
    session = body.get("session")
    if session in (None, "", "all"):
        session = None
    elif not isinstance(session, str):
        raise ApiError(400, "invalid", "'session' phải là mã phiên hoặc \"all\".", "session")
    return jsonify(_as_caller(desk.record_absence, code, session, body.get("reason"))), 201


@bp.post("/api/admin/delegates/<code>/absences/<int:absence_id>/cancel")
@require(*HELP_DESK)
def cancel_absence(code, absence_id):
    _as_caller(desk.cancel_absence, code, absence_id)
    return jsonify({"code": lookups.code(code), "cancelled": absence_id})


@bp.post("/api/admin/delegates/<code>/substitute")
@require(*HELP_DESK)
def request_substitute(code):
    """A substitute asked for; an organiser asking with "approve": true approves it too,
    and the answer then has the address of the substitute's A6 badge to print."""
    body = json_body()
    person = {k: body.get(k) for k in ("name", "title", "unit", "phone")
              if isinstance(body.get(k), str)}
    asked = _as_caller(desk.request_substitute, code, person, body.get("reason"))
    if body.get("approve") is True and g.caller.role in ORGANISERS:
        asked.update(_approved(asked["id"]))
    return jsonify(asked), 201


def _approved(substitution_id: int) -> dict:
    """A substitute approved, with the address of their A6 badge, opened for printing
    as a walk-in's is."""
    made = _as_caller(desk.approve_substitute, substitution_id)
    return {**made, "print": url_for("admin.badge", code=made["substitute"])}


@bp.get("/api/admin/substitutions")
@require(*HELP_DESK)
def substitutions():
    rows = desk.substitutions(get_db())
    keep = ("id", "original_code", "original_name", "original_unit", "name", "title", "unit",
            "reason", "requested_by", "requested_at", "approved_by", "approved_at",
            "substitute_code")
    return jsonify({"substitutions": [{k: r[k] for k in keep} for r in rows]})


@bp.post("/api/admin/substitutions/<int:substitution_id>/<any(approve, refuse):verdict>")
@require(*ORGANISERS)
def decide_substitute(substitution_id, verdict):
    if verdict == "approve":
        return jsonify(_approved(substitution_id))
    _as_caller(desk.refuse_substitute, substitution_id)
    return jsonify({"refused": substitution_id})


@bp.get("/api/admin/delegations")
@require(*HELP_DESK)
def delegations():
    """Every delegation in the official order with its head (trưởng đoàn), or null."""
    return jsonify({"delegations": people.heads(get_db())})


@bp.post("/api/admin/delegates/<code>/head")
@require(*ORGANISERS)
def set_head(code):
    """{"head": true}: this delegate heads their delegation (whoever did no longer);
    {"head": false}: no longer. Answers the delegation and its head."""
    head = json_body().get("head")
    if not isinstance(head, bool):
        raise ApiError(400, "invalid", "'head' phải là true hoặc false.", "head")
    return jsonify(people.set_head(get_db(), code, head, trail.by()))
