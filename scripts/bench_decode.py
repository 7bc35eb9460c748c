"""Decoding benchmark: our pipeline against OpenCV's two detectors and zxing-cpp.

    .venv/bin/python scripts/bench_decode.py [--frames 100] [--seed 5] [--sizes 1280x720 ...]
        [--against 408a493] [--decoders ours zxing-cpp] [--presets realistic hard none]

Generates frames with scripts/frames.py (clean, realistic, hard, and negatives with no
badge: clutter only, random noise, other barcodes) at 640x480, 1280x720 and 1920x1080,
runs every decoder on the same frames on one core, and prints per decoder and preset:
decode rate, wrong decodes (a text that is not the badge shown), median and p95 ms a
frame. Our pipeline starts fresh on every frame (no region remembered). `--against
COMMIT` adds the pipeline as it was at that commit (its kiosk/qr read from git), measured
on the same frames in the same run: `ours@COMMIT`. Totals per preset over every size
close the table (the issue's "269 of 300 realistic frames").
"""

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def pipeline_at(commit: str):
    """A decoder running kiosk/qr/pipeline.py (and finders.py) as they were at `commit`."""
    root = Path(__file__).resolve().parent.parent
    folder = Path(tempfile.mkdtemp(prefix="qr-at-")) / f"qr_{commit}"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    for name in ("pipeline.py", "finders.py"):
        text = subprocess.run(["git", "-C", str(root), "show", f"{commit}:kiosk/qr/{name}"],
                              capture_output=True, text=True, check=True).stdout
        (folder / name).write_text(text)
    sys.path.insert(0, str(folder.parent))
    old = importlib.import_module(f"qr_{commit}.pipeline")
    return lambda image: [f.text for f in old.Pipeline().decode(image)]


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
    parser.add_argument("--against", nargs="*", default=[], metavar="COMMIT",
                        help="also our pipeline as it was at these commits")
    parser.add_argument("--decoders", nargs="+", default=None,
                        help="only these (ours, zxing-cpp, opencv-aruco, opencv, ours@COMMIT)")
    parser.add_argument("--presets", nargs="+", default=[*frames.PRESETS, *frames.NEGATIVES],
                        choices=[*frames.PRESETS, *frames.NEGATIVES])
    args = parser.parse_args()
    decoders = dict(DECODERS)
    for commit in args.against:
        decoders[f"ours@{commit}"] = pipeline_at(commit)
    if args.decoders:
        decoders = {k: v for k, v in decoders.items() if k in args.decoders}
    badges = frames.demo_badges()
    print(f"{args.frames} frames per preset and size, seed {args.seed}, one core")
    print(f"{'size':<10}{'preset':<10}{'decoder':<22}{'read':>7}{'wrong':>6}"
          f"{'median ms':>10}{'p95 ms':>8}")
    totals = {}
    for size in args.sizes:
        for preset in args.presets:
            batch = frames.generate(preset, args.frames, frames.RESOLUTIONS[size], args.seed,
                                    badges)
            for name, decoder in decoders.items():
                hits, wrong, median, p95 = measure(decoder, batch)
                total = totals.setdefault((preset, name), [0, 0, 0])
                total[0] += hits
                total[1] += wrong
                total[2] += len(batch)
                rate = f"{100 * hits / len(batch):.0f}%" if preset in frames.PRESETS else "-"
                print(f"{size:<10}{preset:<10}{name:<22}{rate:>7}{wrong:>6}{median:>10.1f}"
                      f"{p95:>8.1f}", flush=True)
    print("\nall sizes together")
    for (preset, name), (hits, wrong, count) in totals.items():
        if preset in frames.PRESETS:
            print(f"{preset:<10}{name:<22}{hits:>4} of {count} ({100 * hits / count:.1f}%)"
                  f"  wrong {wrong}")
        else:
            print(f"{preset:<10}{name:<22}wrong {wrong} of {count}")


if __name__ == "__main__":
    main()
