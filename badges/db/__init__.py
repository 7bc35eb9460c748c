"""The event database: connection, schema migrations and every SQL statement of `badges`
(the roster's sealed log, its triggers and its check, in roster_log.py).

One SQLite file per event, in WAL mode so that readers (dashboards) never block the
writer. The schema is migrated forward on every open; applied migrations are recorded
in `_sqlite_migrations` by sqlite-utils.
"""

import json
import os
import secrets
import sqlite3
import threading
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .. import defaults
from ..errors import BadgesError
from ..text import fold, fold_key
from . import roster_log
from .honours import decisions, held_awards, record_audit, replace_awards  # noqa: F401
from .roster_log import ROSTER_SEALED, roster_drift, roster_seal  # noqa: F401 (kiosk.db reads them)

migrations = Migrations("badges")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def connect(path, extra_migrations=()) -> Database:
    """Open (creating if needed) an event database and migrate it forward."""
    if str(path) != ":memory:":
        private(path)
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
    conn.create_function("roster_seal", 5, roster_seal, deterministic=True)
    db = Database(conn)
    if str(path) != ":memory:":
        db.enable_wal()
    db.execute("PRAGMA synchronous=FULL")  # an acknowledged write survives power loss
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    for more in extra_migrations:
        more.apply(db)
    return db


def private(path) -> None:
    """The event's file readable by its owner only (0600): it holds the badge key and the
    personal data. Made so when created; an older file is narrowed when it is the
    caller's. SQLite gives its -wal and -shm the database's own permissions."""
    path = Path(path)
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:  # another user's file, a read-only disk: left as it is
        pass


# Writers in one process queue here rather than in SQLite's busy handler, which
# sleeps in steps of up to 100 ms and makes the latency tail.
_WRITE_LOCK = threading.Lock()


@contextmanager
def immediate(db: Database):
    """A write transaction that takes the lock up front (BEGIN IMMEDIATE).

    Read-decide-write sequences run inside it so no other writer can interleave,
    whether a thread of this process or another process (a CLI command). Inside one
    already open on this connection it is that one: a change and its audit entry
    commit together.
    """
    if db.conn.in_transaction:
        yield db
        return
    with _WRITE_LOCK:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")


def one(db: Database, sql: str, params=()) -> dict | None:
    """The first row of a query as a dict (plain sqlite3: used on hot paths)."""
    cursor = db.conn.execute(sql, params)
    row = cursor.fetchone()
    return None if row is None else dict(zip([d[0] for d in cursor.description], row))


def rows(db: Database, sql: str, params=()) -> list:
    """Every row of a query as dicts (plain sqlite3, like one())."""
    cursor = db.conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


@migrations()
def m001_initial(db: Database):
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["secrets"].create({"name": str, "value": str}, pk="name")
    db["categories"].create(
        {"id": str, "name": str, "name_key": str, "color": str, "position": int,
         "is_delegate": int, "protocol_rank": int},
        pk="id",
    )
    db["categories"].create_index(["name_key"], unique=True)
    db["sessions"].create(
        {"id": str, "name": str, "starts_at": str, "ends_at": str, "position": int,
         "categories": str},  # JSON list of the category ids summoned; NULL: everyone
        pk="id",
    )
    db["delegates"].create(
        {"id": int, "code": str, "name": str, "title": str, "unit": str, "delegation": str,
         "category_id": str, "phone": str, "email": str, "seat": str, "protocol_order": int,
         "search": str, "name_key": str, "badge_version": int, "active": int,
         "created_at": str, "updated_at": str},
        pk="id", not_null={"code", "name", "category_id"},
        defaults={"badge_version": 1, "active": 1},
        foreign_keys=[("category_id", "categories", "id")],
    )
    db["delegates"].create_index(["code"], unique=True)
    db["delegates"].create_index(["name_key"])
    db["badges"].create(
        {"secret_hash": str, "delegate_id": int, "version": int, "issued_at": str,
         "revoked_at": str},
        pk="secret_hash", foreign_keys=[("delegate_id", "delegates", "id")],
    )
    db["badges"].create_index(["delegate_id", "version"], unique=True)
    _seed(db)


def _seed(db: Database):
    settings = dict(defaults.EVENT, event_id=secrets.token_hex(8))
    db["settings"].insert_all({"key": k, "value": json.dumps(v)} for k, v in settings.items())
    db["secrets"].insert({"name": "badge_key", "value": secrets.token_hex(32)})
    for position, cat in enumerate(defaults.CATEGORIES):
        db["categories"].insert(dict(cat, name_key=fold_key(cat["name"]), position=position))
    for position, ses in enumerate(defaults.SESSIONS):
        summoned = ses.get("categories")
        db["sessions"].insert(dict(ses, position=position,
                                   categories=json.dumps(summoned) if summoned else None))


@migrations()
def m002_a_session_may_be_the_kiosks_rehearsal(db: Database):
    """The kiosks' rehearsal (diễn tập) is a session of its own, so that its check-ins
    are kept apart from every real one; it is never on a pass, a badge or a report."""
    db.execute("ALTER TABLE sessions ADD COLUMN rehearsal INTEGER NOT NULL DEFAULT 0")


