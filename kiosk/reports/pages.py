"""The reports' PDF kit, used by every report and paper: the Vietnamese face (Tinos,
metric-compatible with Times New Roman, vendored in fonts/ by scripts/vendor-tinos)
registered once, the paragraph styles at 13 pt, data escaped as Paragraph text, a ruled
table with its heading row, a share with a decimal comma, and page numbers: at the top
from page 2 on (Nghị định 30/2020/NĐ-CP, page_number) or 'Trang x/y' at the foot of
every page of a printed list (numbered: a canvas that holds its pages until the
document is complete, so the total is known when each foot is drawn, the reportlab
recipe). The administrative document's own layout is reports/official.py. No Flask
here."""

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..core import clock
from ..core.counts import percent

FONTS = Path(__file__).resolve().parent / "fonts"
FACES = {"regular": "Tinos-Regular", "bold": "Tinos-Bold", "italic": "Tinos-Italic",
         "bold_italic": "Tinos-BoldItalic"}
SIZE = 13  # points: the body text (13-14 in the decree)
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




class NumberedCanvas(canvas.Canvas):
    face = "Helvetica"  # set by the report to its registered Vietnamese face
    size = 10

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._foot(total)
            super().showPage()
        super().save()

    def _foot(self, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(self.face, self.size)
        self.drawCentredString(width / 2, 8 * mm, f"Trang {self._pageNumber}/{total}")
        self.restoreState()


def numbered(face: str):
    """A NumberedCanvas class writing its feet in `face`."""
    return type("Numbered", (NumberedCanvas,), {"face": face})


def delegation_rolls(out, event: dict, rolls: dict, at, title: str, table, nothing: str) -> None:
    """Rolls a delegation's head signs, one delegation a page (A4, Tinos, "Trang x/y" at
    the foot): the event's name, `title`, the delegation, when it was printed, the table
    `table(rows, styles)` makes of its rows, and the head's signature; `nothing` when
    there is no roll. The handover of awards and the documents and souvenirs use it."""
    register()
    s = styles()
    moment = at.astimezone(clock.HANOI)
    story = []
    for delegation, rows in rolls.items():
        if story:
            story.append(PageBreak())
        story += [Paragraph(text(event.get("name", "")).upper(), s["centre_bold"]),
                  Paragraph(title.upper(), s["title"]),
                  Paragraph(f"Đoàn: {text(delegation)}", s["centre_bold"]),
                  Paragraph(f"In lúc {moment:%H} giờ {moment:%M} phút, ngày {moment:%d/%m/%Y}",
                            s["date"]), Spacer(1, 5 * mm), table(rows, s), Spacer(1, 8 * mm),
                  Paragraph("TRƯỞNG ĐOÀN<br/><i>(Ký, ghi rõ họ tên)</i>", s["centre"])]
    if not story:
        story.append(Paragraph(nothing, s["body"]))
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=title)
    doc.build(story, canvasmaker=numbered(FACES["regular"]))
