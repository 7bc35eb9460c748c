"""Queries of the kiosks' rehearsal (diễn tập): its session, whether it is on, and the
check-ins it still holds."""

import json
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from badges.db import one
from badges.db import rows as _rows

REHEARSAL = "dien-tap"  # the rehearsal's session id
REHEARSAL_NAME = "Diễn tập (không tính)"


def rehearsal_on(db: Database) -> bool:
    row = db.conn.execute("SELECT value FROM settings WHERE key = 'rehearsal'").fetchone()
    return bool(row and json.loads(row[0]))


def set_rehearsal(db: Database, on: bool) -> None:
    """Turn the rehearsal on (its session made the first time: everyone summoned, after
    every real session, its times only for the record) or off."""
    if on and rehearsal_session(db) is None:
        now = datetime.now(UTC)
        db.conn.execute(
            """INSERT INTO sessions (id, name, starts_at, ends_at, position, categories,
                                     rehearsal)
               VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1000 FROM sessions),
                       NULL, 1)""",
            [REHEARSAL, REHEARSAL_NAME, now.isoformat(), (now + timedelta(days=1)).isoformat()])
    db.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('rehearsal', ?)",
                    [json.dumps(bool(on))])


def rehearsal_session(db: Database):
    return one(db, "SELECT * FROM sessions WHERE id = ?", [REHEARSAL])


def live_checkins_of(db: Database, session_id: str) -> list:
    """The ids of the check-ins that keep someone present in a session."""
    return [row["checkin_id"] for row in _rows(
        db, "SELECT checkin_id FROM presence WHERE session_id = ? AND undone_at IS NULL",
        [session_id])]
