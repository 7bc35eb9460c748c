"""The hall as the ushers see it: every seat of the plan (badges/seating.py) with who sits
there and whether they have checked in to a session."""

from sqlite_utils import Database

from badges.db import rows


def hall_chart(db: Database, session_id: str) -> list:
    """Seats front to back, row by row, by number; each with its delegate (or None) and
    when they checked in to `session_id` (or None). A seat set by hand for two people
    comes once per person.

    The seats and their holders are read apart and met by label here: joined in SQL on
    upper(seat), SQLite scanned every delegate for every seat (7.1 s at 4,950 seats and
    4,900 people; no index on the expression is used by SQLite 3.40), and any door
    credential could loop /api/hall."""
    seats = rows(db, """SELECT label, zone, row, number, row_position, reserved
                        FROM hall_seats ORDER BY row_position, number""")
    holders = {}
    for held in rows(db, """
            SELECT upper(d.seat) AS label, d.code, d.name, d.title, d.delegation,
                   d.category_id, k.name AS category, k.color AS category_color,
                   p.at AS present_at
            FROM delegates d
            LEFT JOIN categories k ON k.id = d.category_id
            LEFT JOIN presence p ON p.delegate_id = d.id AND p.session_id = ?
                                 AND p.undone_at IS NULL
            WHERE d.active = 1 AND COALESCE(d.seat, '') != '' ORDER BY d.code""",
                     [session_id]):
        holders.setdefault(held.pop("label"), []).append(held)
    empty = dict.fromkeys(("code", "name", "title", "delegation", "category_id", "category",
                           "category_color", "present_at"))
    return [dict(seat, **holder) for seat in seats
            for holder in holders.get(seat["label"], [empty])]


def hall_summary(db: Database) -> dict:
    """What the organisers' setup page says of the hall: its zones (rows and seats each),
    how many people hold a seat, given by protocol (`seat_auto`) or set by hand, and how
    many of those seats the plan does not have."""
    zones = rows(db, """SELECT zone, COUNT(DISTINCT row) AS rows, COUNT(*) AS seats,
                               MIN(row_position) AS first FROM hall_seats
                        GROUP BY zone ORDER BY first""")
    held = db.execute("""SELECT COALESCE(SUM(seat_auto = 1), 0), COALESCE(SUM(seat_auto = 0), 0),
                                COALESCE(SUM(upper(seat) NOT IN (SELECT label FROM hall_seats)), 0)
                         FROM delegates WHERE active = 1 AND COALESCE(seat, '') != ''
                         """).fetchone()
    return {"zones": [{k: z[k] for k in ("zone", "rows", "seats")} for z in zones],
            "seats": sum(z["seats"] for z in zones), "by_protocol": held[0],
            "by_hand": held[1], "outside": held[2]}


def seats_held(db: Database) -> dict:
    """Every delegate's seat (withdrawn ones too), by code: None for no seat."""
    return dict(db.execute("SELECT code, NULLIF(seat, '') FROM delegates").fetchall())


def seating_version(db: Database) -> int:
    """How many changes the hall's plan and the roster (where the seats are) have seen:
    the ushers' screens read the chart again when it moves."""
    row = db.conn.execute("SELECT SUM(count) FROM changes WHERE part IN ('hall', 'roster')"
                          ).fetchone()
    return row[0] or 0
