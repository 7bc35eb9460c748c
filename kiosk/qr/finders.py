"""Repairing a QR code whose corner is hidden (a finger, glare on the pouch).

A QR code is found by its three finder patterns; with one hidden, decoders see no code
although error correction (level H: 30%) could restore the hidden modules. Here the two
visible finder patterns are found as nested contours, the hidden one's place follows
from the code's geometry (versions 1 to 4: finder centres 14 to 26 modules apart along
a side), and a clean finder pattern is painted there on a crop around the code.
Perspective puts the true place a module or so off, so neighbouring places are tried too.
"""

import math

import cv2
import numpy as np

SIDE_DISTANCES = [14, 18, 22, 26]  # finder centre to centre along a side, versions 1-4
MAX_CONTOURS = 8000  # more than this is noise, not a badge
# More finder-like squares than this and the frame is no badge (a wall of them is an
# attack on OpenCV's multi-code detector: 100 s for one 1080p frame); the search stops
# there, so its own cost stays bounded too (the pairwise check was 850 ms at 1,456).
MAX_FINDERS = 40
CROP_PAD = 12  # modules kept around the three finder centres
DETECT_WIDTH = 1300  # wider frames are searched for finders at half size
OFFSETS = [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)]


def finder_candidates(gray: np.ndarray) -> list:
    """(centre x, centre y, module size) of finder-pattern-like nested squares."""
    smooth = cv2.GaussianBlur(gray, (5, 5), 0)  # sensor noise would make thousands of specks
    binary = cv2.adaptiveThreshold(smooth, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                   cv2.THRESH_BINARY_INV, 31, 7)
    contours, hierarchy = cv2.findContours(binary, cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None or len(contours) > MAX_CONTOURS:
        return []
    hierarchy = hierarchy[0]
    found = []
    for index, contour in enumerate(contours):
        child = hierarchy[index][2]
        if child < 0 or hierarchy[child][2] < 0:
            continue  # a finder is a ring holding a ring holding a square
        core = contours[hierarchy[child][2]]
        outer, inner = cv2.contourArea(contour), cv2.contourArea(core)
        if outer < 60 or inner <= 0 or not 2.5 < outer / inner < 14:
            continue
        _, (w, h), _ = cv2.minAreaRect(contour)
        moments = cv2.moments(core)
        if min(w, h) <= 0 or max(w, h) / min(w, h) > 2.2 or moments["m00"] == 0:
            continue
        found.append((moments["m10"] / moments["m00"], moments["m01"] / moments["m00"],
                      math.sqrt(outer) / 7))
        if len(found) > 4 * MAX_FINDERS:
            break  # a crowd: more than the caller will look at, whatever the rest holds
    kept = []
    for x, y, module in sorted(found, key=lambda f: -f[2]):
        if all(math.hypot(x - kx, y - ky) > 2 * km for kx, ky, km in kept):
            kept.append((x, y, module))
            if len(kept) > MAX_FINDERS:
                break  # a crowd (the caller sees more than MAX_FINDERS and stops)
    return kept


def hidden_corners(a, b) -> list:
    """(x, y, module, angle) places the third finder may have, given two visible ones,
    the geometry that best fits their distance first."""
    (ax, ay, am), (bx, by, bm) = a, b
    if max(am, bm) / min(am, bm) > 1.6:
        return []
    module = (am + bm) / 2
    dx, dy = bx - ax, by - ay
    distance = math.hypot(dx, dy) / module
    px, py = -dy, dx  # AB turned a right angle
    scored = []
    for side in SIDE_DISTANCES:
        misfit = abs(distance - side) / side
        if misfit < 0.15:  # A and B share a side: the third is beside one of them
            for sign in (1, -1):
                scored += [(misfit, ax + sign * px, ay + sign * py),
                           (misfit, bx + sign * px, by + sign * py)]
        misfit = abs(distance - side * math.sqrt(2)) / (side * math.sqrt(2))
        if misfit < 0.15:  # A and B are diagonal: the third is off their midpoint
            mx, my = (ax + bx) / 2, (ay + by) / 2
            scored += [(misfit, mx + px / 2, my + py / 2), (misfit, mx - px / 2, my - py / 2)]
    angle = math.atan2(dy, dx)
    places = []
    for _, x, y in sorted(scored):
        if all(math.hypot(x - qx, y - qy) > 2 * module for qx, qy, _, _ in places):
            places.append((x, y, module, angle))
    return places


def paint_finder(image: np.ndarray, x, y, module, angle) -> np.ndarray:
    """A copy of `image` with a clean finder pattern and its white separator at x, y."""
    out = image.copy()
    cos, sin = math.cos(angle), math.sin(angle)
    for half, colour in ((4.0, 255), (3.5, 0), (2.5, 255), (1.5, 0)):
        r = half * module
        corners = [(x + cos * u - sin * v, y + sin * u + cos * v)
                   for u, v in ((-r, -r), (r, -r), (r, r), (-r, r))]
        cv2.fillConvexPoly(out, np.int32(np.round(corners)), colour)
    return out


def repairs(gray: np.ndarray, keep_going=lambda: True):
    """(image, (x, y) offset of the crop) with one hidden finder pattern restored,
    the most plausible first, while keep_going() says there is time."""
    scale = 0.5 if gray.shape[1] > DETECT_WIDTH else 1.0  # finders stay > 10 px at half size
    small = gray if scale == 1.0 else cv2.resize(gray, None, fx=scale, fy=scale,
                                                 interpolation=cv2.INTER_AREA)
    finders = [(x / scale, y / scale, m / scale) for x, y, m in finder_candidates(small)]
    if not 2 <= len(finders) <= 8:
        return
    for i in range(len(finders)):
        for j in range(i + 1, len(finders)):
            for x, y, module, angle in hidden_corners(finders[i], finders[j]):
                points = [finders[i][:2], finders[j][:2], (x, y)]
                crop, (x0, y0) = _crop(gray, points, CROP_PAD * module)
                for ox, oy in OFFSETS:
                    if not keep_going():
                        return
                    yield paint_finder(crop, x - x0 + ox * module, y - y0 + oy * module,
                                       module, angle), (x0, y0)


def _crop(gray, points, pad):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0 = int(max(0, min(xs) - pad)), int(max(0, min(ys) - pad))
    x1 = int(min(gray.shape[1], max(xs) + pad))
    y1 = int(min(gray.shape[0], max(ys) + pad))
    return gray[y0:y1, x0:x1], (x0, y0)
