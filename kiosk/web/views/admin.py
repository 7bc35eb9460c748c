"""The help desk in the browser (/admin): find a delegate by name without diacritics,
code, unit or seat; see per session whether they are in, when and at which door; check
them in (method desk) or undo with a reason; a lost badge revoked, reissued and its A6
card opened for printing in one action."""


from flask import Blueprint, g, jsonify, request, send_file, url_for

from ...core import clock
from ...services import desk, lookups, people, records, roster
from ...services import rehearsal as the_rehearsal
from ...services import search as finding
from .. import downloads, shapes, trail
from ..access import HELP_DESK, ORGANISERS, fields_for, page_for, require
from ..checks import json_body
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db, shared

bp = Blueprint("admin", __name__)
MAX_BADGES = 200  # a print job the desk's printer takes at once


@bp.get("/admin")
@page_for(*HELP_DESK)
def page(caller):
    gaps = None
    if caller.role in ORGANISERS:  # names with what they lack: the organisers' to send
        gaps = roster.gaps_by_unit(get_db())
    return render_page("admin.html", caller=caller, gaps=gaps,
                       categories=roster.categories(get_db()))


@bp.get("/admin/completeness.xlsx")
@require(*ORGANISERS)
def completeness_list():
    """What the roster still lacks, one sheet per sending unit, to send back to them."""
    data = records.export_completeness(get_db(), trail.by())
    return send_file(data, download_name="thong-tin-con-thieu.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument."
                              "spreadsheetml.sheet")


@bp.get("/api/admin/delegates")
@require(*HELP_DESK)
def lookup():
    words = finding.words_of(request.args.get("q", "")[:100])
    if not words:
        return jsonify({"results": []})
    found = finding.at_the_desk(get_db(), words)
    return jsonify({"results": [
        _card(d, found["arrivals"].get(d["id"], {}), found["absences"].get(d["id"], []),
              found["sessions"]) for d in found["people"]]})


def _card(d: dict, arrivals: dict, absences: list, sessions: list) -> dict:
    """One delegate on the desk's card: the badge's fields and those the caller may see,
    each session with its arrival, each absence with the arrivals that outweigh it."""
    return {**shapes.public_delegate(d), **fields_for(g.caller.role, d),
            "protocol": d["protocol_order"],
            "category_id": d["category_id"], "active": bool(d["active"]),
            "absences": [_absence(a, arrivals, sessions, d["category_id"]) for a in absences],
            "sessions": [{"id": s["id"], "name": s["name"],
                          "summoned": lookups.summoned(s, d["category_id"]),
                          "in": _arrival(arrivals.get(s["id"]))} for s in sessions]}


def _arrival(row) -> dict | None:
    if row is None:
        return None
    return {"checkin_id": row["checkin_id"], "time": clock.local_hm(row["at"]),
            "station": row["station"]}


def _absence(a: dict, arrivals: dict, sessions: list, category_id) -> dict:
    """An absence, `superseded` when the person came to every session it covers, and
    the sessions they came to all the same (`arrived`: name, time, and `after`)."""
    weighed = desk.arrivals_despite(a, arrivals, sessions, category_id)
    return {"id": a["id"], "session": a["session_id"],
            "session_name": a["session_name"] or "mọi phiên", "reason": a["reason"],
            "superseded": weighed["superseded"],
            "arrived": [{"session": x["session"], "session_name": x["session_name"],
                         "time": clock.local_hm(x["at"]), "after": x["after"]}
                        for x in weighed["arrived"]]}


@bp.post("/api/admin/delegates/<code>/reissue")
@require(*HELP_DESK)
def reissue(code):
    """A lost badge: every earlier version revoked, the next one issued; the address of
    its A6 card to print."""
    code = people.reissue(get_db(), code, trail.by())
    return jsonify({"code": code, "print": url_for("admin.badge", code=code)})


@bp.get("/admin/badges/<code>.pdf")
@require(*HELP_DESK)
def badge(code):
    """One A6 badge as a PDF, for the browser's print dialog."""
    return _a6_badges(code, f"the-{code}.pdf")


@bp.get("/admin/badges.pdf")
@require(*HELP_DESK)
def some_badges():
    """The A6 badges of `codes` (comma-separated, at most MAX_BADGES), one a page: those
    whose seat moved after their badges were printed (the setup page links here)."""
    wanted = [c for c in (request.args.get("codes") or "").split(",") if c.strip()]
    if not 0 < len(wanted) <= MAX_BADGES:
        raise ApiError(400, "invalid", f"Cần từ 1 đến {MAX_BADGES} mã đại biểu, cách nhau "
                       "bằng dấu phẩy.", "codes")
    return _a6_badges(wanted, "the-in-lai.pdf")


def _a6_badges(code, name: str):
    """The badges of `code` (one, or a list), A6 a page, as a PDF named `name`."""
    return downloads.pdf(lambda out: roster.a6_badges(get_db(), out, code), name)


# --- the rehearsal (diễn tập) ------------------------------------------------------

@bp.get("/api/admin/rehearsal")
@require(*HELP_DESK)
def rehearsal():
    return jsonify(the_rehearsal.state(get_db()))


@bp.post("/api/admin/rehearsal")
@require(*ORGANISERS)
def set_rehearsal():
    """On: every kiosk and dashboard switches to the rehearsal's own session within
    seconds (the streams say so); off: back to the session in progress."""
    on = json_body().get("on")
    if not isinstance(on, bool):
        raise ApiError(400, "bad_rehearsal", "'on' phải là true (bật) hoặc false (tắt).")
    records.switch_rehearsal(get_db(), on, trail.by())
    return jsonify(the_rehearsal.state(get_db()))


@bp.post("/api/admin/rehearsal/clear")
@require(*ORGANISERS)
def clear_rehearsal():
    """Every check-in the rehearsal still holds reversed in one action (undo rows in the
    log, as any undo: nothing is deleted), through the batcher."""
    db = get_db()
    cleared = records.clear_rehearsal(db, trail.by(), shared().batcher.undo_all)
    return jsonify({**the_rehearsal.state(db), "cleared": cleared})
