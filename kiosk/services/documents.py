"""The documents and souvenirs handed to the delegations (tài liệu, kỷ yếu, quà lưu
niệm; issue 31 item 4): the organisers define each item, per delegate or per delegation,
with the count prepared; the desk, or the delegation's head from their phone, marks what a
delegation received. Each action is one transaction with its audit entry; the CLI and
the web call the same functions.

What is due to a delegation: of an item per delegate, one for each of its members
summoned (its active delegates); of an item per delegation, one. Handing out more than
is still due to the delegation, or more than is left of what was prepared, is refused
(`TooMany`, 409) and nothing is written. No Flask here."""

import sqlite3

from badges.text import clean

from .. import db as store
from ..core import audit, clock
from ..core.refusal import Refusal
from ..reports import documents_roll
from . import lookups
from .errors import Invalid, Missing

PER = {"delegate": "Mỗi đại biểu", "delegation": "Mỗi đoàn"}
LABELS = {"count": "Số lượng", "per": "Phát theo", "name": "Tên", "received_by": "Người nhận"}
MAX_NAME = 200
MAX_COUNT = 100_000


class TooMany(Refusal):
    """More than is due to the delegation, or more than is left of what was prepared."""
    reason = "conflict"


def _count(value, field: str, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= MAX_COUNT:
        raise Invalid(f"{LABELS[field]} phải là số nguyên từ {least} đến {MAX_COUNT}.", field)
    return value


def _words(value, field: str, asked: str) -> str:
    if value is not None and not isinstance(value, str):
        raise Invalid(f"{LABELS[field]} phải là chữ.", field)
    value = clean(value or "")
    if not value:
        raise Invalid(asked, field)
    if len(value) > MAX_NAME:
        raise Invalid(f"{LABELS[field]} dài quá {MAX_NAME} ký tự.", field)
    return value


def add_item(db, name, per, prepared, by: tuple) -> dict:
    """A new item: its name, 'delegate' or 'delegation', how many were prepared."""
    name = _words(name, "name", "Ghi tên tài liệu hoặc quà (ví dụ: Kỷ yếu Đại hội).")
    if per not in PER:
        raise Invalid("Phát theo: chọn 'delegate' (mỗi đại biểu) hoặc 'delegation' (mỗi "
                      "đoàn).", "per")
    prepared = _count(prepared, "count", 0)
    with store.immediate(db):
        same = [i["name"] for i in store.document_items(db)
                if clean(i["name"]).casefold() == name.casefold()]
        if same:  # "cờ lưu niệm" beside "Cờ lưu niệm" is the same item
            raise Invalid(f"Đã có mục '{same[0]}' (trùng với '{name}').", "name")
        try:
            item_id = store.add_document_item(db, name, per, prepared, by[0])
        except sqlite3.IntegrityError:
            raise Invalid(f"Đã có mục '{name}'.", "name") from None
        audit.record(db, *by, "documents.add", name, None, {"per": PER[per],
                                                             "prepared": prepared})
    return {"id": item_id, "name": name, "per": per, "prepared": prepared}


def _due(db) -> dict:
    """delegation -> its members summoned, for every delegation that has a head."""
    sizes = store.delegation_sizes(db)
    return {d: sizes.get(d, 0) for d in lookups.delegations(db)}


def _owed(item, members: int) -> int:
    return members if item["per"] == "delegate" else 1


def received(receivers: list) -> str | None:
    """Who received, each name once: "Nguyễn Văn A" alone, or "A (9), B (1)"."""
    if not receivers:
        return None
    if len(receivers) == 1:
        return receivers[0][0]
    return ", ".join(f"{name} ({count})" for name, count in receivers)


def items(db) -> list:
    """Every item with its figures: prepared, due (to every delegation), handed out, what
    remains to hand out (what each delegation still lacks, never netted against what
    another received beyond its due), and "over": handed beyond what is now due (a member
    withdrawn after the handing)."""
    with store.reading(db):
        due, made, handed = _due(db), store.document_items(db), store.handed_documents(db)
    shown = []
    for item in made:
        owed = {d: _owed(item, n) for d, n in due.items()}
        got = {d: r["count"] for (i, d), r in handed.items() if i == item["id"]}
        total = sum(owed.values())
        shown.append({"id": item["id"], "name": item["name"], "per": item["per"],
                      "per_label": PER[item["per"]], "prepared": item["prepared"],
                      "due": total, "handed": item["handed"],
                      "remaining": sum(max(o - got.get(d, 0), 0) for d, o in owed.items()),
                      "over": sum(max(g - owed.get(d, 0), 0) for d, g in got.items()),
                      "short": max(total - item["prepared"], 0)})
    return shown


def of_delegation(db, delegation: str) -> list:
    """What a delegation is to receive of each item: due, received, by whom (each name
    once), what it still lacks ("remaining") and what it received beyond its due now
    ("over")."""
    with store.reading(db):
        members = _due(db).get(delegation, 0)
        made, handed = store.document_items(db), store.handed_documents(db, delegation)
    shown = []
    for item in made:
        got = handed.get((item["id"], delegation)) or {}
        owed, count = _owed(item, members), got.get("count", 0)
        shown.append({"id": item["id"], "name": item["name"], "per": item["per"],
                      "per_label": PER[item["per"]], "due": owed, "handed": count,
                      "remaining": max(owed - count, 0), "over": max(count - owed, 0),
                      "received_by": received(got.get("receivers"))})
    return shown


def hand_out(db, item_id, delegation, count, received_by, by: tuple) -> dict:
    """`count` of an item handed to a delegation (None: all that is still due), received
    by `received_by`. Refused, nothing written, beyond what is due or prepared."""
    if not isinstance(delegation, str) or not delegation.strip():
        raise Invalid("Chọn đoàn nhận.", "delegation")
    delegation = clean(delegation)  # NFC, spaces collapsed: as the roster keeps it
    received_by = _words(received_by, "received_by", "Ghi họ tên người nhận.")
    if count is not None:
        count = _count(count, "count", 1)
    with store.immediate(db):
        item = store.document_item(db, item_id)
        if item is None:
            raise Missing(f"Không có mục tài liệu, quà số {item_id}.")
        due = _due(db)
        if delegation not in due:
            raise Missing(f"Không có đoàn '{delegation}' trong danh sách.")
        owed = _owed(item, due[delegation])
        got = (store.handed_documents(db, delegation).get((item["id"], delegation))
               or {}).get("count", 0)
        count = owed - got if count is None else count
        if got >= owed:
            raise TooMany(f"{delegation} đã nhận đủ {owed} {item['name']}.", "count")
        if got + count > owed:
            raise TooMany(f"{delegation} chỉ còn được nhận {owed - got} {item['name']} "
                          f"(phải nhận {owed}, đã nhận {got}); không phát được {count}.",
                          "count")
        handed = sum(r["count"] for r in store.handed_documents(db).values()
                     if r["item_id"] == item["id"])
        if handed + count > item["prepared"]:
            raise TooMany(f"Chỉ còn {item['prepared'] - handed} {item['name']} trong số "
                          f"{item['prepared']} đã chuẩn bị; không phát được {count}.", "count")
        store.hand_documents(db, item["id"], delegation, count, received_by, by)
        audit.record(db, *by, "documents.handed", delegation, None,
                     {"item": item["name"], "count": count, "received_by": received_by})
    return {"item": item["id"], "name": item["name"], "delegation": delegation,
            "count": count, "handed": got + count, "due": owed, "received_by": received_by}


def handouts(db, delegation) -> list:
    """Each handing to a delegation, newest first (the desk takes back one marked by
    mistake); refused for a delegation not on the roster."""
    if not isinstance(delegation, str) or clean(delegation) not in _due(db):
        raise Missing(f"Không có đoàn '{delegation}' trong danh sách.", "delegation")
    return [dict(r, time=clock.local_hm(r["handed_at"]))
            for r in store.handouts(db, clean(delegation))]


def take_back(db, handout_id: int, reason, by: tuple) -> dict:
    """A handing marked by mistake removed, with its reason, in the audit trail as it was:
    what remains to hand out grows back."""
    if not isinstance(reason, str) or not clean(reason):
        raise Invalid("Ghi lý do hủy (ví dụ: bấm nhầm đoàn).", "reason")
    with store.immediate(db):
        row = store.take_back_handout(db, handout_id)
        if row is None:
            raise Missing(f"Không có lượt phát số {handout_id}.")
        audit.record(db, *by, "documents.undo", row["delegation"],
                     {"item": row["item"], "count": row["count"],
                      "received_by": row["received_by"]}, None, clean(reason)[:200])
    return {"undone": handout_id, "delegation": row["delegation"], "item": row["item"],
            "count": row["count"]}


def rolls(db, delegation: str | None = None) -> dict:
    """{delegation: of_delegation()} for every delegation in the official order (or the
    one asked; Missing when it has no place on the roster)."""
    wanted = lookups.delegations(db)
    if delegation is not None:
        if delegation not in wanted:
            raise Missing(f"Không có đoàn '{delegation}' trong danh sách.")
        wanted = [delegation]
    return {d: of_delegation(db, d) for d in wanted}


def write_roll(db, out, delegation: str | None = None) -> int:
    """The roll (reports/documents_roll.py) written to `out`; how many delegations."""
    made = rolls(db, delegation)
    documents_roll.write_pdf(out, store.get_settings(db), made, clock.utcnow())
    return len(made)
