"""The MC's SQL (services/mc.py): the introductions marked, the presidium and the
secretariat, the votes, the speakers."""

import json

from sqlite_utils import Database

from badges.db import now_iso, rows

PERSON = "d.code, d.name, d.title, d.unit, d.seat, d.delegation, d.category_id"


def mc_version(db: Database) -> int:
    """How many changes the MC's tables have seen (the MC's screens follow it)."""
    row = db.conn.execute("SELECT count FROM changes WHERE part = 'mc'").fetchone()
    return row[0] if row else 0


# --- introductions -------------------------------------------------------------

def introduced(db: Database, session_id: str) -> dict:
    """delegate id -> when they were marked introduced in the session."""
    return dict(db.conn.execute("SELECT delegate_id, marked_at FROM mc_introduced "
                                "WHERE session_id = ?", [session_id]).fetchall())


def mark_introduced(db: Database, session_id: str, delegate_ids: list, actor: str) -> None:
    at = now_iso()
    db.conn.executemany("INSERT OR IGNORE INTO mc_introduced VALUES (?, ?, ?, ?)",
                        [(session_id, d, actor, at) for d in delegate_ids])


def unmark_introduced(db: Database, session_id: str, delegate_id: int) -> None:
    db.execute("DELETE FROM mc_introduced WHERE session_id = ? AND delegate_id = ?",
               [session_id, delegate_id])


def read_at(db: Database, session_id: str) -> str | None:
    """When the MC marked the session's list read (None: not yet)."""
    row = db.conn.execute("SELECT read_at FROM mc_read WHERE session_id = ?",
                          [session_id]).fetchone()
    return row[0] if row else None


def mark_read(db: Database, session_id: str, actor: str) -> str:
    at = now_iso()
    db.execute("INSERT OR REPLACE INTO mc_read VALUES (?, ?, ?)", [session_id, actor, at])
    return at


# --- the presidium and the secretariat ----------------------------------------

def presidium(db: Database) -> list:
    """Both bodies in order: {"body", "position", and the member's badge fields}."""
    return rows(db, f"""SELECT p.body, p.position, d.id AS delegate_id, {PERSON}
                        FROM presidium p JOIN delegates d ON d.id = p.delegate_id
                        ORDER BY p.body, p.position""")


def set_body(db: Database, body: str, delegate_ids: list, actor: str) -> None:
    """`body` ('chu-tich' or 'thu-ky') replaced by these members, in this order."""
    at = now_iso()
    db.execute("DELETE FROM presidium WHERE body = ?", [body])
    db.conn.executemany("INSERT INTO presidium VALUES (?, ?, ?, ?, ?)",
                        [(body, n, d, actor, at) for n, d in enumerate(delegate_ids, 1)])


# --- votes ---------------------------------------------------------------------

def votes(db: Database, session_id: str) -> list:
    """The session's votes in the order taken."""
    return rows(db, """SELECT id, session_id, motion, votes_for, against, abstain, present,
                              summoned, rule, passed, recorded_by, recorded_at
                       FROM votes WHERE session_id = ? ORDER BY id""", [session_id])


def add_vote(db: Database, vote: dict) -> int:
    cursor = db.conn.execute(
        """INSERT INTO votes (session_id, motion, votes_for, against, abstain, present,
                              summoned, rule, passed, recorded_by, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [vote["session_id"], vote["motion"], vote["for"], vote["against"], vote["abstain"],
         vote["present"], vote["summoned"], vote["rule"], int(vote["passed"]), vote["by"],
         now_iso()])
    return cursor.lastrowid


def set_vote_rule(db: Database, rule: str) -> None:
    """The congress's rule for a motion to pass (services/votes.py)."""
    db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('vote_rule', ?)",
               [json.dumps(rule, ensure_ascii=False)])


# --- speakers ------------------------------------------------------------------

def speakers(db: Database, session_id: str) -> list:
    """The session's speakers in order, each with the reserve's badge fields."""
    return rows(db, f"""
        SELECT s.position, s.topic, s.minutes, d.id AS delegate_id, {PERSON},
               r.id AS reserve_id, r.code AS reserve_code, r.name AS reserve_name,
               r.title AS reserve_title, r.unit AS reserve_unit
        FROM speakers s JOIN delegates d ON d.id = s.delegate_id
        LEFT JOIN delegates r ON r.id = s.reserve_id
        WHERE s.session_id = ? ORDER BY s.position""", [session_id])


def set_speakers(db: Database, session_id: str, listed: list, actor: str) -> None:
    """The session's speakers replaced: each {"delegate_id", "topic", "minutes",
    "reserve_id"}, in order."""
    at = now_iso()
    db.execute("DELETE FROM speakers WHERE session_id = ?", [session_id])
    db.conn.executemany("INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(session_id, n, s["delegate_id"], s["topic"], s["minutes"],
                          s["reserve_id"], actor, at) for n, s in enumerate(listed, 1)])
