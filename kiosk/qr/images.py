"""Camera frames in, badge texts out: image decoding around the pipeline. No Flask here."""

import cv2
import numpy as np

from .pipeline import Pipeline


class NotAnImage(ValueError):
    """The bytes are not an image OpenCV can decode."""


def load(data: bytes) -> np.ndarray:
    if not data:
        raise NotAnImage("empty body")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise NotAnImage("not a decodable image")
    return image


def parse_region(text: str | None):
    """'x,y,w,h' from a client's hint, or None when absent or malformed."""
    try:
        values = tuple(int(v) for v in (text or "").split(","))
    except ValueError:
        return None
    return values if len(values) == 4 and all(v >= 0 for v in values) else None


def decode_bytes(data: bytes, hint=None) -> list:
    """Found codes (text, region, stage) in an encoded image."""
    return Pipeline().decode(load(data), hint)
