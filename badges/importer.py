"""Applying a roster file to the event database, all or nothing.

Rows are matched to existing delegates by code, or (for rows without a code) by
name and unit, so that re-importing a corrected file updates people in place and
keeps their badge codes and check-ins. A field whose column the file does not have is
left as it was (a list without phone numbers does not erase them). Delegates absent
from the new file are listed, never deleted; with `add_only` (walk-ins, late
registrations) they are not even listed.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from . import codes, profile
from . import db as store
from .roster import read_roster
from .text import fold_key
from .validate import Problem, check_rows, head_not_delegate

COMPARED = ("name", "title", "unit", "delegation", "category_id", "phone", "email", "seat",
            "protocol_order", "is_head", *profile.FIELDS)
# the record's field each roster column fills
FIELD_OF = {"category": "category_id", "protocol": "protocol_order", "head": "is_head"}


@dataclass
class ImportReport:
    applied: bool = False
    created: list = field(default_factory=list)  # codes
    updated: list = field(default_factory=list)  # codes
    unchanged: int = 0
    missing: list = field(default_factory=list)  # (code, name) in the database, not in the file
    errors: list = field(default_factory=list)  # validate.Problem
    warnings: list = field(default_factory=list)  # validate.Problem
    rejects_path: Path | None = None


def name_key(record: dict) -> str:
    return fold_key(record["name"]) + "|" + fold_key(record.get("unit") or "")


def import_roster(db, path, sheet=None, skip_invalid=False, rejects_path=None,
                  add_only=False, within=None) -> ImportReport:
    """Apply a roster file all or nothing (the report says what, and why not).
    `within(db, report)`: called inside the write transaction once the roster is written
    (the caller's audit entry, committed with it); the file is read before it opens."""
    roster = read_roster(path, sheet)
    checked = check_rows(roster, store.list_categories(db))
    report = ImportReport(errors=checked.errors, warnings=checked.warnings)
    header_broken = any(p.reason == "bad_header" for p in checked.errors)
    if header_broken or (checked.errors and not skip_invalid):
        return report
    present = {FIELD_OF.get(c, c) for c in roster.columns}
    if roster.sections:
        present.add("category_id")
    with store.immediate(db):
        records = _placeable(db, checked)
        if checked.errors and not skip_invalid:
            return report  # nothing of it, as the file was refused
        _write(db, records, report, present)
        if within is not None:
            within(db, report)
    if checked.bad_rows:
        report.rejects_path = Path(rejects_path or Path(path).with_suffix(".rejects.csv"))
        write_rejects(report.rejects_path, roster, checked)
    if add_only:
        report.missing = []
    report.applied = True
    return report


def _placeable(db, checked) -> list:
    """The checked records that can be written: a new person in a file without a
    category column cannot be placed, an error found only against the roster."""
    held = {d["code"]: d for d in store.list_delegates(db, include_inactive=True)}
    names_held = store.delegates_by_name_key(db)
    others = {c["id"]: c["name"] for c in store.list_categories(db) if not c["is_delegate"]}
    records = []
    for number, record in checked.records:
        known = (record["code"] in held if record["code"]
                 else bool(names_held.get(name_key(record))))
        if record.get("category_id") is None and not known:
            checked.errors.append(Problem(number, "Thành phần", "thiếu thành phần (tệp không "
                                          "có cột Thành phần, và người này chưa có trong "
                                          "danh sách)", "missing_category"))
            checked.bad_rows.add(number)
            continue
        kept_as = (held.get(record["code"]) or {}).get("category_id")
        if record.get("is_head") and record.get("category_id") is None and kept_as in others:
            checked.errors.append(head_not_delegate(number, others[kept_as]))
            checked.bad_rows.add(number)  # a file without Thành phần: as the roster holds it
            continue
        records.append((number, record))
    return records


def _write(db, records, report, present):
    existing = {d["code"]: d for d in store.list_delegates(db, include_inactive=True)}
    by_name = store.delegates_by_name_key(db)
    by_id = {d["id"]: d for d in existing.values()}
    new_codes = free_codes(set(existing) | {r["code"] for _, r in records if r["code"]})
    seen_ids = set()
    for number, record in records:
        record["name_key"] = name_key(record)
        current = existing.get(record["code"]) if record["code"] else None
        if current is None and not record["code"]:
            candidates = [i for i in by_name.get(record["name_key"], []) if i not in seen_ids]
            current = by_id[candidates[0]] if candidates else None
        if current is None:
            record["code"] = record["code"] or next(new_codes)
            delegate_id = store.insert_delegate(db, record)
            codes.issue(db, dict(record, id=delegate_id, badge_version=1))
            report.created.append(record["code"])
            seen_ids.add(delegate_id)
            continue
        seen_ids.add(current["id"])
        record["code"] = current["code"]
        for key in COMPARED:  # a column the file lacks leaves its field as it was
            if key not in present:
                record[key] = current.get(key)
        changed = any((current.get(k) or None) != (record.get(k) or None) for k in COMPARED)
        if not current["active"]:  # withdrawn at the desk: a file never restores them
            report.warnings.append(kept_withdrawn(number, current))
        if changed:
            store.update_delegate(db, current["id"], dict(record, active=current["active"]))
            report.updated.append(record["code"])
        else:
            report.unchanged += 1
    report.missing = [(d["code"], d["name"]) for d in existing.values()
                      if d["id"] not in seen_ids and d["active"]]
    if "is_head" in present:  # the file names each delegation's head: another no longer is
        for _, record in records:
            if record.get("is_head"):
                held = store.delegate_by_code(db, record["code"])
                store.set_head(db, held["delegation"], held["id"])


def kept_withdrawn(number: int, current: dict) -> Problem:
    """The warning for a row naming someone the desk withdrew: kept withdrawn (only the
    desk, which knows why, restores them)."""
    return Problem(number, "", f"{current['name']} ({current['code']}) đã rút khỏi danh "
                   "sách tại bàn hỗ trợ: giữ nguyên là đã rút; khôi phục tại bàn hỗ trợ nếu "
                   "cần", "kept_withdrawn")


def free_codes(used: set):
    """DB0001, DB0002, … skipping the codes in `used`: one pass over the numbers for the
    whole import (20,000 new rows: 20,000 steps, not 200 million)."""
    number = 0
    while True:
        number += 1
        code = f"DB{number:04d}"
        if code not in used:
            yield code


def write_rejects(path: Path, roster, checked) -> None:
    """The rejected rows as they were, plus a column saying what is wrong with each."""
    messages = {}
    for problem in checked.errors:
        if problem.reason != "bad_header":
            messages.setdefault(problem.row, []).append(str(problem))
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Dòng", *roster.headers, "Lỗi"])
        for raw in roster.rows:
            if raw.number in messages:
                writer.writerow([raw.number, *raw.original, "; ".join(messages[raw.number])])
