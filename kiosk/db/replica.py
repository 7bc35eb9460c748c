"""What a station holds of the event, and its queue towards the hub.

A replica is enough to verify badges and show who comes in: categories, sessions,
delegates without phone or email, badges as hashes (never the key), and who the hub
says is present. A station writes it over its own seeded defaults.
"""

import json

from sqlite_utils import Database

from badges.db import now_iso
from badges.db import rows as _rows

ROSTER_PARTS = ("settings", "categories", "sessions", "delegates", "badges")  # roster()'s
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


def roster_mark(db: Database) -> int:
    """How far the roster has come (core/roster_copy.py): the roster log's last number,
    or the mark of a door's copy this hub was restored from, whichever is higher."""
    logged = db.execute("SELECT COALESCE(MAX(seq), 0) FROM roster_log").fetchone()[0]
    restored = db.execute("SELECT value FROM settings WHERE key = 'roster_restored_mark'"
                          ).fetchone()
    return max(int(logged), int(json.loads(restored[0])) if restored else 0)


def door_copy(db: Database) -> dict | None:
    """A station's sealed copy of the last roster it applied ({"mark", "version", "seal",
    "roster"}), or None."""
    row = db.execute("SELECT value FROM settings WHERE key = 'door_roster_copy'").fetchone()
    return json.loads(row[0]) if row else None


def keep_door_copy(db: Database, copy: dict) -> None:
    db.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES "
                    "('door_roster_copy', ?)", [json.dumps(copy, ensure_ascii=False)])


def roster_conflicts(db: Database, delegates: list) -> list:
    """The codes of a door's delegates whose id this hub gave to someone else since."""
    ours = {r["id"]: r["code"] for r in _rows(db, "SELECT id, code FROM delegates")}
    return [d["code"] for d in delegates if d["id"] in ours and ours[d["id"]] != d["code"]]


def restore_roster(db: Database, roster: dict, mark: int) -> None:
    """A door's roster taken back (inside the caller's write transaction): categories,
    sessions, delegates' public fields and badge hashes upserted (the roster log's
    triggers record each change), nothing removed, personal fields left as they are."""
    for table, pk in (("categories", "id"), ("sessions", "id"), ("delegates", "id"),
                      ("badges", "secret_hash")):
        if roster.get(table):
            db[table].upsert_all(roster[table], pk=pk)
    db.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES "
                    "('roster_restored_mark', ?)", [json.dumps(mark)])


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


# --- a hub that lost what it had answered (restored from a backup, a new laptop) ------

def known_hub(db: Database) -> str | None:
    """The hub instance this station last synced with (the hub makes a new one each
    time it starts; a restore cannot bring back the old one)."""
    row = db.conn.execute("SELECT value FROM settings WHERE key = 'station_hub'").fetchone()
    return json.loads(row[0]) if row else None


def set_known_hub(db: Database, instance: str) -> None:
    db.conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('station_hub', ?)",
                    [json.dumps(instance)])


def synced_ids(db: Database) -> list:
    """Every check-in of this station the hub has answered for."""
    return [row[0] for row in db.conn.execute("SELECT id FROM synced ORDER BY synced_at")]


def ids_held(db: Database, ids: list) -> set:
    """Which of `ids` the hub's log holds (the hub's side of the check)."""
    held = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        held.update(row[0] for row in db.conn.execute(
            f"SELECT id FROM checkins WHERE id IN ({marks})", chunk))
    return held


def requeue(db: Database, ids: list) -> int:
    """Put these answered check-ins back in the outbox, from this station's own log, to be
    sent again (inside the caller's write transaction). A check-in this door let in goes
    as the delegate's code, confirmed: the door decided it and the hub lost it; the
    station never keeps a badge's secret once sent. Its presence counts here again until
    the hub answers. Returns how many."""
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    rows = _rows(db, f"""
        SELECT c.id, COALESCE(d.code, c.scanned) AS code, c.session_id, c.method, c.at,
               c.result = 'ok' AS confirmed
        FROM checkins c LEFT JOIN delegates d ON d.id = c.delegate_id
        WHERE c.kind = 'scan' AND c.id IN ({marks})""", ids)
    queue_outbox(db, [r for r in rows if r["code"]])
    db.conn.execute(f"DELETE FROM synced WHERE id IN ({marks})", ids)
    db.conn.execute(f"""UPDATE OR IGNORE presence SET undone_at = NULL, undo_id = NULL
                        WHERE undo_id = 'hub' AND checkin_id IN ({marks})""", ids)
    return len(rows)
