"""The hub's side of the entrance stations (kiosk/station/ is theirs): the replica they
verify badges with, and the check-ins they decided on their own, sent here to be decided
again.

A station sends each attempt with the id and time it gave it; the hub decides it like a
live scan (so a badge revoked meanwhile, or a delegate already let in at another door,
is answered as such) and keeps the station's time. Ids make a resend change nothing.
"""

from flask import Blueprint, g, jsonify, request

from ...core import clock, decision
from ...services import doors
from ..access import AT_THE_DOOR, require
from ..checks import attempt_problem, json_body
from ..errors import ApiError
from ..shared import get_db, shared

bp = Blueprint("upstream", __name__)
MAX_SYNC = 500


@bp.get("/api/replica")
@require("station")
def replica():
    """The roster (with its version) unless the station already `have`s that version, and
    always who is present: a station pulls every few seconds over the venue's Wi-Fi."""
    body = {"station": g.caller.name, "instance": shared().instance,
            "now": clock.iso(clock.utcnow()),  # the station decides by the hub's time
            **doors.replica(get_db(), request.args.get("have"))}
    return jsonify(body)


@bp.post("/api/sync/roster")
@require("station")
def restore():
    """A door's sealed copy of a roster newer than this hub's (a spare started from an
    older backup): checked, then taken back before the door's check-ins are decided
    again (core/roster_copy.py)."""
    copy = json_body()
    if not isinstance(copy.get("roster"), dict) or not isinstance(copy.get("mark"), int):
        raise ApiError(400, "bad_roster", "Cần 'roster' (đối tượng) và 'mark' (số).")
    return jsonify(doors.restore_roster(get_db(), copy, g.caller.name))


@bp.get("/api/link")
@require(*AT_THE_DOOR)
def link():
    """On a station: how it stands with the hub (the kiosk page shows it). On the hub: 404."""
    status = shared().link
    if status is None:
        raise ApiError(404, "not_a_station", "Đây là hub, không phải trạm.")
    return jsonify(status.as_dict())


@bp.post("/api/sync/held")
@require("station")
def held():
    """Which of the check-ins a station was answered for this hub's log lacks: a hub
    restored from a backup, or a spare, tells the doors what to send again."""
    ids = json_body().get("ids")
    if not isinstance(ids, list) or len(ids) > 2000 or not all(
            isinstance(i, str) and len(i) <= 64 for i in ids):
        raise ApiError(400, "bad_ids", "'ids' phải là danh sách mã lượt (tối đa 2000).")
    return jsonify({"missing": doors.missing(get_db(), ids)})


@bp.post("/api/sync")
@require("station")
def sync():
    body = json_body()
    items = body.get("checkins")
    if not isinstance(items, list) or len(items) > MAX_SYNC:
        raise ApiError(400, "bad_sync", f"'checkins' phải là danh sách, tối đa {MAX_SYNC}.")
    if doors.behind(get_db(), body.get("mark")):
        # decided on an older roster, a walk-in would be unknown and a lost card let in
        raise ApiError(409, "roster_behind", "Danh sách đại biểu của hub cũ hơn của trạm: "
                       "trạm gửi lại danh sách trước.")
    if not shared().sync_quota.take(g.caller.credential or g.caller.name, len(items)):
        raise ApiError(429, "too_many", "Trạm gửi quá nhiều lượt điểm danh trong một phút; "
                       "các lượt còn lại được gửi ở vòng sau.")
    sessions = doors.sessions(get_db())
    return jsonify({"results": [_resend(item, sessions, g.caller.clock_offset)
                                for item in items]})


def _resend(item, sessions: list, offset) -> dict:
    """One check-in a station decided on its own, decided again here (its time and
    session: decision.resent); its answer."""
    problem = _problem(item)
    if problem:
        return {"id": item.get("id") if isinstance(item, dict) else None,
                "error": "bad_item", "message": problem}
    attempt = decision.resent(item, sessions, offset, g.caller.name)
    try:
        outcome, _ = shared().batcher.check_in(attempt, g.caller.credential)
    except decision.CheckinError as exc:
        return {"id": item["id"], "error": exc.reason, "message": exc.message}
    return {"id": outcome.id, "result": outcome.result, "replayed": outcome.replayed,
            "seq": outcome.seq}


def _problem(item) -> str | None:
    """What is wrong with one sent check-in, in Vietnamese, or None."""
    if not isinstance(item, dict):
        return "mỗi mục phải là một đối tượng JSON."
    problem = attempt_problem(item, id_required=True)
    if problem:
        return problem[1]
    if not isinstance(item.get("session"), str):
        return "thiếu 'session'."
    if not isinstance(item.get("at"), str) or len(item["at"]) > 40 \
            or not clock.has_zone(item["at"]):
        return "'at' phải là thời điểm ISO 8601 có múi giờ."
    return None
