"""Paper, when everything else fails: the signing roll per delegation (PDF, those
present marked), and the back-entry page where the desk ticks the names on a signed
roll (method `paper`, the time as written on the paper; the log keeps the time entered
beside it). Each one call of kiosk/services/paper.py."""


from flask import Blueprint, g, jsonify, request

from ...core import decision
from ...services import paper
from .. import downloads, shapes
from ..access import HELP_DESK, page_for, require
from ..checks import json_body, session_for
from ..pages import render_page
from ..shared import get_db, shared

bp = Blueprint("paper", __name__)


@bp.get("/admin/paper")
@page_for(*HELP_DESK)
def page(caller):
    return render_page("paper.html", caller=caller, delegations=paper.delegations(get_db()))


@bp.get("/admin/signing-roll.pdf")
@require(*HELP_DESK)
def signing_roll():
    ses = session_for(request.args.get("session"))
    wanted = request.args.get("delegation", "")[:200] or None
    return downloads.pdf(lambda out: paper.signing_roll_pdf(get_db(), ses, wanted, out),
                         f"danh-sach-ky-ten-{ses['id']}.pdf")


@bp.get("/api/admin/paper")
@require(*HELP_DESK)
def roll():
    """The delegation's people summoned to the session, with who is already in."""
    ses = session_for(request.args.get("session"))
    people = paper.roll(get_db(), ses, request.args.get("delegation", "")[:200])
    return jsonify({"session": ses["id"], "people": [
        {**shapes.public_delegate(r), "present": r["present"]} for r in people]})


@bp.post("/api/admin/paper")
@require(*HELP_DESK)
def back_entry():
    """Check in the ticked codes with method `paper` at the time on the paper; each
    one's answer (already in, not summoned, withdrawn: said and not counted twice)."""
    body = json_body()
    ses = session_for(body.get("session") if isinstance(body.get("session"), str) else None)
    done = paper.back_entry(ses, body.get("codes"), body.get("at"), g.caller.name,
                            shared().batcher.check_in)
    return jsonify({"session": ses["id"], "at": done["at"],
                    "answers": [_answer(code, got) for code, got in done["answers"]]})


def _answer(code: str, got) -> dict:
    if isinstance(got, decision.CheckinError):
        return {"code": code, "result": got.reason, "label": got.message}
    return {"code": code, **shapes.outcome(*got)}
