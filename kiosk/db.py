"""The kiosk side of the event database: check-in log, presence, stations, organisers.

Every SQL statement of the `kiosk` package lives here. The schema extends the
`badges` schema in the same SQLite file, with its own migration set.
"""

import json
import threading

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from badges import db as badges_db
from badges.db import immediate, now_iso, one  # noqa: F401  (re-exported for kiosk)

migrations = Migrations("kiosk")
_local = threading.local()


def connect(path) -> Database:
    """A new connection with both packages' schemas migrated."""
    return badges_db.connect(path, extra_migrations=[migrations])


_writers: dict = {}
_writers_lock = threading.Lock()


def writer(path) -> Database:
    """The process's one connection for check-in decisions.

    Decisions run one at a time under the write lock anyway; giving them a single
    connection keeps its page cache warm (a connection's cache is dropped whenever
    another connection has written), which halves the CPU a check-in costs.
    """
    with _writers_lock:
        if str(path) not in _writers:
            _writers[str(path)] = connect(path)
        return _writers[str(path)]


def writer_lock():
    """Held while using the writer connection outside a decision (one user at a time)."""
    return badges_db.WRITE_LOCK


def for_thread(path) -> Database:
    """This thread's connection to `path`, for reads (server threads reuse theirs)."""
    cache = getattr(_local, "dbs", None)
    if cache is None:
        cache = _local.dbs = {}
    if str(path) not in cache:
        cache[str(path)] = connect(path)
    return cache[str(path)]


