"""What a station holds of the event, and its queue towards the hub.

A replica is enough to verify badges and show who comes in: categories, sessions,
delegates without phone or email, badges as hashes (never the key), and who the hub
says is present. A station writes it over its own seeded defaults.
"""

import json

from sqlite_utils import Database

from badges.db import now_iso
from badges.db import rows as _rows

__all__ = ["roster", "live_presence_rows", "apply_replica", "queue_outbox", "outbox",
           "mark_synced", "hand_over", "hub_result_of"]

DELEGATE_FIELDS = ("id", "code", "name", "title", "unit", "delegation", "category_id", "seat",
                   "protocol_order", "search", "name_key", "badge_version", "active")



def roster(db: Database) -> dict:
    """What a station verifies badges with: settings, categories, sessions, delegates
    without phone or email, badge hashes. Never the badge key."""
    return {
        "settings": {r["key"]: json.loads(r["value"]) for r in _rows(db, "SELECT * FROM settings")},
        "categories": _rows(db, "SELECT * FROM categories ORDER BY position"),
        # the rehearsal's session too: a station follows the rehearsal as the hub's pages do
        "sessions": _rows(db, "SELECT * FROM sessions ORDER BY position"),
        "delegates": _rows(db, f"SELECT {', '.join(DELEGATE_FIELDS)} FROM delegates ORDER BY id"),
        "badges": _rows(db, "SELECT * FROM badges ORDER BY secret_hash"),
    }


def live_presence_rows(db: Database) -> list:
    """Who the hub counts as present, in every session."""
    return _rows(db, """SELECT delegate_id, session_id, at, station FROM presence
                        WHERE undone_at IS NULL""")


def apply_replica(db: Database, data: dict) -> None:
    """The station's side, inside the caller's write transaction: the roster when it came
    (rows upserted, never deleted: the local log refers to delegates; the station keeps no
    badge key), and always who the hub counts as present."""
    if "delegates" in data:
        db.conn.execute("DELETE FROM secrets WHERE name = 'badge_key'")
        for key, value in data["settings"].items():
            db.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                            [key, json.dumps(value)])
        for table, pk in (("categories", "id"), ("sessions", "id"), ("delegates", "id"),
                          ("badges", "secret_hash")):
            if data[table]:
                db[table].upsert_all(data[table], pk=pk)
    db.conn.execute("DELETE FROM hub_presence")
    db.conn.executemany(
        "INSERT INTO hub_presence (delegate_id, session_id, at, station) VALUES (?, ?, ?, ?)",
        [(p["delegate_id"], p["session_id"], p["at"], p["station"]) for p in data["presence"]])


def queue_outbox(db: Database, rows: list) -> None:
    db.conn.executemany("""INSERT OR IGNORE INTO outbox (id, code, session_id, method, at,
                                                         confirmed)
                           VALUES (:id, :code, :session_id, :method, :at, :confirmed)""", rows)


def outbox(db: Database, limit: int = 200) -> list:
    return _rows(db, "SELECT * FROM outbox ORDER BY at LIMIT ?", [limit])


def mark_synced(db: Database, answers: list) -> None:
    """The hub has decided these: forget their scanned text, keep its answer."""
    db.conn.executemany("INSERT OR REPLACE INTO synced (id, hub_result, synced_at) "
                        "VALUES (?, ?, ?)", [(a["id"], a["result"], now_iso()) for a in answers])
    db.conn.executemany("DELETE FROM outbox WHERE id = ?", [(a["id"],) for a in answers])


def hand_over(db: Database) -> None:
    """The station's own presence rows the hub has answered for stop counting here: from
    now on the hub's presence (pulled in the same transaction) says whether they are in,
    so an undo at the hub reaches the door. The log itself is not touched."""
    db.conn.execute("""UPDATE presence SET undone_at = ?, undo_id = 'hub'
                       WHERE undone_at IS NULL AND checkin_id IN (SELECT id FROM synced)""",
                    [now_iso()])


def hub_result_of(db: Database, checkin_id: str):
    row = db.conn.execute("SELECT hub_result FROM synced WHERE id = ?", [checkin_id]).fetchone()
    return row[0] if row else None
