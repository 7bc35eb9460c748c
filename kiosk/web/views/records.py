"""The record, for the help desk and organisers (/admin/log): the check-in log and the
refused scans (code as scanned, time, door, reason), filtered by session, door, result,
delegation and time; and the audit trail (organisers), viewable and exportable."""

from flask import Blueprint, jsonify, request, send_file

from ...core import clock, outcomes
from ...reports.exports import AUDIT_COLUMNS
from ...services import integrity, records
from ...services import log as the_log
from .. import trail
from ..access import HELP_DESK, ORGANISERS, page_for, require
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db

bp = Blueprint("records", __name__)


@bp.get("/admin/log")
@page_for(*HELP_DESK)
def page(caller):
    return render_page("log.html", caller=caller, choices=the_log.choices(get_db()),
                       results=[(code, label) for code, (label, _, _) in
                                outcomes.OUTCOMES.items()])


TIME_LABELS = {"since": "Từ", "until": "Đến"}  # as the log page labels them


def _moment(name: str):
    """A filter's time, '15/12/2026 07:30' in Hà Nội time (schedule.parse_time), as the
    log's UTC text; None when not given."""
    try:
        return the_log.moment(request.args.get(name, ""))
    except ValueError:
        raise ApiError(400, "bad_time", f"Ô “{TIME_LABELS[name]}” phải là thời điểm dạng "
                       "15/12/2026 07:30.", name) from None


@bp.get("/api/admin/checkins")
@require(*HELP_DESK)
def log():
    args = {k: request.args.get(k, "")[:200] or None
            for k in ("session", "station", "result", "delegation")}
    if args["result"] not in (None, "refused", outcomes.UNDONE, *outcomes.OUTCOMES):
        raise ApiError(400, "bad_result", "'result' không phải một kết quả điểm danh.")
    rows, names = the_log.entries(get_db(), **args, since=_moment("since"),
                                  until=_moment("until"))
    entries = []
    for r in rows:
        label, colour = outcomes.label(r["result"])
        entries.append({
            "seq": r["seq"], "id": r["id"], "kind": r["kind"], "time": clock.local_hm(r["at"]),
            "date": clock.parse(r["at"]).astimezone(clock.HANOI).strftime("%d/%m"),
            "station": r["station"], "session": r["session_id"],
            "session_name": names.get(r["session_id"], r["session_id"]), "result": r["result"],
            "label": label, "color": colour, "method": r["method"],
            "method_label": outcomes.METHODS.get(r["method"], r["method"] or ""),
            "scanned": r["scanned"],
            "code": r["code"], "name": r["name"], "delegation": r["delegation"],
            "actor": r["actor"], "reason": r["reason"], "undoes": r["undoes"]})
    return jsonify({"entries": entries, "limit": the_log.LIMIT})

@bp.get("/api/admin/audit")
@require(*ORGANISERS)
def audit():
    """The audit trail, newest first, as stored and as read (records.audit_trail), and
    the integrity verdict `kiosk verify-log` gives without a printed head
    (services/integrity.py): each hash chain whole or where it broke, and `whole`: the
    chains whole and the counts and the roster what their logs say."""
    db = get_db()
    entries = records.audit_trail(db, request.args.get("target", "")[:64] or None,
                                  request.args.get("action", "")[:64] or None)
    verdict = integrity.verify(db)
    chains = [{k: log[k] for k in ("name", "rows", "head", "broken")} for log in verdict.chains]
    return jsonify({"chains": chains, "whole": verdict.whole, "entries": [
        {k: e[k] for k in (*AUDIT_COLUMNS, *records.AUDIT_READ)} for e in entries]})


@bp.get("/admin/audit.csv")
@require(*ORGANISERS)
def audit_csv():
    data = records.export_audit(get_db(), trail.by())
    return send_file(data, mimetype="text/csv; charset=utf-8", as_attachment=True,
                     download_name="nhat-ky-thao-tac.csv")
