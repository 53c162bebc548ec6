"""A second read of the stretches of a page's lines that hold print but no word: a table's dropped figures.

Tesseract's layout analysis (`--psm 3`) often takes a table's columns of
figures for separate blocks and drops them: a photographed invoice comes back
with its item descriptions and without their quantities, prices and amounts.
The ink is there, on the same line as the words read. So each line whose band
holds ink outside its words is cut out across the page and the cuts, stacked
one under the other, are read once more as plain lines (`--psm 6`, one
tesseract run for them all: a run per line would cost a language load each).
Only words the first reading did not have are added, and only those read
surely: a second read adds figures, it does not spoil the words read well.

Print can also lie where no line was read at all: a courtesy copy's small
ruled table (a grey header row over one row of values, ruled a pixel from the
print) scanned at 100-120 dpi came back from the layout analysis as nothing,
its number, date and totals lost. Each band of unread ink that no line's band
crosses, as tall as print, is cut out and read in the same stack, its words
a line of their own put among the page's lines in reading order.

The ink is looked for on a copy reduced to letters of about INK_LETTER pixels,
and without the page's rules and dark patches (a straight run of ink longer
than `ruling.RUN` letters: a table's or a box's border, a photo's desk): on a clean
scan of boxed panels every boxed line held "unread print" and was read again
for nothing, and the page's full-size clean-up cost a sixth of its OCR.
The cuts are stacked without the rules as long as a cell, and on paper whitened
stretch by stretch: figures against a cell's rule, or on a photo's grey paper,
were read as blots or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from demat.extractors import legibility, ruling
from demat.kernel.document import Box, Word

SURE = 0.8  # a word of the second read is added only if read at least this surely
STROKE = 0.4  # in letter heights: a column of unread ink at least this tall is print's, not a speckle's
INK_WIDTH = 0.1  # in letter heights: such columns this many (a lone "1" of a quantity), outside the words, make a line worth it
AROUND = 0.6  # in letter heights: what round a word read counts as its own ink
MARGIN = 0.45  # above and below a line, in its letter heights: a photographed line slopes a little
ACROSS = 6.0  # in letter heights: a rule across this long, a cell's at least, is erased before a line is read again
RULE = 0.5  # a row of pixels inked over this share of a cut is a table's rule, not print
INK_LETTER = 9  # pixels: the letter height of the reduced copy the unread ink is looked for on
GAP = 1.5  # white between stacked cuts, in the tallest line's heights: tesseract keeps them apart
MAX_LINES = 80  # at most this many lines read again per page: a page of noise is not read twice
TALLEST = 4.0  # in the page's letter heights: a line's band taller than this is a misread picture or rule
PAPER_BLOCK = 2  # in a cut's heights: the width of a stretch of paper whitened by its median shade
MAX_STACK_HEIGHT = 30_000  # pixels: tesseract refuses an image taller than 32,767

# read(image, psm) -> lines of words, boxes in the pixels of image
Reader = Callable[[Image.Image, int], list[list[Word]]]


@dataclass(frozen=True)
class Cut:
    """One line's band cut out of the page: its box in the page's pixels, and its top in the stack."""

    box: tuple[int, int, int, int]
    top: int


def reread(image: Image.Image, lines: list[list[Word]], read: Reader) -> tuple[list[list[Word]], int]:
    """LINES (boxes in IMAGE's pixels) with the words READ finds again where print lies outside every
    word read, those of a band no line crosses as lines of their own; and how many bands were read again."""
    words = [w for line in lines for w in line]
    if not words:
        return lines, 0
    letter = letter_height(words)
    scale = max(1, int(letter // INK_LETTER))
    unread, rules = unread_ink(image, words, scale)
    bands = {i: Cut((0, rows[0], image.width, rows[1]), 0) for i, line in enumerate(lines)
             if (rows := _band(line, unread, scale, image.height)) is not None}
    bands |= {len(lines) + n: Cut((0, top, image.width, bottom), 0)  # numbered past the lines: no line's
              for n, (top, bottom) in enumerate(_wordless_bands(lines, unread, scale, letter, image.height))}
    cuts = dict(_within_stack(bands, letter)) if len(bands) <= MAX_LINES else {}
    if not cuts:
        return lines, 0
    stack, placed = _stack(image, list(cuts.values()), rules, scale)
    again = _by_cut(read(stack, 6), placed)
    mended, wordless = list(lines), []
    for i, cut, found in zip(cuts, placed, again):
        new = [added(words, [Word(w.text, _to_page(w.box, cut), w.confidence) for w in line]) for line in found]
        if i < len(lines):
            mended[i] = sorted([*lines[i], *(w for line in new for w in line)], key=lambda w: w.box[0])
        else:
            wordless += [line for line in new if line]
        words += [w for line in new for w in line]  # the next line's band may cross the same print: it is not added twice
    return _in_place(mended, wordless), len(cuts)


def unread_ink(image: Image.Image, words: Sequence[Word], scale: int) -> tuple[np.ndarray, np.ndarray]:
    """Where IMAGE, reduced SCALE times, has print (dark pixels once its light is evened out) outside the
    WORDS read (boxes in IMAGE's pixels) and outside its rules and dark patches (a photo's desk); and the
    rules to erase before it is read again: those across as long as a cell (ACROSS letters), outside the
    words (the bottoms of a blurred date's bold digits run two letters across, and were erased with them)."""
    gray = image.convert("L") if image.mode != "L" else image
    pixels = np.asarray(legibility.clean(gray.reduce(scale) if scale > 1 else gray))
    ink = pixels <= legibility.otsu_threshold(pixels)
    letter = letter_height(words) / scale
    ink, rules = ink & ~ruling.rules(ink, letter), ruling.rules(ink, letter, ACROSS)
    for word in words:
        for mask, around in ((ink, AROUND * (word.box[3] - word.box[1])), (rules, 0.0)):
            mask[max(0, round((word.box[1] - around) / scale)):round((word.box[3] + around) / scale),
                 max(0, round((word.box[0] - around) / scale)):round((word.box[2] + around) / scale)] = False
    return ink, rules


def added(read: Sequence[Word], second: Sequence[Word]) -> list[Word]:
    """The words of SECOND read surely where none of READ stands."""
    return [w for w in second if w.confidence >= SURE and any(c.isalnum() for c in w.text)
            and not any(_overlap(w.box, v.box) for v in read)]


def _band(line: Sequence[Word], unread: np.ndarray, scale: int, page_height: int) -> tuple[int, int] | None:
    """The top and bottom of LINE's band across the page, if it holds UNREAD print (reduced SCALE times):
    strokes, not a fax's or a photo's grain."""
    top, bottom = _rows(line, page_height)
    band = unread[top // scale:-(-bottom // scale)]
    band = band[band.mean(axis=1) < RULE]  # without a table's thick rules
    return (top, bottom) if _strokes(band, scale, letter_height(line)) else None


def _rows(line: Sequence[Word], page_height: int) -> tuple[int, int]:
    """The top and bottom of LINE's band across the page, a margin of its letter height above and below."""
    height = letter_height(line)
    return (max(0, round(min(w.box[1] for w in line) - MARGIN * height)),
            min(page_height, round(max(w.box[3] for w in line) + MARGIN * height)))


def _strokes(band: np.ndarray, scale: int, height: float) -> bool:
    """Whether BAND of unread ink (reduced SCALE times) holds print's strokes in letters HEIGHT pixels high,
    not a fax's or a photo's grain."""
    return band.size > 0 and (band.sum(axis=0) * scale >= STROKE * height).sum() * scale >= INK_WIDTH * height


def _wordless_bands(lines: Sequence[Sequence[Word]], unread: np.ndarray, scale: int, letter: float,
                    page_height: int) -> list[tuple[int, int]]:
    """The tops and bottoms of the bands of UNREAD print (reduced SCALE times, letters LETTER pixels high)
    that no line of LINES crosses: a small ruled table's row that tesseract's layout analysis read no word
    from. Each is a run of inked rows as tall as print (not a speckle's, not a picture's), margins added as
    to a line's band."""
    free = np.ones(len(unread), dtype=bool)
    for line in lines:
        top, bottom = _rows(line, page_height)
        free[top // scale:-(-bottom // scale)] = False
    strokes = unread & (unread.mean(axis=1) < RULE)[:, None]
    inked = np.concatenate([[False], free & strokes.any(axis=1), [False]])
    edges = np.flatnonzero(np.diff(inked.astype(np.int8)))
    return [(max(0, round(top * scale - MARGIN * letter)), min(page_height, round(bottom * scale + MARGIN * letter)))
            for top, bottom in zip(edges[::2], edges[1::2])
            if STROKE * letter <= (bottom - top) * scale <= TALLEST * letter and _strokes(strokes[top:bottom], scale, letter)]


def _in_place(lines: list[list[Word]], more: list[list[Word]]) -> list[list[Word]]:
    """LINES with MORE lines put each before the first line below it (the reading order of a page's rows)."""
    for line in sorted(more, key=lambda line: min(w.box[1] for w in line)):
        top = min(w.box[1] for w in line)
        at = next((n for n, old in enumerate(lines) if min(w.box[1] for w in old) > top), len(lines))
        lines = [*lines[:at], line, *lines[at:]]
    return lines


def _within_stack(cuts: dict[int, Cut], letter: float) -> list[tuple[int, Cut]]:
    """The CUTS of lines of ordinary height (LETTER: the page's letter height), in page order, as many
    as fit in one image that tesseract takes (a garbage line's box can be a third of the page tall)."""
    kept, height = [], 0
    for i, cut in cuts.items():
        tall = cut.box[3] - cut.box[1]
        if tall > TALLEST * letter:
            continue
        height += tall + GAP * TALLEST * letter  # the gaps are as wide as the tallest band allows
        if height > MAX_STACK_HEIGHT:
            break
        kept.append((i, cut))
    return kept


def _stack(image: Image.Image, cuts: list[Cut], rules: np.ndarray, scale: int) -> tuple[Image.Image, list[Cut]]:
    """The CUTS of IMAGE one under the other on white, without the RULES (found SCALE times reduced),
    and where each went."""
    gray = image.convert("L") if image.mode != "L" else image
    gap = round(GAP * max(c.box[3] - c.box[1] for c in cuts))
    placed, top = [], gap
    for cut in cuts:
        placed.append(Cut(cut.box, top))
        top += cut.box[3] - cut.box[1] + gap
    stack = Image.new("L", (gray.width, top), 255)
    for cut in placed:
        stack.paste(_without_rules(gray.crop(cut.box), rules, scale, cut.box[1]), (0, cut.top))
    return stack, placed


def _without_rules(cut: Image.Image, rules: np.ndarray, scale: int, top: int) -> Image.Image:
    """CUT (the page's rows from TOP) on paper as white as the stack's, without the RULES that cross it.
    A figure touching a cell's rule, thick on a scan, was read as one blot with it or not at all. The
    paper is whitened stretch by stretch (a photo's light changes across the page): left grey between
    white gaps, with no rule's ink to weigh against it, it was what tesseract took for print."""
    pixels = np.asarray(cut, dtype=np.float32)
    rows = np.arange(top, top + cut.height) // scale
    erased = np.repeat(rules[np.minimum(rows, len(rules) - 1)], scale, axis=1)[:, :cut.width]
    erased = ruling.widened(ruling.widened(np.pad(erased, ((0, 0), (0, cut.width - erased.shape[1]))), 0), 1)
    block = max(1, PAPER_BLOCK * cut.height)
    papers = [np.median(pixels[:, left:left + block]) for left in range(0, cut.width, block)]
    paper = np.maximum(np.repeat(np.array(papers), block)[:cut.width], 1.0)
    whitened = np.clip(pixels * 255.0 / paper[None, :], 0, 255)
    return Image.fromarray(np.where(erased, 255, whitened).astype(np.uint8))


def _by_cut(lines: list[list[Word]], cuts: list[Cut]) -> list[list[list[Word]]]:
    """The stacked reading's lines, each word given to the cut its middle falls in (a wordless band's cut
    may hold two lines of print: a table's header and its row)."""
    found: list[list[list[Word]]] = [[] for _ in cuts]
    for line in lines:
        for n, cut in enumerate(cuts):
            mine = [w for w in line if cut.top <= (w.box[1] + w.box[3]) / 2 < cut.top + cut.box[3] - cut.box[1]]
            if mine:
                found[n].append(mine)
    return found


def _to_page(box: Box, cut: Cut) -> Box:
    """BOX moved from the stack back to the page's pixels."""
    return (box[0], box[1] - cut.top + cut.box[1], box[2], box[3] - cut.top + cut.box[1])


def _overlap(a: Box, b: Box) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def letter_height(line: Sequence[Word]) -> float:
    """A line's (or any words') letter height: the median of its words' (a stray mark's box is not the line's)."""
    return max(1.0, sorted(w.box[3] - w.box[1] for w in line)[len(line) // 2])
