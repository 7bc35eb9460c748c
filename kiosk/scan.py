"""Decoding QR codes from camera frames: image bytes in, texts out. No Flask here."""

import cv2
import numpy as np

MAX_SIDE = 1280  # larger frames are scaled down before detection


class NotAnImage(ValueError):
    """The bytes are not an image OpenCV can decode."""


def load(data: bytes) -> np.ndarray:
    if not data:
        raise NotAnImage("empty body")
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise NotAnImage("not a decodable image")
    return image


def decode(image: np.ndarray) -> list:
    """Every QR text found in a greyscale frame, in detection order."""
    height, width = image.shape[:2]
    if max(height, width) > MAX_SIDE:
        scale = MAX_SIDE / max(height, width)
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    detector = cv2.QRCodeDetectorAruco()
    ok, texts, _, _ = detector.detectAndDecodeMulti(image)
    if ok:
        return [t for t in texts if t]
    text, _, _ = detector.detectAndDecode(image)
    return [text] if text else []


def decode_bytes(data: bytes) -> list:
    return decode(load(data))
