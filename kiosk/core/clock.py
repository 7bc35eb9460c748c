"""Time: UTC in storage, Hà Nội time on screen, and which session is on now. No Flask here.

The zone itself is `badges.schedule.HANOI` (UTC+7, no daylight saving), the one the
organisers' session times are written in.
"""

from datetime import UTC, datetime, timedelta

from badges.schedule import HANOI

# A station's time is believed only from this far behind the hub's to this far ahead
# (a station may be offline for a day; none is days behind); outside, the hub's own time
# is kept instead.
MAX_BEHIND = timedelta(days=3)
MAX_AHEAD = timedelta(minutes=2)
EARLY = timedelta(hours=2)  # check-in opens this long before a session starts
TRUSTED = timedelta(seconds=5)  # a station clock this close to the hub's is left as it is


def utcnow() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def local_hm(text: str) -> str:
    """'2026-12-15T00:42:10+00:00' -> '07:42' (every answer has one: no strftime)."""
    moment = parse(text).astimezone(HANOI)
    return f"{moment.hour:02d}:{moment.minute:02d}"


def current_session(sessions: list, now: datetime | None = None) -> dict:
    """The session in progress; else the next to start; else the last one.

    A session counts as in progress from two hours before it starts (check-in opens
    early) until its end.
    """
    now = now or utcnow()
    running = session_at(sessions, now)
    if running is not None:
        return running
    upcoming = [s for s in sessions if parse(s["starts_at"]) > now]
    if upcoming:
        return min(upcoming, key=lambda s: parse(s["starts_at"]))
    return sessions[-1]


def report_session(sessions: list, now: datetime | None = None) -> dict:
    """For reports: the session in progress, else the latest that has started, else the first."""
    now = now or utcnow()
    started = [s for s in sessions if parse(s["starts_at"]) - EARLY <= now]
    return max(started, key=lambda s: parse(s["starts_at"])) if started else sessions[0]


def parse_aware(text) -> datetime | None:
    """An ISO 8601 moment with a zone, in UTC; None when it is not one or cannot be
    placed in UTC (year 1 with an offset)."""
    try:
        moment = datetime.fromisoformat(text)
        return moment.astimezone(UTC) if moment.tzinfo else None
    except (TypeError, ValueError, OverflowError):
        return None


def has_zone(text: str) -> bool:
    """Whether `text` is an ISO 8601 moment with a zone (however far off its date)."""
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def believable(moment: datetime, now: datetime | None = None) -> bool:
    """Whether a station's (corrected) time can be kept as it is."""
    now = now or utcnow()
    return now - MAX_BEHIND <= moment <= now + MAX_AHEAD


def session_at(sessions: list, moment: datetime) -> dict | None:
    """The session whose check-in is open at `moment` (from EARLY before it starts to its
    end), or None."""
    for ses in sessions:
        if parse(ses["starts_at"]) - EARLY <= moment <= parse(ses["ends_at"]):
            return ses
    return None
