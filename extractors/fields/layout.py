"""Where words sit on the page: lines, the cells of a line, labels and the value next to them.

Extraction works on unseen layouts by looking for a label ("Totale documento",
"P.IVA") and then for the value to its right on the same line, just below it,
or down its table column; under a row of captions ("N. | DATA | PAGINA") a
value belongs to its caption by its place in the row, even printed off the
caption's column. Pages without word boxes (FatturaPA text, plain
text) get boxes from character positions, so the same search works there.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from demat.kernel.document import Box, Page, Word

CHAR_WIDTH = 5.0  # synthetic boxes for pages that have text but no words
LINE_HEIGHT = 12.0


@dataclass
class Token:
    """A word with its place: page, line and cell (a run of words without a wide gap)."""

    text: str
    box: Box
    confidence: float
    page: int
    line: int = 0
    cell: int = 0
    speck: bool = False  # see `is_speck`


@dataclass
class Line:
    page: int
    index: int  # within the whole document, reading order
    tokens: list[Token] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def top(self) -> float:
        return min(t.box[1] for t in self.tokens)

    @property
    def bottom(self) -> float:
        return max(t.box[3] for t in self.tokens)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def cells(self) -> list[list[Token]]:
        grouped: dict[int, list[Token]] = {}
        for token in self.tokens:
            grouped.setdefault(token.cell, []).append(token)
        return [grouped[k] for k in sorted(grouped)]

    def cells_read(self) -> list[list[Token]]:
        """The line's cells without their specks, and without the cells that are specks alone."""
        return [words for cell in self.cells() if (words := words_of(cell))]


def text_of(tokens: Iterable[Token]) -> str:
    return " ".join(t.text for t in tokens)


def is_speck(token: Token) -> bool:
    """What a scan reads of a speck or a rule: a word of neither letters nor figures nor "&" ("." "*" "}"),
    or a character far smaller than the page's letters (a dot read as "È")."""
    return token.speck or "&" not in token.text and not any(ch.isalnum() for ch in token.text)


def words_of(cell: list[Token]) -> list[Token]:
    """CELL without its specks."""
    return [t for t in cell if not is_speck(t)]


def box_of(tokens: Iterable[Token]) -> Box | None:
    tokens = list(tokens)
    if not tokens:
        return None
    return (min(t.box[0] for t in tokens), min(t.box[1] for t in tokens),
            max(t.box[2] for t in tokens), max(t.box[3] for t in tokens))


def confidence_of(tokens: Iterable[Token]) -> float:
    tokens = list(tokens)
    return min((t.confidence for t in tokens), default=1.0)


def overlaps_x(a: Box, b: Box, slack: float = 0.0) -> bool:
    return a[0] - slack < b[2] and b[0] - slack < a[2]


