"""Queries of the check-in log, presence, search and counts."""

import json

from sqlite_utils import Database

from badges.db import one
from badges.db import rows as _rows

from .programme import rehearsal_on

# --- check-in log and presence -------------------------------------------------

def checkin_by_id(db: Database, checkin_id: str):
    return one(db, "SELECT * FROM checkins WHERE id = ?", [checkin_id])


# Who is present: this database's own presence, and on a station also the hub's as last
# pulled (hub_presence is empty on the hub itself). A station hands its own rows over to
# the hub's word once the hub has answered for them (replica.hand_over).
LIVE = """SELECT delegate_id, at, station FROM presence WHERE session_id = ?
          AND undone_at IS NULL
          UNION ALL SELECT delegate_id, at, station FROM hub_presence WHERE session_id = ?"""


def live_presence(db: Database, delegate_id: int, session_id: str):
    """{"at", "station"} of the delegate's first live check-in in the session, or None."""
    return one(db, f"SELECT at, station FROM ({LIVE}) WHERE delegate_id = ? ORDER BY at LIMIT 1",
               [session_id, session_id, delegate_id])


def live_presences(db: Database, session_id: str) -> dict:
    """delegate id -> {"at", "station"} (the first) for everyone present in a session."""
    return {row[0]: {"at": row[1], "station": row[2]} for row in db.conn.execute(
        f"SELECT * FROM ({LIVE}) ORDER BY at DESC", [session_id, session_id])}


def presence_by_checkin(db: Database, checkin_id: str):
    return one(db, "SELECT * FROM presence WHERE checkin_id = ?", [checkin_id])


CHECKIN_COLUMNS = ("id", "kind", "at", "station", "session_id", "result", "delegate_id",
                   "method", "scanned", "undoes", "actor", "station_at", "reason")
SEALED = ("seq", *CHECKIN_COLUMNS, "received_at")  # what a row's hash covers (core/chain.py)
WRITTEN = (*SEALED, "hash")
INSERT_CHECKINS = f"INSERT INTO checkins ({', '.join(WRITTEN)}) VALUES "
ROW_MARKS = f"({', '.join('?' * len(WRITTEN))})"


def chain_end(db: Database, table: str) -> tuple:
    """(last seq ever given, hash of the last row) of a hash-chained table, inside the
    caller's write transaction: where the next rows go."""
    issued = db.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?",
                             [table]).fetchone()
    last = db.conn.execute(f"SELECT hash FROM {table} ORDER BY seq DESC LIMIT 1").fetchone()
    return (issued[0] if issued else 0), (last[0] if last else None)


def insert_checkins(db: Database, rows: list) -> None:
    """Append rows already numbered and sealed (core/chain.py), in one statement: one
    step for the batch. Presence follows by trigger (m002)."""
    values = [row[c] for row in rows for c in WRITTEN]
    db.conn.execute(INSERT_CHECKINS + ", ".join([ROW_MARKS] * len(rows)), values)


def checkin_ids_after(db: Database, seq: int) -> tuple:
    """(ids of log rows after `seq`, the last seq): all of them from 0, or what other
    connections appended since."""
    rows = db.conn.execute("SELECT seq, id FROM checkins WHERE seq > ?", [seq]).fetchall()
    return {row[1] for row in rows}, max([seq] + [row[0] for row in rows])


def sealed_rows(db: Database, table: str, columns: tuple):
    """(seq, hash, fields) of every row of a hash-chained table, in seq order."""
    cursor = db.conn.execute(f"SELECT {', '.join(columns)}, hash FROM {table} ORDER BY seq")
    for row in cursor:
        yield row[0], row[-1], dict(zip(columns, row[:-1]))


def delegate(db: Database, delegate_id: int):
    return one(db, """SELECT d.*, c.name AS category, c.color AS category_color
                       FROM delegates d JOIN categories c ON c.id = d.category_id
                       WHERE d.id = ?""", [delegate_id])


def all_codes(db: Database) -> list:
    """Every delegate's code, withdrawn ones too."""
    return [row[0] for row in db.execute("SELECT code FROM delegates")]


def all_delegates(db: Database) -> list:
    """Every delegate as delegate() returns one: for the batcher's in-memory roster."""
    return [dict(row) for row in db.query("""
        SELECT d.*, c.name AS category, c.color AS category_color
        FROM delegates d JOIN categories c ON c.id = d.category_id""")]


def all_badges(db: Database) -> dict:
    """secret hash -> badge row, for every badge ever issued."""
    return {row["secret_hash"]: row for row in db.query("SELECT * FROM badges")}


def session(db: Database, session_id: str):
    """A session by id, the rehearsal's too; `over`: the rehearsal's, and it has ended."""
    row = one(db, "SELECT * FROM sessions WHERE id = ?", [session_id])
    if row is not None:
        row["categories"] = json.loads(row["categories"]) if row["categories"] else None
        row["over"] = bool(row["rehearsal"]) and not rehearsal_on(db)
    return row



# --- search and counts -----------------------------------------------------------

