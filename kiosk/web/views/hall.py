"""The hall for the ushers (/hall): the seat chart of a session with who is already in,
live from the stream, a name search that lights up a seat; and the same chart as a PDF
for A3 paper (reports/seating.py)."""

import io

from flask import Blueprint, jsonify, request, send_file

from ...services import hall as the_hall
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
    out = io.BytesIO()
    the_hall.chart_pdf(get_db(), ses, out)
    out.seek(0)
    return send_file(out, mimetype="application/pdf",
                     download_name=f"so-do-cho-ngoi-{ses['id']}.pdf")
