"""The event as organisers set it: a session's name, times and who is summoned; the
categories and their colours; the roster uploaded all or nothing. Each in one
transaction with its audit entry."""

import re
import sqlite3

from badges import importer, schedule
from badges.errors import BadgesError
from badges.text import clean, fold

from .. import db as store
from ..core import audit
from .errors import Invalid, Missing, Refusal

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
SESSION_KEPT = ("name", "starts_at", "ends_at", "categories")


def save_session(db, session_id: str, name: str | None, starts: str | None,
                 ends: str | None, summon: str | None, by: tuple) -> dict:
    """A session's name, times (Hà Nội, as typed) and who is summoned ("all" or category
    ids joined by commas); a new one when the id is new. The row saved."""
    try:
        with store.immediate(db):
            current = {s["id"]: s for s in store.list_sessions(db)}
            base = current.get(session_id) or {"id": schedule.new_session_id(session_id),
                                               "categories": None}
            row = schedule.changed(base, name, starts, ends, summon,
                                   [c["id"] for c in store.list_categories(db)])
            store.save_session(db, row)
            audit.record(db, *by, "session.set", session_id,
                         {k: base.get(k) for k in SESSION_KEPT} if session_id in current
                         else None, {k: row[k] for k in SESSION_KEPT})
    except BadgesError as exc:
        raise Invalid(str(exc).capitalize()) from None
    return row


def add_category(db, name, color, delegate: bool, by: tuple) -> dict:
    """A new category after the others: {"id", "name"}; its id made from its name."""
    if not isinstance(name, str) or not clean(name):
        raise Invalid("Cần tên thành phần.", "name")
    color = _colour(color)
    name = clean(name)[:60]
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:32] or "thanh-phan"
    try:
        with store.immediate(db):
            store.add_category(db, slug, name, color, delegate)
            audit.record(db, *by, "category.add", slug, None,
                         {"name": name, "color": color, "delegate": delegate})
    except sqlite3.IntegrityError:
        raise Refusal(f"Thành phần '{name}' đã có.", "name", "exists") from None
    return {"id": slug, "name": name}


def recolour_category(db, cat_id: str, color, by: tuple) -> str:
    """The colour set (#RRGGBB, upper case), as saved."""
    color = _colour(color)
    with store.immediate(db):
        was = {c["id"]: c["color"] for c in store.list_categories(db)}.get(cat_id)
        if was is None:
            raise Missing(f"Không có thành phần '{cat_id}'.")
        store.recolour_category(db, cat_id, color)
        audit.record(db, *by, "category.color", cat_id, {"color": was}, {"color": color})
    return color


def _colour(color) -> str:
    if not isinstance(color, str) or not COLOUR.match(color):
        raise Invalid("Màu phải có dạng #RRGGBB.", "color")
    return color.upper()


def upload_roster(db, path, shown_name: str, add_only: bool, by: tuple):
    """A roster file (CSV or XLSX, as offices make them) applied all or nothing, with its
    audit entry in the same transaction: the import's report (badges/importer.py).
    `shown_name`: the file's name as the user knows it, in messages and the trail."""
    def recorded(db, report):
        audit.record(db, *by, "roster.import", None, None,
                     {"created": len(report.created), "updated": len(report.updated)},
                     shown_name)

    try:
        report = importer.import_roster(db, path, add_only=add_only, within=recorded)
    except BadgesError as exc:
        raise Refusal(str(exc).replace(path.name, shown_name), "file", "bad_file") from None
    return report
