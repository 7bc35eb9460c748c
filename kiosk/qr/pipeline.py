"""The QR decoding pipeline: a greyscale frame in, badge texts out. No Flask here.

zxing-cpp reads most frames in 1-3 ms at 1280x720. When it finds nothing, the frame is
tried again through a short list of image fixes, in the order that rescued the most
frames per millisecond on our generated frames (scripts/frames.py): a morphological
opening (glare speckle), a light blur (noise, JPEG blocks), an unsharp mask (defocus),
a dilation, a median filter, a global-histogram binariser, then upscaling (codes under
~100 px). The fixes run first on the regions where a code was seen but not read (zxing
reports those) and on the region of the last success, which is cheap; then a code with
one finder pattern hidden by a finger or glare is repaired (finders.py); then the fixes
run on the whole frame, until a time budget is spent. A frame in which zxing saw no code
and no two finder-pattern-like squares show is given up after those two looks: most
frames a camera sends hold no code at all; so is one with a wall of them.

OpenCV's multi-code detector used to find more regions; it cannot be stopped, and a
frame tiled with small finder patterns kept it busy 100 s at 1920x1080 and 475 s at
1280x720 (two such frames held both decoder slots). Without it, on 900 fresh frames
(seed 11, three sizes) the pipeline read 258 realistic and 141 hard frames instead of
260 and 142, and an empty frame costs 4.2 ms at the median instead of 6.9 ms. Every
step now either has a cost bounded by the frame's size or checks the budget. OpenCV
stays the image library.
"""

import time
from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from badges.codes import PAYLOAD_RE

from . import finders

QR = zxingcpp.BarcodeFormat.QRCode
KERNEL3 = np.ones((3, 3), np.uint8)
KERNEL2 = np.ones((2, 2), np.uint8)
DETECT_SCALE = 0.5  # the finder look on wide frames, at half size
GATE_WIDTH = 1000  # frames this wide are looked at half size for finder patterns
REPAIR_MIN_MS = 6.0  # about what finding finder patterns costs on a 720p frame


def _sharpen(image):
    return cv2.addWeighted(image, 1.8, cv2.GaussianBlur(image, (0, 0), 2), -0.8, 0)


def _upscale(image, factor):
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)


# (name, transform, zxing binariser, ms per megapixel with the read, measured on one
# core here): ordered by frames rescued per millisecond on generated frames
FIXES = [
    ("open", lambda im: cv2.morphologyEx(im, cv2.MORPH_OPEN, KERNEL3), None, 1.6),
    ("blur", lambda im: cv2.GaussianBlur(im, (0, 0), 1.0), None, 1.8),
    ("sharpen", _sharpen, None, 4.5),
    ("dilate", lambda im: cv2.dilate(im, KERNEL2), None, 2.6),
    ("median", lambda im: cv2.medianBlur(im, 3), None, 1.9),
    ("global", lambda im: im, zxingcpp.Binarizer.GlobalHistogram, 1.0),
    ("up2", lambda im: _upscale(im, 2), None, 12.0),
    ("up1.5-sharpen", lambda im: _sharpen(_upscale(im, 1.5)), None, 11.0),
]


@dataclass
class Found:
    text: str
    region: tuple  # x, y, w, h in frame pixels
    stage: str  # which pass read it: 'first', 'region:<fix>', 'frame:<fix>'


def _region(barcode, offset=(0, 0), scale=1.0) -> tuple:
    p = barcode.position
    xs = [p.top_left.x, p.top_right.x, p.bottom_right.x, p.bottom_left.x]
    ys = [p.top_left.y, p.top_right.y, p.bottom_right.y, p.bottom_left.y]
    x0, y0 = min(xs) / scale + offset[0], min(ys) / scale + offset[1]
    return (int(x0), int(y0), int((max(xs) - min(xs)) / scale) + 1,
            int((max(ys) - min(ys)) / scale) + 1)


