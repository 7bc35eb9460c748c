"""The help desk's changes to the roster (/api/admin/delegates…): a walk-in added, its
code issued, its A6 badge ready to print and the person checked in, in one request; an
edit; a withdrawal and its reversal. Each one in the audit trail, in the transaction
that makes it."""

from flask import Blueprint, g, jsonify, url_for

from badges import people
from badges.errors import BadgesError, NotFound

from ... import db as store
from ...core import decision
from .. import shapes, trail
from ..access import HELP_DESK, require
from ..checks import json_body, session_for
from ..errors import ApiError
from ..shared import get_db, shared

bp = Blueprint("people", __name__)


def _fields(body: dict) -> dict:
    return {k: body[k] for k in people.EDITABLE if k in body}


def _refused(exc: BadgesError):
    if isinstance(exc, people.Invalid):
        return ApiError(400, "invalid", str(exc), exc.field)
    if isinstance(exc, NotFound):
        return ApiError(404, "not_found", str(exc))
    return ApiError(409, "conflict", str(exc))


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
    try:
        with store.immediate(db):
            person = people.add(db, _fields(body))
            trail.record(db, "delegate.add", person["code"], None, _fields(body))
    except BadgesError as exc:
        raise _refused(exc) from None
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
    body = json_body()
    db = get_db()
    try:
        with store.immediate(db):
            before, after = people.edit(db, code, _fields(body))
            if after:
                trail.record(db, "delegate.edit", code.upper(), before, after)
    except BadgesError as exc:
        raise _refused(exc) from None
    return jsonify({"code": code.upper(), "changed": after, "before": before})


@bp.post("/api/admin/delegates/<code>/<any(withdraw, restore):change>")
@require(*HELP_DESK)
def set_active(code, change):
    """Withdraw a delegate (refused at every door, out of the counts) or restore one; a
    withdrawal says why."""
    reason = json_body().get("reason") if change == "withdraw" else None
    if change == "withdraw" and (not isinstance(reason, str) or not reason.strip()
                                 or len(reason) > 200):
        raise ApiError(400, "invalid", "Ghi lý do rút khỏi danh sách (tối đa 200 ký tự).",
                       "reason")
    db = get_db()
    try:
        with store.immediate(db):
            before, after = people.set_active(db, code, change == "restore")
            trail.record(db, f"delegate.{change}", code.upper(), before, after,
                         reason.strip() if reason else None)
    except BadgesError as exc:
        raise _refused(exc) from None
    return jsonify({"code": code.upper(), "active": after["active"]})
