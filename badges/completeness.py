"""What the roster still lacks, unit by unit, before the day: for each sending unit (the
delegation, as the offices send their lists), which delegates lack which of the fields
the badge (everyone's), the credentials report and the composition (the delegates')
need, as a workbook with one
sheet per unit that the organisers send back to be filled in (and re-import: a list
with only these columns updates only them).

A distinction (danh hiệu) is never a gap: most people have none. An empty cell in the
other profile columns is "not stated" (badges/profile.py), which the committee cannot
count, so it is one.
"""

import re
from dataclasses import dataclass

from . import db as store
from .profile import LABELS as PROFILE_LABELS
from .roster import FIELD_LABELS
from .text import vietnamese_key

# field -> (its column in a roster, what needs it); the report and the composition count
# the delegates only (their categories' is_delegate), the badge is everyone's
NEEDED = {
    "title": (FIELD_LABELS["title"], "thẻ"),
    "unit": (FIELD_LABELS["unit"], "thẻ"),
    "delegation": (FIELD_LABELS["delegation"], "báo cáo"),
    **{f: (PROFILE_LABELS[f], "cơ cấu")
       for f in ("gender", "birth_year", "ethnicity", "party", "education")},
}
EVERYONE = ("title", "unit")
NO_DELEGATION = "(Chưa có đoàn)"
SHEET_NAME_MAX = 31  # what a spreadsheet allows


@dataclass
class Gap:
    unit: str  # the sending unit: the delegation, or the unit when there is none
    code: str
    name: str
    missing: list  # fields, in NEEDED's order


def gaps(db) -> list:
    """Every active delegate who lacks a needed field, by unit (Vietnamese order) then in
    roster order."""
    found = []
    counted = {c["id"] for c in store.list_categories(db) if c["is_delegate"]}
    for d in store.list_delegates(db):
        needed = NEEDED if d["category_id"] in counted else EVERYONE
        missing = [f for f in needed if d.get(f) is None or str(d.get(f)).strip() == ""]
        if missing:
            found.append(Gap(d["delegation"] or d["unit"] or NO_DELEGATION, d["code"],
                             d["name"], missing))
    return sorted(found, key=lambda g: vietnamese_key(g.unit))


def by_unit(found: list) -> dict:
    units = {}
    for gap in found:
        units.setdefault(gap.unit, []).append(gap)
    return units


def write_xlsx(found: list, path) -> None:
    """A summary sheet, then a sheet per unit: the code and name of each delegate with a
    gap, an empty cell under each column they lack (to be filled in), and what needs it."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Tổng hợp"
    summary.append(["Đơn vị gửi danh sách", "Số đại biểu còn thiếu thông tin",
                    *(NEEDED[f][0] for f in NEEDED)])
    names = set()
    for unit, people in by_unit(found).items():
        summary.append([unit, len(people),
                        *(sum(1 for g in people if f in g.missing) for f in NEEDED)])
        sheet = book.create_sheet(_sheet_name(unit, names))
        fields = [f for f in NEEDED if any(f in g.missing for g in people)]
        sheet.append([f"Đơn vị: {unit} — đề nghị bổ sung các ô còn trống và gửi lại Ban "
                      "Tổ chức"])
        sheet.append(["STT", "Mã đại biểu", "Họ và tên", *(NEEDED[f][0] for f in fields),
                      "Còn thiếu"])
        to_fill = PatternFill("solid", fgColor="FFF3C4")
        for number, gap in enumerate(people, 1):
            sheet.append([number, gap.code, gap.name,
                          *("" if f in gap.missing else "—" for f in fields),
                          "; ".join(f"{NEEDED[f][0]} ({NEEDED[f][1]})" for f in gap.missing)])
            for column, f in enumerate(fields, 4):
                if f in gap.missing:
                    sheet.cell(sheet.max_row, column).fill = to_fill
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["C"].width = 28
    for cell in summary[1]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 40
    book.save(path)


def _sheet_name(unit: str, taken: set) -> str:
    """A sheet name from the unit's: no []:*?/\\, at most 31 characters, unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", unit).strip()[:SHEET_NAME_MAX] or "Đơn vị"
    name, number = base, 1
    while name.casefold() in taken:
        number += 1
        suffix = f" ({number})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(name.casefold())
    return name