def _crop(image, region, pad=0.35):
    x, y, w, h = region
    height, width = image.shape[:2]
    px, py = int(w * pad) + 8, int(h * pad) + 8
    x0, y0 = max(0, x - px), max(0, y - py)
    x1, y1 = min(width, x + w + px), min(height, y + h + py)
    return image[y0:y1, x0:x1], (x0, y0)


def badge_like(text: str) -> bool:
    """A retry decodes a doctored image many times over; a Reed-Solomon miscorrection is
    then a real if small risk, so what a retry reads must look like a badge payload."""
    return PAYLOAD_RE.match(text.strip().upper()) is not None


class Pipeline:
    """One per camera (or per request): remembers where the last code was."""

    def __init__(self, budget_ms: float = 28.0):
        self.budget = budget_ms / 1000
        self.last_region = None
        self.seen = False  # whether the last frame had anything code-like in it

    def _read(self, image, binarizer=None, errors=False):
        options = {"formats": QR, "return_errors": errors}
        if binarizer is not None:
            options["binarizer"] = binarizer
        return zxingcpp.read_barcodes(image, **options)

    def decode(self, frame: np.ndarray, hint: tuple | None = None) -> list:
        """Every badge-like QR text in a greyscale frame, as Found."""
        deadline = time.perf_counter() + self.budget
        results = self._read(frame, errors=True)
        found = [Found(b.text, _region(b), "first") for b in results if b.valid and b.text]
        if found:
            self.last_region = found[0].region
            self.seen = True
            return found
        regions = [_region(b) for b in results if not b.valid]
        small = frame if frame.shape[1] < GATE_WIDTH else cv2.resize(
            frame, None, fx=DETECT_SCALE, fy=DETECT_SCALE, interpolation=cv2.INTER_AREA)
        candidates = finders.finder_candidates(small)
        # OpenCV's multi-code detector cannot be stopped: on a frame tiled with finder
        # patterns it ran 100 s. It runs only where the finders are few enough.
        if len(candidates) > finders.MAX_FINDERS:
            self.seen = False
            return []  # a wall of finder patterns is no badge: given up, in bounded time
        self.seen = bool(regions) or len(candidates) >= 2
        if not self.seen and not hint and not self.last_region:
            return []  # nothing code-like: most of a camera's frames, given up in a few ms
        for region in (hint, self.last_region):
            if region and region not in regions:
                regions.append(region)
        for region in regions:
            crop, offset = _crop(frame, region)
            if min(crop.shape[:2]) < 20:
                continue
            hit = self._fixes(crop, offset, "region", deadline)
            if hit:
                return hit
        hit = self._repair(frame, deadline) or self._fixes(frame, (0, 0), "frame", deadline)
        if not hit:
            self.last_region = None
        return hit

    def _repair(self, frame, deadline) -> list:
        """A code with one finder pattern hidden (a finger, glare): paint it back."""
        if time.perf_counter() + REPAIR_MIN_MS / 1000 > deadline:
            return []  # finding the finders alone would overrun the budget
        for image, offset in finders.repairs(frame, lambda: time.perf_counter() < deadline):
            hits = [b for b in self._read(image) if b.valid and badge_like(b.text)]
            if hits:
                found = [Found(b.text, _region(b, offset), "repair") for b in hits]
                self.last_region = found[0].region
                return found
        return []

    def _fixes(self, image, offset, where, deadline) -> list:
        megapixels = image.size / 1e6
        for name, fix, binarizer, cost in FIXES:
            if time.perf_counter() + cost * megapixels / 1000 > deadline:
                continue  # a cheaper fix further down may still fit
            fixed = fix(image)
            scale = fixed.shape[1] / image.shape[1]
            hits = [b for b in self._read(fixed, binarizer) if b.valid and badge_like(b.text)]
            if hits:
                found = [Found(b.text, _region(b, offset, scale), f"{where}:{name}") for b in hits]
                self.last_region = found[0].region
                return found
        return []

