"""The hall as the ushers see it: every seat of the plan (badges/seating.py) with who sits
there and whether they have checked in to a session."""

from sqlite_utils import Database

from badges.db import rows


def hall_chart(db: Database, session_id: str) -> list:
    """Seats front to back, row by row, by number; each with its delegate (or None) and
    when they checked in to `session_id` (or None). A seat set by hand for two people
    comes once per person."""
    return rows(db, """
        SELECT s.label, s.zone, s.row, s.number, s.row_position, s.reserved,
               d.code, d.name, d.title, d.delegation, d.category_id,
               k.name AS category, k.color AS category_color, p.at AS present_at
        FROM hall_seats s
        LEFT JOIN delegates d ON upper(d.seat) = s.label AND d.active = 1
        LEFT JOIN categories k ON k.id = d.category_id
        LEFT JOIN presence p ON p.delegate_id = d.id AND p.session_id = ?
                             AND p.undone_at IS NULL
        ORDER BY s.row_position, s.number, d.code""", [session_id])
