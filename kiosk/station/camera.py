"""A native camera loop: frames from a USB camera or a video file, decoded here, posted
as check-ins to a station or the hub (through `kiosk.client`). No Flask here.

A badge held in front of the camera is seen in every frame; the debounce turns that
into one check-in: a code is sent when first seen, then ignored while it stays in view
and for `hold` seconds after it was last seen. A different badge is sent at once.
"""

import time
from dataclasses import dataclass, field

import cv2

from badges.codes import code_of

from ..client import HubClient, Offline, Refused
from ..qr.pipeline import Pipeline


@dataclass
class Debouncer:
    hold: float = 3.0  # seconds a code stays quiet after it was last seen
    _seen: dict = field(default_factory=dict)  # code -> last time seen

    def admit(self, code: str, now: float) -> bool:
        """True if `code` should be sent now; every sighting extends its quiet time."""
        last = self._seen.get(code)
        self._seen[code] = now
        return last is None or now - last > self.hold


class Poster:
    """Posts check-ins through the hub client; a request that fails on the network is
    retried with the same id, so the hub records it once."""

    def __init__(self, url: str, token: str, session: str | None = None, retries: int = 3):
        self.client, self.session, self.retries = HubClient(url, token, 5), session, retries

    def send(self, code: str) -> dict:
        try:
            return self.client.check_in(code, self.session, "camera", retries=self.retries)
        except Refused as exc:
            return exc.body | {"result": "error", "status": exc.status}
        except Offline:
            return {"result": "offline", "label": "Không kết nối được máy chủ"}


def frames(source):
    """(timestamp, greyscale frame) from a camera index or a video file. A file's
    timestamps come from its frame rate, so a test runs at file speed, not real time."""
    capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        raise OSError(f"cannot open camera or video {source!r}")
    from_file = isinstance(source, str)
    fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
    index = 0
    try:
        while True:
            ok, frame = capture.read()
            if not ok:
                return
            stamp = index / fps if from_file else time.monotonic()
            index += 1
            yield stamp, cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    finally:
        capture.release()


def run(source, poster: Poster, show, hold: float = 3.0) -> int:
    """Decode every frame, post each admitted code, show each answer; return the count."""
    pipeline, debounce, sent = Pipeline(), Debouncer(hold), 0
    for stamp, image in frames(source):
        for found in pipeline.decode(image):
            code = code_of(found.text)
            if debounce.admit(code, stamp):
                show(poster.send(found.text), code)
                sent += 1
    return sent


COLOURS = {"green": (40, 130, 30), "amber": (0, 120, 200), "red": (30, 40, 180)}  # BGR


def show_window(answer: dict, code: str) -> bool:
    """Show the answer in a window; False where OpenCV was built without a GUI."""
    import numpy as np

    canvas = np.full((240, 640, 3), COLOURS.get(answer.get("color"), (60, 60, 60)), np.uint8)
    # OpenCV's own fonts are ASCII only: the label is shown folded, without diacritics
    from badges.text import fold

    for row, text in enumerate([answer.get("label", answer.get("result", "")), code,
                                (answer.get("delegate") or {}).get("name", "")]):
        cv2.putText(canvas, fold(text).upper() if row != 1 else text, (20, 70 + row * 70),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.2, (255, 255, 255), 2)
    try:
        cv2.imshow("kiosk camera", canvas)
        cv2.waitKey(1)
    except cv2.error:
        return False
    return True