class Layout:
    """The lines of every page of a document, in reading order."""

    def __init__(self, pages: list[Page]):
        self.lines: list[Line] = []
        for page in pages:
            words = page.words or _synthetic_words(page.text)
            for line_tokens in _group_lines(words, page.number):
                line = Line(page.number, len(self.lines), line_tokens)
                for token in line_tokens:
                    token.line = line.index
                self.lines.append(line)
            _mark_specks([t for line in self.lines if line.page == page.number for t in line.tokens])
        self.page_height = {p.number: (p.height or _text_height(p)) for p in pages}
        self.scanned = any(p.source == "ocr" for p in pages)  # only OCR slips a digit: a text layer is exact

    def tokens_after(self, line: int, last: Token, cells: int | None = 2) -> list[Token]:
        """The tokens right of LAST on its line: the label's own cell, then the next
        (CELLS cells in all; None: the whole rest of the line)."""
        tokens = self.lines[line].tokens
        rest = tokens[tokens.index(last) + 1:]
        kept = sorted({t.cell for t in rest})[:cells]
        return [t for t in rest if t.cell in kept]

    def cell_below_right(self, line: int, box: Box) -> list[Token] | None:
        """The first cell of the next line when that line starts right of BOX and
        close under it: a value printed larger than its label, so a little lower
        ("Totale documento" with "€ 1.220,00" in bold at the right edge)."""
        origin = self.lines[line]
        if line + 1 >= len(self.lines):
            return None
        below = self.lines[line + 1]
        if below.page != origin.page or below.top - origin.bottom > max(origin.height, 6.0):
            return None
        cells = below.cells()
        return cells[0] if box_of(cells[0])[0] > box[2] else None

    def cells_below(self, line: int, box: Box, max_lines: int = 3) -> Iterator[list[Token]]:
        """Cells on the next lines of the page that share the label's column: they
        overlap it, or, under a row of captions, they are its value by their place
        in the row (values are often printed off their captions' columns), that one
        first on its line ("0,00" at the right of the rate's cell is no imponibile)."""
        origin = self.lines[line]
        height = max(origin.height, 6.0)
        captions = caption_row(origin, box)
        previous_bottom = origin.bottom
        read = (below for below in self.lines[line + 1:] if below.cells_read())  # a line of specks is none
        for below in itertools.islice(read, max_lines):
            if below.page != origin.page or below.top - previous_bottom > 2.5 * height:
                return
            previous_bottom = below.bottom
            cells = below.cells_read()
            under = captions.cell_under(cells) if captions else None
            if under is not None:  # first: a neighbour's figure at the right of its cell may come within the slack
                yield under
            for cell in cells:
                if cell is not under and overlaps_x(box_of(cell), box, slack=height):
                    yield cell

    @property
    def first_page(self) -> int:
        """The number of the first page with a line on it: the letterhead's and the addressee's."""
        return min((ln.page for ln in self.lines), default=1)

    def relative_top(self, token: Token) -> float:
        """0 at the top of its page, 1 at the bottom."""
        height = self.page_height.get(token.page) or 1.0
        return token.box[1] / height


@dataclass
class CaptionRow:
    """A row of captions (two cells or more side by side, each a few words without
    digits; an address may share the line) and which of them heads a column."""

    centres: list[float]
    mine: int

    @property
    def left(self) -> float:
        """Where the row's columns begin: as far left of the first caption as halfway to the second."""
        return 1.5 * self.centres[0] - 0.5 * self.centres[1]

    def column(self) -> tuple[float, float]:
        """From halfway to the caption on the left to halfway to the one on the right."""
        centres, mine = self.centres, self.mine
        left = (centres[mine - 1] + centres[mine]) / 2 if mine else None
        right = (centres[mine] + centres[mine + 1]) / 2 if mine + 1 < len(centres) else None
        left = left if left is not None else 2 * centres[mine] - right
        right = right if right is not None else 2 * centres[mine] - left
        return left, right

    def cell_under(self, cells: list[list[Token]]) -> list[Token] | None:
        """The cell under this caption on a line of values: the one in the same place
        among the line's cells when they are as many as the captions (values printed
        off their captions' columns), else the one whose middle is in the column, the nearest its caption
        where two are (a scan lost the caption beside it: "Numero | Cod. cliente" over "2025/5762 |
        02.02.2025 | C71833", the date under a "Data" no longer read). The
        last caption's column runs on to the right, and its cell is the rightmost there:
        a table's last cell, a caption printed at its left and a figure at its right
        ("Totale documento" over an amount at the page's edge), has nothing right of it
        to take the figure."""
        middles = [((b[0] + b[2]) / 2, c) for c in cells if (b := box_of(c))]
        in_row = [c for middle, c in middles if middle >= self.left]
        if len(in_row) == len(self.centres):
            return in_row[self.mine]
        left, right = self.column()
        if self.mine == len(self.centres) - 1:
            return next((c for middle, c in reversed(middles) if left <= middle), None)
        centre = self.centres[self.mine]
        return min((c for middle, c in middles if left <= middle < right),
                   key=lambda c: abs((box_of(c)[0] + box_of(c)[2]) / 2 - centre), default=None)


def caption_row(line: Line, box: Box) -> CaptionRow | None:
    """The row of captions that the caption at BOX stands in, if it does (a scan's specks are none)."""
    cells = line.cells_read()
    mine = next((i for i, c in enumerate(cells) if overlaps_x(box_of(c), box)), None)
    if mine is None or not _is_caption(cells[mine]):
        return None
    first, last = mine, mine
    while first > 0 and _is_caption(cells[first - 1]):
        first -= 1
    while last + 1 < len(cells) and _is_caption(cells[last + 1]):
        last += 1
    if first == last:
        return None
    return CaptionRow([(b[0] + b[2]) / 2 for b in map(box_of, cells[first:last + 1])], mine - first)


