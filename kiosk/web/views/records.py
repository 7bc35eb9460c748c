"""The record, for the help desk and organisers (/admin/log): the check-in log and the
refused scans (code as scanned, time, door, reason), filtered by session, door, result,
delegation and time; and the audit trail (organisers), viewable and exportable."""

from flask import Blueprint, jsonify, request, send_file

from badges import schedule
from badges.errors import BadgesError
from badges.text import vietnamese_key

from ... import db as store
from ...core import chain, clock, outcomes
from ...reports.exports import AUDIT_COLUMNS
from ...services import records
from .. import trail
from ..access import HELP_DESK, ORGANISERS, page_for, require
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db

bp = Blueprint("records", __name__)


@bp.get("/admin/log")
@page_for(*HELP_DESK)
def page(caller):
    choices = store.log_choices(get_db())
    choices["delegations"].sort(key=vietnamese_key)
    return render_page("log.html", caller=caller, choices=choices,
                       results=[(code, label) for code, (label, _, _) in
                                outcomes.OUTCOMES.items()])


def _moment(name: str):
    """A filter's time, '15/12/2026 07:30' in Hà Nội time (schedule.parse_time), as the
    log's UTC text; None when not given."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return clock.iso(clock.parse(schedule.parse_time(text[:40])))
    except BadgesError:
        raise ApiError(400, "bad_time", f"'{name}' phải là thời điểm dạng 15/12/2026 07:30."
                       ) from None


@bp.get("/api/admin/checkins")
@require(*HELP_DESK)
def log():
    args = {k: request.args.get(k, "")[:200] or None
            for k in ("session", "station", "result", "delegation")}
    if args["result"] not in (None, "refused", outcomes.UNDONE, *outcomes.OUTCOMES):
        raise ApiError(400, "bad_result", "'result' không phải một kết quả điểm danh.")
    db = get_db()
    rows = store.log_entries(db, args["session"], args["station"], args["result"],
                             args["delegation"], _moment("since"), _moment("until"))
    names = {s["id"]: s["name"] for s in store.list_sessions(db, rehearsal=True)}
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
    return jsonify({"entries": entries, "limit": 500})




@bp.get("/api/admin/audit")
@require(*ORGANISERS)
def audit():
    """The audit trail, newest first, as stored and as read (records.audit_trail), and
    whether both hash chains are whole (as `kiosk verify-log` would say)."""
    db = get_db()
    entries = records.audit_trail(db, request.args.get("target", "")[:64] or None,
                                  request.args.get("action", "")[:64] or None)
    chains = [{"name": dict(chain.LOGS)[table], "rows": verdict.rows, "head": verdict.head,
               "broken": verdict.broken.message if verdict.broken else None}
              for table, verdict in chain.verify_database(db).items()]
    return jsonify({"chains": chains, "entries": [
        {k: e[k] for k in (*AUDIT_COLUMNS, *records.AUDIT_READ)} for e in entries]})


@bp.get("/admin/audit.csv")
@require(*ORGANISERS)
def audit_csv():
    data = records.export_audit(get_db(), trail.by())
    return send_file(data, mimetype="text/csv; charset=utf-8", as_attachment=True,
                     download_name="nhat-ky-thao-tac.csv")
