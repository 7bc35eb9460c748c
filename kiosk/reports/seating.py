"""The seat chart of a session: the whole hall, front to back, each seat with the name of
who sits there and whether they are in (checked in). As a plain layout (the ushers'
screen, /hall) and as a PDF for A3 paper: the stage at the top, a line per row, the seat
numbers from the stage's right (seat 1) as the ushers see the hall from the back. No
Flask here."""

from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from badges.render.badge import fit_lines

from .official import cut_off
from .pages import FACES, register

# a seat's state in a session
PRESENT, EXPECTED, NOT_SUMMONED, EMPTY = "present", "expected", "not_summoned", "empty"
LEGEND = {PRESENT: "Đã vào (đã điểm danh)", EXPECTED: "Chưa đến",
          NOT_SUMMONED: "Không dự phiên này", EMPTY: "Ghế trống"}
FILL = {PRESENT: "#C8E6C9", EXPECTED: "#FFFFFF", NOT_SUMMONED: "#E0E0E0", EMPTY: "#FFFFFF"}


def layout(chart: list, session: dict) -> dict:
    """`chart`: store.hall_chart(); the rows of the hall, each {"label" (zone and row),
    "zone", "seats": [{"label", "number", "code", "name", "delegation", "state",
    "color"}]}, and the counts {"seats", "taken", "present", "expected"}."""
    summoned = session.get("categories")
    rows, seen = {}, set()
    for r in chart:
        if r["label"] in seen:  # set by hand for two people: the first is shown
            continue
        seen.add(r["label"])
        if r["code"] is None:
            state = EMPTY
        elif summoned is not None and r["category_id"] not in summoned:
            state = NOT_SUMMONED
        else:
            state = PRESENT if r["present_at"] else EXPECTED
        line = rows.setdefault(r["row_position"], {"label": f"{r['zone']}{r['row']:02d}",
                                                   "zone": r["zone"], "seats": []})
        line["seats"].append({"label": r["label"], "number": r["number"], "code": r["code"],
                              "name": r["name"], "delegation": r["delegation"],
                              "state": state, "color": r["category_color"]})
    seats = [s for line in rows.values() for s in line["seats"]]
    return {"rows": [rows[k] for k in sorted(rows)],
            "counts": {"seats": len(seats),
                       "taken": sum(1 for s in seats if s["state"] != EMPTY),
                       "present": sum(1 for s in seats if s["state"] == PRESENT),
                       "expected": sum(1 for s in seats if s["state"] in (PRESENT, EXPECTED))}}


MARGIN = 10 * mm
ROW_LABEL = 12 * mm
HEAD = 30 * mm  # title, counts and the stage
FOOT = 10 * mm  # the legend
GAP = 1 * mm


