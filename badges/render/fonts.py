"""Finding and registering a font that covers Vietnamese.

Order: the paths named in the branding file; Be Vietnam Pro, shipped as a Python
dependency (so a fresh machine has it); DejaVu Sans or Noto Sans from the system.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import BadgesError

# Every glyph a Vietnamese badge may need, stacked marks included.
VIETNAMESE_SAMPLE = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵỠỆ"
SYSTEM_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
     "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
]


def _packaged():
    try:
        import fontpkg_be_vietnam_pro as bvp
    except ImportError:
        return None
    files = Path(bvp.ROOT) / "files"
    return files / "BeVietnamPro-Regular.ttf", files / "BeVietnamPro-Bold.ttf"


def candidates(regular=None, bold=None):
    if regular:
        yield Path(regular), Path(bold or regular)
    packaged = _packaged()
    if packaged:
        yield packaged
    for reg, bld in SYSTEM_CANDIDATES:
        yield Path(reg), Path(bld)


def missing_glyphs(font: TTFont) -> str:
    return "".join(ch for ch in VIETNAMESE_SAMPLE if ord(ch) not in font.face.charToGlyph)


def register(regular=None, bold=None) -> tuple:
    """Register the first usable pair; return the (regular, bold) names to draw with."""
    tried = []
    for reg, bld in candidates(regular, bold):
        if not (reg.is_file() and bld.is_file()):
            tried.append(f"{reg} (không có)")
            continue
        names = (f"badge-{reg.stem}", f"badge-{bld.stem}")
        for name, path in zip(names, (reg, bld)):
            if name not in pdfmetrics.getRegisteredFontNames():
                font = TTFont(name, str(path))
                if missing_glyphs(font):
                    raise BadgesError(f"Phông {path} thiếu chữ tiếng Việt: {missing_glyphs(font)}")
                pdfmetrics.registerFont(font)
        return names
    raise BadgesError("Không tìm thấy phông chữ tiếng Việt; đã thử: " + ", ".join(tried))
