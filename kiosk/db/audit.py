"""Queries of the audit trail (schema m009): appended rows, and the trail read back."""

from sqlite_utils import Database

from badges.db import rows as _rows

AUDIT_SEALED = ("seq", "at", "actor", "role", "action", "target", "before", "after", "note")


def insert_audit(db: Database, row: dict) -> None:
    """Append one row already numbered and sealed (core/audit.py)."""
    columns = (*AUDIT_SEALED, "hash")
    db.conn.execute(f"INSERT INTO audit ({', '.join(columns)}) "
                    f"VALUES ({', '.join('?' * len(columns))})", [row[c] for c in columns])


def audit_entries(db: Database, target: str | None = None, action: str | None = None,
                  limit: int = 500) -> list:
    """The newest entries first, optionally for one target or one kind of action."""
    where, params = [], []
    if target:
        where.append("target = ?")
        params.append(target)
    if action:
        where.append("action LIKE ?")
        params.append(action + "%")
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return _rows(db, f"SELECT * FROM audit {clause} ORDER BY seq DESC LIMIT ?",
                 [*params, limit])


def latest_records(db: Database) -> dict:
    """When the newest check-in and the newest audited action were recorded (UTC ISO),
    or None: what a hub started from a backup holds, so the desk knows what to redo."""
    checkin = db.conn.execute("SELECT MAX(received_at) FROM checkins").fetchone()[0]
    action = db.conn.execute("SELECT MAX(at) FROM audit").fetchone()[0]
    return {"checkin": checkin, "action": action}
