"""The list put to the congress's vote: "Danh sách đề cử Đoàn Chủ tịch, Đoàn Thư ký Đại
hội", each body in its order (#1 first) with the name, and the title and unit as they
are read aloud. A4, in the reports' house style (reports/pages.py, as the run sheet:
the event's name, the title, the moment it stands at, ruled tables, "Trang x/y" at the
foot). No Flask here."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from ..core import clock
from .pages import FACES, grid, numbered, register, styles, text

HEADINGS = {"chu-tich": "I. ĐOÀN CHỦ TỊCH", "thu-ky": "II. ĐOÀN THƯ KÝ"}
WIDTHS = [14 * mm, 62 * mm, 94 * mm]  # 170 mm: STT, name, title and unit


def _table(members: list, s):
    head = [Paragraph("<b>STT</b>", s["cell"]), Paragraph("<b>Họ và tên</b>", s["cell"]),
            Paragraph("<b>Chức vụ, đơn vị</b>", s["cell"])]
    rows = [[Paragraph(str(m["position"]), s["cell"]), Paragraph(text(m["name"]), s["cell"]),
             Paragraph(text(", ".join(p for p in (m["title"], m["unit"]) if p)), s["cell"])]
            for m in members]
    return grid([head] + rows, WIDTHS)


def write_pdf(out, event: str, bodies: dict, at) -> None:
    """`bodies`: services/mc.presidium() ({"chu-tich": [...], "thu-ky": [...]}, each
    member {"position", "name", "title", "unit"}); `at`: the moment (aware)."""
    register()
    s = styles()
    moment = at.astimezone(clock.HANOI)
    story = [Paragraph(text(event).upper(), s["centre_bold"]),
             Paragraph("DANH SÁCH ĐỀ CỬ", s["title"]),
             Paragraph("ĐOÀN CHỦ TỊCH, ĐOÀN THƯ KÝ ĐẠI HỘI", s["subtitle"]),
             Paragraph(f"(Tính đến {moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y})",
                       s["centre_italic"]), Spacer(1, 6 * mm)]
    for body, heading in HEADINGS.items():
        members = bodies.get(body) or []
        story.append(Paragraph(f"{heading} ({len(members)} đồng chí)", s["heading"]))
        story.append(_table(members, s) if members else
                     Paragraph("<i>(Chưa đề cử.)</i>", s["base"]))
        story.append(Spacer(1, 4 * mm))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title="Danh sách đề cử Đoàn Chủ tịch, Đoàn Thư ký Đại hội")
    doc.build(story, canvasmaker=numbered(FACES["regular"]))
