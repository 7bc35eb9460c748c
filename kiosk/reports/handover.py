"""The handover rolls: the awards not handed on stage, per delegation, for its head to
receive and sign for after the ceremony (award, who is honoured, the decision, who
received it, a signature column). A4, Tinos, a delegation a page, "Trang x/y" at the
foot. No Flask here."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from ..core import clock
from .ceremony import _table
from .credentials import FACES, _register, _styles, text
from .pages import numbered


def write_pdf(out, event: dict, rolls: dict, at) -> None:
    """`rolls`: services.ceremony.handover_rolls(); `at`: when it is printed (aware)."""
    _register()
    s = _styles()
    moment = at.astimezone(clock.HANOI)
    story = []
    for delegation, awards in rolls.items():
        if story:
            story.append(PageBreak())
        story += [Paragraph(text(event.get("name", "")).upper(), s["centre_bold"]),
                  Paragraph("DANH SÁCH BÀN GIAO KHEN THƯỞNG", s["title"]),
                  Paragraph(f"Đoàn: {text(delegation)}", s["centre_bold"]),
                  Paragraph(f"In lúc {moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}",
                            s["date"]), Spacer(1, 5 * mm)]
        rows = [["STT", "Hình thức khen thưởng", "Tập thể, cá nhân được khen", "Số quyết định",
                 "Người nhận", "Ký nhận"]]
        for number, a in enumerate(awards, 1):
            honoured = a["collective"] or ", ".join(x for x in (a["name"], a["unit"]) if x)
            received = (a["handover"] or {}).get("received_by", "")
            rows.append([str(number), text(a["form"]), text(honoured),
                         text(" ngày ".join(x for x in (a["decision"], a["decided_on"]) if x)),
                         text(received), ""])
        story.append(_table(rows, [10 * mm, 38 * mm, 48 * mm, 27 * mm, 27 * mm, 20 * mm], s))
        story += [Spacer(1, 8 * mm),
                  Paragraph("TRƯỞNG ĐOÀN<br/><i>(Ký, ghi rõ họ tên)</i>", s["centre"])]
    if not story:
        story.append(Paragraph("Mọi khen thưởng đã được trao trên sân khấu.", s["body"]))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title="Danh sách bàn giao khen thưởng")
    doc.build(story, canvasmaker=numbered(FACES["regular"]))
