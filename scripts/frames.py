"""Realistic camera frames of badges, for decoding tests and benchmarks.

    .venv/bin/python scripts/frames.py --preset realistic --count 20 --out frames/ [--seed 7]

Badges come from the real badge renderer (rendered once per delegate at 300 dpi) and
are placed in camera-like frames: random scale and position (the QR code from about
60 to 400 px wide), perspective tilt, rotation, defocus and motion blur, sensor noise,
uneven and low light, glare on a plastic pouch, JPEG compression, cluttered
backgrounds and a finger over a corner. Everything is drawn from one seed, so the same
seed gives the same frames. Presets: clean, realistic, hard, screen (a phone showing the
delegate's pass from `badges passes`: moire from the screen's pixel grid, its own light
burning out or too dim, a reflection across the glass, a crack in it), and the negatives
none (clutter only), noise (random noise) and other (other barcodes, no badge).
"""

import argparse
import math
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QR_FRACTION = 41 / 105  # the QR square (quiet zone included) across the A6 badge width
QR_CENTRE = (8 - 2 + 20.5) / 105, 1 - (6 + 20.5) / 148  # its centre, as fractions

PRESETS = {
    # qr: width range (px) of the code itself; tilt: corner jitter as a fraction of size;
    # blur: (defocus sigma max, motion length max); light: (min gain, unevenness);
    # glare, finger: probabilities; noise: sensor sigma max; jpeg: quality range
    "clean": dict(qr=(140, 300), tilt=0.02, rot=8, blur=(0.6, 0), light=(0.9, 0.1),
                  glare=0.0, finger=0.0, noise=2, jpeg=(85, 95)),
    "realistic": dict(qr=(80, 320), tilt=0.10, rot=30, blur=(1.6, 7), light=(0.5, 0.45),
                      glare=0.35, finger=0.15, noise=7, jpeg=(55, 85)),
    "hard": dict(qr=(55, 280), tilt=0.18, rot=180, blur=(2.6, 15), light=(0.3, 0.7),
                 glare=0.7, finger=0.5, noise=14, jpeg=(35, 70)),
}
# a pass shown on a phone (badges passes): the camera sees a lit screen, its pixel grid
# (moire), a glass that reflects the ceiling, sometimes a crack, the phone's black frame
SCREEN = dict(qr=(90, 300), tilt=0.12, rot=35, blur=(1.4, 6), light=(0.55, 0.35),
              glare=0.5, finger=0.0, noise=7, jpeg=(55, 85), crack=0.4)
PRESETS["screen"] = SCREEN
NEGATIVES = ("none", "noise", "other")
RESOLUTIONS = {"640x480": (640, 480), "1280x720": (1280, 720), "1920x1080": (1920, 1080)}


@dataclass
class Frame:
    image: np.ndarray  # greyscale, uint8
    truth: str | None  # the badge payload shown, or None
    preset: str
    info: dict | None = None  # what was done to it: qr_px, finger, glare, blur, ...


# The demo event's badge key, fixed: a new event's key is random, so its codes were too,
# and a hard frame's QR pattern with them (the hard preset read 29 to 32 of 60 frames
# from one key to the next); the pictures are now the same in every run.
BADGE_KEY = "6b" * 32


def _demo_event(folder: Path | None) -> tuple:
    """(folder, database) of the demo event kept in `folder` (a new temporary one when
    None), made with 40 delegates and the fixed badge key the first time."""
    from badges import demo_roster
    from kiosk import db as store

    folder = Path(folder or tempfile.mkdtemp(prefix="frames-"))
    db = store.connect(folder / "event.db")
    if db["delegates"].count == 0:
        store.replace_secret(db, "badge_key", BADGE_KEY)
        demo_roster.populate(db, folder, 40)
    return folder, db


def demo_badges(count: int = 6, folder: Path | None = None) -> list:
    """(payload, greyscale 300 dpi badge image) for a few demo delegates."""
    from badges import codes, printing
    from kiosk import db as store

    folder, db = _demo_event(folder)
    result = []
    for delegate in store.list_delegates(db)[:count]:
        png = folder / f"{delegate['code']}.png"
        if not png.exists():
            data = printing.badge_data(db, delegate["code"])
            pdf = folder / f"{delegate['code']}.pdf"
            from badges.render import render, to_png

            render(data, pdf, "a6")
            to_png(pdf, png, dpi=300)
        result.append((codes.current_payload(db, delegate),
                       cv2.imread(str(png), cv2.IMREAD_GRAYSCALE)))
    db.close()
    return result


