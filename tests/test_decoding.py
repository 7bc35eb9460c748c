"""The decoding pipeline on generated camera frames; the debounce; the native camera loop.

Rates are floors set from scripts/bench_decode.py with margin, on a fixed seed; the time
budget is lifted so that a busy machine changes no result (speed is the benchmark's).
"""

import cv2
import numpy as np
import pytest
import zxingcpp
from click.testing import CliRunner

from kiosk.cli import main
from kiosk.qr.pipeline import Pipeline
from kiosk.station import camera

import frames

# hard: 31 of 60 with the demo event's fixed badge key (scripts/frames.py); 29 to 32 from
# one random key to the next, which made a floor of 0.50 fail in one run out of three
FLOORS = {"clean": 0.98, "realistic": 0.82, "hard": 0.45}


@pytest.fixture(scope="module")
def badges(tmp_path_factory):
    return frames.demo_badges(4, tmp_path_factory.mktemp("badges"))


# No budget at all in effect: the slowest of these frames takes ~150 ms here when the
# machine is idle, and 500 ms (the lift used before) cut it short when the machine was
# busy, one frame short of the hard floor (29 of 60 against 30) in a CI run.
UNHURRIED_MS = 60_000.0


def read(frame, budget_ms=UNHURRIED_MS):
    return [f.text for f in Pipeline(budget_ms).decode(frame.image)]


@pytest.mark.parametrize("preset", list(FLOORS))
def test_pipeline_reads_each_difficulty_at_its_floor_and_beats_zxing(badges, preset):
    batch = frames.generate(preset, 60, (1280, 720), 3, badges)
    ours = sum(f.truth in read(f) for f in batch) / len(batch)
    alone = sum(f.truth in [b.text for b in zxingcpp.read_barcodes(
        f.image, formats=zxingcpp.BarcodeFormat.QRCode)] for f in batch) / len(batch)
    assert ours >= FLOORS[preset]
    assert ours >= alone


@pytest.mark.parametrize("preset", frames.NEGATIVES)
def test_no_decode_at_all_without_a_badge(badges, preset):
    for frame in frames.generate(preset, 25, (1280, 720), 4, badges):
        assert read(frame) == []


def test_a_frame_with_nothing_code_like_is_given_up_and_said_so(badges):
    """The pipeline tells whether anything code-like was in a frame (a kiosk without its
    own decoder sends fewer frames while nothing is): nothing in an empty hall, something
    in most frames with a badge, read or not."""
    for frame in frames.generate("none", 20, (1280, 720), 6, badges):
        pipeline = Pipeline(UNHURRIED_MS)
        assert pipeline.decode(frame.image) == [] and pipeline.seen is False
    seen = 0
    for frame in frames.generate("hard", 30, (1280, 720), 6, badges):
        pipeline = Pipeline(UNHURRIED_MS)
        read = pipeline.decode(frame.image)
        assert pipeline.seen or not read  # a frame read had something code-like in it
        seen += pipeline.seen
    assert seen >= 20  # 23 of 30 here: a badge too blurred to show a finder is not seen


def test_decoded_texts_are_never_wrong(badges):
    for frame in frames.generate("hard", 40, (1280, 720), 9, badges):
        assert all(text == frame.truth for text in read(frame))


def test_the_region_of_a_success_is_remembered_and_reported(badges):
    frame = frames.generate("clean", 1, (1280, 720), 2, badges)[0]
    pipeline = Pipeline()
    found = pipeline.decode(frame.image)
    x, y, w, h = found[0].region
    assert pipeline.last_region == found[0].region and w > 50 and h > 50
    assert 0 <= x < 1280 and 0 <= y < 720


def test_debounce_sends_a_held_badge_once_and_a_new_one_at_once():
    debounce = camera.Debouncer(hold=3.0)
    seen = [("A", t / 30) for t in range(90)] + [("B", 3.0 + t / 30) for t in range(30)]
    sent = [code for code, t in seen if debounce.admit(code, t)]
    assert sent == ["A", "B"]
    assert debounce.admit("A", 3.0 + 0.5) is False  # A was last seen at 2.97 s
    assert debounce.admit("A", 10.0) is True  # gone for a while: shown again


def write_video(path, images, fps=15):
    height, width = images[0].shape
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    for image in images:
        writer.write(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))
    writer.release()


def test_kiosk_camera_on_a_video_checks_in_each_badge_it_shows_once(
        live_server, station_token, kdb, tmp_path):
    from badges import printing

    shown = []
    for code in ("CN070", "CN071"):
        png = tmp_path / f"{code}.png"
        printing.render_badges(kdb, png, code=code, fmt="png")
        badge = cv2.resize(cv2.imread(str(png), cv2.IMREAD_GRAYSCALE), (340, 480))
        frame = cv2.copyMakeBorder(badge, 0, 0, 150, 150, cv2.BORDER_CONSTANT, value=110)
        shown.append(frame)
    blank = shown[0] * 0 + 110
    # 3 s of the first badge held up, 1 s of nothing, 2 s of the second badge
    video = tmp_path / "lane.avi"
    write_video(video, [shown[0]] * 45 + [blank] * 15 + [shown[1]] * 30)
    result = CliRunner().invoke(main, ["camera", "--url", live_server, "--token",
                                       station_token, "--video", str(video), "--headless",
                                       "--session", "tru-bi"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(code, outcome) for _, code, outcome, _ in lines] == [("CN070", "ok"),
                                                                   ("CN071", "ok")]
    rows = kdb.execute("SELECT method, result FROM checkins ORDER BY seq").fetchall()
    assert rows == [("camera", "ok"), ("camera", "ok")]


def test_kiosk_camera_reports_a_missing_video_or_camera(tmp_path):
    broken = tmp_path / "broken.avi"
    broken.write_bytes(b"not a video")
    result = CliRunner().invoke(main, ["camera", "--url", "http://127.0.0.1:9", "--token", "x",
                                       "--video", str(broken), "--headless"])
    assert result.exit_code == 1 and "cannot open" in result.output


def test_retries_only_accept_what_looks_like_a_badge(badges):
    from kiosk.qr.pipeline import badge_like

    payload = badges[0][0]
    assert badge_like(payload) and badge_like(payload.lower())
    for text in ("https://example.org", "3911703", payload[:-1], payload + "X", ""):
        assert not badge_like(text)


@pytest.mark.parametrize("size,module", [((1280, 720), 2), ((1280, 720), 3),
                                         ((1920, 1080), 4)])
def test_a_frame_tiled_with_finder_patterns_costs_bounded_time(size, module):
    """A frame tiled with finder patterns kept OpenCV's multi-code detector busy for
    minutes (475 s at 1280x720 with 2-pixel modules); two such frames held both decoder
    slots. The pipeline now gives such a frame up within a fraction of a second."""
    import threading

    from kiosk.qr.pipeline import Pipeline

    w, h = size
    image = np.full((h, w), 255, np.uint8)
    finder = np.zeros((7, 7), np.uint8)
    finder[1:6, 1:6], finder[2:5, 2:5] = 255, 0
    tile = cv2.resize(finder, (7 * module, 7 * module), interpolation=cv2.INTER_NEAREST)
    for y in range(0, h - 9 * module, 9 * module):
        for x in range(0, w - 9 * module, 9 * module):
            image[y:y + 7 * module, x:x + 7 * module] = tile
    found = []
    worker = threading.Thread(target=lambda: found.append(Pipeline().decode(image)),
                              daemon=True)
    worker.start()
    worker.join(5)  # a frame's budget is 28 ms; 5 s leaves room for a slow CI machine
    assert found == [[]], "still decoding after 5 s"
