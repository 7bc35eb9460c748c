"""The organisers' live dashboard, the projector view and the downloads."""

from flask import (
    Blueprint,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)

from ... import accounts, reports
from ...core import clock
from ...core.counts import percent
from ...services import dashboard as the_dashboard
from ...services import records
from .. import shapes, trail
from ..access import COUNTS, HELP_DESK, ORGANISERS, PERSONAL_DATA, identify, page_for, require
from ..checks import session_for
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db, shared

bp = Blueprint("dashboard", __name__)


def _page(mode: str):
    share = url_for("dashboard.share", token=accounts.share_token(get_db()), _external=True) \
        if mode == "organiser" else None
    return render_page("dashboard.html", mode=mode, share_url=share)


@bp.get("/dashboard")
@page_for(*HELP_DESK)
def dashboard(caller):
    return _page("organiser")


@bp.get("/share/<token>")
def share(token):
    """The projector's read-only link: counts and charts, no personal data."""
    if not accounts.share_is_live(get_db(), token):
        return render_template("need_credential.html", bad_token=True), 401
    session.clear()
    session.permanent = True
    session["viewer"] = token
    return redirect(url_for("dashboard.projector"))


@bp.get("/projector")
def projector():
    caller = identify()
    if caller is None or caller.role not in COUNTS:
        return render_template("need_credential.html", bad_token=False), 401
    return _page("projector")


def arrival(row: dict) -> dict:
    return {**shapes.public_delegate(row), "time": clock.local_hm(row["at"]),
            "at": row["at"], "station": row["station"]}


@bp.get("/api/dashboard")
@require(*COUNTS)
def snapshot():
    ses = session_for(request.args.get("session"))
    made = the_dashboard.snapshot(get_db(), ses["id"])
    figures = made.figures
    now = clock.utcnow().astimezone(clock.HANOI)
    body = {
        "session": ses["id"], "session_name": ses["name"], "last_seq": made.last_seq,
        # the hub's Hà Nội time: what a printed list says it stands at (not a browser's clock)
        "as_of": {"time": f"{now:%H} giờ {now:%M}", "date": f"{now:%d/%m/%Y}"},
        "present": figures.present, "expected": figures.expected, "percent": figures.percent,
        "by_category": figures.by_category, "by_delegation": figures.by_delegation,
        "timeline": figures.timeline, "rules": made.rules,
        # the credentials report's figure: delegate categories only (no guests, press,
        # staff), beside the headline that counts everyone summoned
        "delegates": {"present": figures.delegates_present,
                      "expected": len(figures.delegates_only),
                      "percent": percent(figures.delegates_present, len(figures.delegates_only))},
        "latest": [arrival(r) for r in made.latest],
        "protocol": [{**shapes.public_delegate(r), "time": clock.local_hm(r["present_at"])}
                     for r in made.protocol],
    }
    if g.caller.role in HELP_DESK:  # refused scans are the desk's business, not the hall's
        body["refused"] = figures.refused
    if g.caller.role in PERSONAL_DATA:  # phone numbers: organisers and the help desk
        body["absent"] = [{**shapes.public_delegate(r), "phone": r["phone"],
                           "reason": r["absence_reason"]} for r in figures.absent]
    return jsonify(body)


@bp.get("/api/doors")
@require(*HELP_DESK)
def doors():
    """Each station with the seconds since it last reached the hub and what its clock says,
    and `clock`: a sentence when it is the hub's clock that is wrong."""
    names = the_dashboard.door_names(get_db())
    doors = shared().doors
    return jsonify({"doors": doors.status(names), "clock": doors.hub_note()})


@bp.get("/dashboard/export")
@require(*ORGANISERS)
def export():
    fmt = request.args.get("format", "csv")
    if fmt not in reports.FORMATS:
        raise ApiError(400, "bad_format", f"format phải là một trong {list(reports.FORMATS)}.")
    ses = session_for(request.args.get("session"))
    data, mimetype, name = records.export(get_db(), ses["id"], fmt, trail.by())
    return send_file(data, mimetype=mimetype, as_attachment=True, download_name=name)
