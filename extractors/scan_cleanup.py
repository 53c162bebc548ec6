"""Scan clean-up before and after OCR: straighten a skewed page, find which way is up,
measure how tall its text is.

Both must stay cheap next to tesseract itself (about 2-3 s of CPU for an A4
page at 300 dpi):

- `inspect` looks at a copy reduced to about 75 dpi, through projection
  profiles of its ink. Text lines are sharpest in the row sums when the page
  is level (skew), sharper in the column sums when it was scanned sideways,
  and Latin text has more ink above the core of its lines (capitals, digits,
  ascenders) than below it (descenders), so a page upside down shows the
  opposite. Only the positions of ink pixels are turned, never the image, so
  trying 40 angles costs a few milliseconds; the full page is turned once.
  The same profile, once level and without the page's rules and frames
  (`ruling`: they join the lines they cross), gives the height of the lines'
  cores (the x-height of lowercase text, the cap height of capitals), which
  tells `legibility` whether the page must be enlarged for tesseract.
- orientation itself is left to tesseract's detection, run inside the OCR
  pass (`--psm 1`) only for pages that `inspect` finds sideways or maybe
  upside down: it adds about a third to the OCR time of a page, and a
  separate `image_to_osd` run costs as much as the OCR. Tesseract reads such a
  page correctly in that mode; `reading_rotation` tells from the words it
  returns which way the text runs, and the page is shown upright with the PDF
  page's /Rotate, which costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from PIL import Image

from demat.extractors import ruling
from demat.extractors.legibility import flatten_light, otsu_threshold, unevenly_lit

MAX_SKEW = 5.0  # degrees; more than that is not a skew but a badly placed sheet
MIN_SKEW = 0.15  # degrees; less is invisible and not worth a resampling
WORK_WIDTH = 640  # pixels of the reduced copy the page is inspected on
MIN_INK_PIXELS = 300  # fewer: a blank page, nothing to measure
COARSE_ANGLES = np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5)
UPRIGHT_RATIO = 1.25  # ink above / below the lines' cores: upright pages measure ~1.5 to 10, upside down < 0.7
SPECKLED_ROWS = 20  # percentile of rows that are margins or gaps between lines on any page
SPECKS_SHARE = 0.1  # of the busiest line's most ink in a row: less is speckles, not a line of text
BORDER = 0.1  # share of the page's width and height, on each side, left out of the inspection
COLUMNS_TO_LINES = 3  # a view of fewer than a third of the other's lines may show the page's columns
ONE_HEIGHT = (0.25, 0.8)  # lines of text: this share of them at least within this share of their median core
PALEST_INK = 215  # grey level, once the light is flattened: paler is the paper's grain, not print
MIN_CORE = 4  # pixels of the reduced copy: a line's core thinner than this is a rule's or speckles' row, not letters'
LETTER_PER_CORE = 1.5  # a line's letters, ascenders and descenders with them, over its core (its x-height)
GUESS = 25  # percentile of the lines' cores first taken for the letters' size when the rules are looked for
MAX_ROUNDS = 4  # times the rules are looked for again with the smaller size the lines measured without them
JOINED = 0.7  # lines measured without the rules smaller than this share of the first measure were joined by them
# (a frame makes a run at least one and a half times its letters' core); within it, the same lines measured a pixel
# or two apart: taken, they turned a tuned G16 form at 100 dpi from x3 to x4, which misread its date's 9 as a 3


@dataclass(frozen=True)
class Inspection:
    skew: float  # degrees, counter-clockwise, that make the text lines level
    sideways: bool  # the lines run up and down: scanned turned by 90 degrees
    ascender_ratio: float  # ink above the lines' cores over ink below; < 1 when upside down
    text_height: float  # pixels of the page image between the lines' base and the top of their lowercase; 0: no text
    uneven_light: bool  # a photo lit from one side, or in the shadow of the phone

    @property
    def maybe_not_upright(self) -> bool:
        return self.sideways or self.ascender_ratio < UPRIGHT_RATIO


def inspect(image: Image.Image) -> Inspection:
    """Skew and orientation clues of a page, from a reduced copy."""
    ys, xs, width, height, uneven_light = _ink(image)
    if len(ys) < MIN_INK_PIXELS:
        return Inspection(0.0, False, float("inf"), 0.0, uneven_light)
    # Seen turned by 90 degrees, a sideways page has horizontal lines. Both
    # views are searched: a skewed upright page can look flat in its rows.
    views = [_levelled(*view) for view in ((False, ys, xs, width), (True, xs, -ys, height))]
    sharper, other = sorted(views, key=lambda view: view.score, reverse=True)
    # A dense page's columns (right-aligned figures, tight lines at 100 dpi) can be sharper than its
    # lines, but they are a few runs of any width against its many lines of one height. (A short
    # letter's words make many runs across it too, of every width.)
    columns = COLUMNS_TO_LINES * len(sharper.lines) < len(other.lines) and _of_one_height(other.lines)
    sideways, skew, lines = other[1:] if columns else sharper[1:]
    rows, cols = (xs, -ys) if sideways else (ys, xs)
    text_height = _core_height(lines, rows, cols, skew, height if sideways else width) * image.width / width
    return Inspection(round(skew, 2), sideways, _ascender_ratio(lines), round(text_height, 1), uneven_light)


def level(image: Image.Image, skew: float) -> tuple[Image.Image, float]:
    """IMAGE turned by SKEW degrees counter-clockwise, and the angle it was turned by:
    0 when the skew is too small to see."""
    if abs(skew) < MIN_SKEW:
        return image, 0.0
    # Nearest neighbour: for a few degrees at 200-300 dpi tesseract reads it as
    # well as a bilinear turn (same word confidences), at a sixth of the time.
    white = 1 if image.mode == "1" else 255
    return image.rotate(skew, resample=Image.Resampling.NEAREST, fillcolor=white), skew


def _ink(image: Image.Image) -> tuple[np.ndarray, np.ndarray, int, int, bool]:
    """Coordinates of the ink of a reduced, binarised copy of IMAGE, the copy's size, and
    whether its light is uneven.

    The light is flattened first, so that faint print on grey paper and a
    photo's shadowed side are told apart from the paper like a clean scan.
    The page's outer BORDER is left out: a photo's desk around the sheet, a
    scanner lid's shadow or a punched hole there draws long dark bands that
    made photos of upright pages look sideways and their text 20 pixels high
    (a tenth: inside the margins of an A4 page, outside the desk of most photos).
    A page with next to no print inside them (a last page: its title at the
    top, its footer at the bottom) is looked at whole: measured nothing, a 100
    dpi scan of one was read as scanned and lost its fine print.
    """
    gray = image.convert("L") if image.mode != "L" else image
    factor = max(1, gray.width // WORK_WIDTH)
    reduced = gray.reduce(factor) if factor > 1 else gray
    small = np.asarray(flatten_light(reduced))
    rows, cols = small.shape
    inner = small[int(rows * BORDER):rows - int(rows * BORDER), int(cols * BORDER):cols - int(cols * BORDER)]
    ys, xs = _dark(inner)
    if len(ys) < MIN_INK_PIXELS:
        ys, xs = _dark(small)
    return ys.astype(np.float32), xs.astype(np.float32), small.shape[1], small.shape[0], unevenly_lit(reduced)


def _dark(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where PIXELS are ink: darker than their Otsu threshold, and than PALEST_INK."""
    return np.nonzero(pixels <= min(otsu_threshold(pixels), PALEST_INK))


