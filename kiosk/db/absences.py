"""Queries of absences with a reason and of substitutes (schema m010)."""

from sqlite_utils import Database

from badges.db import now_iso, one
from badges.db import rows as _rows


def add_absence(db: Database, delegate_id: int, session_id: str | None, reason: str,
                by: str) -> int:
    """Raises sqlite3.IntegrityError when one is already recorded for that session."""
    return db.conn.execute(
        """INSERT INTO absences (delegate_id, session_id, reason, recorded_by, recorded_at)
           VALUES (?, ?, ?, ?, ?)""", [delegate_id, session_id, reason, by, now_iso()]).lastrowid


def cancel_absence(db: Database, absence_id: int) -> bool:
    return db.conn.execute("UPDATE absences SET cancelled_at = ? WHERE id = ? AND "
                           "cancelled_at IS NULL", [now_iso(), absence_id]).rowcount > 0


def absences_of(db: Database, delegate_ids: list) -> list:
    """The absences still recorded for these delegates, with their session's name."""
    marks = ",".join("?" * len(delegate_ids))
    return _rows(db, f"""SELECT a.*, s.name AS session_name FROM absences a
                         LEFT JOIN sessions s ON s.id = a.session_id
                         WHERE a.delegate_id IN ({marks}) AND a.cancelled_at IS NULL
                         ORDER BY a.id""", list(delegate_ids))


def absence_reasons(db: Database, session_id: str) -> dict:
    """delegate id -> the reason given for missing this session (or every session)."""
    return dict(db.conn.execute("""SELECT delegate_id, reason FROM absences
                                   WHERE cancelled_at IS NULL
                                   AND (session_id = ? OR session_id IS NULL)
                                   ORDER BY session_id IS NULL""", [session_id]).fetchall())


def add_substitution(db: Database, original_id: int, person: dict, reason: str,
                     by: str) -> int:
    """Raises sqlite3.IntegrityError when the delegate already has an open one."""
    return db.conn.execute(
        """INSERT INTO substitutions (original_id, name, title, unit, phone, reason,
                                      requested_by, requested_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        [original_id, person["name"], person.get("title"), person.get("unit"),
         person.get("phone"), reason, by, now_iso()]).lastrowid


def substitution(db: Database, substitution_id: int):
    return one(db, "SELECT * FROM substitutions WHERE id = ?", [substitution_id])


SUBSTITUTIONS = """
    SELECT s.*, o.code AS original_code, o.name AS original_name, o.title AS original_title,
           o.unit AS original_unit, o.delegation, o.category_id, n.code AS substitute_code
    FROM substitutions s JOIN delegates o ON o.id = s.original_id
    LEFT JOIN delegates n ON n.id = s.substitute_id"""


def substitutions(db: Database, approved_only: bool = False) -> list:
    where = "WHERE s.approved_at IS NOT NULL" if approved_only else "WHERE s.refused_at IS NULL"
    return _rows(db, f"{SUBSTITUTIONS} {where} ORDER BY s.id")


def approve_substitution(db: Database, substitution_id: int, substitute_id: int,
                         by: str) -> None:
    db.conn.execute("""UPDATE substitutions SET substitute_id = ?, approved_by = ?,
                       approved_at = ? WHERE id = ?""",
                    [substitute_id, by, now_iso(), substitution_id])


def refuse_substitution(db: Database, substitution_id: int, by: str) -> None:
    db.conn.execute("UPDATE substitutions SET refused_by = ?, refused_at = ? WHERE id = ?",
                    [by, now_iso(), substitution_id])
