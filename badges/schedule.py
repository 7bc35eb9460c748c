"""The event's sessions: when each runs and who is summoned to it. No SQL here.

Organisers give times in Hà Nội time ('2026-12-15 13:30') or in ISO 8601 with an
offset; they are stored in ISO 8601 with the +07:00 offset, as the defaults are.
"""

import re
from datetime import datetime, timedelta, timezone

from .errors import BadgesError, NotFound

HANOI = timezone(timedelta(hours=7), "ICT")  # the one Hà Nội zone, kiosk too
SESSION_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")


# How Vietnamese write a moment: day/month/year and the 24-hour time ('15/12/2026 13:30',
# '15/12/2026 13h30'); every page's time field takes it, whatever the browser's locale.
VIETNAMESE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2})[:hH](\d{2})$")
YEARS = range(2000, 2101)  # a congress's sessions lie in these years; year 1 is a typo


def parse_time(text: str) -> str:
    """A moment as organisers type it ('15/12/2026 13:30', '2026-12-15 13:30' or ISO 8601
    with an offset), in Hà Nội time unless it says otherwise; the ISO text with +07:00."""
    try:
        found = VIETNAMESE.match(text.strip())
        if found:
            day, month, year, hour, minute = (int(part) for part in found.groups())
            moment = datetime(year, month, day, hour, minute, tzinfo=HANOI)
        else:
            moment = datetime.fromisoformat(text.strip())
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=HANOI)
        moment = moment.astimezone(HANOI)
    except (ValueError, OverflowError):  # overflow: year 1 with a far offset
        raise BadgesError(f"thời gian '{text}' không hợp lệ; ghi dạng 15/12/2026 13:30 "
                          "(ngày/tháng/năm giờ:phút, giờ Hà Nội).") from None
    if moment.year not in YEARS:
        raise BadgesError(f"thời gian '{text}': năm {moment.year} không hợp lý cho một "
                          f"phiên họp (từ {YEARS[0]} đến {YEARS[-1]}).")
    return moment.isoformat()


def vietnamese(text: str) -> str:
    """'2026-12-15T13:30:00+07:00' -> '15/12/2026 13:30', as every page writes a moment."""
    return datetime.fromisoformat(text).astimezone(HANOI).strftime("%d/%m/%Y %H:%M")


def summoned(text: str, category_ids: list) -> list | None:
    """'all' (or 'tat-ca') -> None: everyone; 'a,b' -> those category ids, checked."""
    if text.strip().lower() in ("all", "tat-ca", "tất cả"):
        return None
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [c for c in chosen if c not in category_ids]
    if unknown or not chosen:
        raise NotFound(f"không có thành phần {', '.join(unknown) or '(trống)'}; "
                       f"các mã có: {', '.join(category_ids)}.")
    return chosen


def changed(session: dict, name=None, starts=None, ends=None, summon=None,
            category_ids=()) -> dict:
    """The session with the organiser's changes applied and checked."""
    row = dict(session)
    if name is not None:
        if not name.strip():
            raise BadgesError("tên phiên không được để trống.")
        row["name"] = name.strip()
    if starts is not None:
        row["starts_at"] = parse_time(starts)
    if ends is not None:
        row["ends_at"] = parse_time(ends)
    if summon is not None:
        row["categories"] = summoned(summon, list(category_ids))
    missing = [f for f in ("name", "starts_at", "ends_at") if not row.get(f)]
    if missing:
        raise BadgesError("phiên mới cần --name, --starts và --ends.")
    if datetime.fromisoformat(row["ends_at"]) <= datetime.fromisoformat(row["starts_at"]):
        raise BadgesError(f"phiên '{row['id']}' phải kết thúc sau khi bắt đầu "
                          f"({_local(row['starts_at'])} → {_local(row['ends_at'])}).")
    return row


def _local(text: str) -> str:
    return datetime.fromisoformat(text).astimezone(HANOI).strftime("%d/%m/%Y %H:%M")


def new_session_id(text: str) -> str:
    if not SESSION_ID.match(text):
        raise BadgesError(f"mã phiên '{text}' không hợp lệ: chữ thường không dấu, số, '-'.")
    return text


def describe(session: dict) -> str:
    """'tru-bi  Phiên trù bị  15/12/2026 13:30–17:00  lanh-dao,ca-nhan' for listings."""
    starts, ends = _local(session["starts_at"]), _local(session["ends_at"])
    until = ends[-5:] if ends[:10] == starts[:10] else ends
    who = ",".join(session["categories"]) if session["categories"] else "mọi thành phần"
    return f"{session['id']}\t{session['name']}\t{starts}–{until}\t{who}"