@migrations()
def m003_the_roster_logs_its_changes(db: Database):
    """What the counts are made of, logged by the database itself (roster_log.py)."""
    roster_log.create(db)


@migrations()
def m004_the_honours_list(db: Database):
    """Who receives which award at the congress (badges/awards.py): the delegate who
    walks on stage, for themselves or for a collective."""
    db.execute("""CREATE TABLE awards (id INTEGER PRIMARY KEY, row INTEGER NOT NULL,
                  form TEXT NOT NULL, decision TEXT, decided_on TEXT,
                  delegate_id INTEGER NOT NULL REFERENCES delegates(id),
                  collective TEXT, note TEXT)""")


def awards(db: Database) -> list:
    """The honours list in file order, each with the delegate who walks on stage."""
    return rows(db, """
        SELECT a.id, a.row, a.form, a.decision, a.decided_on, a.collective, a.note,
               d.id AS delegate_id, d.code, d.name, d.title, d.unit, d.delegation, d.seat,
               d.protocol_order, d.active, k.protocol_rank
        FROM awards a JOIN delegates d ON d.id = a.delegate_id
        JOIN categories k ON k.id = d.category_id ORDER BY a.row, a.id""")


@migrations()
def m005_a_delegates_profile(db: Database):
    """What the credentials committee reports the composition of the congress from
    (badges/profile.py). Not in the roster's log: personal data, removed by `kiosk purge`
    after the congress, when the figures made of it are kept (kiosk/reports)."""
    for column, kind in (("gender", "TEXT"), ("birth_year", "INTEGER"), ("ethnicity", "TEXT"),
                         ("party", "INTEGER"), ("education", "TEXT"),
                         ("distinction", "TEXT")):
        db.execute(f"ALTER TABLE delegates ADD COLUMN {column} {kind}")


@migrations()
def m006_the_hall_and_its_seats(db: Database):
    """The hall's seats (badges/seating.py) and whether a delegate's seat was given by
    `badges seats --assign` (kept by hand otherwise); the seat joins what the roster's
    sealed log records of a delegate, so that every change of seat is in it."""
    db.execute("""CREATE TABLE hall_seats (label TEXT PRIMARY KEY, zone TEXT NOT NULL,
                  row INTEGER NOT NULL, number INTEGER NOT NULL,
                  row_position INTEGER NOT NULL, reserved TEXT)""")
    db.execute("ALTER TABLE delegates ADD COLUMN seat_auto INTEGER NOT NULL DEFAULT 0")
    roster_log.log_table(db, "delegates", replace=True)


@migrations()
def m007_a_delegation_has_a_head(db: Database):
    """The head of each delegation (trưởng đoàn), marked in the roster's optional column
    "Trưởng đoàn" or set by the organisers: the one the awards kept for handover, the
    delegation's documents and its invitation go to. One a delegation (the import and
    set_head keep it so)."""
    db.execute("ALTER TABLE delegates ADD COLUMN is_head INTEGER NOT NULL DEFAULT 0")


def delegation_heads(db: Database) -> dict:
    """delegation -> its head (an active delegate marked head), for the delegations that
    have one."""
    return {r["delegation"]: r for r in rows(
        db, "SELECT * FROM delegates WHERE is_head = 1 AND active = 1 "
            "AND COALESCE(delegation, '') != '' ORDER BY id")}


def set_head(db: Database, delegation: str, delegate_id: int | None) -> None:
    """`delegate_id` heads `delegation` (None: nobody does); whoever did no longer."""
    db.execute("UPDATE delegates SET is_head = 0, updated_at = ? WHERE delegation = ? "
               "AND is_head = 1 AND id IS NOT ?", [now_iso(), delegation, delegate_id])
    if delegate_id is not None:
        db.execute("UPDATE delegates SET is_head = 1, updated_at = ? WHERE id = ? "
                   "AND is_head = 0", [now_iso(), delegate_id])


def replace_hall(db: Database, seats: list) -> None:
    db.execute("DELETE FROM hall_seats")
    db.conn.executemany("""INSERT INTO hall_seats (label, zone, row, number, row_position,
                           reserved) VALUES (:label, :zone, :row, :number, :row_position,
                           :reserved)""", seats)


def hall_seats(db: Database) -> list:
    """The hall's seats, front to back, row by row, by number."""
    return rows(db, "SELECT * FROM hall_seats ORDER BY row_position, number")


def set_seat(db: Database, delegate_id: int, seat: str | None, auto: bool) -> None:
    db.execute("UPDATE delegates SET seat = ?, seat_auto = ?, updated_at = ? WHERE id = ? "
               "AND (seat IS NOT ? OR seat_auto IS NOT ?)",
               [seat, int(auto), now_iso(), delegate_id, seat, int(auto)])


# --- settings and secrets -------------------------------------------------------

def get_settings(db: Database) -> dict:
    return {r["key"]: json.loads(r["value"]) for r in db["settings"].rows}


