"""The credentials report (báo cáo thẩm tra tư cách đại biểu): A4, Vietnamese, laid out
as an official report: issuing body top left, national motto top right, title, date and
place, the figures by category, the absent delegates, and room for signatures."""

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from badges.render import fonts
from badges.text import person_key

from .. import db as store
from ..core import clock
from ..core.counts import percent


def text(value) -> str:
    """Data as Paragraph text: reportlab reads its input as markup, so `<`, `>` and `&`
    in a name or a unit are escaped (shown as typed, never read as tags)."""
    return escape(str(value or ""))


def _styles(regular, bold):
    base = ParagraphStyle("base", fontName=regular, fontSize=11.5, leading=15)
    return {
        "base": base,
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
        "centre_bold": ParagraphStyle("cb", parent=base, alignment=TA_CENTER, fontName=bold),
        "title": ParagraphStyle("title", parent=base, alignment=TA_CENTER, fontName=bold,
                                fontSize=14, leading=18, spaceBefore=6),
        "heading": ParagraphStyle("h", parent=base, fontName=bold, spaceBefore=8,
                                  spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12,
                               alignment=TA_LEFT),
    }


def _header(event, session, s):
    start = clock.parse(session["starts_at"]).astimezone(clock.HANOI)
    place = event.get("place", "Hà Nội")
    left = [Paragraph(text(event["organiser"]), s["centre"]),
            Paragraph("<u>BAN TỔ CHỨC ĐẠI HỘI</u>", s["centre_bold"]),
            Paragraph("Số: ……/BC-BTC", s["centre"])]
    right = [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["centre_bold"]),
             Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", s["centre_bold"]),
             Paragraph(f"<i>{text(place)}, ngày {start.day:02d} tháng {start.month:02d} năm "
                       f"{start.year}</i>", s["centre"])]
    table = Table([[left, right]], colWidths=[75 * mm, 95 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _pct(part, whole) -> str:
    """Vietnamese style, with a decimal comma: '93,2%'."""
    return f"{percent(part, whole):.1f}%".replace(".", ",") if whole else "—"


def _grid(data, widths, header_font):
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, 0), header_font),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8F0")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
    ]))
    return table


def write_pdf(db, figures, out) -> None:
    regular, bold = fonts.register()
    # <b> and <i> in paragraphs: bold face; no italic face is shipped, so upright
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular,
                                  boldItalic=bold)
    s = _styles(regular, bold)
    event = store.get_settings(db)
    rows = figures.delegates_only
    summoned = len(rows)
    present = sum(1 for r in rows if r["present_at"])
    absent = sorted((r for r in rows if not r["present_at"]), key=lambda r: person_key(r["name"]))
    story = [_header(event, figures.session, s), Spacer(1, 8 * mm),
             Paragraph("BÁO CÁO", s["title"]),
             Paragraph("Kết quả thẩm tra tư cách đại biểu", s["centre_bold"]),
             Paragraph(text(event["name"]), s["centre"]),
             Paragraph(text(figures.session["name"]), s["centre"]), Spacer(1, 6 * mm),
             Paragraph(f"Tổng số đại biểu được triệu tập: <b>{summoned}</b> đại biểu.", s["base"]),
             Paragraph(f"Số đại biểu có mặt: <b>{present}</b> đại biểu, đạt "
                       f"<b>{_pct(present, summoned)}</b>.", s["base"]),
             Paragraph(f"Số đại biểu vắng mặt: <b>{summoned - present}</b> đại biểu "
                       f"({_pct(summoned - present, summoned)}).", s["base"]),
             Paragraph("1. Theo thành phần", s["heading"])]
    data = [["Thành phần", "Triệu tập", "Có mặt", "Tỷ lệ", "Vắng"]]
    for cat in figures.by_category:
        if cat["is_delegate"]:
            data.append([Paragraph(text(cat["name"]), s["cell"]), cat["expected"], cat["present"],
                         _pct(cat["present"], cat["expected"]), cat["missing"]])
    data.append([Paragraph("<b>Tổng cộng</b>", s["cell"]), summoned, present,
                 _pct(present, summoned), summoned - present])
    story.append(_grid(data, [70 * mm, 25 * mm, 25 * mm, 25 * mm, 25 * mm], bold))
    story.append(Paragraph("2. Danh sách đại biểu vắng mặt", s["heading"]))
    if absent:
        data = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Đoàn"]]
        for number, r in enumerate(absent, start=1):
            data.append([number] + [Paragraph(text(r[k]), s["cell"])
                                    for k in ("name", "title", "unit", "delegation")])
        story.append(_grid(data, [11 * mm, 40 * mm, 34 * mm, 45 * mm, 40 * mm], bold))
    else:
        story.append(Paragraph("Không có đại biểu vắng mặt.", s["base"]))
    story += [Spacer(1, 10 * mm), _signatures(s)]
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title=f"Báo cáo thẩm tra tư cách đại biểu - {figures.session['name']}",
                            author=event["organiser"])
    doc.build(story)


def _signatures(s):
    left = [Paragraph("<b><i>Nơi nhận:</i></b>", s["cell"]),
            Paragraph("- Đoàn Chủ tịch Đại hội;", s["cell"]),
            Paragraph("- Lưu: Ban Tổ chức.", s["cell"])]
    right = [Paragraph("TM. BAN THẨM TRA TƯ CÁCH ĐẠI BIỂU", s["centre_bold"]),
             Paragraph("TRƯỞNG BAN", s["centre_bold"]),
             Paragraph("<i>(Ký, ghi rõ họ tên)</i>", s["centre"]), Spacer(1, 28 * mm)]
    table = Table([[left, right]], colWidths=[75 * mm, 95 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
