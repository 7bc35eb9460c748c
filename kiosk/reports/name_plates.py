"""Name plates (biển tên) for the stage table and the front row: one A4 landscape sheet
per person, folded along its middle into a tent. The lower half carries the name
upright; the upper half the same, turned 180°, so that once folded one face reads from
the hall and the other from the table. The name is set in bold on one line, as large
as the half allows and shrunk until the longest Vietnamese name fits (never wrapped, so
never cut mid-word); the title under it, smaller, shrunk the same way. Tinos, the
reports' face (reports/pages.py). No Flask here."""

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from .pages import FACES, register

PAGE = landscape(A4)  # 297 × 210 mm; the fold at 105 mm
SIDE = 15 * mm  # kept clear at each end of a line
NAME_MAX = 110  # points: a name never larger than this (about 39 mm caps), however short
TITLE_MAX = 40
NAME_BASE = 60 * mm  # from the fold's far edge (the foot of the half) to the name's baseline
TITLE_BASE = 38 * mm


def fitted(words: str, face: str, largest: float, width: float = PAGE[0] - 2 * SIDE) -> float:
    """The size at which `words` fills `width` on one line, at most `largest` points."""
    wide = stringWidth(words, face, 1)
    return min(largest, width / wide) if wide else largest


def _half(c, name: str, title: str) -> None:
    """One face: the name and the title centred across the lower half of the sheet."""
    centre = PAGE[0] / 2
    c.setFont(FACES["bold"], fitted(name, FACES["bold"], NAME_MAX))
    c.drawCentredString(centre, NAME_BASE, name)
    if title:
        c.setFont(FACES["regular"], fitted(title, FACES["regular"], TITLE_MAX))
        c.drawCentredString(centre, TITLE_BASE, title)


def write_pdf(out, people: list, title: str = "Biển tên") -> int:
    """`people`: [{"name", "title"}] in order; a sheet each. Returns the sheets written."""
    register()
    c = canvas.Canvas(out, pagesize=PAGE)
    c.setTitle(title)
    for person in people:
        name, role = person["name"], person.get("title") or ""
        _half(c, name, role)
        c.saveState()
        c.translate(PAGE[0], PAGE[1])
        c.rotate(180)  # the upper half, upside down: the other face of the tent
        _half(c, name, role)
        c.restoreState()
        c.setDash(2, 4)
        c.setLineWidth(0.3)
        c.line(0, PAGE[1] / 2, PAGE[0], PAGE[1] / 2)  # where to fold
        c.showPage()
    c.save()
    return len(people)
