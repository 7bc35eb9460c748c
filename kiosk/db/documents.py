"""Queries of the documents and souvenirs handed to the delegations (schema m020): the
items the organisers define and each handing out to a delegation."""

from sqlite_utils import Database

from badges.db import now_iso, one
from badges.db import rows as _rows


def add_document_item(db: Database, name: str, per: str, prepared: int, by: str) -> int:
    """Raises sqlite3.IntegrityError when an item of that name is already defined."""
    return db.conn.execute(
        """INSERT INTO document_items (name, per, prepared, added_by, added_at)
           VALUES (?, ?, ?, ?, ?)""", [name, per, prepared, by, now_iso()]).lastrowid


def document_items(db: Database) -> list:
    """Every item in the order defined, with how many were handed out in all."""
    return _rows(db, """SELECT i.id, i.name, i.per, i.prepared,
                               COALESCE(SUM(h.count), 0) AS handed
                        FROM document_items i LEFT JOIN document_handouts h ON h.item_id = i.id
                        GROUP BY i.id ORDER BY i.id""")


def document_item(db: Database, item_id: int):
    return one(db, "SELECT * FROM document_items WHERE id = ?", [item_id])


def handed_documents(db: Database, delegation: str | None = None) -> dict:
    """{(item id, delegation): {"count", "receivers", "handed_at"}}: how many of each item
    each delegation (or only `delegation`) received, and who received them: each name
    once, with how many they received, in the order they first received ([name, count])."""
    where, args = ("WHERE delegation = ?", [delegation]) if delegation is not None else ("", [])
    out = {}
    for row in _rows(db, f"""
            SELECT item_id, delegation, received_by, SUM(count) AS count,
                   MAX(handed_at) AS handed_at
            FROM document_handouts {where}
            GROUP BY item_id, delegation, received_by ORDER BY MIN(id)""", args):
        held = out.setdefault((row["item_id"], row["delegation"]), {
            "item_id": row["item_id"], "delegation": row["delegation"], "count": 0,
            "receivers": [], "handed_at": row["handed_at"]})
        held["count"] += row["count"]
        held["receivers"].append([row["received_by"], row["count"]])
        held["handed_at"] = max(held["handed_at"], row["handed_at"])
    return out


def hand_documents(db: Database, item_id: int, delegation: str, count: int,
                   received_by: str, by: tuple) -> int:
    return db.conn.execute(
        """INSERT INTO document_handouts (item_id, delegation, count, received_by,
                                          handed_by, role, handed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [item_id, delegation, count, received_by, by[0], by[1], now_iso()]).lastrowid


def handouts(db: Database, delegation: str) -> list:
    """Each handing to `delegation`, newest first, with its item's name: what the desk may
    take back when it was marked by mistake."""
    return _rows(db, """SELECT h.id, h.item_id, i.name AS item, h.count, h.received_by,
                               h.handed_by, h.role, h.handed_at
                        FROM document_handouts h JOIN document_items i ON i.id = h.item_id
                        WHERE h.delegation = ? ORDER BY h.id DESC""", [delegation])


def take_back_handout(db: Database, handout_id: int) -> dict | None:
    """One handing removed (marked by mistake); the row as it was, or None."""
    row = one(db, """SELECT h.*, i.name AS item FROM document_handouts h
                     JOIN document_items i ON i.id = h.item_id WHERE h.id = ?""", [handout_id])
    if row is not None:
        db.conn.execute("DELETE FROM document_handouts WHERE id = ?", [handout_id])
    return row


def delegation_sizes(db: Database) -> dict:
    """delegation -> its active delegates (any category), for every delegation written."""
    return dict(db.conn.execute("""SELECT delegation, COUNT(*) FROM delegates
                                   WHERE active = 1 AND delegation IS NOT NULL
                                   AND TRIM(delegation) != '' GROUP BY delegation"""))