def demo_passes(count: int = 6, folder: Path | None = None) -> list:
    """(payload, greyscale phone pass, (code centre x, y, code side) in its pixels) for a
    few demo delegates, drawn as `badges passes` draws them."""
    from badges import codes
    from badges.passes import draw_pass
    from kiosk import db as store

    _, db = _demo_event(folder)
    categories = {c["id"]: c for c in store.list_categories(db)}
    sessions, event = store.list_sessions(db), store.get_settings(db)
    result = []
    for delegate in store.list_delegates(db)[:count]:
        payload = codes.current_payload(db, delegate)
        image = np.array(draw_pass(delegate, categories[delegate["category_id"]], payload,
                                   sessions, event["name"]).convert("L"))
        (found,) = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        p = found.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
        result.append((payload, image, (sum(xs) / 4, sum(ys) / 4, max(xs) - min(xs))))
    db.close()
    return result


def clutter(rng: random.Random, width: int, height: int) -> np.ndarray:
    """A busy hall: gradient, shapes, lines and text-like strokes."""
    base = rng.randint(60, 190)
    x = np.linspace(0, 1, width, dtype=np.float32)
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    image = base + 40 * (x * rng.uniform(-1, 1) + y * rng.uniform(-1, 1))
    image = np.clip(image, 0, 255).astype(np.uint8)
    for _ in range(rng.randint(8, 25)):
        colour = rng.randint(0, 255)
        p1 = (rng.randint(0, width), rng.randint(0, height))
        kind = rng.random()
        if kind < 0.4:
            p2 = (p1[0] + rng.randint(-width // 3, width // 3),
                  p1[1] + rng.randint(-height // 3, height // 3))
            cv2.rectangle(image, p1, p2, colour, -1 if rng.random() < 0.6 else 3)
        elif kind < 0.7:
            cv2.circle(image, p1, rng.randint(5, height // 4), colour, -1)
        else:
            text = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ") for _ in range(12))
            cv2.putText(image, text, p1, cv2.FONT_HERSHEY_SIMPLEX, rng.uniform(0.5, 2),
                        colour, rng.randint(1, 3))
    return image


def _place(rng, badge, frame, qr_px, p, box=None, interpolation=cv2.INTER_AREA):
    """Warp the badge (or a phone showing a pass) into the frame so its QR code is about
    qr_px wide and wholly inside the frame (the rest may leave it); return the code's
    centre. box: the code's (centre x, centre y, side) in the picture's pixels, when it
    is not where a badge has it."""
    height, width = frame.shape
    bh, bw = badge.shape
    if box is None:  # a badge: the code is 29 of the QR square's 37 modules
        box = (QR_CENTRE[0] * bw, QR_CENTRE[1] * bh, bw * QR_FRACTION * 29 / 37)
    scale = qr_px / box[2]
    tw, th = bw * scale, bh * scale
    qx, qy = box[0] * scale, box[1] * scale
    angle = math.radians(rng.uniform(-p["rot"], p["rot"]))
    corners = np.float32([[0, 0], [tw, 0], [tw, th], [0, th]]) - [qx, qy]
    rotation = np.float32([[math.cos(angle), -math.sin(angle)],
                           [math.sin(angle), math.cos(angle)]])
    corners = corners @ rotation.T
    jitter = p["tilt"] * max(tw, th)
    corners += np.float32([[rng.uniform(-jitter, jitter), rng.uniform(-jitter, jitter)]
                           for _ in range(4)])
    src = np.float32([[0, 0], [bw, 0], [bw, bh], [0, bh]])
    half = box[2] / 2
    code = np.float32([[box[0] + dx, box[1] + dy]
                       for dx, dy in ((-half, -half), (half, -half), (half, half), (-half, half))])
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    placed = cv2.perspectiveTransform(code[None], matrix)[0]
    low, high = placed.min(axis=0), placed.max(axis=0)
    margin = 0.1 * qr_px
    span_x = width - 2 * margin - (high[0] - low[0])
    span_y = height - 2 * margin - (high[1] - low[1])
    shift = np.float32([margin - low[0] + rng.uniform(0, max(span_x, 0)),
                        margin - low[1] + rng.uniform(0, max(span_y, 0))])
    corners += shift
    matrix = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    warped = cv2.warpPerspective(badge, matrix, (width, height), flags=interpolation)
    mask = cv2.warpPerspective(np.full_like(badge, 255), matrix, (width, height))
    frame[mask > 128] = warped[mask > 128]
    centre = (placed + shift).mean(axis=0)
    return float(centre[0]), float(centre[1])


def _finger(rng, image, centre, qr_px):
    """A finger-coloured capsule over one corner of the code."""
    cx, cy = centre
    corner = rng.choice([(-1, -1), (1, -1), (-1, 1), (1, 1)])
    tip = (int(cx + corner[0] * qr_px * rng.uniform(0.3, 0.5)),
           int(cy + corner[1] * qr_px * rng.uniform(0.3, 0.5)))
    length = qr_px * 1.2
    direction = math.atan2(corner[1], corner[0]) + rng.uniform(-0.6, 0.6)
    end = (int(tip[0] + length * math.cos(direction)), int(tip[1] + length * math.sin(direction)))
    cv2.line(image, tip, end, rng.randint(120, 190), max(4, int(qr_px * rng.uniform(0.14, 0.22))))


def _glare(rng, image, centre, qr_px):
    """A bright specular patch from the pouch, saturating part of the code."""
    height, width = image.shape
    gx = centre[0] + rng.uniform(-0.5, 0.5) * qr_px
    gy = centre[1] + rng.uniform(-0.5, 0.5) * qr_px
    sx, sy = qr_px * rng.uniform(0.1, 0.35), qr_px * rng.uniform(0.05, 0.2)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    blob = np.exp(-(((x - gx) / sx) ** 2 + ((y - gy) / sy) ** 2))
    return image + blob * rng.uniform(120, 255)


def _blur(rng, image, p, info):
    defocus, motion = p["blur"]
    if defocus:
        sigma = info["defocus"] = round(rng.uniform(0, defocus), 2)
        if sigma > 0.3:
            image = cv2.GaussianBlur(image, (0, 0), sigma)
    if motion and rng.random() < 0.5:
        length = info["motion"] = rng.randint(2, max(2, motion))
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1 / length
        rotation = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5),
                                           rng.uniform(0, 180), 1)
        kernel = cv2.warpAffine(kernel, rotation, (length, length))
        image = cv2.filter2D(image, -1, kernel / max(kernel.sum(), 1e-6))
    return image


def _screen(rng, picture, box, info):
    """A pass as a camera sees it on a phone: the screen's own light (its black is grey,
    its white may burn out), the pixel grid that beats against the camera's into moire,
    a reflection across the glass, perhaps a crack, and the phone's black frame around."""
    picture = picture.astype(np.float32)
    height, width = picture.shape
    black, white = rng.uniform(15, 70), min(255.0, 255 * rng.uniform(0.55, 1.6))
    image = black + picture / 255 * (white - black)
    pitch = rng.uniform(2.0, 3.2)  # screen pixels, as the pass is drawn on them
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    grid = (np.cos(2 * np.pi * x / pitch) + np.cos(2 * np.pi * y / pitch)) / 4 + 0.5
    image *= 1 - rng.uniform(0.15, 0.45) * grid
    if rng.random() < SCREEN["glare"]:
        angle = rng.uniform(0, np.pi)
        across = x * math.cos(angle) + y * math.sin(angle)
        centre = rng.uniform(across.min(), across.max())
        band = np.exp(-(((across - centre) / (width * rng.uniform(0.08, 0.25))) ** 2))
        image += band * rng.uniform(60, 170)
        info["glare"] = True
    if rng.random() < SCREEN["crack"]:
        point = (rng.uniform(0, width), 0.0)
        direction = rng.uniform(0.3, 2.8)
        tone = rng.choice([rng.uniform(0, 40), rng.uniform(215, 255)])
        while 0 <= point[0] < width and point[1] < height:
            step = rng.uniform(20, 60)
            direction += rng.uniform(-0.5, 0.5)
            nxt = (point[0] + step * math.cos(direction),
                   point[1] + step * abs(math.sin(direction)) + 5)
            cv2.line(image, (int(point[0]), int(point[1])), (int(nxt[0]), int(nxt[1])), tone,
                     rng.randint(2, 6))
            point = nxt
        info["crack"] = True
    bezel = int(width * rng.uniform(0.04, 0.08))
    image = cv2.copyMakeBorder(image, bezel * 2, bezel * 2, bezel, bezel,
                               cv2.BORDER_CONSTANT, value=rng.uniform(5, 25))
    return image, (box[0] + bezel, box[1] + bezel * 2, box[2])


_PASSES = []


def make(rng, preset: str, size: tuple, badges: list) -> Frame:
    width, height = size
    if preset == "noise":
        return Frame(np.frombuffer(rng.randbytes(width * height), np.uint8).reshape(
            height, width).copy(), None, preset)
    frame = clutter(rng, width, height)
    if preset == "none":
        return Frame(_finish(rng, frame.astype(np.float32), PRESETS["realistic"]), None, preset)
    if preset == "other":
        return Frame(_finish(rng, _other_codes(rng, frame).astype(np.float32),
                             PRESETS["realistic"]), None, preset)
    p = PRESETS[preset]
    if preset == "screen":
        return _on_screen(rng, frame, size, p)
    payload, badge = rng.choice(badges)
    qr_px = rng.uniform(*p["qr"]) * min(1.0, height / 720 * 1.1)
    centre = _place(rng, badge, frame, qr_px, p)
    image = frame.astype(np.float32)
    info = {"qr_px": round(qr_px), "finger": rng.random() < p["finger"],
            "glare": rng.random() < p["glare"]}
    if info["finger"]:
        _finger(rng, image, centre, qr_px)
    if info["glare"]:
        image = _glare(rng, image, centre, qr_px)
    return Frame(_finish(rng, image, p, info), payload, preset, info)


def _on_screen(rng, frame, size, p) -> Frame:
    """A phone held up showing a delegate's pass."""
    if not _PASSES:
        _PASSES.extend(demo_passes())
    payload, picture, box = rng.choice(_PASSES)
    info = {"glare": False, "crack": False}
    screen, box = _screen(rng, picture, box, info)
    info["qr_px"] = round(rng.uniform(*p["qr"]) * min(1.0, size[1] / 720 * 1.1))
    # bilinear, not area: the camera samples the screen's grid, which is what beats
    _place(rng, np.clip(screen, 0, 255).astype(np.uint8), frame, info["qr_px"], p, box,
           cv2.INTER_LINEAR)
    return Frame(_finish(rng, frame.astype(np.float32), p, info), payload, "screen", info)


def _finish(rng, image, p, info=None):
    """Light, blur, sensor noise and JPEG, as a cheap webcam would."""
    height, width = image.shape
    gain, uneven = p["light"]
    x = np.linspace(0, 1, width, dtype=np.float32)
    y = np.linspace(0, 1, height, dtype=np.float32)[:, None]
    light = rng.uniform(gain, 1.0) * (1 - uneven * (x * rng.random() + y * rng.random()) / 2)
    image = np.clip(image * light, 0, 255)
    image = _blur(rng, image, p, info if info is not None else {})
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(
        0, rng.uniform(0, p["noise"]), image.shape)
    image = np.clip(image + noise, 0, 255).astype(np.uint8)
    quality = rng.randint(*p["jpeg"])
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def _other_codes(rng, frame):
    """Barcodes that are not badges: a 1D barcode-like pattern and an ArUco marker."""
    height, width = frame.shape
    x0, y0 = rng.randint(0, width // 2), rng.randint(0, height // 2)
    bar_w = rng.randint(2, 4)
    for i in range(40):
        if rng.random() < 0.5:
            cv2.rectangle(frame, (x0 + i * bar_w, y0), (x0 + (i + 1) * bar_w - 1, y0 + 80), 0, -1)
    dictionary = cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50)
    marker = cv2.aruco.generateImageMarker(dictionary, rng.randint(0, 49), 120)
    mx, my = rng.randint(0, width - 130), rng.randint(0, height - 130)
    frame[my:my + 120, mx:mx + 120] = marker
    return frame


def generate(preset: str, count: int, size: tuple, seed: int, badges: list) -> list:
    rng = random.Random(f"{seed}-{preset}-{size}")
    return [make(rng, preset, size, badges) for _ in range(count)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=[*PRESETS, *NEGATIVES], default="realistic")
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--size", choices=RESOLUTIONS, default="1280x720")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    frames = generate(args.preset, args.count, RESOLUTIONS[args.size], args.seed, demo_badges())
    with open(args.out / "truth.tsv", "w", encoding="utf-8") as truth:
        for i, frame in enumerate(frames):
            name = f"{args.preset}-{i:03d}.png"
            cv2.imwrite(str(args.out / name), frame.image)
            truth.write(f"{name}\t{frame.truth or ''}\n")
    print(f"{len(frames)} frames in {args.out}")


if __name__ == "__main__":
    main()
