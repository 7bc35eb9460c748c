"""The ceremony's SQL: the honours list as the kiosk side reads it, the presenters of
each batch, and what the desk decided for absent recipients."""

import json

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
    """batch number -> the leader who presents it, as kept before presenters followed
    forms (read for the batches handed then)."""
    return dict(db.conn.execute("SELECT batch, presenter FROM ceremony_presenters "
                                "WHERE session_id = ?", [session_id]).fetchall())


def decide_absence(db: Database, award_id: int, proxy_id: int | None, actor: str) -> None:
    """A proxy (nhận thay) for an absent recipient's award, or (None) kept for later."""
    db.execute("""INSERT INTO award_absences (award_id, proxy_id, decided_by, decided_at)
                  VALUES (?, ?, ?, ?) ON CONFLICT (award_id) DO UPDATE SET
                  proxy_id = excluded.proxy_id, decided_by = excluded.decided_by,
                  decided_at = excluded.decided_at""", [award_id, proxy_id, actor, now_iso()])


def award(db: Database, award_id: int) -> dict | None:
    """One award of the honours list with its recipient's code and name, and what the
    desk decided if they are absent (`absence`: {"proxy_id", "proxy_code"} or None)."""
    found = rows(db, """
        SELECT a.id, a.form, a.delegate_id, a.collective, d.code, d.name,
               x.award_id AS decided, x.proxy_id, p.code AS proxy_code
        FROM awards a JOIN delegates d ON d.id = a.delegate_id
        LEFT JOIN award_absences x ON x.award_id = a.id
        LEFT JOIN delegates p ON p.id = x.proxy_id
        WHERE a.id = ?""", [award_id])
    if not found:
        return None
    row = found[0]
    decided = row.pop("decided")
    absence = {"proxy_id": row.pop("proxy_id"), "proxy_code": row.pop("proxy_code")}
    return dict(row, absence=absence if decided is not None else None)


def handed(db: Database, session_id: str | None = None) -> dict:
    """award id -> {"batch", and the fields of the delegate who went on stage for it}, for
    the session's ceremony (None: every session's)."""
    return {r["award_id"]: r for r in rows(db, """
        SELECT h.award_id, h.session_id, h.batch, h.handed_at, d.id AS walker_id, d.code,
               d.name, d.title, d.unit, d.seat
        FROM awards_handed h JOIN delegates d ON d.id = h.walker_id
        WHERE h.session_id = ? OR ? IS NULL""", [session_id, session_id])}


def hand(db: Database, session_id: str, batch: int, walkers: dict, actor: str) -> None:
    """The awards of a batch handed on stage: award id -> the delegate who received it."""
    at = now_iso()
    db.conn.executemany("INSERT INTO awards_handed VALUES (?, ?, ?, ?, ?, ?)",
                        [(award, session_id, batch, walker, actor, at)
                         for award, walker in walkers.items()])


def ceremony_version(db: Database) -> int:
    """How many changes the ceremony's tables have seen (the stage screens follow it)."""
    row = db.conn.execute("SELECT count FROM changes WHERE part = 'ceremony'").fetchone()
    return row[0] if row else 0


def handovers(db: Database) -> dict:
    """award id -> {"received_by", "recorded_by", "recorded_at"}: awards given to a
    delegation after the ceremony."""
    return {r["award_id"]: r for r in rows(db, "SELECT * FROM award_handovers")}


def record_handover(db: Database, award_id: int, received_by: str, actor: str) -> None:
    db.execute("""INSERT INTO award_handovers VALUES (?, ?, ?, ?) ON CONFLICT (award_id)
                  DO UPDATE SET received_by = excluded.received_by,
                  recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""",
               [award_id, received_by, actor, now_iso()])


def set_ceremony_settings(db: Database, order: list, per_batch: int) -> None:
    """The organisers' order of the forms (badges/awards.py) and how many on stage."""
    db.conn.executemany("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                        [("award_order", json.dumps(order, ensure_ascii=False)),
                         ("ceremony_per_batch", json.dumps(per_batch))])


def form_presenters(db: Database, session_id: str) -> dict:
    """(form key, part) -> the leader who presents it ("đồng chí … lên trao"); part 0:
    every batch of the form."""
    return {(key, part): name for key, part, name in db.conn.execute(
        "SELECT form_key, part, presenter FROM ceremony_form_presenters WHERE session_id = ?",
        [session_id]).fetchall()}


def set_form_presenter(db: Database, session_id: str, form_key: str, part: int, form: str,
                       presenter: str | None, actor: str) -> None:
    """The leader who presents a form's batches (part 0) or one of them; None clears it."""
    db.execute("DELETE FROM ceremony_form_presenters WHERE session_id = ? AND form_key = ? "
               "AND part = ?", [session_id, form_key, part])
    if presenter:
        db.execute("INSERT INTO ceremony_form_presenters VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [session_id, form_key, part, form, presenter, actor, now_iso()])


def lineup(db: Database, session_id: str | None = None) -> list:
    """The batches handed or frozen (core/ceremony.py), one row an award in its batch's
    order, with the fields of the delegate who walks for it (None: every session's)."""
    return rows(db, """
        SELECT l.session_id, l.batch, l.position, l.award_id, l.form, l.part,
               l.supplementary, l.continues, l.presenter, d.id AS walker_id, d.code, d.name,
               d.title, d.unit, d.seat
        FROM ceremony_lineup l JOIN delegates d ON d.id = l.walker_id
        WHERE l.session_id = ? OR ? IS NULL ORDER BY l.batch, l.position""",
                [session_id, session_id])


def freeze(db: Database, session_id: str, batches: list, actor: str) -> None:
    """Batches lined up as they are shown: each {"number", "award", "part",
    "supplementary", "continues", "recipients": [{"award_id", "walker_id"}]}."""
    at = now_iso()
    db.conn.executemany(
        "INSERT INTO ceremony_lineup VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
        [(session_id, b["number"], n, r["award_id"], r["walker_id"], b["award"], b["part"],
          int(b["supplementary"]), int(b["continues"]), actor, at)
         for b in batches for n, r in enumerate(b["recipients"], 1)])


def keep_presenter(db: Database, session_id: str, batch: int, presenter: str | None) -> None:
    """The presenter of a batch as it was handed, kept with it."""
    db.execute("UPDATE ceremony_lineup SET presenter = ? WHERE session_id = ? AND batch = ?",
               [presenter, session_id, batch])
