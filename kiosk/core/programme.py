"""Which session the kiosks check people into now: the rehearsal while organisers hold
one, else the session in progress by the schedule (clock.current_session). Every page,
the API's default and the streams' announcements ask here, so they cannot disagree."""

from .. import db as store
from ..db import mc
from . import audit, clock, outcomes


def _read(db) -> tuple:
    """(the real sessions, the rehearsal's session while it is on, else None): one
    look at the settings and one at the sessions."""
    on = store.rehearsal_on(db)
    every = store.list_sessions(db, rehearsal=True)
    real = [s for s in every if not s["rehearsal"]]
    rehearsal = next((s for s in every if s["rehearsal"]), None) if on else None
    return real, rehearsal


def offered(db) -> tuple:
    """(the sessions a page offers, the one to check into now): the real sessions and
    the one in progress by the schedule, or with the rehearsal added, the rehearsal."""
    real, rehearsal = _read(db)
    if rehearsal is not None:
        return real + [rehearsal], rehearsal
    return real, clock.current_session(real)


def current(db) -> dict:
    return offered(db)[1]


def announcement(db) -> dict:
    """What the streams tell every open kiosk and dashboard: the session to use, where
    now lies against its check-in window (clock.window, the rule the decision applies:
    "open", "early" or "over"), when it opens and ends, and whether it is the rehearsal.
    `notice`: outside the window, what a scan now would be told (outcomes.NEXT_STEP), for
    the pages' banner: one text for the answer and the banner. `ceremony`: a counter of
    the ceremony's changes (a presenter, a proxy, a batch handed), for the stage screen;
    `seating`: of the hall's plan and the roster's (seats given, moved), for the ushers';
    `mc`: of the MC's introductions, presidium, votes and speakers, for the MC's screen."""
    real, rehearsal = _read(db)
    versions = {"ceremony": store.ceremony_version(db),  # such a screen reads it again
                "seating": store.seating_version(db), "mc": mc.mc_version(db)}
    if rehearsal is not None:
        return {"session": rehearsal["id"], "session_name": rehearsal["name"], "open": True,
                "window": "open", "opens": "", "ends": "", "notice": "", "rehearsal": True,
                **versions}
    now = clock.current_session(real)
    where = clock.window(now, clock.utcnow())
    said = clock.window_text(now)
    outside = outcomes.WINDOW_RESULT.get(where)
    return {"session": now["id"], **said, "open": outside is None, "window": where,
            "notice": f"{outcomes.label(outside)[0]}: {outcomes.next_step(outside, said)}"
            if outside else "", "rehearsal": False, **versions}


def switch_rehearsal(db, on: bool, by: tuple) -> None:
    """Turn the rehearsal on or off, with its audit entry; `by` is (who, role). Open
    screens follow when the streams next announce the programme."""
    with store.immediate(db):
        was = store.rehearsal_on(db)
        store.set_rehearsal(db, on)
        audit.record(db, *by, "rehearsal.set", None, {"on": was}, {"on": on})
