"""The MC (/mc, /api/introductions, /api/votes, /api/presidium, /api/speakers): what the
MC reads from who is in the hall now (kiosk/services/mc.py, votes.py). The organisers
and the desk mark introductions; the organisers set the presidium, the speakers and
record the votes; a viewer login and the projector's link follow, the absent guests
as a count."""

from flask import Blueprint, g, jsonify, request

from ...services import mc, votes
from .. import trail
from ..access import COUNTS, HELP_DESK, ORGANISERS, page_for, require
from ..checks import json_body
from ..pages import render_page
from ..shared import get_db

bp = Blueprint("mc", __name__)


def _session(requested):
    return mc.session_of(get_db(), requested)


def _body_session() -> tuple:
    body = json_body()
    return body, _session(body.get("session"))


@bp.get("/mc")
@page_for("organiser", "desk", "viewer")
def page(caller):
    """The MC's screen: introductions as the hall stands, the presidium, the votes, the
    speakers; the organisers and the desk mark who was introduced."""
    return render_page("mc.html", caller=caller, can_mark=caller.role in HELP_DESK)


@bp.get("/api/mc")
@require(*COUNTS)
def everything():
    """The MC screen's sections at once: introductions, presidium, votes, speakers."""
    db, ses = get_db(), _session(request.args.get("session"))
    return jsonify({"session": ses["id"], "session_name": ses["name"],
                    "introductions": _introductions(mc.introductions(db, ses)),
                    "presidium": mc.presidium(db, ses), "votes": votes.votes(db, ses),
                    "speakers": mc.speakers(db, ses)})


def _introductions(made: dict) -> dict:
    """The absent by name for the organisers and the desk; for a viewer and the
    projector's link, a count (as the stage screen gives them)."""
    made["absent_count"] = len(made["absent"])
    if g.caller.role not in HELP_DESK:
        made["absent"] = len(made["absent"])
    return made


@bp.get("/api/introductions")
@require(*COUNTS)
def introductions():
    """{"present": [...], "absent": [...]}: the session's guests and leaders in the
    roster's precedence order, said as the MC reads them."""
    ses = _session(request.args.get("session"))
    return jsonify(_introductions(mc.introductions(get_db(), ses)))


@bp.post("/api/introductions/read")
@require(*HELP_DESK)
def read():
    """{"session"}: the list read out; whoever arrives after is "mới đến"."""
    _, ses = _body_session()
    return jsonify(_introductions(mc.mark_read(get_db(), ses, trail.by())))


@bp.post("/api/introductions/marks")
@require(*HELP_DESK)
def marks():
    """{"session", "code", "introduced": true|false}: "đã giới thiệu", or taken off."""
    body, ses = _body_session()
    made = mc.mark(get_db(), ses, body.get("code"), body.get("introduced", True), trail.by())
    return jsonify(_introductions(made))


@bp.get("/api/votes")
@require(*COUNTS)
def list_votes():
    ses = _session(request.args.get("session"))
    return jsonify({"session": ses["id"], "votes": votes.votes(get_db(), ses)})


@bp.post("/api/votes")
@require(*ORGANISERS)
def vote():
    """{"session", "motion", "for", "against", "abstain"}: answered with "present" (the
    delegates present now) and "passed"; more votes than present is refused."""
    body, ses = _body_session()
    return jsonify(votes.record(get_db(), ses, body.get("motion"), body, trail.by()))


@bp.post("/api/votes/rule")
@require(*ORGANISERS)
def vote_rule():
    """{"vote_rule": "trên 1/2"}: the congress's rule for a motion to pass."""
    return jsonify({"vote_rule": votes.set_rule(get_db(), json_body().get("vote_rule"),
                                                trail.by())})


@bp.get("/api/presidium")
@require(*COUNTS)
def presidium():
    ses = _session(request.args.get("session"))
    return jsonify(mc.presidium(get_db(), ses))


@bp.post("/api/presidium")
@require(*ORGANISERS)
def set_presidium():
    """{"chu-tich": [codes], "thu-ky": [codes]}, each in its order."""
    return jsonify(mc.set_presidium(get_db(), json_body(), trail.by()))


@bp.get("/api/speakers")
@require(*COUNTS)
def speakers():
    ses = _session(request.args.get("session"))
    return jsonify(mc.speakers(get_db(), ses))


@bp.post("/api/speakers")
@require(*ORGANISERS)
def set_speakers():
    """{"session", "speakers": [{"code", "topic", "minutes", "reserve"}]}, in order."""
    body, ses = _body_session()
    return jsonify(mc.set_speakers(get_db(), ses, body.get("speakers"), trail.by()))
