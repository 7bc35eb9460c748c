"""The ceremony's SQL: the honours list as the kiosk side reads it, the presenters of
each batch, and what the desk decided for absent recipients."""

from sqlite_utils import Database

from badges.db import awards, now_iso, rows


def honours(db: Database) -> list:
    """The honours list (badges/awards.py), each award with the delegate who walks on
    stage for it and what the desk decided if they are absent (proxy fields or kept)."""
    decided = {r["award_id"]: r for r in rows(db, """
        SELECT a.award_id, a.proxy_id, a.decided_by, a.decided_at, d.code AS proxy_code,
               d.name AS proxy_name, d.title AS proxy_title, d.unit AS proxy_unit,
               d.seat AS proxy_seat
        FROM award_absences a LEFT JOIN delegates d ON d.id = a.proxy_id""")}
    return [dict(award, absence=decided.get(award["id"])) for award in awards(db)]


def presenters(db: Database, session_id: str) -> dict:
    """batch number -> the leader who presents it ("đồng chí … lên trao")."""
    return dict(db.conn.execute("SELECT batch, presenter FROM ceremony_presenters "
                                "WHERE session_id = ?", [session_id]).fetchall())


def set_presenter(db: Database, session_id: str, batch: int, presenter: str | None,
                  actor: str) -> None:
    db.execute("DELETE FROM ceremony_presenters WHERE session_id = ? AND batch = ?",
               [session_id, batch])
    if presenter:
        db.execute("INSERT INTO ceremony_presenters VALUES (?, ?, ?, ?, ?)",
                   [session_id, batch, presenter, actor, now_iso()])


def decide_absence(db: Database, award_id: int, proxy_id: int | None, actor: str) -> None:
    """A proxy (nhận thay) for an absent recipient's award, or (None) kept for later."""
    db.execute("""INSERT INTO award_absences (award_id, proxy_id, decided_by, decided_at)
                  VALUES (?, ?, ?, ?) ON CONFLICT (award_id) DO UPDATE SET
                  proxy_id = excluded.proxy_id, decided_by = excluded.decided_by,
                  decided_at = excluded.decided_at""", [award_id, proxy_id, actor, now_iso()])


def award(db: Database, award_id: int) -> dict | None:
    return next((a for a in awards(db) if a["id"] == award_id), None)
