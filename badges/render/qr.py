"""QR codes as vector shapes: the module matrix, merged into horizontal runs.

`qrcode` computes the matrix (the project's one QR library: the badges, the phone
passes, the pairing codes): level H, the smallest version that holds the payload, the
mask chosen by the standard's penalty rules.
"""

import qrcode
from qrcode.constants import ERROR_CORRECT_H
from qrcode.exceptions import DataOverflowError

MAX_VERSION = 4
QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def matrix(payload: str) -> list:
    """The dark/light modules of `payload` at level H, without quiet zone."""
    code = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_H, border=0)
    code.add_data(payload)
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError) as exc:
        raise ValueError(f"payload too long for a QR code: {exc}") from None
    if code.version > MAX_VERSION:
        raise ValueError(f"payload needs QR version {code.version} (> {MAX_VERSION})")
    return [[bool(module) for module in row] for row in code.get_matrix()]


def runs(rows: list):
    """Yield (row, first column, length) for each horizontal run of dark modules."""
    for y, row in enumerate(rows):
        x, size = 0, len(row)
        while x < size:
            if row[x]:
                start = x
                while x < size and row[x]:
                    x += 1
                yield y, start, x - start
            else:
                x += 1


def draw(canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the code (quiet zone included) in a square of `size` points, bottom-left at x, y.

    The runs are written as integer rectangles in module space (one PDF operator
    each), which keeps 500 badges small and fast to write.
    """
    rows = matrix(payload)
    count = len(rows) + 2 * QUIET_ZONE
    module = size / count
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x + QUIET_ZONE * module, y + size - QUIET_ZONE * module)
    canvas.scale(module, -module)
    # height 1.02: a hair of overlap so no white seam shows between rows on screen
    ops = [f"{col} {row} {length} 1.02 re" for row, col, length in runs(rows)]
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
