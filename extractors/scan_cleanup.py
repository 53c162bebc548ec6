"""Scan clean-up before and after OCR: straighten a skewed page, find which way is up.

Both must stay cheap next to tesseract itself (about 3 s for an A4 page at
300 dpi on one core):

- skew is found on a copy reduced to about 75 dpi, by projection profiles:
  text lines are sharpest in the row sums when the page is level. Only the
  positions of dark pixels are rotated, never the image, so trying 40 angles
  costs a few milliseconds; the full page is rotated once at the end.
- orientation comes from tesseract's own orientation detection, run inside the
  OCR pass (`--psm 1`) instead of a second tesseract run: a separate
  `image_to_osd` costs about a second per page even on a half-size copy, a
  third of the OCR time. Tesseract reads a sideways or upside-down page
  correctly in that mode; `reading_rotation` tells from the words it returns
  which way the text runs, and the page is turned upright with the PDF page's
  /Rotate, which costs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from PIL import Image

MAX_SKEW = 5.0  # degrees; more than that is not a skew but a badly placed sheet
MIN_SKEW = 0.15  # degrees; less is invisible and not worth a resampling
WORK_WIDTH = 640  # pixels of the reduced copy the skew is measured on
MIN_DARK_PIXELS = 300  # fewer: a blank page, nothing to measure


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    """IMAGE turned level, and the angle (degrees, counter-clockwise) it was turned by."""
    angle = find_skew(image)
    if abs(angle) < MIN_SKEW:
        return image, 0.0
    white = 1 if image.mode == "1" else 255
    resample = Image.Resampling.NEAREST if image.mode == "1" else Image.Resampling.BILINEAR
    return image.rotate(angle, resample=resample, fillcolor=white), angle


def find_skew(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that makes the text lines of IMAGE level.

    Works for sideways pages too: the lines are then searched in the columns.
    """
    dark = _dark_pixels(image)
    if len(dark[0]) < MIN_DARK_PIXELS:
        return 0.0
    ys, xs = dark
    # A page scanned sideways has vertical lines: look at it turned by 90 degrees.
    candidates = [(ys, xs), (xs, -ys)]
    best = max(candidates, key=lambda yx: _profile_score(*yx, 0.0))
    coarse = _best_angle(*best, np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5))
    return _best_angle(*best, np.arange(coarse - 0.5, coarse + 0.51, 0.1))


def _dark_pixels(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates of the ink of a reduced, binarised copy of IMAGE."""
    gray = image.convert("L") if image.mode != "L" else image
    factor = max(1, gray.width // WORK_WIDTH)
    small = np.asarray(gray.reduce(factor) if factor > 1 else gray)
    threshold = min(160, int(small.mean()) - 30)  # ink is much darker than the paper
    ys, xs = np.nonzero(small < threshold)
    return ys.astype(np.float32), xs.astype(np.float32)


def _best_angle(ys: np.ndarray, xs: np.ndarray, angles: Iterable[float]) -> float:
    scores = [(_profile_score(ys, xs, float(a)), float(a)) for a in angles]
    score, angle = max(scores)
    level = _profile_score(ys, xs, 0.0)
    return round(angle, 2) if score > level * 1.02 else 0.0  # no clear gain: leave it level


def _profile_score(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    """How sharp the row profile is once the page is turned by ANGLE (counter-clockwise)."""
    theta = np.deg2rad(angle)
    # Turning the image counter-clockwise by theta moves (x, y) to this row
    # (image coordinates: y grows downwards).
    rows = ys * np.cos(theta) - xs * np.sin(theta)
    rows -= rows.min()
    profile = np.bincount(rows.astype(np.int32))
    return float(np.dot(profile, profile))


def reading_rotation(lines: Sequence[Sequence[tuple[float, float]]]) -> int:
    """Degrees (clockwise) to turn the image so that the text reads left to right.

    LINES: for each line, the centres (x, y) in image pixels of its words in
    reading order, as tesseract found them. The direction from the first to the
    last word of each line votes.
    """
    votes = {0: 0.0, 90: 0.0, 180: 0.0, 270: 0.0}
    for centres in lines:
        if len(centres) < 2:
            continue
        dx = centres[-1][0] - centres[0][0]
        dy = centres[-1][1] - centres[0][1]
        if abs(dx) >= abs(dy):
            votes[0 if dx > 0 else 180] += abs(dx)
        else:
            votes[90 if dy < 0 else 270] += abs(dy)
    return max(votes, key=lambda r: (votes[r], r == 0))


def rotate_box(box: tuple[float, float, float, float], rotation: int,
               width: float, height: float) -> tuple[float, float, float, float]:
    """BOX on a WIDTH x HEIGHT page, moved to where it is once the page is turned
    clockwise by ROTATION degrees."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (height - y1, x0, height - y0, x1)
    if rotation == 180:
        return (width - x1, height - y1, width - x0, height - y0)
    if rotation == 270:
        return (y0, width - x1, y1, width - x0)
    return box
