"""One invitation (giấy mời) a page, laid out as Mẫu 1.7 of Phụ lục III to Nghị định
30/2020/NĐ-CP, from what badges/invitations.py merged (the sources are cited there and in
docs/roster.md): the issuing body and the number top left, the national title, the motto
and the place and date top right, "GIẤY MỜI" and the summary, the content ending "./.",
"Nơi nhận" beside the signature block. A4 portrait, margins 20/20/30/15 mm, Times New
Roman's metric twin at 13 pt (Phụ lục I)."""

from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table

from ..errors import BadgesError
from ..schedule import HANOI

# Tinos as the reports vendor it (the repository's file, shared, not imported), or the
# system's Tinos, or Liberation Serif: each metric-compatible with Times New Roman.
ROOT = Path(__file__).resolve().parents[2]
SERIFS = [ROOT / "kiosk" / "reports" / "fonts" / "Tinos-{}.ttf",
          Path("/usr/share/fonts/truetype/croscore/Tinos-{}.ttf"),
          Path("/usr/share/fonts/truetype/liberation/LiberationSerif-{}.ttf")]
STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
COLUMNS = [70 * mm, 95 * mm]  # the issuing body's side and the motto's: 165 mm


class Refused(BadgesError):
    """The invitations cannot be printed yet: the message names what to set."""


def faces() -> dict:
    """The serif registered once: {"regular", "bold", "italic", "bold_italic"}."""
    for pattern in SERIFS:
        paths = [Path(str(pattern).format(s)) for s in STYLES]
        if all(p.is_file() for p in paths):
            names = [f"gm-{p.stem}" for p in paths]
            for name, path in zip(names, paths, strict=True):
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1],
                                          italic=names[2], boldItalic=names[3])
            return dict(zip(("regular", "bold", "italic", "bold_italic"), names, strict=True))
    raise Refused("Không tìm thấy phông Times New Roman (Tinos hoặc Liberation Serif) để "
                  "in giấy mời theo Nghị định 30/2020/NĐ-CP.")


def _styles(f: dict) -> dict:
    base = ParagraphStyle("gm", fontName=f["regular"], fontSize=13, leading=17)

    def like(name, **kw):
        return ParagraphStyle(name, parent=base, **kw)
    return {"body": like("gm-body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm,
                         spaceAfter=4),
            "line": like("gm-line", alignment=TA_JUSTIFY, leftIndent=10 * mm, spaceAfter=2),
            "centre": like("gm-c", alignment=TA_CENTER),
            "body_name": like("gm-bn", alignment=TA_CENTER, fontName=f["bold"], fontSize=12,
                              leading=15),
            "motto": like("gm-m", alignment=TA_CENTER, fontName=f["bold"], fontSize=12,
                          leading=15),
            "motto2": like("gm-m2", alignment=TA_CENTER, fontName=f["bold"]),
            "date": like("gm-d", alignment=TA_CENTER, fontName=f["italic"]),
            "kind": like("gm-k", alignment=TA_CENTER, fontName=f["bold"], fontSize=14,
                         leading=18, spaceBefore=12),
            "summary": like("gm-s", alignment=TA_CENTER, fontName=f["bold"], spaceAfter=10),
            "sign": like("gm-sg", alignment=TA_CENTER, fontName=f["bold"]),
            "recv_head": like("gm-rh", fontName=f["bold_italic"], fontSize=12, leading=14),
            "recv": like("gm-r", fontSize=11, leading=13)}


def _two(left: list, right: list) -> Table:
    table = Table([[left, right]], colWidths=COLUMNS)
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return table


def _page(chosen: dict, one: dict, issuer: str, today, s) -> list:
    e = escape
    number = e(chosen["number"]) if chosen["number"] else "……/GM-……"
    head = _two([Paragraph(f"<u>{e(chosen['organiser'].upper())}</u>", s["body_name"]),
                 Spacer(1, 2 * mm), Paragraph(f"Số: {number}", s["centre"])],
                [Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["motto"]),
                 Paragraph("<u>Độc lập - Tự do - Hạnh phúc</u>", s["motto2"]),
                 Spacer(1, 2 * mm),
                 Paragraph(e(f"{chosen['place']}, ngày {today.day:02d} tháng "
                             f"{today.month:02d} năm {today.year}"), s["date"])])
    event = chosen["name"]
    story = [head, Paragraph("GIẤY MỜI", s["kind"]),
             Paragraph(e(f"Dự {event}"), s["summary"]),
             Paragraph(e(issuer) + " trân trọng kính mời: <b>"
                       + e(one["to"]) + "</b>.", s["body"]),
             Paragraph(f"Tới dự {e(event)}.", s["body"]),
             Paragraph("Thời gian, địa điểm:", s["body"])]
    if "head" in one:
        story.insert(-1, Paragraph(f"Đoàn có {one['members']} đại biểu.", s["body"]))
    for n, line in enumerate(one["lines"], 1):
        end = "." if n == len(one["lines"]) else ";"
        story.append(Paragraph(e(line + end), s["line"]))
    if one["seat"]:
        story.append(Paragraph(e(f"Chỗ ngồi: ghế {one['seat']}."), s["body"]))
    ask = ("Đề nghị Đồng chí thông báo tới các đại biểu của Đoàn và đến dự đúng giờ"
           if "head" in one else "Rất mong Đồng chí đến dự đúng giờ")
    story.append(Paragraph(f"{ask}./.", s["body"]))
    sign = [Paragraph(e(line.strip().upper()), s["sign"])
            for line in chosen["signer_title"].split("|") if line.strip()]
    sign += [Spacer(1, 26 * mm), Paragraph(e(chosen["signer"]), s["sign"])]
    story += [Spacer(1, 4 * mm),
              _two([Paragraph("Nơi nhận:", s["recv_head"]),
                    Paragraph("- Như trên;", s["recv"]), Paragraph("- Lưu: VT.", s["recv"])],
                   sign)]
    return story


def build(out, chosen: dict, made: list, issuer: str) -> None:
    """`chosen`: the settings (invitations.settings); `made`: the invitations, each with
    "to", "lines" (a session each), "seat", and "head" when it goes to a delegation;
    `issuer`: the issuing body as a sentence names it."""
    s = _styles(faces())
    today = datetime.now(HANOI)
    story = []
    for n, one in enumerate(made):
        story += ([PageBreak()] if n else []) + _page(chosen, one, issuer, today, s)
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm, title="Giấy mời",
                            author=chosen["organiser"])
    doc.build(story)
