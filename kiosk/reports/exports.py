"""Attendance exports: one row per summoned delegate, present or absent."""

import csv
import io

from ..core import clock

HEADERS = ["Mã đại biểu", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn", "Thành phần", "Ghế",
           "Trạng thái", "Giờ điểm danh", "Trạm"]
WIDTHS = [12, 28, 26, 40, 30, 18, 9, 11, 17, 14]


def rows(figures) -> list:
    result = []
    for r in figures.rows:
        when = clock.parse(r["present_at"]).astimezone(clock.HANOI).strftime(
            "%d/%m/%Y %H:%M") if r["present_at"] else ""
        result.append([r["code"], r["name"], r["title"] or "", r["unit"] or "",
                       r["delegation"] or "", r["category"], r["seat"] or "",
                       "Có mặt" if r["present_at"] else "Vắng", when,
                       r["present_station"] or ""])
    return result


def write_csv(figures, out) -> None:
    """UTF-8 with BOM, so Excel opens the Vietnamese correctly."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    writer.writerows(rows(figures))
    out.write(text.getvalue().encode("utf-8-sig"))


def write_xlsx(figures, out) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = figures.session["name"][:31]
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0D47A1")
    for row in rows(figures):
        sheet.append(row)
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(65 + index)].width = width
    sheet.freeze_panes = "C2"  # header row and code + name stay in view
    sheet.auto_filter.ref = sheet.dimensions
    book.save(out)
