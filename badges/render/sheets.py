"""Print layouts: A6 badges four to an A4 sheet with crop marks, or one A6 badge a page."""

from dataclasses import replace
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import badge as one
from . import fonts as font_finder

LAYOUTS = ("a4-4up", "a6")
# A6 is exactly a quarter of A4: the four badges fill the sheet and the cuts are at
# its middle lines. Crop marks sit in the outer margin the printer leaves blank anyway.
SLOTS = [(0, one.HEIGHT), (one.WIDTH, one.HEIGHT), (0, 0), (one.WIDTH, 0)]


def _crop_marks(c):
    w, h = A4
    c.setStrokeColorRGB(0, 0, 0)
    c.setLineWidth(0.3)
    cx, cy = one.WIDTH, one.HEIGHT
    for start, end in (((cx, 5 * mm), (cx, 10 * mm)), ((cx, h - 10 * mm), (cx, h - 5 * mm)),
                       ((5 * mm, cy), (10 * mm, cy)), ((w - 10 * mm, cy), (w - 5 * mm, cy))):
        c.line(*start, *end)
    c.line(cx - 3 * mm, cy, cx + 3 * mm, cy)  # a small cross where the four cards meet
    c.line(cx, cy - 3 * mm, cx, cy + 3 * mm)


def render(badges: list, out, layout: str = "a4-4up", branding=None, title="Thẻ đại biểu"):
    """Write `badges` (BadgeData) to a PDF; return the number of pages."""
    from .branding import Branding

    branding = branding or Branding()
    if branding.date_line is None:  # no event to date it from (printing.render_badges has)
        branding = replace(branding, date_line="")
    fonts = font_finder.register(branding.font_regular, branding.font_bold)
    page = A4 if layout == "a4-4up" else (one.WIDTH, one.HEIGHT)
    c = Canvas(out if hasattr(out, "write") else str(out), pagesize=page, pageCompression=1)
    c.setTitle(title)
    c.setCreator("badges (congress check-in)")
    pages = 0
    per_page = 4 if layout == "a4-4up" else 1
    for first in range(0, len(badges), per_page):
        for slot, data in enumerate(badges[first:first + per_page]):
            x, y = SLOTS[slot] if layout == "a4-4up" else (0, 0)
            one.draw(c, data, x, y, fonts, branding)
        if layout == "a4-4up":
            _crop_marks(c)
        c.showPage()
        pages += 1
    c.save()
    return pages


def to_png(pdf_path, png_path, dpi: int = 200) -> Path:
    """Rasterise the first page of a PDF to PNG (a preview of one badge)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        image = pdf[0].render(scale=dpi / 72).to_pil()
    finally:
        pdf.close()
    image.save(png_path)
    return Path(png_path)
