"""The paper signing roll (danh sách ký tên), for when everything else fails: one part
per delegation, each delegate with number, name, title, unit, seat and a box to sign
in, those already present marked with the time they came. Landscape A4, in the
credentials report's face and conventions. No Flask here.

A signed roll comes back to the help desk, which ticks the names it holds on the
back-entry page (method `paper`, the time as written on the paper and the time entered).
"""

from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from badges.text import person_key, vietnamese_key

from .. import db as store
from ..core import clock
from .pages import FACES, numbered, register, styles, text

WIDTHS = [12 * mm, 55 * mm, 48 * mm, 70 * mm, 20 * mm, 62 * mm]


def write_pdf(db, figures, out, delegation: str | None = None,
              as_of: datetime | None = None) -> int:
    """The roll of the session in `figures` (reports/tally.py), one part per delegation
    (or only `delegation`); the number of people on it."""
    register()
    s = styles()
    event = store.get_settings(db)
    as_of = (as_of or clock.utcnow()).astimezone(clock.HANOI)
    groups = {}
    for row in figures.rows:
        groups.setdefault(row["delegation"] or "(Chưa có đoàn)", []).append(row)
    names = sorted(groups, key=vietnamese_key)  # delegations: as written, not by a last word
    if delegation is not None:
        names = [n for n in names if n == delegation]
    story, people = [], 0
    for number, name in enumerate(names):
        if number:
            story.append(PageBreak())
        rows = sorted(groups[name], key=lambda r: person_key(r["name"]))
        people += len(rows)
        story += [Paragraph(text(event["name"]), s["centre_bold"]),
                  Paragraph("DANH SÁCH ĐẠI BIỂU KÝ TÊN", s["title"]),
                  Paragraph(f"{text(figures.session['name'])} — {text(name)}", s["centre"]),
                  Paragraph(f"<i>In lúc {as_of:%H} giờ {as_of:%M}, ngày {as_of:%d/%m/%Y}; "
                            "người đã điểm danh được ghi sẵn giờ đến.</i>", s["centre"]),
                  Spacer(1, 4 * mm)]
        data = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Ghế", "Ký tên"]]
        for index, r in enumerate(rows, start=1):
            came = (f"Đã điểm danh {clock.local_hm(r['present_at'])}"
                    if r["present_at"] else "")
            data.append([index] + [Paragraph(text(v), s["cell"]) for v in (
                r["name"], r["title"], r["unit"], r["seat"])] + [Paragraph(came, s["cell"])])
        table = Table(data, colWidths=WIDTHS, repeatRows=1,
                      rowHeights=[None] + [13 * mm] * len(rows))
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("FONTNAME", (0, 0), (-1, 0), FACES["bold"]),
            ("FONTNAME", (0, 1), (0, -1), FACES["regular"]),
            ("FONTSIZE", (0, 0), (-1, -1), 11.5),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8F0")),
        ]))
        story.append(table)
    if not story:
        story.append(Paragraph("Không có đại biểu nào được triệu tập trong đoàn này.",
                               s["base"]))
    doc = SimpleDocTemplate(out, pagesize=landscape(A4), leftMargin=20 * mm,
                            rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
                            title=f"Danh sách ký tên - {figures.session['name']}")
    doc.build(story, canvasmaker=numbered(FACES["regular"]))  # "Trang x/y" on every page
    return people
