"""A second look at the figures a page's reading was unsure of: each read again alone, enlarged, as one line.

Tesseract reads a page's amounts, dates and codes among its words, at the
page's size; on a coarse, faint or faxed scan it misreads some of them and
says so with a low confidence (`2O4,80`, `1.234.5б`, a P.IVA with a figure
doubled). Read again on its own, enlarged to a good height, as one line and
with only the characters a figure holds, such a word often reads right
(`ocr.read_box` does it for a learnt layout's boxes; a first-seen document
had no such second look). So each word holding figures that was read
unsurely, or whose letters no amount, date or code has, is cut out with a
margin; the cuts, enlarged alike and stacked one under the other, are read
in one tesseract run (a run per word would cost a language load each), and
each line of that reading is mapped back to its word. The second reading
replaces the first only where it is surer, of a figure's shape, and safe:
the first was of no figure's shape at all (`2O4,8O`), or the second proves
itself where the first did not (a real date, a P.IVA, codice fiscale or IBAN
whose check passes), or it holds the very figures of a code's first reading
with the separators it lost (`87045` read again `870,45`). An amount read in
an amount's shape is kept as read, and so not read again: another reading
of its figures, however sure, proves nothing (unseen scans read so gave three
more amounts wrong), and the fields stage's arithmetic mends a slipped
figure where the others prove it. A word read surely is never read
again, and a guess never replaces a reading.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageOps

from demat.extractors import dropped_figures, legibility
from demat.extractors.fields.dates import parse_date
from demat.extractors.fields.identifiers import is_valid_iban, is_valid_tax_code, is_valid_vat
from demat.kernel.document import Word

UNSURE = 0.9  # a word holding figures read less surely than this is read again
SURE = 0.85  # the second reading replaces the first only if read at least this surely (misreadings: 0.66-0.74)
SURER = 0.05  # and surer than the first by this much at least
LEAST_FIGURES = 3  # a word holds figures from this many digits on (a quantity's "15" read "16" is no gain)
EDGES = ".,:;()|[]"  # what punctuation, a bracket or a table's rule beside a word leaves at its ends: "69,37|" is an amount
CHARACTERS = string.digits + string.ascii_uppercase + ".,-/"  # what an amount, a date or a code is printed with
AMOUNT = re.compile(r"""
    -?(?:\d{1,3}(?:\.\d{3})+,\d\d|\d{1,3}(?:,\d{3})+\.\d\d)  # an amount in thousands: 1.234,56  1,234.56
  | -?\d+[.,]\d{1,3}                          # or not: 1234,56  0,5 (kg)  1,125 (a unit price)
""", re.VERBOSE)
AMOUNT_OR_DATE = re.compile(AMOUNT.pattern + r"""
  | \d{1,2}[./-]\d{1,2}[./-]\d{2,4}          # a date: 14/03/2024  14.3.24
""", re.VERBOSE)
FIGURE = re.compile(AMOUNT_OR_DATE.pattern + r"""
  | \d{1,2}(?:[.,]\d{1,2})?%                 # a rate: 22%  5,5%
  | (?=[A-Z0-9]*\d)[A-Z0-9]+(?:[/-][A-Z0-9]+)*  # a code: a P.IVA, an IBAN, a codice fiscale, a number 25/A-3