@migrations()
def m001_checkins(db: Database):
    db.execute("""
        CREATE TABLE checkins (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of arrival at this database
            id TEXT NOT NULL UNIQUE,                -- globally unique, chosen by the client
            kind TEXT NOT NULL,                     -- 'scan' or 'undo'
            at TEXT NOT NULL,                       -- when it happened (UTC ISO 8601)
            station TEXT NOT NULL,
            session_id TEXT NOT NULL REFERENCES sessions(id),
            result TEXT NOT NULL,
            delegate_id INTEGER REFERENCES delegates(id),
            method TEXT,                            -- scan, typed, search, camera
            scanned TEXT,                           -- what was read, for refused scans only
            undoes TEXT,                            -- id of the check-in an undo reverses
            actor TEXT,
            received_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX checkins_session ON checkins(session_id, result)")
    # Presence: who is in, per session. One live row per delegate and session is the
    # backstop that makes a second 'ok' impossible whatever the code above does.
    db.execute("""
        CREATE TABLE presence (
            checkin_id TEXT PRIMARY KEY REFERENCES checkins(id),
            delegate_id INTEGER NOT NULL REFERENCES delegates(id),
            session_id TEXT NOT NULL REFERENCES sessions(id),
            at TEXT NOT NULL,
            station TEXT NOT NULL,
            undone_at TEXT,
            undo_id TEXT
        )""")
    db.execute("""CREATE UNIQUE INDEX presence_live ON presence(delegate_id, session_id)
                  WHERE undone_at IS NULL""")
    db.execute("CREATE INDEX presence_session ON presence(session_id) WHERE undone_at IS NULL")
    db.execute("""CREATE TRIGGER checkins_append_only_update BEFORE UPDATE ON checkins
                  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END""")
    db.execute("""CREATE TRIGGER checkins_append_only_delete BEFORE DELETE ON checkins
                  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END""")
    db["stations"].create({"name": str, "token_hash": str, "created_at": str,
                           "revoked_at": str, "last_seen": str}, pk="name")
    db["stations"].create_index(["token_hash"], unique=True)
    db["organisers"].create({"username": str, "password_hash": str, "created_at": str},
                            pk="username")


# --- check-in log and presence -------------------------------------------------

def checkin_by_id(db: Database, checkin_id: str):
    return one(db, "SELECT * FROM checkins WHERE id = ?", [checkin_id])


def live_presence(db: Database, delegate_id: int, session_id: str):
    return one(db, """SELECT * FROM presence WHERE delegate_id = ? AND session_id = ?
                       AND undone_at IS NULL""", [delegate_id, session_id])


def presence_by_checkin(db: Database, checkin_id: str):
    return one(db, "SELECT * FROM presence WHERE checkin_id = ?", [checkin_id])


CHECKIN_COLUMNS = ("id", "kind", "at", "station", "session_id", "result", "delegate_id",
                   "method", "scanned", "undoes", "actor")


def insert_checkin(db: Database, row: dict) -> None:
    """Append to the log (plain SQL: this is the hot path of every scan)."""
    values = [row.get(c) for c in CHECKIN_COLUMNS] + [now_iso()]
    db.conn.execute(f"INSERT INTO checkins ({', '.join(CHECKIN_COLUMNS)}, received_at) "
                    f"VALUES ({', '.join('?' * len(values))})", values)


def insert_presence(db: Database, checkin: dict) -> None:
    db.conn.execute("""INSERT INTO presence (checkin_id, delegate_id, session_id, at, station)
                       VALUES (?, ?, ?, ?, ?)""",
                    [checkin["id"], checkin["delegate_id"], checkin["session_id"],
                     checkin["at"], checkin["station"]])


def mark_undone(db: Database, checkin_id: str, undo_id: str, at: str) -> None:
    db.execute("UPDATE presence SET undone_at = ?, undo_id = ? WHERE checkin_id = ?",
               [at, undo_id, checkin_id])


def delegate(db: Database, delegate_id: int):
    return one(db, """SELECT d.*, c.name AS category, c.color AS category_color
                       FROM delegates d JOIN categories c ON c.id = d.category_id
                       WHERE d.id = ?""", [delegate_id])


def session(db: Database, session_id: str):
    row = one(db, "SELECT * FROM sessions WHERE id = ?", [session_id])
    if row is not None:
        row["categories"] = json.loads(row["categories"]) if row["categories"] else None
    return row



# --- search and counts -----------------------------------------------------------

def search_delegates(db: Database, words: list, session_id: str, limit: int = 20) -> list:
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


def present_and_expected(db: Database, session: dict) -> tuple:
    """(present, expected) for a session, in one statement: the hot path's counts."""
    summoned = session["categories"]
    where = "" if summoned is None else f"AND category_id IN ({','.join('?' * len(summoned))})"
    return db.conn.execute(f"""
        SELECT (SELECT COUNT(*) FROM presence WHERE session_id = ? AND undone_at IS NULL),
               (SELECT COUNT(*) FROM delegates WHERE active = 1 {where})""",
        [session["id"], *(summoned or [])]).fetchone()


def count_present(db: Database, session_id: str) -> int:
    return db.execute("""SELECT COUNT(*) FROM presence WHERE session_id = ?
                         AND undone_at IS NULL""", [session_id]).fetchone()[0]


def count_expected(db: Database, categories) -> int:
    """Active delegates summoned to a session (categories None: everyone)."""
    if categories is None:
        return db.execute("SELECT COUNT(*) FROM delegates WHERE active = 1").fetchone()[0]
    marks = ",".join("?" * len(categories))
    return db.execute(f"""SELECT COUNT(*) FROM delegates WHERE active = 1
                          AND category_id IN ({marks})""", categories).fetchone()[0]


def count_results(db: Database, session_id: str) -> dict:
    rows = db.execute("""SELECT result, COUNT(*) FROM checkins WHERE session_id = ?
                         GROUP BY result""", [session_id]).fetchall()
    return dict(rows)


# --- stations, organisers and secrets ---------------------------------------------

def ensure_secret(db: Database, name: str, value: str) -> str:
    """The stored secret `name`, storing `value` first if there is none."""
    db.execute("INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)", [name, value])
    return db.execute("SELECT value FROM secrets WHERE name = ?", [name]).fetchone()[0]


# --- stations and organisers -----------------------------------------------------

def upsert_station(db: Database, name: str, token_hash: str) -> None:
    db["stations"].upsert({"name": name, "token_hash": token_hash, "created_at": now_iso(),
                           "revoked_at": None}, pk="name")


def revoke_station(db: Database, name: str) -> bool:
    cur = db.execute("UPDATE stations SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                     [now_iso(), name])
    return cur.rowcount > 0


def station_by_token_hash(db: Database, token_hash: str):
    return one(db, "SELECT * FROM stations WHERE token_hash = ? AND revoked_at IS NULL",
                [token_hash])


def upsert_organiser(db: Database, username: str, password_hash: str) -> None:
    db["organisers"].upsert({"username": username, "password_hash": password_hash,
                             "created_at": now_iso()}, pk="username")


def organiser(db: Database, username: str):
    return one(db, "SELECT * FROM organisers WHERE username = ?", [username])
