"""Passes for phones: one PNG per delegate that a delegate who left the badge at the
hotel shows at the door (name, title, unit, seat, the sessions and their times, the
badge's QR payload), drawn with Pillow and a QR code from `qrcode`; zipped per
delegation so that each delegation's secretary can forward them. A reissued badge
(`badges revoke`) makes a new pass; the old one answers `revoked` like the old card.
"""

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_H

from . import codes
from . import db as store
from .errors import NotFound
from .printing import chosen_delegates
from .render.fonts import candidates
from .schedule import HANOI
from .text import fold

WIDTH, HEIGHT, MARGIN = 720, 1280, 40
QR_SIZE = 520  # pixels: 41 modules of a version-4 code with its quiet zone, ~12 px each


def _fonts() -> tuple:
    for regular, bold in candidates():
        if regular.is_file() and bold.is_file():
            return str(regular), str(bold)
    raise NotFound("Không tìm thấy phông chữ tiếng Việt cho thẻ điện thoại.")


def _font(path: str, size: int):
    return ImageFont.truetype(path, size)


def _wrap(draw, text: str, font, width: int, lines: int) -> list:
    """`text` in at most `lines` lines of `width` pixels (the last one shortened)."""
    words, out = text.split(), []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and draw.textlength(f"{line} {words[0]}", font=font) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = out[-1] + " …"
    return out


def _sessions_of(delegate: dict, sessions: list) -> list:
    """'Phiên trù bị: 13:30–17:00, 15/12/2026' for each session the delegate is summoned to."""
    lines = []
    for ses in sessions:
        if ses["categories"] is not None and delegate["category_id"] not in ses["categories"]:
            continue
        starts = datetime.fromisoformat(ses["starts_at"]).astimezone(HANOI)
        ends = datetime.fromisoformat(ses["ends_at"]).astimezone(HANOI)
        lines.append(f"{ses['name']}: {starts:%H:%M}–{ends:%H:%M}, {starts:%d/%m/%Y}")
    return lines


def draw_pass(delegate: dict, category: dict, payload: str, sessions: list,
              event_name: str) -> Image.Image:
    regular, bold = _fonts()
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    draw.rectangle([0, 0, WIDTH, 150], fill=category["color"])
    y = 22
    for line in _wrap(draw, event_name, _font(bold, 30), inner, 2):
        draw.text((WIDTH / 2, y), line, font=_font(bold, 30), fill="white", anchor="ma")
        y += 40
    draw.text((WIDTH / 2, 112), category["name"].upper(), font=_font(bold, 26), fill="white",
              anchor="ma")
    y = 180
    for line in _wrap(draw, delegate["name"], _font(bold, 54), inner, 2):
        draw.text((WIDTH / 2, y), line, font=_font(bold, 54), fill="#111111", anchor="ma")
        y += 66
    for text in (delegate["title"], delegate["unit"]):
        for line in _wrap(draw, text or "", _font(regular, 28), inner, 2):
            draw.text((WIDTH / 2, y), line, font=_font(regular, 28), fill="#333333", anchor="ma")
            y += 36
    if delegate["seat"]:
        draw.text((WIDTH / 2, y + 8), f"Ghế {delegate['seat']}", font=_font(bold, 40),
                  fill="#111111", anchor="ma")
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=4, box_size=12)
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.make_image().get_image().convert("L")
    qr_image = matrix.resize((QR_SIZE, QR_SIZE), Image.NEAREST)
    top = HEIGHT - QR_SIZE - 250
    image.paste(qr_image, ((WIDTH - QR_SIZE) // 2, top))
    draw.text((WIDTH / 2, top + QR_SIZE + 6), delegate["code"], font=_font(bold, 40),
              fill="#111111", anchor="ma")
    y = top + QR_SIZE + 60
    for line in _sessions_of(delegate, sessions)[:4]:
        draw.text((WIDTH / 2, y), line, font=_font(regular, 26), fill="#333333", anchor="ma")
        y += 34
    draw.text((WIDTH / 2, HEIGHT - 30), "Đưa mã này vào máy quét ở cửa; tăng độ sáng màn hình.",
              font=_font(regular, 22), fill="#555555", anchor="mb")
    return image


def slug(text: str) -> str:
    """A file name for a delegation: 'Đoàn BHXH tỉnh Nghệ An' -> 'doan-bhxh-tinh-nghe-an'."""
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-") or "khac"


def _distinct(groups: dict) -> dict:
    """Delegation -> members, keyed by a file name no other delegation shares: 'Đoàn A'
    and 'đoàn a' fold to one name, and the second zip overwrote the first (-2, -3 …)."""
    named, taken = {}, set()
    for delegation in sorted(groups, key=lambda d: (slug(d), d)):
        name, n = slug(delegation), 1
        while name in taken:
            n += 1
            name = f"{slug(delegation)}-{n}"
        taken.add(name)
        named[name] = groups[delegation]
    return named


def write_passes(db, out, by_delegation: bool = False, code: str | None = None) -> int:
    """PNG passes into folder `out` (CODE.png), or one zip per delegation; the count."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    categories = {c["id"]: c for c in store.list_categories(db)}
    sessions = store.list_sessions(db)
    event = store.get_settings(db)
    delegates = chosen_delegates(db, code)
    groups = {}
    for delegate in delegates:
        image = draw_pass(delegate, categories[delegate["category_id"]],
                          codes.current_payload(db, delegate), sessions,
                          event.get("short_name") or event["name"])
        data = io.BytesIO()
        image.save(data, format="PNG", optimize=False)
        if by_delegation:
            groups.setdefault(delegate["delegation"] or "", []).append((delegate, data))
        else:
            (out / f"{delegate['code']}.png").write_bytes(data.getvalue())
    for delegation, members in _distinct(groups).items():
        with zipfile.ZipFile(out / f"{delegation}.zip", "w") as archive:
            for delegate, data in members:
                archive.writestr(f"{delegate['code']}.png", data.getvalue())
    return len(delegates)
