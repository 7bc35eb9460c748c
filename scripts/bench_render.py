"""Benchmark: render 500 badges, beside merely making 500 QR images in the same run.

    .venv/bin/python scripts/bench_render.py [--count 500]

Prints wall time, pages and PDF size of `badges render`'s work, and two references:
computing 500 QR matrices, and making 500 QR PNG images (qrcode with Pillow, 10 px a
module): the one QR library the badges use.
"""

import argparse
import io
import tempfile
import time
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_H

from badges import demo_roster, printing
from badges.render import qr
from kiosk import db as store


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = store.connect(folder / "event.db")
        demo_roster.populate(db, folder, args.count)
        payloads = [b.payload for b in printing.badge_data(db)]

        def images():
            for text in payloads:
                qrcode.make(text, error_correction=ERROR_CORRECT_H, box_size=10).save(
                    io.BytesIO())

        t_matrix, _ = timed(lambda: [qr.matrix(t) for t in payloads])
        t_images, _ = timed(images)
        out = folder / "badges.pdf"
        t_render, pages = timed(lambda: printing.render_badges(db, out))
        size = out.stat().st_size
    print(f"{'what':<34}{'wall s':>9}")
    n = len(payloads)
    print(f"{f'reference: {n} QR matrices':<34}{t_matrix:>9.2f}")
    print(f"{f'reference: {n} QR PNG images':<34}{t_images:>9.2f}")
    print(f"{f'render {n} badges (vector PDF)':<34}{t_render:>9.2f}"
          f"   {pages} pages, {size / 1e6:.2f} MB")
    print(f"render / QR images: {t_render / t_images:.2f}x")


if __name__ == "__main__":
    main()