def search_delegates(db: Database, words: list, session_id: str, limit: int = 500) -> list:
    """Active delegates whose folded name, code, unit or delegation hold every word."""
    where = " AND ".join(["d.search LIKE ?"] * len(words)) or "1"
    params = [f"%{w}%" for w in words]
    return list(db.query(f"""
        SELECT d.id, d.code, d.name, d.title, d.unit, d.delegation, d.seat,
               c.name AS category, c.color AS category_color,
               p.at AS present_at, p.station AS present_station
        FROM delegates d JOIN categories c ON c.id = d.category_id
        LEFT JOIN presence p ON p.delegate_id = d.id AND p.session_id = ?
                             AND p.undone_at IS NULL
        WHERE d.active = 1 AND {where}
        ORDER BY d.name_key LIMIT ?""", [session_id, *params, limit]))


def desk_lookup(db: Database, words: list, limit: int = 500) -> list:
    """The help desk's search: active or withdrawn delegates whose folded name, code,
    unit or delegation hold every word, or whose seat is the first word; with phone."""
    where = " AND ".join(["d.search LIKE ?"] * len(words))
    return _rows(db, f"""
        SELECT d.id, d.code, d.name, d.title, d.unit, d.delegation, d.seat, d.phone,
               d.email, d.protocol_order, d.active, d.category_id, c.name AS category,
               c.color AS category_color, d.gender, d.birth_year, d.ethnicity, d.party,
               d.education, d.distinction
        FROM delegates d JOIN categories c ON c.id = d.category_id
        WHERE ({where}) OR upper(d.seat) = upper(?)
        ORDER BY d.name_key LIMIT ?""", [*[f"%{w}%" for w in words], words[0], limit])


def presence_of(db: Database, delegate_ids: list) -> list:
    """Live presence rows (with their check-in id) of these delegates, every session."""
    marks = ",".join("?" * len(delegate_ids))
    return _rows(db, f"""SELECT delegate_id, session_id, checkin_id, at, station FROM presence
                         WHERE undone_at IS NULL AND delegate_id IN ({marks})""", delegate_ids)


def present_and_expected(db: Database, session: dict) -> tuple:
    """(present, expected) for a session, in one statement: the hot path's counts."""
    summoned = session["categories"]
    where = "" if summoned is None else f"AND category_id IN ({','.join('?' * len(summoned))})"
    return db.conn.execute(f"""
        SELECT (SELECT COUNT(DISTINCT delegate_id) FROM ({LIVE})),
               (SELECT COUNT(*) FROM delegates WHERE active = 1 {where})""",
        [session["id"], session["id"], *(summoned or [])]).fetchone()


def count_present(db: Database, session_id: str) -> int:
    return db.execute("""SELECT COUNT(*) FROM presence WHERE session_id = ?
                         AND undone_at IS NULL""", [session_id]).fetchone()[0]



def late_for_head(db: Database, head: str) -> list:
    """Rows appended after the log row whose hash is `head` (a head printed on a report)
    that carry a time before that row was received: what the paper could not count.
    (seq, station, at, session id, result), in seq order; empty when `head` is no row's."""
    return [tuple(row) for row in db.conn.execute("""
        SELECT c.seq, c.station, c.at, c.session_id, c.result FROM checkins c
        JOIN checkins h ON h.hash = ? COLLATE NOCASE
        WHERE c.seq > h.seq AND julianday(c.at) < julianday(h.received_at)
        ORDER BY c.seq""", [head])]


def presence_against_log(db: Database) -> dict:
    """Who is counted present, checked against the (chained) log it is derived from:
    `extra` live presence rows with no live 'ok' behind them (a row inserted, or one
    whose check-in was undone), `missing` live 'ok' check-ins nobody counts. Each a list
    of (checkin id, delegate code, session)."""
    live_ok = """SELECT c.id FROM checkins c WHERE c.kind = 'scan' AND c.result = 'ok'
                 AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.kind = 'undo'
                                 AND u.undoes = c.id)"""
    extra = db.conn.execute(f"""
        SELECT p.checkin_id, d.code, p.session_id FROM presence p
        LEFT JOIN delegates d ON d.id = p.delegate_id
        WHERE p.undone_at IS NULL AND (p.checkin_id NOT IN ({live_ok}) OR NOT EXISTS (
            SELECT 1 FROM checkins c WHERE c.id = p.checkin_id
            AND c.delegate_id = p.delegate_id AND c.session_id = p.session_id))
        ORDER BY p.rowid""").fetchall()
    missing = db.conn.execute(f"""
        SELECT c.id, d.code, c.session_id FROM checkins c
        LEFT JOIN delegates d ON d.id = c.delegate_id
        WHERE c.id IN ({live_ok}) AND NOT EXISTS (
            SELECT 1 FROM presence p WHERE p.checkin_id = c.id
            AND (p.undone_at IS NULL OR p.undo_id = 'hub'))  -- a station's, handed over
        ORDER BY c.seq""").fetchall()
    return {"extra": [tuple(r) for r in extra], "missing": [tuple(r) for r in missing]}
