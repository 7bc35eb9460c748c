"""The branding file: title lines, colours, logo and fonts of the badges.

A small TOML file; every key is optional and falls back to the defaults below.

    title_lines = ["ĐẠI HỘI THI ĐUA YÊU NƯỚC", "NGÀNH BẢO HIỂM XÃ HỘI VIỆT NAM LẦN THỨ V"]
    organiser = "BẢO HIỂM XÃ HỘI VIỆT NAM"
    date_line = "Hà Nội, ngày 15-16/12/2026"
    # each of the three, when left out: from the event (its name, organiser, place and
    # the days of its sessions: badges/printing.py)
    title_color = "#0D47A1"
    logo = "logo.png"            # relative to the branding file
    font_regular = "/path/Regular.ttf"
    font_bold = "/path/Bold.ttf"
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadgesError


@dataclass
class Branding:
    # None: made from the event's settings (printing.titles: its name and organiser), so
    # that a congress's name and ordinal are the event's, not this code's
    organiser: str | None = None
    title_lines: list | None = None
    date_line: str | None = None  # None: made from the event (printing.date_line)
    title_color: str = "#0D47A1"
    logo: Path | None = None
    font_regular: str | None = None
    font_bold: str | None = None


def load(path=None) -> Branding:
    if path is None:
        return Branding()
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadgesError(f"Không đọc được tệp nhận diện {path}: {exc}") from None
    known = set(Branding.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise BadgesError(f"{path}: khóa không nhận ra: {', '.join(sorted(unknown))}")
    branding = Branding(**data)
    if branding.logo:
        branding.logo = (path.parent / branding.logo).resolve()
        if not branding.logo.is_file():
            raise BadgesError(f"{path}: không có tệp logo {branding.logo}")
    for key in ("font_regular", "font_bold"):
        value = getattr(branding, key)
        if value:
            setattr(branding, key, str((path.parent / value).resolve()))
    return branding
