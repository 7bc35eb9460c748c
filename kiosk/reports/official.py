"""The layout of an administrative document as Nghị định 30/2020/NĐ-CP sets it, shared by
the reports the congress hears (reports/credentials.py, reports/honours_result.py) and
the papers that borrow its face: set in Tinos (metric-compatible with Times New Roman,
vendored in fonts/ by scripts/vendor-tinos) at 13 pt, margins 20/20/30/15 mm, the
superior and the issuing body top left and the national motto top right, the italic
place and date, the title, a signature block in the name of the issuing body, page
numbers centred at the top from page 2 on, and an annex ("Phụ lục") after the signature
for what is kept, not read aloud. The fonts, styles, tables and page numbers are the
reports' kit (reports/pages.py). No Flask here."""

from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core import clock
from .pages import page_number, text

COLUMNS = [76 * mm, 89 * mm]  # the issuing body's side and the motto's, 165 mm in all


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
