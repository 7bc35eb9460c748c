"""Paper, when everything else fails: the signing roll per delegation (PDF, those
present marked), and the back-entry page where the desk ticks the names on a signed
roll (method `paper`, the time as written on the paper; the log keeps the time entered
beside it)."""

import io
from datetime import timedelta

from flask import Blueprint, g, jsonify, request, send_file

from badges import schedule
from badges.errors import BadgesError
from badges.text import person_key, vietnamese_key

from ... import db as store
from ...core import clock, decision
from ...reports import signing, tally
from .. import shapes
from ..access import HELP_DESK, page_for, require
from ..checks import json_body, session_for
from ..errors import ApiError
from ..pages import render_page
from ..shared import get_db, shared

bp = Blueprint("paper", __name__)
MAX_NAMES = 300


@bp.get("/admin/paper")
@page_for(*HELP_DESK)
def page(caller):
    delegations = sorted(store.log_choices(get_db())["delegations"], key=vietnamese_key)
    return render_page("paper.html", caller=caller, delegations=delegations)


@bp.get("/admin/signing-roll.pdf")
@require(*HELP_DESK)
def signing_roll():
    ses = session_for(request.args.get("session"))
    delegation = request.args.get("delegation", "")[:200] or None
    out = io.BytesIO()
    db = get_db()
    signing.write_pdf(db, tally.compute(db, ses["id"], for_report=False), out,
                      delegation)
    out.seek(0)
    return send_file(out, mimetype="application/pdf",
                     download_name=f"danh-sach-ky-ten-{ses['id']}.pdf")


@bp.get("/api/admin/paper")
@require(*HELP_DESK)
def roll():
    """The delegation's people summoned to the session, with who is already in."""
    ses = session_for(request.args.get("session"))
    delegation = request.args.get("delegation", "")[:200]
    rows = [r for r in tally.compute(get_db(), ses["id"], for_report=False).rows
            if (r["delegation"] or "") == delegation]
    return jsonify({"session": ses["id"], "people": [
        {**shapes.public_delegate(r), "present": clock.local_hm(r["present_at"])
         if r["present_at"] else None}
        for r in sorted(rows, key=lambda r: person_key(r["name"]))]})


def _stated(text, ses) -> str:
    """The time written on the paper ('07:42': on the session's day in Hà Nội, or today
    when that day has not come; or a full '2026-12-16T07:42'), as the log's UTC text;
    refused in the future or days back."""
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "invalid", "Ghi giờ ký trên giấy (ví dụ 07:42).", "at")
    text = text.strip()[:40]
    try:
        if len(text) <= 5:
            hour, minute = (int(part) for part in text.split(":"))
            day = min(clock.parse(ses["starts_at"]), clock.utcnow()).astimezone(clock.HANOI)
            moment = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
        else:
            moment = clock.parse(schedule.parse_time(text))
    except (ValueError, BadgesError):
        raise ApiError(400, "invalid", f"Giờ '{text}' không hợp lệ; ghi dạng 07:42.",
                       "at") from None
    now = clock.utcnow()
    if moment > now + timedelta(minutes=2):
        raise ApiError(400, "invalid", f"Giờ {text} chưa đến: giờ trên giấy phải là giờ đã "
                       "qua.", "at")
    if moment < now - clock.MAX_BEHIND:
        raise ApiError(400, "invalid", f"Giờ {text} đã quá xa (hơn 3 ngày trước).", "at")
    if clock.window(ses, moment) != "open":  # the rule every check-in follows
        w = clock.window_text(ses)
        raise ApiError(400, "outside_window", f"Giờ {text} nằm ngoài giờ điểm danh của "
                       f"{w['session_name']} (từ {w['opens']} đến {w['ends']}).", "at")
    return clock.iso(moment)


@bp.post("/api/admin/paper")
@require(*HELP_DESK)
def back_entry():
    """Check in the ticked codes with method `paper` at the time on the paper; each
    one's answer (already in, not summoned, withdrawn: said and not counted twice)."""
    body = json_body()
    ses = session_for(body.get("session") if isinstance(body.get("session"), str) else None)
    codes = body.get("codes")
    if not isinstance(codes, list) or not codes or len(codes) > MAX_NAMES or not all(
            isinstance(c, str) and 0 < len(c) <= 64 for c in codes):
        raise ApiError(400, "invalid", f"Đánh dấu ít nhất một người (tối đa {MAX_NAMES}).",
                       "codes")
    at = _stated(body.get("at"), ses)
    answers = []
    for code in codes:
        attempt = decision.Attempt(code.strip().upper(), ses["id"], g.caller.name, "paper",
                                   at=at, confirmed=True)
        try:
            result, counts = shared().batcher.check_in(attempt)
            answers.append({"code": code, **shapes.outcome(result, counts)})
        except decision.CheckinError as exc:
            answers.append({"code": code, "result": exc.reason, "label": exc.message})
    return jsonify({"session": ses["id"], "at": at, "answers": answers})
