"""Queries of the delegations' sign-in links (schema m017) and of what a delegation's head
sees of their own people: the members, their check-ins, absences and substitutes asked.

A link is kept as the SHA-256 of its secret, never the secret: a copy of the database
does not let anyone sign in as a head."""

from sqlite_utils import Database

from badges.db import now_iso, one
from badges.db import rows as _rows


def delegations(db: Database) -> list:
    """Every delegation, as written, that holds an active delegate of a category counted
    as delegates: the guests', the press's and the organisers' groups have no head."""
    return [row[0] for row in db.conn.execute(
        """SELECT d.delegation FROM delegates d JOIN categories c ON c.id = d.category_id
           WHERE d.active = 1 AND c.is_delegate = 1 AND d.delegation IS NOT NULL
           AND TRIM(d.delegation) != '' GROUP BY d.delegation ORDER BY MIN(d.id)""")]


def set_delegation_link(db: Database, delegation: str, token_hash: str, by: str) -> None:
    """A new link for `delegation`: the one it had stops working."""
    db.execute("""INSERT INTO delegation_links (delegation, token_hash, issued_by, issued_at)
                  VALUES (?, ?, ?, ?) ON CONFLICT (delegation) DO UPDATE SET
                  token_hash = excluded.token_hash, issued_by = excluded.issued_by,
                  issued_at = excluded.issued_at, revoked_at = NULL""",
               [delegation, token_hash, by, now_iso()])


def revoke_delegation_link(db: Database, delegation: str) -> bool:
    return db.conn.execute("""UPDATE delegation_links SET token_hash = NULL, revoked_at = ?
                              WHERE delegation = ? AND token_hash IS NOT NULL""",
                           [now_iso(), delegation]).rowcount > 0


def delegation_of_link(db: Database, token_hash: str) -> str | None:
    """The delegation whose live link hashes to `token_hash`, or None."""
    row = one(db, "SELECT delegation FROM delegation_links WHERE token_hash = ?", [token_hash])
    return row["delegation"] if row else None


def members(db: Database, delegation: str) -> list:
    """The delegation's active delegates in protocol, then seat order: the badge's fields
    and the category's id, never a contact or profile field."""
    return _rows(db, """
        SELECT d.id, d.code, d.name, d.title, d.unit, d.delegation, d.seat, d.category_id,
               c.name AS category, c.color AS category_color
        FROM delegates d JOIN categories c ON c.id = d.category_id
        WHERE d.active = 1 AND d.delegation = ?
        ORDER BY d.protocol_order IS NULL, d.protocol_order, d.seat IS NULL, d.seat, d.id""",
                 [delegation])


def substitutions_asked(db: Database, delegate_ids: list) -> list:
    """The substitutes asked for these delegates and not refused: who, and whether
    approved."""
    marks = ",".join("?" * len(delegate_ids))
    return _rows(db, f"""SELECT original_id, name, title, unit, reason, requested_at,
                                approved_at FROM substitutions
                         WHERE refused_at IS NULL AND original_id IN ({marks})
                         ORDER BY id""", list(delegate_ids))
