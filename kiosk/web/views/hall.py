"""The hall for the ushers (/hall): the seat chart of a session with who is already in,
live from the stream, a name search that lights up a seat; and the same chart as a PDF
for A3 paper (reports/seating.py)."""

import io

from flask import Blueprint, jsonify, request, send_file

from ... import db as store
from ...core import clock
from ...reports import seating
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
    made = seating.layout(store.hall_chart(get_db(), ses["id"]), ses)
    return jsonify({"session": ses["id"], "session_name": ses["name"], **made})


@bp.get("/hall.pdf")
@require(*HELP_DESK)
def chart_pdf():
    """The seat chart of `session` for A3 paper."""
    ses = session_for(request.args.get("session"))
    db = get_db()
    out = io.BytesIO()
    seating.write_pdf(out, store.get_settings(db), ses,
                      seating.layout(store.hall_chart(db, ses["id"]), ses), clock.utcnow())
    out.seek(0)
    return send_file(out, mimetype="application/pdf",
                     download_name=f"so-do-cho-ngoi-{ses['id']}.pdf")