""", re.VERBOSE)
LOOKALIKES = str.maketrans("OoDQIl|SZB", "0000111528")  # letters a figure is misread as: 2O4,8O is 204,80
TARGET_HEIGHT = 48  # pixels a word's box is enlarged to, about: its figures read best so, alone on a line
MAX_FACTOR = 3
MARGIN = (0.25, 0.35)  # around a word cut out, in its heights: beside it (not the next word), above and below
GAP = 1.0  # white between stacked cuts, in the tallest cut's heights: tesseract keeps them apart
BORDER = 20  # white pixels round the stack: tesseract misses ink that touches the edge
MAX_WORDS = 80  # at most this many words read again per page: a page of noise is not read twice


@dataclass(frozen=True)
class Cut:
    """Where one word went in the stack: its cut's top and bottom, and its own left and right (the rest
    of the cut is margin)."""

    top: int
    bottom: int
    left: float
    right: float


# read(stacked cuts, their enlargement, the characters to read) -> lines of words, boxes in the stack's pixels
Reader = Callable[[Image.Image, int, str], list[list[Word]]]


def reread(image: Image.Image, lines: list[list[Word]], read: Reader) -> tuple[list[list[Word]], int]:
    """LINES (boxes in IMAGE's pixels) with the unsure figures READ again more surely put in their
    place; and how many words were changed."""
    unsure = [(i, j) for i, line in enumerate(lines) for j, word in enumerate(line) if is_unsure(word)]
    if not unsure or len(unsure) > MAX_WORDS:
        return lines, 0
    words = [lines[i][j] for i, j in unsure]
    factor = max(1, min(MAX_FACTOR, math.ceil(TARGET_HEIGHT / dropped_figures.letter_height(words))))
    stack, cuts = _stack(image, words, factor)
    again = _by_cut([w for line in read(stack, factor, CHARACTERS) for w in line], cuts)
    mended = [list(line) for line in lines]
    changed = 0
    for (i, j), word, found in zip(unsure, words, again):
        second = better(word, found)
        if second is not None:
            mended[i][j] = second
            changed += 1
    return mended, changed


def is_unsure(word: Word) -> bool:
    """WORD holds figures and was read with characters no figure has (`2O4,8O`), or unsurely and not as
    an amount (which a second reading could not replace)."""
    text = word.text.strip(EDGES)
    as_figures = text.translate(LOOKALIKES)
    if sum(c.isdigit() for c in text) < LEAST_FIGURES and not (
            as_figures != text and any(c.isdigit() for c in text) and AMOUNT_OR_DATE.fullmatch(as_figures)):
        return False
    return not FIGURE.fullmatch(text) or word.confidence < UNSURE and not AMOUNT.fullmatch(text)


def better(first: Word, second: Sequence[Word]) -> Word | None:
    """The word SECOND (the words read again in FIRST's cut) makes of FIRST, if it is a figure read surely
    and FIRST was of no figure's shape; or, surer than FIRST, it proves itself where FIRST did not, or
    holds a code's figures with their separators. None to keep FIRST."""
    if not second:
        return None
    text = "".join(w.text for w in second).strip(".,")  # "1.234, 56" read in two
    confidence = min(w.confidence for w in second)
    if text == first.text or not FIGURE.fullmatch(text) or confidence < SURE:
        return None
    read = first.text.strip(EDGES)
    if FIGURE.fullmatch(read) and not (confidence >= first.confidence + SURER and (
            _proven(text) and not _proven(read)
            or not AMOUNT.fullmatch(read) and _figures(text) == _figures(read))):
        return None
    return Word(text, first.box, confidence)


def _proven(text: str) -> bool:
    """TEXT is a real date, or a P.IVA, codice fiscale or IBAN whose check passes: not a misreading."""
    return parse_date(text) is not None or is_valid_vat(text) or is_valid_tax_code(text) or is_valid_iban(text)


def _figures(text: str) -> str:
    """TEXT's digits and sign, without the separators between them."""
    return re.sub(r"[^\d-]", "", text)


def _stack(image: Image.Image, words: Sequence[Word], factor: int) -> tuple[Image.Image, list[Cut]]:
    """WORDS cut out of IMAGE with a margin, enlarged FACTOR times and stacked one under the other on
    white; and where each word went (as many as fit in one image that tesseract takes)."""
    gray = image.convert("L") if image.mode != "L" else image
    crops = []
    for word in words:
        height = word.box[3] - word.box[1]
        side, above = MARGIN[0] * height, MARGIN[1] * height
        box = (max(0, round(word.box[0] - side)), max(0, round(word.box[1] - above)),
               min(gray.width, round(word.box[2] + side)), min(gray.height, round(word.box[3] + above)))
        paper_white = ImageOps.autocontrast(gray.crop(box), cutoff=1)  # a faint or grey scan's paper, white
        crops.append((legibility.enlarge(paper_white, factor), BORDER + (word.box[0] - box[0]) * factor,
                      BORDER + (word.box[2] - box[0]) * factor))
    gap = round(GAP * max(crop.height for crop, _, _ in crops))
    cuts, top = [], BORDER
    for crop, left, right in crops:
        if top + crop.height + BORDER > dropped_figures.MAX_STACK_HEIGHT:
            break
        cuts.append(Cut(top, top + crop.height, left, right))
        top += crop.height + gap
    stack = Image.new("L", (max(crop.width for crop, _, _ in crops) + 2 * BORDER, top - gap + BORDER), 255)
    for (crop, _, _), cut in zip(crops, cuts):
        stack.paste(crop, (BORDER, cut.top))
    return stack, cuts


def _by_cut(words: list[Word], cuts: list[Cut]) -> list[list[Word]]:
    """The stacked reading's words, in reading order, each given to the cut its middle falls in; those
    wholly in a cut's margin beside its word are a neighbour's ink, and left out."""
    found: list[list[Word]] = [[] for _ in cuts]
    for word in sorted(words, key=lambda w: w.box[0]):
        middle = (word.box[1] + word.box[3]) / 2
        for n, cut in enumerate(cuts):
            if cut.top <= middle < cut.bottom and word.box[2] > cut.left and word.box[0] < cut.right:
                found[n].append(word)
                break
    return found