class _View(NamedTuple):
    score: float  # how sharp its row profile is, at its best angle
    sideways: bool
    skew: float
    lines: list[tuple[np.ndarray, int, int]]


def _levelled(sideways: bool, ys: np.ndarray, xs: np.ndarray, line_length: int) -> _View:
    """The page's ink seen upright or SIDEWAYS (YS, XS its rows and columns so seen), turned level."""
    _, coarse = _best_angle(ys, xs, COARSE_ANGLES)
    score, skew = _best_angle(ys, xs, np.arange(coarse - 0.5, coarse + 0.51, 0.1))
    if score <= _profile_score(ys, xs, 0.0) * 1.02:  # no clear gain: leave it as it is
        skew = 0.0
    return _View(score, sideways, skew, _text_lines(_profile(ys, xs, skew), line_length))


def _best_angle(ys: np.ndarray, xs: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    """(score, angle) of the angle whose row profile is sharpest."""
    return max((_profile_score(ys, xs, float(a)), float(a)) for a in angles)


def _profile(ys: np.ndarray, xs: np.ndarray, angle: float) -> np.ndarray:
    """Ink per row once the page is turned by ANGLE degrees counter-clockwise."""
    theta = np.deg2rad(angle)
    # Image coordinates: y grows downwards, so turning counter-clockwise
    # moves (x, y) to this row.
    rows = ys * np.cos(theta) - xs * np.sin(theta)
    return np.bincount((rows - rows.min()).astype(np.int32))


def _profile_score(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    """How sharp the row profile is: sharp when the lines are level."""
    profile = _profile(ys, xs, angle).astype(np.float64)
    return float(np.dot(profile, profile))


def _text_lines(profile: np.ndarray, line_length: int) -> list[tuple[np.ndarray, int, int]]:
    """Each text line of a row profile: its ink per row, and the rows [start, end) of its core
    (where the lowercase letters are, the rows with at least half the line's most ink).

    A fax's or a dirty scan's speckles put a few ink pixels in every row, the
    gaps between lines included: rows with no more ink than the speckles of
    the emptiest rows (the page's margins and gaps) plus three times their
    spread (speckles fall at random: their count per row varies as its square
    root) are gaps, and a run of rows whose most ink is a small share of the
    busiest line's is a cluster of speckles, not text.
    """
    profile = profile.astype(np.float64)
    profile[profile > 0.5 * line_length] = 0  # ruled lines of tables and forms
    speckles = np.percentile(profile, SPECKLED_ROWS)
    inked = np.concatenate([[0], (profile > speckles + 3 * np.sqrt(speckles)).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(inked))
    runs = [profile[start:end] for start, end in zip(edges[::2], edges[1::2]) if end - start >= 4]
    busiest = max((run.max() for run in runs), default=0.0)
    lines = []
    for line in runs:
        if line.max() < SPECKS_SHARE * busiest:
            continue
        core = np.flatnonzero(line >= 0.5 * line.max())
        lines.append((line, int(core[0]), int(core[-1]) + 1))
    return lines


def _core_height(lines: list[tuple[np.ndarray, int, int]], rows: np.ndarray, cols: np.ndarray, skew: float,
                 line_length: int) -> float:
    """The median height of the cores of the page's text LINES, measured again without its rules and frames.

    A box's frame or a table's rules join the lines inside it into one run of
    inked rows, and a frame's top and bottom rules are that run's busiest rows:
    its core is the box's height, and a page of boxed values and ruled tables
    measured two or three times its x-height, so that a 100-120 dpi scan of it
    was not enlarged. So the rules are found as runs of ink longer than
    letters (`ruling`), on the ink (ROWS, COLS: its pixels seen upright) turned
    level by SKEW, for letters first guessed from the lower quartile of the
    cores of MIN_CORE pixels or more (most of a page's lines are lines of text;
    joined ones are taller), then from what the lines measure without them, as
    long as that is smaller; the page measures the smaller of that and its
    first measure. Only ever smaller: a form's short rules, lines of their own
    a pixel or two high, pull its first measure down, and tuned G16's forms at
    200-240 dpi, measured so and enlarged x2, read their typed dates whole
    where measured at 16 pixels and read as scanned they lost one.
    """
    cores = [end - start for _, start, end in lines]
    letters = [core for core in cores if core >= MIN_CORE]
    first = height = float(np.median(cores)) if cores else 0.0
    if not letters:  # print too small for the reduced copy: its rows are all it has
        return first
    ink = _levelled_ink(rows, cols, skew)
    guess = min(first, float(np.percentile(letters, GUESS)))
    for _ in range(MAX_ROUNDS):
        apart = ink & ~ruling.rules(ink, LETTER_PER_CORE * guess)
        measured = [end - start for _, start, end in _text_lines(apart.sum(axis=1), line_length)
                    if end - start >= MIN_CORE]
        if not measured:  # a guess far below the letters' size took their strokes for rules
            break
        height = min(height, float(np.median(measured)))
        if np.median(measured) >= guess:
            break
        guess = float(np.median(measured))
    return height if height < JOINED * first else first


def _levelled_ink(rows: np.ndarray, cols: np.ndarray, skew: float) -> np.ndarray:
    """The ink at ROWS, COLS turned by SKEW degrees counter-clockwise, as a boolean image: rules run straight."""
    theta = np.deg2rad(skew)
    turned_rows = np.rint(rows * np.cos(theta) - cols * np.sin(theta)).astype(np.int32)
    turned_cols = np.rint(cols * np.cos(theta) + rows * np.sin(theta)).astype(np.int32)
    ink = np.zeros((np.ptp(turned_rows) + 1, np.ptp(turned_cols) + 1), dtype=bool)
    ink[turned_rows - turned_rows.min(), turned_cols - turned_cols.min()] = True
    return ink


def _of_one_height(lines: list[tuple[np.ndarray, int, int]]) -> bool:
    """Nearly all LINES have cores of about the same height, as a page's lines of text do."""
    cores = np.array([end - start for _, start, end in lines], dtype=np.float64)
    return bool(np.mean(np.abs(cores - np.median(cores)) <= ONE_HEIGHT[0] * np.median(cores)) >= ONE_HEIGHT[1])


def _ascender_ratio(lines: list[tuple[np.ndarray, int, int]]) -> float:
    """Ink above the core of each text line over ink below it, over all lines."""
    above = sum(line[:start].sum() for line, start, _ in lines)
    below = sum(line[end:].sum() for line, _, end in lines)
    return above / below if below else float("inf")


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
