"""The roll of documents and souvenirs (tài liệu, kỷ yếu, quà lưu niệm) per delegation,
for whoever receives them to sign: A4, Tinos, a delegation a page, "Trang x/y" at the
foot, as the handover roll of awards is printed (reports/handover.py). Each row: the item,
how many the delegation is to receive (per delegate or per delegation), how many it has
received, who received them, and a column to sign. No Flask here."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from .pages import FACES, delegation_rolls, text

PAGE = A4[0] - 35 * mm  # left 20 mm, right 15 mm
HEADER = ["STT", "Tài liệu, quà lưu niệm", "Số lượng", "Đã nhận", "Người nhận", "Ký nhận"]
WIDTHS = [12 * mm, None, 20 * mm, 20 * mm, 38 * mm, 25 * mm]  # "Đã nhận" on one line


def write_pdf(out, event: dict, rolls: dict, at) -> None:
    """`rolls`: {delegation: [{"name", "per_label", "due", "handed", "over",
    "received_by"}]} in the official order; `event`: the event's settings (its name);
    `at`: when printed."""
    delegation_rolls(out, event, rolls, at, "Danh sách nhận tài liệu, kỷ yếu, quà lưu niệm",
                     _roll, "Chưa có tài liệu, quà lưu niệm nào được khai báo.")


def _handed(item: dict) -> str:
    """How many were received, and when more than is due now (a member withdrawn since),
    how many more, said."""
    over = item.get("over", 0)
    return f"{item['handed']}<br/><i>(thừa {over} so với số phải nhận)</i>" if over \
        else str(item["handed"])


def _roll(items: list, s) -> Table:
    cell = s["cell"]
    head = [Paragraph(f"<b>{h}</b>", cell) for h in HEADER]
    rows = [head]
    for number, item in enumerate(items, 1):
        rows.append([Paragraph(str(number), cell),
                     Paragraph(f"{text(item['name'])}<br/><i>({text(item['per_label'])})</i>",
                               cell),
                     Paragraph(str(item["due"]), cell),
                     Paragraph(_handed(item), cell),
                     Paragraph(text(item.get("received_by") or ""), cell), ""])
    widths = list(WIDTHS)
    widths[1] = PAGE - sum(w for w in WIDTHS if w)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, "#555555"), ("BACKGROUND", (0, 0), (-1, 0), "#E8E8E8"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FACES["regular"])]))
    return table
