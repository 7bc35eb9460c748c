"""Queries of accounts: stations, logins and stored secrets (kiosk/accounts.py's SQL)."""

from sqlite_utils import Database

from badges.db import now_iso, one

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


def upsert_user(db: Database, username: str, password_hash: str, epoch: str, role: str) -> None:
    db["users"].upsert({"username": username, "password_hash": password_hash,
                        "session_epoch": epoch, "role": role, "created_at": now_iso()},
                       pk="username")


def user(db: Database, username: str):
    return one(db, "SELECT * FROM users WHERE username = ?", [username])


def users(db: Database) -> list:
    return [dict(zip(("username", "role", "created_at"), row)) for row in db.conn.execute(
        "SELECT username, role, created_at FROM users ORDER BY role, username")]


def delete_user(db: Database, username: str) -> bool:
    return db.execute("DELETE FROM users WHERE username = ?", [username]).rowcount > 0


def live_station_tokens(db: Database) -> dict:
    """token hash -> station name, for every credential not revoked."""
    return dict(db.conn.execute(
        "SELECT token_hash, name FROM stations WHERE revoked_at IS NULL").fetchall())


def data_version(db: Database) -> int:
    """Changes whenever another connection commits (this connection's commits leave it)."""
    return db.conn.execute("PRAGMA data_version").fetchone()[0]


def change_counts(db: Database) -> dict:
    """part -> how many writes touched it (schema.WATCHED), for the batcher's reloads."""
    return dict(db.conn.execute("SELECT part, count FROM changes").fetchall())


def latest_station_name(db: Database) -> str | None:
    """The station a credential was last issued for here (a station's own name)."""
    row = db.conn.execute("SELECT name FROM stations WHERE revoked_at IS NULL "
                          "ORDER BY created_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def stations(db: Database) -> list:
    """Every station that was given a credential: live ones first, then revoked."""
    return [dict(zip(("name", "created_at", "revoked_at"), row)) for row in db.conn.execute(
        "SELECT name, created_at, revoked_at FROM stations ORDER BY revoked_at IS NOT NULL, "
        "name")]


def live_station_names(db: Database) -> list:
    return [row[0] for row in db.conn.execute(
        "SELECT name FROM stations WHERE revoked_at IS NULL ORDER BY name")]
