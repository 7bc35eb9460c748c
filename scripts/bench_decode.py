"""Decoding benchmark: our pipeline against OpenCV's two detectors and zxing-cpp.

    .venv/bin/python scripts/bench_decode.py [--frames 100] [--seed 5] [--sizes 1280x720 ...]

Generates frames with scripts/frames.py (clean, realistic, hard, and negatives with no
badge: clutter only, random noise, other barcodes) at 640x480, 1280x720 and 1920x1080,
runs every decoder on the same frames on one core, and prints per decoder and preset:
decode rate, wrong decodes (a text that is not the badge shown), median and p95 ms a
frame. Our pipeline starts fresh on every frame (no region remembered).
"""

import argparse
import os
import statistics
import time

import cv2
import zxingcpp

from kiosk.qr.pipeline import Pipeline

import frames

os.environ.setdefault("OMP_NUM_THREADS", "1")
cv2.setNumThreads(1)


def opencv(detector):
    def run(image):
        text, _, _ = detector.detectAndDecode(image)
        return [text] if text else []

    return run


def zxing(image):
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def ours(image):
    return [f.text for f in Pipeline().decode(image)]


DECODERS = {"ours": ours, "zxing-cpp": zxing,
            "opencv-aruco": opencv(cv2.QRCodeDetectorAruco()),
            "opencv": opencv(cv2.QRCodeDetector())}


def measure(decoder, batch):
    hits = wrong = 0
    times = []
    for frame in batch:
        start = time.perf_counter()
        texts = decoder(frame.image)
        times.append((time.perf_counter() - start) * 1000)
        hits += frame.truth is not None and frame.truth in texts
        wrong += any(t != frame.truth for t in texts)
    times.sort()
    return hits, wrong, statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=100, help="frames per preset and size")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--sizes", nargs="+", default=list(frames.RESOLUTIONS),
                        choices=list(frames.RESOLUTIONS))
    args = parser.parse_args()
    badges = frames.demo_badges()
    presets = [*frames.PRESETS, *frames.NEGATIVES]
    print(f"{args.frames} frames per preset and size, seed {args.seed}, one core")
    print(f"{'size':<10}{'preset':<10}{'decoder':<14}{'read':>7}{'wrong':>6}"
          f"{'median ms':>10}{'p95 ms':>8}")
    for size in args.sizes:
        for preset in presets:
            batch = frames.generate(preset, args.frames, frames.RESOLUTIONS[size], args.seed,
                                    badges)
            for name, decoder in DECODERS.items():
                hits, wrong, median, p95 = measure(decoder, batch)
                rate = f"{100 * hits / len(batch):.0f}%" if preset in frames.PRESETS else "-"
                print(f"{size:<10}{preset:<10}{name:<14}{rate:>7}{wrong:>6}{median:>10.1f}"
                      f"{p95:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
