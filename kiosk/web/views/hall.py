"""The hall for the ushers (/hall): the seat chart of a session with who is already in,
live from the stream, a name search that lights up a seat; and the same chart as a PDF
for A3 paper (reports/seating.py)."""


from flask import Blueprint, jsonify, request

from ...services import hall as the_hall
from .. import downloads
from ..access import AT_THE_DOOR, HELP_DESK, page_for, require
from ..checks import session_for
from ..pages import render_page
from ..shared import get_db

bp = Blueprint("hall", __name__)


@bp.get("/hall")
@page_for(*AT_THE_DOOR)
def page(caller):
    return render_page("hall.html", caller=caller, can_print=caller.role in HELP_DESK)


@bp.get("/api/hall")
@require(*AT_THE_DOOR)
def chart():
    """`session` (default: the one in progress): every seat, who sits there (the badge's
    fields only) and whether they are in."""
    ses = session_for(request.args.get("session"))
    made = the_hall.chart(get_db(), ses)
    return jsonify({"session": ses["id"], "session_name": ses["name"], **made})


@bp.get("/hall.pdf")
@require(*HELP_DESK)
def chart_pdf():
    """The seat chart of `session` for A3 paper."""
    ses = session_for(request.args.get("session"))
    return downloads.pdf(lambda out: the_hall.chart_pdf(get_db(), ses, out),
                         f"so-do-cho-ngoi-{ses['id']}.pdf")
