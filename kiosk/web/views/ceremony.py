"""The honours ceremony (/api/ceremony…): a session's stage batches from who is checked
in now, the presenter of each batch (kiosk/services/ceremony.py), and what the desk
decides for an absent recipient, the handover to the delegations and its signed roll
(kiosk/services/handover.py). Each route one call of a service."""


from flask import Blueprint, g, jsonify, request

from ...services import ceremony, handover
from .. import downloads, trail
from ..access import COUNTS, HELP_DESK, ORGANISERS, page_for, require
from ..checks import json_body, session_for
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db

bp = Blueprint("ceremony", __name__)


@bp.get("/stage")
@page_for(*COUNTS)
def stage(caller):
    """The backstage coordinator's screen: the batch on stage, the next, the absent; the
    organisers and the desk mark a batch handed, a viewer link follows."""
    return render_page("stage.html", caller=caller, can_mark=caller.role in HELP_DESK,
                       can_name=caller.role in ORGANISERS)


@bp.get("/api/ceremony")
@require(*COUNTS)
def programme():
    """`session` (default: the one in progress) and `per_batch` (default: the event's).
    The names, titles, units and seats of those honoured, as the programme reads them:
    for the stage screen of a viewer link too."""
    ses = session_for(request.args.get("session"))
    made = ceremony.programme(get_db(), ses["id"], request.args.get("per_batch"))
    return jsonify(_answer(ses, made))


def _answer(ses: dict, made: dict) -> dict:
    """The programme as the caller may see it: the absent by name for the organisers and
    the desk, who act on them; for a viewer or the projector's link, counts only."""
    absent = made["not_present"]
    by_form = {}
    for award in absent:
        by_form[award["award"]] = by_form.get(award["award"], 0) + 1
    answer = {"session": ses["id"], "session_name": ses["name"], **made,
              "not_present_count": len(absent),
              "not_present_by_form": [{"award": k, "count": n} for k, n in by_form.items()]}
    if g.caller.role not in HELP_DESK:
        answer["not_present"] = len(absent)
    return answer


@bp.post("/api/ceremony/presenters")
@require(*ORGANISERS)
def set_presenter():
    """{"session", "batch", "presenter"}: who presents that batch as shown now, kept with
    its form (or the form's part); "" clears it. Answers the form and part it was kept
    with, and the name as kept (without a typed "Đồng chí")."""
    body = json_body()
    ses = session_for(body.get("session") if isinstance(body.get("session"), str) else None)
    kept = ceremony.set_presenter(get_db(), ses["id"], body.get("batch"),
                                  body.get("presenter"), trail.by(), body.get("per_batch"))
    return jsonify({"session": ses["id"], **kept})


@bp.post("/api/ceremony/awards/<int:award_id>/absent")
@require(*HELP_DESK)
def absent(award_id):
    """{"proxy": "CODE", "session"}: that delegate receives on the absent recipient's
    behalf; one not checked in to the session (default: the one in progress) is refused
    (409, "not_checked_in") unless "confirm": true. {"proxy": null}: the award is kept
    for a later handover."""
    body = json_body()
    proxy, confirm = body.get("proxy"), body.get("confirm", False)
    if proxy is not None and not isinstance(proxy, str):
        raise ApiError(400, "invalid", "'proxy' phải là mã đại biểu hoặc null.", "proxy")
    if not isinstance(confirm, bool):
        raise ApiError(400, "invalid", "'confirm' phải là true hoặc false.", "confirm")
    ses = session_for(body.get("session") if isinstance(body.get("session"), str) else None)
    return jsonify(handover.receive_for(get_db(), award_id, proxy, trail.by(), ses, confirm))


@bp.post("/api/ceremony/batches/<int:number>/handed")
@require(*HELP_DESK)
def handed(number):
    """{"session", "recipients": [award ids or codes, as the screen showed them]}: the
    batch on stage handed ("đã trao"), or 409 when it is no longer what was shown. Answers
    the programme as it stands after (the page draws it), with "handed" and "award"."""
    body = json_body()
    ses = session_for(body.get("session") if isinstance(body.get("session"), str) else None)
    made = ceremony.hand(get_db(), ses["id"], number, body.get("recipients"), trail.by(),
                         body.get("per_batch"))
    done = next(b for b in made["batches"] if b["number"] == number)
    return jsonify({**_answer(ses, made), "handed": number, "award": done["award"]})


@bp.post("/api/ceremony/awards/<int:award_id>/handover")
@require(*HELP_DESK)
def hand_over(award_id):
    """{"received_by": "name"}: an award not handed on stage given to the head of the
    recipient's delegation after the ceremony."""
    return jsonify(handover.hand_over(get_db(), award_id, json_body().get("received_by"),
                                      trail.by()))


@bp.get("/admin/handover-roll.pdf")
@require(*HELP_DESK)
def handover_roll():
    """The handover rolls (`delegation`: one delegation's), for the heads to sign."""
    wanted = request.args.get("delegation", "")[:200] or None
    return downloads.pdf(lambda out: handover.rolls_pdf(get_db(), wanted, out),
                         "ban-giao-khen-thuong.pdf")


@bp.get("/api/admin/ceremony")
@require(*ORGANISERS)
def ceremony_settings():
    """The order the forms are handed in, and how many on stage at once."""
    return jsonify(ceremony.settings(get_db()))


@bp.post("/api/admin/ceremony")
@require(*ORGANISERS)
def set_ceremony_settings():
    """{"order": [form names, highest first], "per_batch": N}."""
    body = json_body()
    return jsonify(ceremony.set_settings(get_db(), body.get("order"), body.get("per_batch"),
                                         trail.by()))
