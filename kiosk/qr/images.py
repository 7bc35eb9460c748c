"""Camera frames in, badge texts out: image decoding around the pipeline. No Flask here.

An image is sized from its header (Pillow reads only that) before a pixel is decoded:
a PNG of 20,000 x 20,000 grey pixels is a few hundred KB on the wire and 400 MB once
decoded. Past MAX_PIXELS it is refused. At most DECODERS images are decoded at once
(the hub's cores); a frame that cannot get a turn within WAIT seconds is refused too.
"""

import io
import threading
import warnings

import cv2
import numpy as np
from PIL import Image

from .pipeline import Pipeline

MAX_PIXELS = 4096 * 4096  # a 12-megapixel phone photo fits; a 1080p frame is 2 MP
MAX_SIDE = 8192
DECODERS = 2
WAIT = 2.0
_turns = threading.BoundedSemaphore(DECODERS)


class NotAnImage(ValueError):
    """The bytes are not an image OpenCV can decode."""


class TooLarge(ValueError):
    """The image has more pixels than a camera frame or a phone photo."""


class Busy(RuntimeError):
    """Every decoder is taken: the hub is decoding other frames."""


def size_of(data: bytes) -> tuple:
    """(width, height) from the image's header, without decoding its pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                return image.size
    except Image.DecompressionBombError:
        raise TooLarge("ảnh quá lớn") from None
    except Exception:  # Pillow raises many kinds for bytes that are not an image
        raise NotAnImage("not a decodable image") from None


def check(data: bytes) -> None:
    """Refuse what is not an image, or one too large, from its header alone."""
    if not data:
        raise NotAnImage("empty body")
    width, height = size_of(data)
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise TooLarge(f"ảnh quá lớn: {width}x{height} điểm ảnh, tối đa "
                       f"{MAX_PIXELS // 1_000_000} megapixel")


def _pixels(data: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise NotAnImage("not a decodable image")
    return image


def load(data: bytes) -> np.ndarray:
    """A checked image's greyscale pixels."""
    check(data)
    return _pixels(data)


def parse_region(text: str | None):
    """'x,y,w,h' from a client's hint, or None when absent or malformed."""
    try:
        values = tuple(int(v) for v in (text or "").split(",") if len(v) <= 6)
    except ValueError:
        return None
    return values if len(values) == 4 and all(v >= 0 for v in values) else None


def decode_bytes(data: bytes, hint=None) -> tuple:
    """(found codes as Found, whether anything code-like was seen) in an encoded image."""
    check(data)  # refused before waiting for a turn, and before any pixel is decoded
    if not _turns.acquire(timeout=WAIT):
        raise Busy("every decoder is busy")
    try:
        pipeline = Pipeline()
        found = pipeline.decode(_pixels(data), hint)
        return found, pipeline.seen
    finally:
        _turns.release()
