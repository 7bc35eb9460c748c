"""Attendance exports: one row per summoned delegate, present or absent."""

import csv
import io
import re

from ..core import clock
from .tally import HONOURS_HEADER, HONOURS_KEYS

HEADERS = ["Mã đại biểu", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn", "Thành phần", "Ghế",
           "Trạng thái", "Giờ điểm danh", "Trạm", "Lý do vắng"]
WIDTHS = [12, 28, 26, 40, 30, 18, 9, 15, 17, 14, 30]


TIME_COLUMN = HEADERS.index("Giờ điểm danh")
# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, CSV
# injection): such text is written with a leading apostrophe, which Excel hides.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows(figures) -> list:
    """One row per delegate; the check-in time as a Hà Nội datetime (no zone), or None."""
    result = []
    for r in figures.rows:
        when = clock.parse(r["present_at"]).astimezone(clock.HANOI).replace(tzinfo=None) \
            if r["present_at"] else None
        state = "Có mặt" if r["present_at"] else (
            "Vắng có lý do" if r.get("absence_reason") else "Vắng")
        result.append([r["code"], r["name"], r["title"] or "", r["unit"] or "",
                       r["delegation"] or "", r["category"], r["seat"] or "", state, when,
                       r["present_station"] or "", r.get("absence_reason") or ""])
    return result


def inert(value: str) -> str:
    """Text that no spreadsheet will run: a would-be formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(figures, out) -> None:
    """UTF-8 with BOM, so Excel opens the Vietnamese correctly; no cell is a formula."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    for row in rows(figures):
        when = row[TIME_COLUMN]
        row[TIME_COLUMN] = when.strftime("%d/%m/%Y %H:%M") if when else ""
        writer.writerow([inert(cell) for cell in row])
    out.write(text.getvalue().encode("utf-8-sig"))


def write_xlsx(figures, out) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    # a sheet's name: at most 31 characters, none of []:*?/\ (a session's name may hold them)
    sheet.title = re.sub(r"[\[\]:*?/\\]", "-", figures.session["name"])[:31].strip("'") or "DS"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0D47A1")
    for row in rows(figures):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, "=…" included: never a formula
        if row[TIME_COLUMN]:
            sheet.cell(sheet.max_row, TIME_COLUMN + 1).number_format = "dd/mm/yyyy hh:mm"
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(65 + index)].width = width
    sheet.freeze_panes = "C2"  # header row and code + name stay in view
    sheet.auto_filter.ref = sheet.dimensions
    if figures.honours:  # the honours of the congress so far, per form
        honours = book.create_sheet("Khen thưởng")
        honours.append(HONOURS_HEADER)
        for cell in honours[1]:
            cell.font = Font(bold=True)
        for row in figures.honours:
            honours.append([row["award"]] + [row[k] for k in HONOURS_KEYS])
            honours.cell(honours.max_row, 1).data_type = "s"
        honours.column_dimensions["A"].width = 48
    if figures.composition:  # the composition of the delegates (reports/composition.py)
        _composition_sheet(book.create_sheet("Cơ cấu đại biểu"), figures.composition, Font)
    book.save(out)


def _composition_sheet(sheet, figures: dict, font) -> None:
    sheet.append(["Cơ cấu", "Triệu tập", "Tỷ lệ (%)", "Có mặt", "Tỷ lệ (%)"])
    for cell in sheet[1]:
        cell.font = font(bold=True)
    for group in figures["groups"]:
        sheet.append([group["title"]])
        sheet.cell(sheet.max_row, 1).font = font(bold=True)
        for line in group["lines"]:
            sheet.append([line["label"], line["summoned"],
                          _share(line["summoned"], figures["summoned"]), line["present"],
                          _share(line["present"], figures["present"])])
            sheet.cell(sheet.max_row, 1).data_type = "s"
    sheet.column_dimensions["A"].width = 40


def _share(part: int, whole: int):
    return round(100 * part / whole, 1) if whole else None


AUDIT_COLUMNS = ("seq", "at", "actor", "role", "action", "target", "before", "after", "note")


def write_audit_csv(rows: list, out) -> None:
    """The audit trail (rows newest first, as store.audit_entries gives them) as CSV in
    UTF-8 with BOM, oldest first, each row's hash last."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["STT", "Thời điểm (UTC)", "Người thực hiện", "Vai trò", "Thao tác",
                     "Đối tượng", "Trước", "Sau", "Ghi chú", "Mã băm"])
    for r in reversed(rows):  # a reason typed as "=HYPERLINK(…)" stays text in Excel
        writer.writerow([inert(str(r[k])) if r[k] is not None else "" for k in AUDIT_COLUMNS]
                        + [r["hash"]])
    out.write(("\ufeff" + text.getvalue()).encode("utf-8"))
