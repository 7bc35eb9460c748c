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
               d.protocol_order, d.gender, d.birth_year, d.ethnicity, d.party, d.education,
               d.distinction, d.category_id, k.name AS category, k.color AS category_color,
               k.position AS category_position, k.protocol_rank, k.is_delegate,
               p.at AS present_at, p.station AS present_station
        FROM delegates d JOIN categories k ON k.id = d.category_id
        LEFT JOIN presence p ON p.delegate_id = d.id AND p.session_id = ?
                             AND p.undone_at IS NULL
        WHERE d.active = 1
        ORDER BY d.id""", [session_id])


def refused_counts(db: Database, session_id: str) -> dict:
    """Scans not let in, by result. `confirm` counts only the bare codes still waiting: a
    kiosk shows one answer at a time, so a `confirm` is pending while it is the last scan
    of its door; the door's next row (the volunteer's yes, or the next person after a
    no) ends the wait."""
    counts = dict(db.conn.execute("""
        SELECT result, COUNT(*) FROM checkins WHERE session_id = ? AND kind = 'scan'
        AND result NOT IN ('ok', 'duplicate', 'confirm') GROUP BY result""",
                                  [session_id]).fetchall())
    pending = db.conn.execute("""
        SELECT COUNT(*) FROM checkins c
        JOIN (SELECT station, MAX(seq) AS last FROM checkins WHERE kind = 'scan'
              GROUP BY station) door ON door.station = c.station AND door.last = c.seq
        WHERE c.session_id = ? AND c.result = 'confirm'""", [session_id]).fetchone()[0]
    if pending:
        counts["confirm"] = pending
    return counts


def latest_arrivals(db: Database, session_id: str, limit: int = 20) -> list:
    return _rows(db, """
        SELECT p.at, p.station, d.code, d.name, d.title, d.unit, d.delegation,
               k.name AS category, k.color AS category_color
        FROM presence p JOIN delegates d ON d.id = p.delegate_id
        JOIN categories k ON k.id = d.category_id
        WHERE p.session_id = ? AND p.undone_at IS NULL
        ORDER BY p.at DESC LIMIT ?""", [session_id, limit])


def log_entries(db: Database, session_id=None, station=None, result=None, delegation=None,
                since=None, until=None, limit: int = 500) -> list:
    """The check-in log, newest first, filtered: each row with its delegate's public
    fields (refused scans keep what was scanned)."""
    where, params = [], []
    for column, value in (("c.session_id", session_id), ("c.station", station),
                          ("d.delegation", delegation)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if result == "refused":
        where.append("c.kind = 'scan' AND c.result NOT IN ('ok', 'duplicate')")
    elif result:
        where.append("c.result = ?")
        params.append(result)
    if since:
        where.append("c.at >= ?")
        params.append(since)
    if until:
        where.append("c.at < ?")
        params.append(until)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return _rows(db, f"""
        SELECT c.seq, c.id, c.kind, c.at, c.station, c.session_id, c.result, c.method,
               c.scanned, c.undoes, c.actor, c.reason, d.code, d.name, d.delegation, d.unit
        FROM checkins c LEFT JOIN delegates d ON d.id = c.delegate_id
        {clause} ORDER BY c.seq DESC LIMIT ?""", [*params, limit])


def log_choices(db: Database) -> dict:
    """What the log's filters offer: the doors and delegations that appear."""
    return {
        "stations": [r[0] for r in db.conn.execute(
            "SELECT DISTINCT station FROM checkins ORDER BY station")],
        "delegations": [r[0] for r in db.conn.execute(
            "SELECT DISTINCT delegation FROM delegates WHERE delegation IS NOT NULL "
            "AND delegation != '' ORDER BY delegation")],
    }
