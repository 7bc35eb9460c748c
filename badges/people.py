"""One delegate at a time, as the help desk handles them: a walk-in added with a code
issued on the spot, an edit, a withdrawal and its reversal. The same rules as a roster
row (validate.py), the same all-or-nothing transaction as an import. No Flask here.

Each function returns what it changed (before, after) for the caller's audit trail, and
runs inside the caller's write transaction when there is one (db.immediate nests).
"""

from . import codes, profile
from . import db as store
from .errors import BadgesError, NotFound, no_delegate
from .importer import free_codes, name_key
from .roster import FIELD_LABELS, RawRow
from .text import clean, fold_key
from .validate import RowCheck, categories_by_key

# What the desk may change, as the roster names it (category by its name or id).
EDITABLE = ("name", "title", "unit", "delegation", "category", "phone", "email", "seat",
            "protocol")
STORED = {"category": "category_id", "protocol": "protocol_order"}
MAX_LENGTH = 200


class Invalid(BadgesError):
    """A field the desk filled in wrongly: `field` names it, the message says why."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{FIELD_LABELS[field]}: {message}")
        self.field = field


def check(db, fields: dict) -> dict:
    """The record a roster row with these fields would give, or Invalid for the first
    bad field (a profile value not understood too: typed at the desk, it can be mended
    at once, where an office's list leaves it empty with a warning)."""
    values = {}
    for key, value in fields.items():
        if key not in EDITABLE and key not in profile.FIELDS:
            raise Invalid("note", f"không sửa được trường '{key}'")
        if value is not None and not isinstance(value, str | int):
            raise Invalid(key, "phải là chữ")
        text = clean(str(value)) if value is not None else ""
        if len(text) > MAX_LENGTH:
            raise Invalid(key, f"dài quá {MAX_LENGTH} ký tự")
        values[key] = text
    row = RowCheck(RawRow(0, values, []), dict(FIELD_LABELS))
    record = row.check(categories_by_key(store.list_categories(db)), {})
    unclear = [w for w in row.warnings if w.reason.startswith("unclear_")]
    for first in row.problems[:1] or unclear[:1]:
        field = next((k for k, label in FIELD_LABELS.items() if label == first.column), "note")
        raise Invalid(field, first.message.removesuffix("; để trống"))
    return record


class AlreadyThere(BadgesError):
    """Someone with the same name (without diacritics) is already on the list: most
    often the very person, whom the desk should find rather than add again."""

    def __init__(self, people: list):
        shown = "; ".join(f"{p['name']} ({p['code']}, {p['unit'] or 'không ghi đơn vị'})"
                          for p in people[:3])
        super().__init__(f"Đã có trong danh sách: {shown}. Tìm người này thay vì thêm mới; "
                         "nếu đúng là người khác, bấm thêm lần nữa để xác nhận.")
        self.people = people


def add(db, fields: dict, same_name_ok: bool = False) -> dict:
    """A new delegate (a walk-in, a late registration) with the next free code and a
    badge issued: the delegate row (with `payload`, the badge's QR text). AlreadyThere
    when an active delegate has the same name, unless `same_name_ok`."""
    record = check(db, fields)
    with store.immediate(db):
        everyone = store.list_delegates(db, include_inactive=True)
        if not same_name_ok:
            wanted = fold_key(record["name"])
            twins = [d for d in everyone if d["active"] and fold_key(d["name"]) == wanted]
            if twins:
                raise AlreadyThere(twins)
        used = {d["code"] for d in everyone}
        record["code"] = next(free_codes(used))
        record["name_key"] = name_key(record)
        store.insert_delegate(db, record)
        delegate = store.delegate_by_code(db, record["code"])
        payload = codes.issue(db, delegate)
    return dict(delegate, payload=payload)


def edit(db, code: str, fields: dict, profile_fields: tuple = ()) -> tuple:
    """Change some of a delegate's fields, and of the profile those in `profile_fields`
    (the ones the caller may see); (before, after) of those that changed."""
    if not fields:
        raise Invalid("name", "không có gì để sửa")
    with store.immediate(db):
        current = _existing(db, code)
        merged = {key: _as_roster(current, key) for key in EDITABLE + profile_fields}
        merged.update(fields)
        record = check(db, merged)
        # only what this caller may edit: a desk edit must not empty the profile it does
        # not see (badges/profile.py, the offices' lists)
        editable = {STORED.get(k, k) for k in EDITABLE + profile_fields}
        changed = {k: record[k] for k in record
                   if k in editable and (current.get(k) or None) != (record[k] or None)}
        if changed:
            row = dict(current, **changed)
            row["name_key"] = name_key(row)
            store.update_delegate(db, current["id"], row)  # whole: its search text is remade
    return {k: current.get(k) for k in changed}, changed


def set_active(db, code: str, active: bool) -> tuple:
    """Withdraw a delegate (inactive: refused at the doors, out of the counts) or restore
    one; (before, after)."""
    with store.immediate(db):
        current = _existing(db, code)
        if bool(current["active"]) == active:
            raise BadgesError(f"đại biểu {current['code']} "
                              + ("đang có trong danh sách." if active else "đã rút trước đó."))
        store.update_delegate(db, current["id"], dict(current, active=int(active)))
    return {"active": bool(current["active"])}, {"active": active}


def _existing(db, code: str) -> dict:
    current = store.delegate_by_code(db, codes.normalise_code(code or ""))
    if current is None:
        raise NotFound(no_delegate(code))
    return current


def _as_roster(current: dict, key: str) -> str:
    """A stored field as a roster cell would give it."""
    value = current.get(STORED.get(key, key))
    return "" if value is None else str(value)
