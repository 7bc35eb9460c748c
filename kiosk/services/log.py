"""The check-in log as the help desk reads it (/admin/log): what its filters offer, a
moment typed in Hà Nội time, and the rows a filter finds, each with its session's name.
Reads only. No Flask here."""

from badges import schedule
from badges.errors import BadgesError
from badges.text import vietnamese_key

from .. import db as store
from ..core import clock

LIMIT = 500  # rows the page shows at once (store.log_entries' default)


def choices(db) -> dict:
    """The doors and delegations that appear in the log (delegations in Vietnamese
    order)."""
    found = store.log_choices(db)
    found["delegations"].sort(key=vietnamese_key)
    return found


def moment(text: str) -> str | None:
    """'15/12/2026 07:30' (Hà Nội, schedule.parse_time) as the log's UTC text; None when
    empty; ValueError when it is not a moment."""
    if not text.strip():
        return None
    try:
        return clock.iso(clock.parse(schedule.parse_time(text[:40])))
    except BadgesError:
        raise ValueError(text) from None


def entries(db, session=None, station=None, result=None, delegation=None, since=None,
            until=None) -> tuple:
    """(rows newest first, session id -> name, the rehearsal's too)."""
    rows = store.log_entries(db, session, station, result, delegation, since, until)
    names = {s["id"]: s["name"] for s in store.list_sessions(db, rehearsal=True)}
    return rows, names