def write_pdf(out, event: dict, session: dict, chart: dict, at) -> None:
    """The chart on A3, landscape or portrait, whichever gives the seats more room; rows
    carried to a next page when the hall is too deep for one."""
    register()
    widest = max((len(line["seats"]) for line in chart["rows"]), default=1)
    size, box_w, box_h = _page_for(widest, len(chart["rows"]))
    c = canvas.Canvas(out, pagesize=size)
    c.setTitle(f"Sơ đồ chỗ ngồi - {session['name']}")
    room = size[1] - 2 * MARGIN - HEAD - FOOT
    per_page = max(1, int((room + 0.01) // (box_h + GAP)))  # (rounding must not cost a row)
    pages = [chart["rows"][i:i + per_page] for i in range(0, len(chart["rows"]), per_page)]
    for number, rows in enumerate(pages or [[]], 1):
        _head(c, size, event, session, chart["counts"], at, number, len(pages or [[]]))
        top = size[1] - MARGIN - HEAD
        for index, line in enumerate(rows):
            y = top - index * (box_h + GAP) - box_h
            gap_before = index and rows[index - 1]["zone"] != line["zone"]
            if gap_before:
                c.setStrokeColor(colors.HexColor("#90A4AE"))
                c.line(MARGIN, y + box_h + GAP / 2, size[0] - MARGIN, y + box_h + GAP / 2)
            c.setFillColor(colors.black)
            c.setFont(FACES["bold"], 9)
            c.drawString(MARGIN, y + box_h / 2 - 3, line["label"])
            width = box_w * len(line["seats"])
            left = MARGIN + ROW_LABEL + (size[0] - 2 * MARGIN - ROW_LABEL - width) / 2
            for k, seat in enumerate(line["seats"]):
                _seat(c, left + k * box_w, y, box_w - GAP, box_h, seat)
        _legend(c, size)
        c.showPage()
    c.save()


def _page_for(widest: int, rows: int):
    """(page size, box width, box height): the A3 orientation giving the wider box."""
    best = None
    for size in (landscape(A3), A3):
        box_w = min(26 * mm, (size[0] - 2 * MARGIN - ROW_LABEL) / widest)
        room = (size[1] - 2 * MARGIN - HEAD - FOOT) / max(rows, 1) - GAP
        box_h = max(9 * mm, min(13 * mm, room))
        fits = room >= 9 * mm
        score = (fits, box_w)
        if best is None or score > best[0]:
            best = (score, size, box_w, box_h)
    return best[1], best[2], best[3]


def _head(c, size, event, session, counts, at, page, pages):
    width, height = size
    c.setFillColor(colors.black)
    c.setFont(FACES["bold"], 14)
    c.drawCentredString(width / 2, height - MARGIN - 6 * mm,
                        f"SƠ ĐỒ CHỖ NGỒI — {session['name'].upper()}")
    c.setFont(FACES["regular"], 10)
    c.drawCentredString(width / 2, height - MARGIN - 11 * mm, event.get("name", ""))
    c.setFont(FACES["italic"], 10)
    c.drawCentredString(width / 2, height - MARGIN - 16 * mm,
                        f"Tính đến {cut_off(at)}: {counts['present']}/{counts['expected']} "
                        f"người dự phiên đã vào; {counts['taken']}/{counts['seats']} ghế có "
                        f"người. Trang {page}/{pages}.")
    c.setFillColor(colors.HexColor("#37474F"))
    c.rect(width / 2 - 60 * mm, height - MARGIN - 26 * mm, 120 * mm, 7 * mm, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont(FACES["bold"], 11)
    c.drawCentredString(width / 2, height - MARGIN - 24 * mm, "SÂN KHẤU")


def _seat(c, x, y, w, h, seat):
    c.setFillColor(colors.HexColor(FILL[seat["state"]]))
    c.setStrokeColor(colors.HexColor(seat["color"] or "#9E9E9E"))
    c.setLineWidth(1.2 if seat["state"] != EMPTY else 0.4)
    if seat["state"] == EMPTY:
        c.setDash(2, 2)
    c.rect(x, y, w, h, stroke=1, fill=1)
    c.setDash()
    c.setFillColor(colors.HexColor("#455A64"))
    c.setFont(FACES["regular"], 5.5)
    c.drawString(x + 1, y + h - 6, str(seat["number"]))
    if seat["state"] == EMPTY:
        return
    if seat["state"] == PRESENT:  # a dot beside the number, for a grey printer
        c.setFillColor(colors.HexColor("#2E7D32"))
        c.circle(x + w - 3, y + h - 3.5, 1.6, stroke=0, fill=1)
    font = FACES["bold"] if seat["state"] == PRESENT else FACES["regular"]
    size, lines = fit_lines(seat["name"] or "", font, w - 2, 7, 5, 2)
    c.setFillColor(colors.black)
    c.setFont(font, size)
    for n, text in enumerate(lines[:2]):
        c.drawCentredString(x + w / 2, y + h - 7 - (n + 1) * (size + 0.5) - 1, text)


def _legend(c, size):
    x = MARGIN
    c.setFont(FACES["regular"], 9)
    for state, words in LEGEND.items():
        c.setFillColor(colors.HexColor(FILL[state]))
        c.setStrokeColor(colors.HexColor("#607D8B"))
        if state == EMPTY:
            c.setDash(2, 2)
        c.rect(x, MARGIN, 6 * mm, 4 * mm, stroke=1, fill=1)
        c.setDash()
        c.setFillColor(colors.black)
        c.drawString(x + 8 * mm, MARGIN + 1, words)
        x += 8 * mm + stringWidth(words, FACES["regular"], 9) + 8 * mm
    c.drawRightString(size[0] - MARGIN, MARGIN + 1,
                      "Viền ghế: màu của thành phần. Số ghế tính từ bên phải sân khấu.")
