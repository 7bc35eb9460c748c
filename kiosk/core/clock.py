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


# On an entrance station: the hub's time minus this laptop's, as last measured (each
# sync round); the door decides with the hub's time, so a laptop an hour slow no longer
# turns a guest away as too early while the hub counts them. Zero on the hub.
_offset = timedelta(0)


def system_now() -> datetime:
    """This machine's own clock."""
    return datetime.now(UTC)


def utcnow() -> datetime:
    """Now, by the hub's clock (on the hub, its own)."""
    return system_now() + _offset


PLAUSIBLE = timedelta(minutes=10)  # past this, a hub's clock is weighed against the event


def hub_time_plausible(sessions: list, hub_now: datetime, asked: datetime,
                       answered: datetime) -> bool:
    """Whether a station should take the hub's time: yes when the two clocks are within
    PLAUSIBLE of each other, or when the hub's time is as good as this laptop's for the
    event; no when a session is open by this laptop's clock and none by the hub's (a
    spare three hours slow once made a correct door file twenty check-ins under a
    session that had ended; a laptop in another time zone is seven hours off)."""
    own = asked + (answered - asked) / 2
    if abs(hub_now - own) <= PLAUSIBLE:
        return True
    return not (session_at(sessions, own) and not session_at(sessions, hub_now))


def follow_hub(hub_now: datetime, asked: datetime, answered: datetime) -> timedelta:
    """A station: take the hub's time, read between `asked` and `answered` by this
    machine's clock, as the time to decide by; returns the offset."""
    global _offset
    _offset = hub_now - (asked + (answered - asked) / 2)
    return _offset


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


def window(session: dict, moment: datetime) -> str:
    """Where `moment` lies against a session's check-in window (EARLY before it starts,
    to its end): "open", "early" or "over". The one rule the decision applies and the
    streams announce; the rehearsal, while it is on, is always open."""
    if session.get("rehearsal"):
        return "open"
    if moment < parse(session["starts_at"]) - EARLY:
        return "early"
    return "over" if moment > parse(session["ends_at"]) else "open"


def window_text(session: dict) -> dict:
    """When a session's check-in opens and closes, in Hà Nội time, as answers say it."""
    opens = (parse(session["starts_at"]) - EARLY).astimezone(HANOI)
    ends = parse(session["ends_at"]).astimezone(HANOI)
    return {"session_name": session["name"], "opens": f"{opens:%H:%M} ngày {opens:%d/%m/%Y}",
            "ends": f"{ends:%H:%M} ngày {ends:%d/%m/%Y}"}


def session_at(sessions: list, moment: datetime) -> dict | None:
    """The first session whose check-in window is open at `moment`, or None."""
    return next((ses for ses in sessions if window(ses, moment) == "open"), None)


def session_for(sessions: list, chosen: str, moment: datetime) -> str:
    """The session a check-in decided elsewhere belongs to: the one chosen at the door
    while its window was open at `moment` (two windows may overlap), else the one the
    schedule had open then, else the chosen one (whose answer will say it was outside its
    window). The rehearsal (not among `sessions`) stays the rehearsal."""
    picked = next((s for s in sessions if s["id"] == chosen), None)
    if picked is None or window(picked, moment) == "open":
        return chosen
    scheduled = session_at(sessions, moment)
    return scheduled["id"] if scheduled else chosen
