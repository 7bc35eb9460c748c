"""Which session the kiosks check people into now: the rehearsal while organisers hold
one, else the session in progress by the schedule (clock.current_session). Every page,
the API's default and the streams' announcements ask here, so they cannot disagree."""

from .. import db as store
from . import clock


def sessions(db) -> list:
    """The sessions a page offers: the real ones, and the rehearsal while it is on."""
    return store.list_sessions(db, rehearsal=store.rehearsal_on(db))


def current(db) -> dict:
    if store.rehearsal_on(db):
        rehearsal = store.rehearsal_session(db)
        if rehearsal is not None:
            return rehearsal
    return clock.current_session(store.list_sessions(db))


def announcement(db) -> dict:
    """What the streams tell every open kiosk and dashboard: the session to use, whether
    its check-in is open, from when, and whether it is the rehearsal."""
    now = current(db)
    if now["rehearsal"]:
        return {"session": now["id"], "session_name": now["name"], "open": True,
                "opens": "", "rehearsal": True}
    real = store.list_sessions(db)
    opens = (clock.parse(now["starts_at"]) - clock.EARLY).astimezone(clock.HANOI)
    return {"session": now["id"], "session_name": now["name"],
            "open": clock.session_at(real, clock.utcnow()) is not None,
            "opens": f"{opens:%H:%M} ngày {opens:%d/%m/%Y}", "rehearsal": False}
