"""Paper, when everything else fails: the delegations a signing roll is printed for, the
roll itself (PDF, those present marked), a delegation's people with who is already in,
and the back-entry of a signed roll (each ticked name checked in with method `paper` at
the time written on the paper; the log keeps the time entered beside it). The view at
/admin/paper parses, calls one of these and shapes. No Flask here.

The check-ins go through the hub's one writer (core/batcher.py), handed in by the caller
as `check_in`: this package sits below the web, which owns the batcher."""

from datetime import timedelta

from badges import schedule
from badges.errors import BadgesError
from badges.text import person_key, vietnamese_key

from .. import db as store
from ..core import clock, decision
from ..reports import signing, tally
from .errors import Invalid

MAX_NAMES = 300


class OutsideWindow(Invalid):
    """The time on the paper lies outside the session's check-in window (the rule every
    check-in follows)."""
    reason = "outside_window"


def delegations(db) -> list:
    """The delegations on the roster, in Vietnamese alphabetical order."""
    return sorted(store.log_choices(db)["delegations"], key=vietnamese_key)


def signing_roll_pdf(db, session: dict, delegation: str | None, out) -> None:
    """The signing roll of `session` (one delegation's, or every one), into `out`."""
    signing.write_pdf(db, tally.compute(db, session["id"], for_report=False), out,
                      delegation)


def roll(db, session: dict, delegation: str) -> list:
    """The delegation's people summoned to the session, by name (person_key), each with
    "present": the local time they came in ('07:42'), or None."""
    rows = [r for r in tally.compute(db, session["id"], for_report=False).rows
            if (r["delegation"] or "") == delegation]
    return [{**r, "present": clock.local_hm(r["present_at"]) if r["present_at"] else None}
            for r in sorted(rows, key=lambda r: person_key(r["name"]))]


def stated(text, session: dict) -> str:
    """The time written on the paper ('07:42': on the session's day in Hà Nội, or today
    when that day has not come; or a full '2026-12-16T07:42'), as the log's UTC text;
    refused in the future or days back, or outside the session's check-in window."""
    if not isinstance(text, str) or not text.strip():
        raise Invalid("Ghi giờ ký trên giấy (ví dụ 07:42).", "at")
    text = text.strip()[:40]
    try:
        if len(text) <= 5:
            hour, minute = (int(part) for part in text.split(":"))
            day = min(clock.parse(session["starts_at"]), clock.utcnow()).astimezone(clock.HANOI)
            moment = day.replace(hour=hour, minute=minute, second=0, microsecond=0)
        else:
            moment = clock.parse(schedule.parse_time(text))
    except (ValueError, BadgesError):
        raise Invalid(f"Giờ '{text}' không hợp lệ; ghi dạng 07:42.", "at") from None
    now = clock.utcnow()
    if moment > now + timedelta(minutes=2):
        raise Invalid(f"Giờ {text} chưa đến: giờ trên giấy phải là giờ đã qua.", "at")
    if moment < now - clock.MAX_BEHIND:
        raise Invalid(f"Giờ {text} đã quá xa (hơn 3 ngày trước).", "at")
    if clock.window(session, moment) != "open":  # the rule every check-in follows
        w = clock.window_text(session)
        raise OutsideWindow(f"Giờ {text} nằm ngoài giờ điểm danh của {w['session_name']} "
                            f"(từ {w['opens']} đến {w['ends']}).", "at")
    return clock.iso(moment)


def back_entry(session: dict, codes, at, actor: str, check_in) -> dict:
    """The ticked `codes` checked in with method `paper` at the time on the paper (`at`,
    as written), one by one through `check_in(attempt)` (the batcher's). Returns {"at":
    the log's time, "answers": [(code, (result, counts)) or (code, CheckinError)]}: each
    one's answer (already in, not summoned, withdrawn: said and not counted twice)."""
    if not isinstance(codes, list) or not codes or len(codes) > MAX_NAMES or not all(
            isinstance(c, str) and 0 < len(c) <= 64 for c in codes):
        raise Invalid(f"Đánh dấu ít nhất một người (tối đa {MAX_NAMES}).", "codes")
    moment = stated(at, session)
    answers = []
    for code in codes:
        attempt = decision.Attempt(code.strip().upper(), session["id"], actor, "paper",
                                   at=moment, confirmed=True)
        try:
            answers.append((code, check_in(attempt)))
        except decision.CheckinError as exc:
            answers.append((code, exc))
    return {"at": moment, "answers": answers}
