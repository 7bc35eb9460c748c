"""The honours list (danh sách khen thưởng) as the emulation office makes it: who receives
which award at the congress, and the order in which the forms are handed.

A row is an individual (a delegate, by "Mã đại biểu" or by a name and unit that match one
delegate only) or a collective ("Tên tập thể") with the delegate who receives for it
(the "Mã đại biểu" of its representative). The file is read with the roster's tolerance
(title rows, a header over two rows, section rows that can carry the form, blank lines,
a signature footer) and applied all or nothing: every problem names its row, and a
recipient who is not a delegate is reported, never guessed (badges/recipients.py).
Imported again, the list keeps the decisions taken on the awards still on it and refuses
to lose the record of one already handed (badges/relist.py); each import is audited.

The order of the forms, highest first, is the law's (badges/forms.py says which articles):
by who decides them (the President, the Government, the sector, the unit), titles before
forms within a level, the forms in the order Điều 9 of the Luật Thi đua, khen thưởng
06/2022/QH15 lists them. A form the law's list does not know is named by the import (its
row) and ranked after the others; organisers can set another order (settings
"award_order"), which comes first.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import db as store
from . import forms, recipients, relist
from .roster import Columns, read_table
from .text import clean

COLUMNS = Columns({
    "stt": ["STT", "Số thứ tự", "TT"],
    "form": ["Hình thức khen thưởng", "Hình thức", "Danh hiệu", "Hình thức/Danh hiệu",
             "Khen thưởng", "award"],
    "decision": ["Số quyết định", "Số QĐ", "Quyết định", "decision"],
    "decided_on": ["Ngày quyết định", "Ngày QĐ", "Ngày ký", "decision date"],
    "code": ["Mã đại biểu", "Mã ĐB", "Mã", "Mã đại biểu nhận", "code"],
    "name": ["Họ và tên", "Họ tên", "name"],
    "title": ["Chức vụ", "title"],
    "unit": ["Đơn vị", "Cơ quan", "Đơn vị công tác", "unit"],
    "collective": ["Tên tập thể", "Tập thể", "collective"],
    "note": ["Ghi chú", "note"],
}, anchors=("form", "name", "collective"))

def form_key(name: str) -> str:
    """A form's name compared without case, diacritics, quotes, spaces or a leading
    "Danh hiệu", and with the grade in words ("hạng III" and "hạng Ba" are one form)."""
    return forms.words(name).replace(" ", "")


# Names written with capitals inside a form's name, for a form given in capitals only
# (a section row "CỜ THI ĐUA CỦA BẢO HIỂM XÃ HỘI VIỆT NAM")
PROPER = ["Thủ tướng Chính phủ", "Chính phủ", "Việt Nam", "Bảo hiểm xã hội", "Tổng Giám đốc",
          "Bộ trưởng", "Hồ Chí Minh", "Tổ quốc", "Ủy ban nhân dân", "Tổng Liên đoàn Lao động",
          "BHXH", "BHYT", "BHTN", "UBND", "HĐND"]


def canonical(form: str) -> str:
    """A form the law names, spelt as the law spells it ("HUÂN CHƯƠNG LAO ĐỘNG HẠNG III"
    in a section row, or "Danh hiệu Anh hùng Lao động", is "Huân chương Lao động hạng Ba",
    "Anh hùng Lao động"); another written in capitals only, in sentence case with the
    names in it capitalised; any other as written."""
    named = forms.classify(form).name  # the list's own words when the law names no such
    if named != form:
        return named
    if form != form.upper() or not any(c.isalpha() for c in form):
        return form
    text = form.lower()
    text = text[:1].upper() + text[1:]
    for name in PROPER:
        text = re.sub(rf"\b{re.escape(name.lower())}\b", name, text)
    return text


def rank(form: str, custom: list | None = None) -> tuple:
    """Where a form goes in the ceremony, as a sort key (lower first). `custom`: the
    organisers' order (form names), which comes before the law's."""
    key = form_key(form)
    if custom:
        keys = [form_key(n) for n in custom]
        if key in keys:
            return (0, keys.index(key))
    known = forms.classify(form)
    return (1, known.position) if known.known else (2, 0)


@dataclass
class Problem:
    row: int
    message: str

    def __str__(self) -> str:
        return f"dòng {self.row}: {self.message}"


@dataclass
class AwardsReport:
    applied: bool = False
    awards: list = field(default_factory=list)  # the rows kept, as stored
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    forms: list = field(default_factory=list)  # the forms, in ceremony order
    kept: int = 0  # awards already held, kept with their decisions
    removed: int = 0  # held awards the new list left out


def import_awards(db, path, sheet=None, by: tuple | None = None) -> AwardsReport:
    """Read an honours list and, when every row is good, replace the event's list with
    it (one transaction, with its audit entry). The decisions already taken on an award
    still on the list (its proxy or "kept", its hand on stage, its handover) stay with
    it; a list that leaves out an award already handed on stage or handed over is
    refused, nothing changed. The report says what was kept, or every problem.
    `by`: (actor, role) for the audit trail; default: the user at this terminal."""
    table = read_table(path, COLUMNS, sheet, "một danh sách khen thưởng")
    report = AwardsReport()
    report.errors += [Problem(table.rows[0].number if table.rows else 1, message)
                      for _, message in table.header_errors]
    if report.errors:
        return report
    if not table.rows:
        report.errors.append(Problem(1, "danh sách không có dòng nào"))
        return report
    delegates = store.list_delegates(db)
    by_code = {d["code"]: d for d in delegates}
    by_name = {}
    for d in delegates:
        by_name.setdefault(recipients.name_key(d["name"]), []).append(d)
    for row in table.rows:
        award = _award(row, by_code, by_name, report)
        if award is not None:
            report.awards.append(award)
    if report.errors:
        report.awards = []
        return report
    custom = store.get_settings(db).get("award_order") or []
    report.forms = ordered_forms([a["form"] for a in report.awards], custom)
    report.warnings += _unranked(report.awards, custom)
    with store.immediate(db):
        _apply(db, report, Path(path).name, by or relist.terminal())
    return report


def _apply(db, report: AwardsReport, shown_name: str, by: tuple) -> None:
    """Inside the import's transaction: the new list written over the held one, its
    awards continuing theirs, and audited; or refused (report.errors), nothing written."""
    held = store.held_awards(db)
    report.errors += relist.matched(report.awards, held, store.decisions(db))
    if report.errors:
        report.awards = []
        return
    store.replace_awards(db, report.awards)
    report.kept = sum(1 for a in report.awards if a.get("id") is not None)
    report.removed = len(held) - report.kept
    store.record_audit(db, store.now_iso(), *by, "awards.import", {"awards": len(held)},
                       {"awards": len(report.awards), "kept": report.kept,
                        "added": len(report.awards) - report.kept,
                        "removed": report.removed}, shown_name)
    report.applied = True


def _unranked(awards: list, custom: list) -> list:
    """A form neither the law's list nor the organisers' order knows, named once with the
    first row that gives it: it would otherwise sink below the Giấy khen unnoticed."""
    placed = {form_key(name) for name in custom}
    first = {}
    for award in awards:
        key = form_key(award["form"])
        if key not in placed and not forms.classify(award["form"]).known:
            first.setdefault(key, award)
    return [Problem(a["row"], f"hình thức '{a['form']}' không có trong thứ bậc của Luật Thi "
                    "đua, khen thưởng: tạm xếp sau mọi hình thức khác; đặt thứ tự trao ở trang "
                    "Thiết lập (Lễ trao khen thưởng) nếu cần") for a in first.values()]


def ordered_forms(forms: list, custom: list | None = None) -> list:
    """The distinct forms (first spelling kept), in ceremony order; forms no order knows
    keep the order the list first names them."""
    first = {}
    for position, name in enumerate(forms):
        first.setdefault(form_key(name), (position, name))
    return [name for key, (position, name) in
            sorted(first.items(), key=lambda item: (rank(item[1][1], custom), item[1][0]))]


def _award(row, by_code, by_name, report) -> dict | None:
    values = row.values
    form = canonical(clean(values.get("form") or row.section))
    problems = [] if form else ["thiếu hình thức khen thưởng"]
    who = recipients.recipient(values, by_code, by_name, problems)
    decided_on = recipients.decision_date(values.get("decided_on"), problems)
    if problems:
        report.errors += [Problem(row.number, p) for p in problems]
        return None
    return {"row": row.number, "form": form, "decision": decision_number(values.get("decision")),
            "decided_on": decided_on, "delegate_id": who["id"],
            "collective": clean(values.get("collective")) or None,
            "note": clean(values.get("note")) or None}


def decision_number(value) -> str:
    """A decision's number as the script and the reports say it after "Quyết định số":
    a cell typed "Quyết định số 601/QĐ-CTN" or "QĐ số: 601/QĐ-CTN" is "601/QĐ-CTN" (the
    MC read "Quyết định số Quyết định số …")."""
    return re.sub(r"^(quyết định|qđ)\s*(số)?\s*:?\s*", "", clean(value), flags=re.IGNORECASE)


def awards_of(db) -> list:
    """The honours list as stored, with each row's walking delegate."""
    return store.awards(db)
