"""The layout of an administrative document as Nghị định 30/2020/NĐ-CP sets it, shared by
the reports the congress hears (reports/credentials.py, reports/honours_result.py) and
the papers that borrow its face: set in Tinos (metric-compatible with Times New Roman,
vendored in fonts/ by scripts/vendor-tinos) at 13 pt, margins 20/20/30/15 mm, the
superior and the issuing body top left and the national motto top right, the italic
place and date, the title, a signature block in the name of the issuing body, page
numbers centred at the top from page 2 on, and an annex ("Phụ lục") after the signature
for what is kept, not read aloud. No Flask here."""

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core import clock
from ..core.counts import percent

FONTS = Path(__file__).resolve().parent / "fonts"
FACES = {"regular": "Tinos-Regular", "bold": "Tinos-Bold", "italic": "Tinos-Italic",
         "bold_italic": "Tinos-BoldItalic"}
SIZE = 13  # points: the body text (13-14 in the decree)
COLUMNS = [76 * mm, 89 * mm]  # the issuing body's side and the motto's, 165 mm in all


def text(value) -> str:
    """Data as Paragraph text: reportlab reads its input as markup, so `<`, `>` and `&`
    in a name or a unit are escaped (shown as typed, never read as tags)."""
    return escape(str(value or ""))


def register() -> None:
    if FACES["regular"] in pdfmetrics.getRegisteredFontNames():
        return
    for name in FACES.values():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(FACES["regular"], normal=FACES["regular"],
                                  bold=FACES["bold"], italic=FACES["italic"],
                                  boldItalic=FACES["bold_italic"])


def styles():
    base = ParagraphStyle("base", fontName=FACES["regular"], fontSize=SIZE, leading=SIZE * 1.3)
    body = ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm,
                          spaceAfter=3)
    return {
        "base": base,
        "body": body,
        "centre": ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
        "centre_bold": ParagraphStyle("cb", parent=base, alignment=TA_CENTER,
                                      fontName=FACES["bold"]),
        "centre_italic": ParagraphStyle("ci", parent=base, alignment=TA_CENTER,
                                        fontName=FACES["italic"]),
        "motto": ParagraphStyle("motto", parent=base, alignment=TA_CENTER,
                                fontName=FACES["bold"], fontSize=12),
        "body_name": ParagraphStyle("bn", parent=base, alignment=TA_CENTER, fontSize=12),
        "issuer": ParagraphStyle("issuer", parent=base, alignment=TA_CENTER,
                                 fontName=FACES["bold"], fontSize=12),
        "date": ParagraphStyle("date", parent=base, alignment=TA_CENTER,
                               fontName=FACES["italic"]),
        "title": ParagraphStyle("title", parent=base, alignment=TA_CENTER,
                                fontName=FACES["bold"], fontSize=14, leading=18,
                                spaceBefore=6),
        "subtitle": ParagraphStyle("st", parent=base, alignment=TA_CENTER,
                                   fontName=FACES["bold"], fontSize=14, leading=18),
        "heading": ParagraphStyle("h", parent=base, fontName=FACES["bold"], spaceBefore=8,
                                  spaceAfter=4),
        "subheading": ParagraphStyle("sh", parent=base, fontName=FACES["italic"],
                                     spaceBefore=4, spaceAfter=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=11.5, leading=14,
                               alignment=TA_LEFT),
        "small": ParagraphStyle("small", parent=base, fontSize=11, leading=13),
        "small_bi": ParagraphStyle("sbi", parent=base, fontSize=12, leading=14,
                                   fontName=FACES["bold_italic"]),
    }


def dated(event, as_of: datetime) -> str:
    """'Hà Nội, ngày 16 tháng 12 năm 2026': the place and the day, as the motto's line."""
    day = as_of.astimezone(clock.HANOI)
    return (f"{event.get('place') or 'Hà Nội'}, ngày {day.day:02d} tháng {day.month:02d} "
            f"năm {day.year}")


def header(event, issuer: str, symbol: str, as_of: datetime, s):
    """The superior and the issuing body with the document's number ('Số: ……/BC-BTC')
    top left, the motto and the place and date top right."""
    left = [Paragraph(text(event["organiser"]).upper(), s["body_name"]),
            Paragraph(f"<u>{text(issuer).upper()}</u>", s["issuer"]),
            Spacer(1, 2 * mm),
            Paragraph(f"Số: ……/{text(symbol)}", s["centre"])]
    right = [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["motto"]),
             Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", s["centre_bold"]),
             Spacer(1, 2 * mm),
             Paragraph(text(dated(event, as_of)), s["date"])]
    table = Table([[left, right]], colWidths=COLUMNS)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def cut_off(moment: datetime) -> str:
    """'08 giờ 15 phút, ngày 16 tháng 12 năm 2026': the time the figures stand at."""
    t = moment.astimezone(clock.HANOI)
    return (f"{t.hour:02d} giờ {t.minute:02d} phút, ngày {t.day:02d} tháng {t.month:02d} "
            f"năm {t.year}")


def page_number(canvas, doc):
    """From page 2 on: the number centred in the top margin (Nghị định 30/2020)."""
    canvas.saveState()
    canvas.setFont(FACES["regular"], SIZE)
    canvas.drawCentredString(A4[0] / 2 + (doc.leftMargin - doc.rightMargin) / 2,
                             A4[1] - 12 * mm, str(doc.page))
    canvas.restoreState()


def pct(part, whole) -> str:
    """Vietnamese style, with a decimal comma: '93,2%'."""
    return f"{percent(part, whole):.1f}%".replace(".", ",") if whole else "—"


def grid(data, widths):
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), FACES["regular"]),
        ("FONTSIZE", (0, 0), (-1, -1), 11.5),
        ("FONTNAME", (0, 0), (-1, 0), FACES["bold"]),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8F0")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
    ]))
    return table


def signatures(issuer: str, s):
    """'Nơi nhận' on the left; 'TM. <the issuing body>, TRƯỞNG BAN' on the right."""
    left = [Paragraph("<i>Nơi nhận:</i>", s["small_bi"]),
            Paragraph("- Đoàn Chủ tịch Đại hội;", s["small"]),
            Paragraph("- Lưu: VT, " + text(issuer) + ".", s["small"])]
    right = [Paragraph(f"TM. {text(issuer).upper()}", s["issuer"]),
             Paragraph("TRƯỞNG BAN", s["issuer"]),
             Paragraph("<i>(Ký, ghi rõ họ tên)</i>", s["centre"]), Spacer(1, 28 * mm)]
    table = Table([[left, right]], colWidths=COLUMNS)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def annex(title: str, document: str, s) -> list:
    """The annex's head on a page of its own: 'PHỤ LỤC', what it holds, and which
    document it goes with ('Kèm theo Báo cáo số ……/BC-BTC ngày … của …')."""
    return [PageBreak(), Paragraph("PHỤ LỤC", s["title"]),
            Paragraph(text(title).upper(), s["subtitle"]),
            Paragraph(f"(Kèm theo {text(document)})", s["centre_italic"]), Spacer(1, 6 * mm)]


def build(out, story, title: str, author: str) -> None:
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, title=title,
                            author=author)
    doc.build(story, onLaterPages=page_number)
