"""Time: UTC in storage, Hà Nội time on screen, and which session is on now. No Flask here.

The zone itself is `badges.schedule.HANOI` (UTC+7, no daylight saving), the one the
organisers' session times are written in.
"""

from datetime import UTC, datetime, timedelta

from badges.schedule import HANOI


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
    early = timedelta(hours=2)
    for ses in sessions:
        if parse(ses["starts_at"]) - early <= now <= parse(ses["ends_at"]):
            return ses
    upcoming = [s for s in sessions if parse(s["starts_at"]) > now]
    if upcoming:
        return min(upcoming, key=lambda s: parse(s["starts_at"]))
    return sessions[-1]


def report_session(sessions: list, now: datetime | None = None) -> dict:
    """For reports: the session in progress, else the latest that has started, else the first."""
    now = now or utcnow()
    started = [s for s in sessions if parse(s["starts_at"]) - timedelta(hours=2) <= now]
    return max(started, key=lambda s: parse(s["starts_at"])) if started else sessions[0]
