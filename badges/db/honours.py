"""The honours list's SQL (badges/awards.py): the list replaced by a new one while the
decisions taken on its awards stay with them, and the import's entry in the audit trail.

Decisions on an award live in tables of the kiosk's (an absent recipient's proxy or
"kept", a hand on stage, a handover to the delegation: kiosk/db/schema.py m012, m013),
which reference awards(id). badges does not import kiosk: it finds them as SQLite knows
them (the foreign keys to awards), so a table added later is counted too."""

import json

from sqlite_utils import Database

from ..sealing import GENESIS, seal

# A decision that goes with its award when the award leaves the list: who receives for
# an absent recipient, or that the award is kept (moot once the award is gone). Any
# other table that references an award holds what happened (handed on stage, handed
# over) and keeps its award on the list.
DROPPED_WITH_THE_AWARD = {"award_absences"}


def deciding_tables(db: Database) -> list:
    """The tables that reference awards(id), as the database declares them."""
    return [name for (name,) in db.conn.execute(
        """SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
           WHERE m.type = 'table' AND f."table" = 'awards' ORDER BY m.name""").fetchall()]


def decisions(db: Database) -> dict:
    """award id -> the tables holding a decision on it."""
    found = {}
    for table in deciding_tables(db):
        for (award_id,) in db.conn.execute(f"SELECT award_id FROM {table}").fetchall():
            found.setdefault(award_id, []).append(table)
    return found


def replace_awards(db: Database, awards: list) -> None:
    """The honours list replaced by `awards` (inside the caller's transaction). An award
    with an "id" is one already held, kept under its id with its decisions and rewritten
    as the new list has it; one without is added; a held award not in `awards` is
    removed, with the decisions that go with it. The caller has refused the list if
    another decision would be lost (the database's foreign keys refuse it too)."""
    kept = [a for a in awards if a.get("id") is not None]
    kept_ids = {a["id"] for a in kept}
    gone = [i for (i,) in db.conn.execute("SELECT id FROM awards").fetchall()
            if i not in kept_ids]
    for table in DROPPED_WITH_THE_AWARD & set(deciding_tables(db)):
        db.conn.executemany(f"DELETE FROM {table} WHERE award_id = ?", [[i] for i in gone])
    db.conn.executemany("DELETE FROM awards WHERE id = ?", [[i] for i in gone])
    db.conn.executemany(
        """UPDATE awards SET row = :row, form = :form, decision = :decision,
           decided_on = :decided_on, collective = :collective, note = :note
           WHERE id = :id AND delegate_id = :delegate_id""", kept)
    db.conn.executemany(
        """INSERT INTO awards (row, form, decision, decided_on, delegate_id, collective, note)
           VALUES (:row, :form, :decision, :decided_on, :delegate_id, :collective, :note)""",
        [a for a in awards if a.get("id") is None])


def held_awards(db: Database) -> list:
    """The awards held now, with their recipient's code and name (for the messages)."""
    cursor = db.conn.execute("""SELECT a.id, a.row, a.form, a.delegate_id, a.collective,
                                       d.code, d.name
                                FROM awards a JOIN delegates d ON d.id = a.delegate_id
                                ORDER BY a.row, a.id""")
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


AUDIT_SEALED = ("seq", "at", "actor", "role", "action", "target", "before", "after", "note")


def record_audit(db: Database, at: str, actor: str, role: str, action: str,
                 before: dict | None, after: dict | None, note: str | None) -> bool:
    """One entry appended to the event's audit trail, inside the caller's transaction,
    when the database has one (a hub's; a database only `badges` has opened has none
    yet). Twin of kiosk/core/audit.py record() and kiosk/db/audit.py insert_audit(): the
    same columns, numbering and seal (badges/sealing.py), which `kiosk verify-log`
    checks; badges does not import kiosk. No personal field is written here."""
    if not db["audit"].exists():
        return False
    issued = db.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    last = db.conn.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    fields = {"seq": (issued[0] if issued else 0) + 1, "at": at, "actor": actor, "role": role,
              "action": action, "target": None, "before": _json(before),
              "after": _json(after), "note": note}
    sealed = seal(last[0] if last else GENESIS, fields)
    db.conn.execute(f"INSERT INTO audit ({', '.join(AUDIT_SEALED)}, hash) VALUES "
                    f"({', '.join('?' * (len(AUDIT_SEALED) + 1))})",
                    [fields[c] for c in AUDIT_SEALED] + [sealed])
    return True


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
