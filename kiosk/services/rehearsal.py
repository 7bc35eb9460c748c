"""The kiosks' rehearsal as the desk's page reads it: on or off, its session, and how
many of its check-ins still count. Its switch and its clearing are actions of
services/records.py. No Flask here."""

from .. import db as store


def state(db) -> dict:
    held = store.live_checkins_of(db, store.REHEARSAL)
    return {"on": store.rehearsal_on(db), "session": store.REHEARSAL, "held": len(held)}
