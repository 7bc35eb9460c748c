"""The handover rolls: the awards not handed on stage, per delegation, for its head to
receive and sign for after the ceremony. A4, Tinos, a delegation a page, "Trang x/y" at
the foot. No Flask here.

Within a delegation the rows are grouped by form, the forms in the ceremony's order
(badges/awards.py ordered_forms: the organisers' order, else the law's), each form a
heading row, numbered on through the roll. A collective's award reads who receives it
as "Đại diện … lên nhận". Every cell is whole: the columns take the width their longest
word needs (the "STT" header, a decision number such as "601/QĐ-BHXH"), and a number
too long for its column is set smaller until it fits, never broken (reportlab splits a
word wider than its cell: "601/QĐ-BH / XH", "ST / T" before)."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table, TableStyle

from badges import awards as honours_list

from .pages import FACES, delegation_rolls, text

PAGE = A4[0] - 35 * mm  # left 20 mm, right 15 mm
PAD = 4  # points each side of a cell's text
SIZE, SMALLEST = 11.5, 7.0
HEADER = ["STT", "Tập thể, cá nhân được khen thưởng", "Số, ngày quyết định", "Người nhận",
          "Ký nhận"]
BLANK = "……………………"


def write_pdf(out, event: dict, rolls: dict, at) -> None:
    """`rolls`: services.handover.handover_rolls(); `event`: the event's settings (its
    name, and "award_order"); `at`: when it is printed (aware)."""
    order = event.get("award_order")
    delegation_rolls(out, event, rolls, at, "Danh sách bàn giao khen thưởng",
                     lambda awards, s: _roll(by_form(awards, order), s),
                     "Mọi khen thưởng đã được trao trên sân khấu.")


def by_form(awards: list, custom: list | None = None) -> list:
    """[(form, [awards])], the forms in the ceremony's order, each form's awards in the
    order they came."""
    groups = {}
    for award in awards:
        groups.setdefault(honours_list.form_key(award["form"]), []).append(award)
    return [(form, groups[honours_list.form_key(form)]) for form in
            honours_list.ordered_forms([a["form"] for a in awards], custom)]


def cells(award: dict) -> list:
    """One award's row after its number: who is honoured, the decision (its number on a
    line of its own), who receives."""
    received = (award.get("handover") or {}).get("received_by") or ""
    if award["collective"]:
        honoured = award["collective"]
        receiver = f"Đại diện {award['collective']} lên nhận: {received or BLANK}"
    else:
        honoured = ", ".join(x for x in (award["name"], award["unit"]) if x)
        receiver = received
    decided = [award.get("decision") or "", f"ngày {award['decided_on']}"
               if award.get("decided_on") else ""]
    return [honoured, [line for line in decided if line], receiver]


def _roll(groups: list, s) -> Table:
    rows = [[(h, True) for h in HEADER]]
    spans = []
    number = 0
    for form, awards in groups:
        spans.append(len(rows))
        rows.append([(form, True)] + [("", False)] * (len(HEADER) - 1))
        for award in awards:
            number += 1
            honoured, decided, receiver = cells(award)
            rows.append([(str(number), False), (honoured, False), (decided, False),
                         (receiver, False), ("", False)])
    widths = _widths(rows, spans)
    table = Table([[_cell(value, bold, widths[c] if r not in spans else PAGE, s)
                    for c, (value, bold) in enumerate(row)] for r, row in enumerate(rows)],
                  colWidths=widths, repeatRows=1)
    style = [("GRID", (0, 0), (-1, -1), 0.4, "#555555"),
             ("BACKGROUND", (0, 0), (-1, 0), "#E8E8E8"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD)]
    for r in spans:
        style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), "#F4F4F4")]
    table.setStyle(TableStyle(style))
    return table


def _widths(rows: list, spans: list) -> list:
    """Column widths: STT as wide as its longest word; the decision too, within 30 to
    42 mm, and never narrower than its longest number at the smallest size (a longer
    one is set smaller, _cell); "Ký nhận" and "Người nhận" fixed; the rest to who is
    honoured."""
    def widest(column, size=SIZE):
        words = [w for r, row in enumerate(rows) if r not in spans
                 for w in _words(row[column][0])]
        return max(stringWidth(w, FACES["bold"], size) for w in words) + 2 * PAD + 1
    stt = widest(0)
    decision = max(min(max(widest(2), 30 * mm), 42 * mm), widest(2, SMALLEST))
    sign, receiver = 22 * mm, 38 * mm
    return [stt, PAGE - stt - decision - sign - receiver, decision, receiver, sign]


def _words(value) -> list:
    lines = value if isinstance(value, list) else [value]
    return [w for line in lines for w in str(line).split()]


def _cell(value, bold: bool, width: float, s) -> list | Paragraph:
    """A cell's text, each line (a decision's number, its date) a paragraph set small
    enough that no word of it is wider than the cell."""
    lines = value if isinstance(value, list) else [value]
    face = FACES["bold"] if bold else FACES["regular"]
    made = []
    for line in lines:
        size = SIZE
        room = width - 2 * PAD - 1
        while size > SMALLEST and any(stringWidth(w, face, size) > room
                                      for w in str(line).split()):
            size -= 0.5
        style = ParagraphStyle(f"cell{size}{bold}", parent=s["cell"], fontName=face,
                               fontSize=size, leading=size * 1.22)
        made.append(Paragraph(text(line), style))
    return made if isinstance(value, list) else made[0]