def _is_caption(cell: list[Token]) -> bool:
    return len(cell) <= 4 and not any(ch.isdigit() for t in cell for ch in t.text)


# A word this many times as tall as another is printed in another size (a logo, a title).
TALLER = 1.8


def _group_lines(words: list[Word], page: int) -> list[list[Token]]:
    """Words whose vertical middles fall within one another's height form a line (a logo's
    letters, printed over several lines of text, join none of them to the next: see `_of_its_size`);
    a gap wider than about one character height (and than three times the page's
    usual space between words: OCR boxes hug the letters) starts a new cell."""
    ordered = sorted(words, key=lambda w: (w.box[1], w.box[0]))
    lines: list[list[Word]] = []
    for word in ordered:
        middle = (word.box[1] + word.box[3]) / 2
        if lines:
            measured = _of_its_size(lines[-1], word)
            top = min(w.box[1] for w in measured)
            bottom = max(w.box[3] for w in measured)
            if top <= middle <= bottom:
                lines[-1].append(word)
                continue
        lines.append([word])
    for line_words in lines:
        line_words.sort(key=lambda w: w.box[0])
    gaps = sorted(b.box[0] - a.box[2] for ws in lines for a, b in zip(ws, ws[1:]) if b.box[0] > a.box[2])
    word_space = gaps[len(gaps) // 2] if gaps else 0.0
    result = []
    for line_words in lines:
        height = max(max(w.box[3] - w.box[1] for w in line_words) or LINE_HEIGHT, 3 * word_space / 1.1)
        tokens, cell, right = [], 0, None  # right: the furthest ink so far (a word read twice lies inside another)
        for word in line_words:
            if not word.text.strip():
                continue
            if right is not None and word.box[0] - right > 1.1 * height:
                cell += 1
            tokens.append(Token(word.text, word.box, word.confidence, page, cell=cell))
            right = max(right if right is not None else word.box[2], word.box[2])
        if tokens:
            result.append(tokens)
    return result


def _of_its_size(line: list[Word], word: Word) -> list[Word]:
    """The words of LINE that WORD's line height is measured on: those not much taller than WORD
    when there are any ("FMT" in large letters beside a letterhead's three lines), else all."""
    height = word.box[3] - word.box[1]
    alike = [w for w in line if w.box[3] - w.box[1] <= TALLER * height]
    return alike or line


# A character whose box is less than this share of the page's usual word height, both ways, is a speck.
SPECK_SIZE = 0.5
# A word this share of whose width lies across a word of its line is read twice (see `_read_twice`).
READ_TWICE = 0.5


def _mark_specks(tokens: list[Token]) -> None:
    """Mark the single characters far smaller than the page's words of two or more: a scan's dots read as
    letters ("È", "n" one point wide and high beside words six points high)."""
    heights = [t.box[3] - t.box[1] for t in tokens if len(t.text) > 1]
    if not heights:
        return
    small = SPECK_SIZE * statistics.median(heights)
    for token in tokens:
        token.speck = len(token.text) == 1 and token.box[2] - token.box[0] < small and token.box[3] - token.box[1] < small
    for token in tokens:
        token.speck = token.speck or any(_read_twice(token, other) for other in tokens if other.line == token.line)


def _read_twice(token: Token, other: Token) -> bool:
    """TOKEN lies mostly across OTHER, a word of its line that OCR is surer of: the same ink read again, or a
    speck over it, as a phantom word ("en" across "Dubois Technik", "v" inside "Systems")."""
    width = token.box[2] - token.box[0]
    overlap = min(token.box[2], other.box[2]) - max(token.box[0], other.box[0])
    return other is not token and token.confidence < other.confidence and overlap > READ_TWICE * width


def _synthetic_words(text: str) -> list[Word]:
    words = []
    for row, line in enumerate(text.splitlines()):
        col = 0
        for piece in line.split(" "):
            if piece:
                top = row * LINE_HEIGHT
                words.append(Word(piece, (col * CHAR_WIDTH, top, (col + len(piece)) * CHAR_WIDTH,
                                          top + LINE_HEIGHT * 0.8)))
            col += len(piece) + 1
    return words


def _text_height(page: Page) -> float:
    return max(len(page.text.splitlines()), 1) * LINE_HEIGHT
