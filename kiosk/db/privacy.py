"""Personal data after the congress: the composition figures kept, and the personal
fields removed (`kiosk purge`, services/privacy.py)."""

import json
import sqlite3

from sqlite_utils import Database

from badges import profile
from badges.db import now_iso

# What `kiosk purge` empties: contact details and the profile (README "Personal data").
# Names, titles, units, delegations and distinctions stay: they are the congress's own
# record (the attendance list, the honours), as the check-in log and its chain do.
PURGED = {"delegates": ("phone", "email", *(f for f in profile.FIELDS if f != "distinction")),
          "substitutions": ("phone",)}


def kept_composition(db: Database, session_id: str) -> dict | None:
    row = db.execute("SELECT figures FROM kept_composition WHERE session_id = ?",
                     [session_id]).fetchone()
    return None if row is None else json.loads(row[0])


def keep_composition(db: Database, session_id: str, figures: dict) -> None:
    db.execute("INSERT OR REPLACE INTO kept_composition (session_id, figures, kept_at) "
               "VALUES (?, ?, ?)", [session_id, json.dumps(figures, ensure_ascii=False),
                                    now_iso()])


def purge_personal(db: Database) -> dict:
    """Empty the PURGED fields (inside the caller's transaction); rows touched per table.
    The old values are overwritten with zeros in the file, not just unlinked (many builds
    of SQLite do it by default; this one says so)."""
    db.execute("PRAGMA secure_delete = ON")
    touched = {}
    for table, columns in PURGED.items():
        filled = " OR ".join(f"{c} IS NOT NULL" for c in columns)
        blank = ", ".join(f"{c} = NULL" for c in columns)
        touched[table] = db.execute(f"UPDATE {table} SET {blank} WHERE {filled}").rowcount
    return touched


def compact(db: Database) -> bool:
    """Rewrite the file without free pages (VACUUM, with deleted content zeroed) and fold
    the write-ahead log back into it, so that removed values are in neither; False when
    another connection kept the log from being emptied."""
    try:
        db.execute("VACUUM")
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.OperationalError:  # "database is locked": another writer holds it
        return False
    return busy == 0