def replace_secret(db: Database, name: str, value: str) -> None:
    """A secret set to `value` (the decoding tests' demo event fixes its badge key, so
    that its codes, and the pictures made of them, are the same in every run)."""
    db.execute("UPDATE secrets SET value = ? WHERE name = ?", [value, name])


def get_secret(db: Database, name: str) -> str:
    row = db.execute("SELECT value FROM secrets WHERE name = ?", [name]).fetchone()
    if row is None:
        raise BadgesError(f"CSDL này không giữ khóa '{name}' "
                          "(bản sao của trạm không phát hành được thẻ).")
    return row[0]


# --- categories and sessions ----------------------------------------------------

def list_categories(db: Database) -> list:
    return list(db["categories"].rows_where(order_by="position"))


def add_category(db: Database, cat_id: str, name: str, color: str, is_delegate: bool) -> dict:
    """A new category after the others; raises sqlite3.IntegrityError if it exists."""
    position = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM categories").fetchone()[0]
    rank = db.execute("SELECT COALESCE(MAX(protocol_rank), 0) + 1 FROM categories").fetchone()[0]
    row = {"id": cat_id, "name": name, "name_key": fold_key(name), "color": color,
           "position": position, "is_delegate": int(is_delegate), "protocol_rank": rank}
    db["categories"].insert(row)
    return row


def recolour_category(db: Database, cat_id: str, color: str) -> bool:
    return db.conn.execute("UPDATE categories SET color = ? WHERE id = ?",
                           [color, cat_id]).rowcount > 0


def save_session(db: Database, session: dict) -> None:
    """Insert or update a session (a new one goes after the others)."""
    row = {k: session[k] for k in ("id", "name", "starts_at", "ends_at")}
    row["categories"] = json.dumps(session["categories"]) if session["categories"] else None
    exists = db.execute("SELECT position FROM sessions WHERE id = ?", [row["id"]]).fetchone()
    row["position"] = exists[0] if exists else db.execute(
        "SELECT COALESCE(MAX(position), -1) + 1 FROM sessions").fetchone()[0]
    db["sessions"].upsert(row, pk="id")


def list_sessions(db: Database, rehearsal: bool = False) -> list:
    """Sessions in order; `categories` decoded to a list of ids, or None for everyone.
    The kiosks' rehearsal session only when asked for."""
    sessions = rows(db, "SELECT * FROM sessions WHERE rehearsal = 0 OR ? ORDER BY position",
                    [int(rehearsal)])
    for row in sessions:
        row["categories"] = json.loads(row["categories"]) if row["categories"] else None
    return sessions


# --- delegates ------------------------------------------------------------------

def search_text(row: dict) -> str:
    """What name search matches against: folded name, code, unit and delegation."""
    return " ".join(fold(row.get(k) or "") for k in ("name", "code", "unit", "delegation"))


def list_delegates(db: Database, include_inactive: bool = False) -> list:
    where = None if include_inactive else "active = 1"
    return list(db["delegates"].rows_where(where, order_by="id"))


def delegate_by_code(db: Database, code: str):
    return one(db, "SELECT * FROM delegates WHERE code = ?", [code])


def delegates_by_name_key(db: Database) -> dict:
    """name_key -> [delegate ids]: to recognise code-less rows on re-import."""
    index = {}
    for row in db.query("SELECT id, name_key FROM delegates"):
        index.setdefault(row["name_key"], []).append(row["id"])
    return index


def insert_delegate(db: Database, row: dict) -> int:
    stamp = now_iso()
    full = dict(row, search=search_text(row), created_at=stamp, updated_at=stamp)
    return db["delegates"].insert(full).last_pk


def update_delegate(db: Database, delegate_id: int, row: dict) -> None:
    """A delegate's fields changed; a seat changed here (an import, the desk) is a seat
    set by hand, which `badges seats --assign` keeps."""
    if "seat" in row and "seat_auto" not in row:
        held = db.execute("SELECT seat FROM delegates WHERE id = ?", [delegate_id]).fetchone()
        if held is not None and (held[0] or None) != (row["seat"] or None):
            row = dict(row, seat_auto=0)
    db["delegates"].update(delegate_id, dict(row, search=search_text(row), updated_at=now_iso()))


def set_badge_version(db: Database, delegate_id: int, version: int) -> None:
    db["delegates"].update(delegate_id, {"badge_version": version, "updated_at": now_iso()})


# --- badges ---------------------------------------------------------------------

def insert_badge(db: Database, delegate_id: int, version: int, secret_hash: str) -> None:
    db["badges"].insert({"secret_hash": secret_hash, "delegate_id": delegate_id,
                         "version": version, "issued_at": now_iso(), "revoked_at": None})


def revoke_badges(db: Database, delegate_id: int) -> None:
    db.execute("UPDATE badges SET revoked_at = ? WHERE delegate_id = ? AND revoked_at IS NULL",
               [now_iso(), delegate_id])


def badge_by_hash(db: Database, secret_hash: str):
    return one(db, "SELECT * FROM badges WHERE secret_hash = ?", [secret_hash])


def count_delegates(db: Database) -> int:
    return db.execute("SELECT COUNT(*) FROM delegates WHERE active = 1").fetchone()[0]
