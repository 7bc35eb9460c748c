"""Drawing one A6 badge (105 x 148 mm) onto a reportlab canvas."""

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..colours import ink_on
from . import qr

WIDTH, HEIGHT = 105 * mm, 148 * mm
MARGIN = 8 * mm  # office printers do not print the outer 4-5 mm; cut lines wander
QR_SIZE = 41 * mm  # 33 modules + 2 x 4 quiet zone at version 4: 1 mm a module


@dataclass
class BadgeData:
    name: str
    title: str
    unit: str
    delegation: str
    seat: str
    code: str
    payload: str
    category: str
    color: str


def fit_lines(text, font, width, max_size, min_size, max_lines):
    """The largest size (down to min_size, then lower if it must) at which `text`
    wraps into at most `max_lines` lines no wider than `width`. Never clips."""
    size = max_size
    while True:
        lines = simpleSplit(text, font, size, width) or [""]
        fits = all(stringWidth(line, font, size) <= width for line in lines)
        if (len(lines) <= max_lines and fits) or size <= 4:
            return size, lines
        size -= 0.5 if size > min_size else 0.25


def _text_block(c, text, font, x, top, width, max_size, min_size, max_lines, leading=1.18):
    """Draw centred wrapped text from `top` downwards; return the y below it."""
    size, lines = fit_lines(text, font, width, max_size, min_size, max_lines)
    y = top
    for line in lines:
        y -= size
        c.setFont(font, size)
        c.drawCentredString(x + width / 2, y, line)
        y -= size * (leading - 1)
    return y


def draw(c, badge: BadgeData, x, y, fonts, branding) -> None:
    """Draw `badge` with its bottom-left corner at (x, y)."""
    regular, bold = fonts
    inner = WIDTH - 2 * MARGIN
    left = x + MARGIN
    top = y + HEIGHT - MARGIN
    c.setFillColor(HexColor(branding.title_color))
    if branding.logo:
        c.drawImage(str(branding.logo), left, top - 12 * mm, 12 * mm, 12 * mm,
                    preserveAspectRatio=True, mask="auto")
    top = _text_block(c, branding.organiser or "", bold, left, top, inner, 8.5, 6, 1)
    for line in branding.title_lines or []:
        top = _text_block(c, line, bold, left, top - 1, inner, 11, 6, 1)
    c.setFillColorRGB(0.25, 0.25, 0.25)
    top = _text_block(c, branding.date_line, regular, left, top - 1, inner, 8, 6, 1)

    band_top = y + HEIGHT - 34 * mm
    band_h = 11 * mm
    c.setFillColor(HexColor(badge.color))
    c.rect(x, band_top - band_h, WIDTH, band_h, stroke=0, fill=1)
    c.setFillColor(HexColor(ink_on(badge.color)))  # white on orange cannot be read
    size, _ = fit_lines(badge.category.upper(), bold, inner, 16, 9, 1)
    c.setFont(bold, size)
    c.drawCentredString(x + WIDTH / 2, band_top - band_h / 2 - size * 0.35, badge.category.upper())

    c.setFillColorRGB(0, 0, 0)
    top = _text_block(c, badge.name, bold, left, band_top - band_h - 4 * mm, inner, 24, 13, 2)
    c.setFillColorRGB(0.15, 0.15, 0.15)
    if badge.title:
        top = _text_block(c, badge.title, regular, left, top - 2 * mm, inner, 11, 7.5, 2)
    if badge.unit:
        top = _text_block(c, badge.unit, regular, left, top - 1 * mm, inner, 10, 7, 3)
    if badge.delegation and badge.delegation != badge.unit:
        c.setFillColorRGB(0.35, 0.35, 0.35)
        _text_block(c, badge.delegation, regular, left, top - 1 * mm, inner, 8.5, 6.5, 2)

    qr_x, qr_y = x + MARGIN - 2 * mm, y + 6 * mm
    qr.draw(c, badge.payload, qr_x, qr_y, QR_SIZE)
    _draw_side(c, badge, qr_x + QR_SIZE + 2 * mm, qr_y, x + WIDTH - MARGIN, fonts)


def _draw_side(c, badge, left, bottom, right, fonts):
    """Seat and the human-readable code, right of the QR code."""
    regular, bold = fonts
    width = right - left
    centre = left + width / 2
    c.setFillColorRGB(0.35, 0.35, 0.35)
    c.setFont(regular, 8)
    c.drawCentredString(centre, bottom + 33 * mm, "GHẾ NGỒI")
    c.setFillColorRGB(0, 0, 0)
    seat = badge.seat or "—"
    size, _ = fit_lines(seat, bold, width, 22, 10, 1)
    c.setFont(bold, size)
    c.drawCentredString(centre, bottom + 24 * mm, seat)
    c.setFillColorRGB(0.35, 0.35, 0.35)
    c.setFont(regular, 8)
    c.drawCentredString(centre, bottom + 14 * mm, "MÃ ĐẠI BIỂU")
    c.setFillColorRGB(0, 0, 0)
    size, _ = fit_lines(badge.code, bold, width, 16, 8, 1)
    c.setFont(bold, size)
    c.drawCentredString(centre, bottom + 7 * mm, badge.code)
