"""Queries for the dashboard, the live stream and the reports."""

from sqlite_utils import Database

from badges.db import rows as _rows

EVENT_SELECT = """
    SELECT c.seq, c.id, c.kind, c.at, c.station, c.session_id, c.result, c.undoes,
           d.code, d.name, d.title, d.unit, d.delegation, d.seat, k.name AS category,
           k.color AS category_color
    FROM checkins c
    LEFT JOIN delegates d ON d.id = c.delegate_id
    LEFT JOIN categories k ON k.id = d.category_id"""


def last_seq(db: Database) -> int:
    return db.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM checkins").fetchone()[0]


def events_after(db: Database, seq: int, limit: int = 1000) -> list:
    """Log rows after `seq`, oldest first, with the public fields of their delegate."""
    return _rows(db, f"{EVENT_SELECT} WHERE c.seq > ? ORDER BY c.seq LIMIT ?", [seq, limit])


def attendance(db: Database, session_id: str) -> list:
    """Every active delegate with their live check-in for the session (or None), in roster
    order; summoned says whether their category is called to this session."""
    return _rows(db, """
        SELECT d.id, d.code, d.name, d.title, d.unit, d.delegation, d.seat, d.phone, d.email,
               d.protocol_order, d.category_id, k.name AS category, k.color AS category_color,
               k.position AS category_position, k.protocol_rank, k.is_delegate,
               p.at AS present_at, p.station AS present_station
        FROM delegates d JOIN categories k ON k.id = d.category_id
        LEFT JOIN presence p ON p.delegate_id = d.id AND p.session_id = ?
                             AND p.undone_at IS NULL
        WHERE d.active = 1
        ORDER BY d.id""", [session_id])


def refused_counts(db: Database, session_id: str) -> dict:
    return dict(db.conn.execute("""
        SELECT result, COUNT(*) FROM checkins WHERE session_id = ? AND kind = 'scan'
        AND result NOT IN ('ok', 'duplicate') GROUP BY result""", [session_id]).fetchall())


def latest_arrivals(db: Database, session_id: str, limit: int = 20) -> list:
    return _rows(db, """
        SELECT p.at, p.station, d.code, d.name, d.title, d.unit, d.delegation,
               k.name AS category, k.color AS category_color
        FROM presence p JOIN delegates d ON d.id = p.delegate_id
        JOIN categories k ON k.id = d.category_id
        WHERE p.session_id = ? AND p.undone_at IS NULL
        ORDER BY p.at DESC LIMIT ?""", [session_id, limit])
