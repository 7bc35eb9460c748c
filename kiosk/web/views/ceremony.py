"""The honours ceremony (/api/ceremony…): a session's stage batches from who is checked
in now, the presenter of each batch, and what the desk decides for an absent recipient
(kiosk/services/ceremony.py)."""

from flask import Blueprint, jsonify, request

from ...services import ceremony
from .. import trail
from ..access import HELP_DESK, ORGANISERS, require
from ..checks import json_body, session_for
from ..errors import ApiError
from ..shared import get_db

bp = Blueprint("ceremony", __name__)


@bp.get("/api/ceremony")
@require(*HELP_DESK)
def programme():
    """`session` (default: the one in progress) and `per_batch` (default: the event's)."""
    ses = session_for(request.args.get("session"))
    made = ceremony.programme(get_db(), ses["id"], request.args.get("per_batch"))
    return jsonify({"session": ses["id"], "session_name": ses["name"], **made})


@bp.post("/api/ceremony/presenters")
@require(*ORGANISERS)
def set_presenter():
    """{"session", "batch", "presenter"}: who presents that batch; "" clears it."""
    body = json_body()
    ses = session_for(body.get("session") if isinstance(body.get("session"), str) else None)
    ceremony.set_presenter(get_db(), ses["id"], body.get("batch"), body.get("presenter"),
                           trail.by())
    return jsonify({"session": ses["id"], "batch": body.get("batch"),
                    "presenter": body.get("presenter")})


@bp.post("/api/ceremony/awards/<int:award_id>/absent")
@require(*HELP_DESK)
def absent(award_id):
    """{"proxy": "CODE"}: that delegate receives on the absent recipient's behalf;
    {"proxy": null}: the award is kept for a later handover."""
    proxy = json_body().get("proxy")
    if proxy is not None and not isinstance(proxy, str):
        raise ApiError(400, "invalid", "'proxy' phải là mã đại biểu hoặc null.", "proxy")
    return jsonify(ceremony.receive_for(get_db(), award_id, proxy, trail.by()))
