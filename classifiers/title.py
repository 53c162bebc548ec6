"""The document's own title: what a person reads first to tell an invoice from an order.

A title (`FATTURA DIFFERITA n. 12`, `NOTA CREDITO` in a header cell) states
the type; words in item lines (`rif. Vs. ordine 655`), references and footers
only mention other documents. The title is looked for at the head of the first
page: a line, or a cell of a header grid, that *begins* with one of a type's
headings (its names and titles in the schema of the domain) and goes on with
little more than a number and a date, never an amount. Layout makes it
stronger: larger than the body text, in capitals. A caption such as `Tipo
documento` over it, before it or beside it says outright that it is the type,
wherever it is on the page: a captioned title beats any banner (a courtesy
copy headed `FATTURA ELETTRONICA` whose box reads `Nota di credito`).

The TipoDocumento code of a courtesy copy (`TD04`) is separate evidence,
`read_code`: the SdI's own word for the type, weighed on its own. Code and
captioned type are looked for on the first pages, not only the first: a
stylesheet that prints the transmission and both parties first puts
`Tipologia documento: TD04 (nota di credito)` on page 2.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from demat.classifiers.textnorm import fold
from demat.kernel.document import TEXT_LABELS, Page, Word
from demat.kernel.schema import SCHEMA

# Headings that begin with a type's name and are not titles: the format's banner (every FatturaPA is a
# "fattura elettronica", credit notes too) and a payment method (RiBa, the "ricevuta bancaria").
NOT_TITLES = ("fattura elettronica", "fattura pa", "fattura b2b", "fattura verso", "ricevuta bancaria")


def _phrase_pattern(title: str) -> str:
    """A heading from the schema as a pattern over folded text: spaces, hyphens, dots and
    apostrophes may each be there or not (`D.d.T.`, `ddt`, `pro-forma`, `conferma d'ordine`)."""
    loose = {" ": r"[ \-]?", "-": r"[ \-]?", ".": r"\.? ?", "'": r"['\u2019 ]?"}
    return "".join(loose.get(ch, re.escape(ch)) for ch in fold(title).strip()) + "(?![a-z])"


def _title_patterns() -> tuple[re.Pattern, list[str]]:
    """One pattern for every heading of every text type in the schema, longest first, so that
    `fattura proforma` is a proforma and not a `fattura`; and the type of each group."""
    phrases = sorted(((fold(t), label) for label in TEXT_LABELS for t in SCHEMA.types[label].all_titles),
                     key=lambda phrase: -len(phrase[0]))
    pattern = re.compile("|".join(f"({_phrase_pattern(phrase)})" for phrase, _ in phrases))
    return pattern, [label for _, label in phrases]


_TITLE, _TITLE_LABELS = _title_patterns()
_NOT_TITLE = re.compile("|".join(NOT_TITLES) + "(?![a-z])")
# TipoDocumento codes printed on courtesy copies of a FatturaPA, wherever the stylesheet puts them, by
# their digits (TD05/TD09, debit notes, are invoices for the archive): the schema of the domain's table.
TD_CODES = {code.removeprefix("TD"): label for code, label in SCHEMA.fatturapa_types.items()}
# An OCR may read TD04 as TDO4; a text layer may glue it to the words around it (TipologiadocumentoTD04Nota),
# but a code standing alone is surer than letters inside a word (a transmission number like 0TD12).
_TD = re.compile(r"\btd[ .\-]?([\do]\d)(?!\d)")
_TD_GLUED = re.compile(r"(?<![\d.,])td[ .\-]?([\do]\d)(?!\d)")
_CAPTION = re.compile(r"^(tipo(logia)?(( ?del| ?di)? ?documento)?|tipo ?doc\.?"
                      r"|(n\.?|nr\.?|numero ?)? ?documento)\s*:?$")
_TD_BEFORE = re.compile(r"td[ .\-]?\d\d(?!\d)\s*[-:(]?\s*")
# The same caption and the type on one line: "Tipo documento: Nota di credito".
_CAPTION_BEFORE = re.compile(r"^(tipo(logia)?(( ?del| ?di)? ?documento)?|tipo ?doc\.?|documento)\s*:\s*"
                             r"|^(tipo(logia)?( ?del| ?di)? ?documento|tipo ?doc\.?)\s*")
# What may follow a type name in a title: number, date, and their captions.
_TAIL_WORDS = {"n", "nr", "no", "num", "numero", "del", "dd", "data", "in", "di", "e", "per", "a", "prot"}
_TAIL_OTHER_WORDS = 2  # "Fattura n. 12 del 3/4 - originale" is a title, a sentence is not
_NUMBERISH = re.compile(r"[\d/.\-:°#]")
# An amount (12,50; 1.234,00; -2.00) after a name makes an item line ("AVOIR -2,00"), never a title.
_AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d\d$|^-\d+[.,]\d\d$")
HEAD_SHARE = 0.45  # of the page height: where titles and header grids are (a captioned type may be lower)
HEAD_LINES = 15  # the same, counted in lines, for a page read without boxes
# Pages a captioned type or a TipoDocumento code may be on: a stylesheet that prints the parties' data
# first may push "Tipologia documento: TD04 (nota di credito)" to the second page.
TYPE_PAGES = 3
CAPTION_REACH = 12  # cells back to look for a caption over a cell (a grid row has a few)
CAPTION_GAP = 25  # a caption beside its value (a caption / value list) ends at most this many text heights before it


@dataclass(frozen=True)
class Title:
    """A type named by the document itself, and how much the layout backs it (0..1)."""

    label: str
    text: str
    strength: float
    captioned: bool = False  # under or after a caption such as "Tipo documento"


@dataclass
class _Line:
    text: str
    top: float = 0.0
    height: float = 0.0  # 0 when the page has no word boxes
    x0: float = 0.0
    x1: float = 0.0
    in_head: bool = True  # where an uncaptioned title may be


def read_code(pages: list[Page]) -> Title | None:
    """The first TipoDocumento code (`TD04`) on the first pages with text (on each page, one standing
    alone first), or None."""
    for page in _type_pages(pages):
        text = fold(page.text)
        code = _TD.search(text) or _TD_GLUED.search(text)
        number = code.group(1).replace("o", "0") if code else ""
        if code and number in TD_CODES:
            return Title(TD_CODES[number], code.group(0), 1.0)
    return None


def read_title(pages: list[Page]) -> Title | None:
    """The strongest title at the head of the first page with text, or None.

    A captioned title outranks the others, and may be anywhere on the first pages (a
    courtesy copy prints its "Tipo documento" box after the parties, on the next page if they fill the
    first); two different types as strong as each other (and as much captioned) halve the winner's strength.
    """
    found: list[tuple[bool, float, int, Title]] = []
    for index, page in enumerate(_type_pages(pages)):
        found += [(t.captioned, t.strength, -(index * 10_000 + rank), t) for rank, t in _page_titles(page)
                  if t.captioned or index == 0]
    if not found:
        return None
    found.sort(key=lambda f: f[:3], reverse=True)
    best = found[0][3]
    rival = next((t for _, _, _, t in found[1:] if t.label != best.label and t.captioned == best.captioned
                  and t.strength >= best.strength), None)
    return Title(best.label, best.text, round(best.strength / 2, 3), best.captioned) if rival else best


def _type_pages(pages: list[Page]) -> list[Page]:
    """The first pages with text, where a document states its type."""
    return [p for p in pages if p.text.strip()][:TYPE_PAGES]


def _page_titles(page: Page) -> list[tuple[int, Title]]:
    """(line rank, title) of every title on `page`: captioned ones anywhere, the others in its head."""
    lines = _page_lines(page)
    folded = [fold(line.text).strip(" :-*|") for line in lines]
    body = statistics.median(sorted(w.box[3] - w.box[1] for w in page.words)) if page.words else 0.0
    found = []
    for rank, line in enumerate(lines):
        title = _title_of(line, folded[rank], body)
        if title and _split_banner(folded, rank):
            continue
        if title and not title.captioned:
            reach = range(max(0, rank - (CAPTION_REACH if line.height else 1)), rank)
            if any(_CAPTION.match(folded[j]) and _captions(lines[j], line) for j in reach):
                title = _captioned(title)
        if title and (title.captioned or line.in_head):
            found.append((rank, title))
    return found


def _captioned(title: Title) -> Title:
    return Title(title.label, title.text, min(title.strength + 0.3, 1.0), captioned=True)


def _split_banner(folded: list[str], rank: int) -> bool:
    """`FATTURA` alone on a line over `ELETTRONICA`: the format's banner split in two, not a title."""
    not_title = _NOT_TITLE.match(" ".join(folded[rank:rank + 2]))
    return bool(not_title) and not_title.end() > len(folded[rank])


def _title_of(line: _Line, text: str, body_height: float) -> Title | None:
    """The title `line` would be (`text`: the line folded), its strength from size and capitals."""
    caption = _CAPTION_BEFORE.match(text)
    if caption:
        title = _title_of(line, text[caption.end():], body_height)
        return _captioned(title) if title else None
    code = _TD_BEFORE.match(text)  # "TD04 nota di credito": the code is read_code's, the name a title
    start = code.end() if code else 0
    match = _TITLE.match(text, start)
    if not match or _NOT_TITLE.match(text, start) or not _title_like(text[match.end():]):
        return None
    strength = 0.5
    if body_height and line.height >= 1.15 * body_height:
        strength += 0.3
    letters = [c for c in line.text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        strength += 0.2
    return Title(_TITLE_LABELS[match.lastindex - 1], line.text.strip(), min(strength, 1.0))


def _title_like(tail: str) -> bool:
    """After the type's name: a number, a date and little else (not a sentence, not an amount)."""
    words = [w.strip(".,;:()'\"") for w in tail.split()]
    other = [w for w in words if w and w not in _TAIL_WORDS and not _NUMBERISH.search(w)]
    return len(other) <= _TAIL_OTHER_WORDS and not any(_AMOUNT.match(w) for w in tail.split())


def _captions(caption: _Line, line: _Line) -> bool:
    """`caption` printed just above `line` over the same cell, or just before it on the same row
    (always so for lines without boxes)."""
    if not line.height:
        return True
    above = 0 < line.top - caption.top < 3 * line.height and caption.x0 < line.x1 and line.x0 < caption.x1
    beside = abs(line.top - caption.top) < 0.5 * line.height and 0 <= line.x0 - caption.x1 < CAPTION_GAP * line.height
    return above or beside


def _page_lines(page: Page) -> list[_Line]:
    """The page's lines (its cells, with word boxes) top to bottom, those of its head marked."""
    if not page.words:
        texts = [t for t in page.text.splitlines() if t.strip()]
        return [_Line(t, in_head=rank < HEAD_LINES) for rank, t in enumerate(texts)]
    height = page.height or max(w.box[3] for w in page.words)
    lines = [cell for row in _rows(page.words) for cell in _cells(row)]
    for line in lines:
        line.in_head = line.top < HEAD_SHARE * height
    return lines


def _rows(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom."""
    rows: list[list[Word]] = []
    row_middle = 0.0  # of the row's first word
    for word in sorted(words, key=lambda w: (w.box[1], w.box[0])):
        middle = (word.box[1] + word.box[3]) / 2
        if rows and abs(middle - row_middle) < 0.5 * (word.box[3] - word.box[1]):
            rows[-1].append(word)
        else:
            rows.append([word])
            row_middle = middle
    return rows


def _cells(row: list[Word]) -> list[_Line]:
    """A printed line split where a wide gap separates two cells of a grid or two columns, or
    where the size changes (a letterhead name and a title beside it)."""
    row = sorted(row, key=lambda w: w.box[0])
    cells, current = [], [row[0]]
    for word in row[1:]:
        gap = word.box[0] - current[-1].box[2]
        height, before = word.box[3] - word.box[1], current[-1].box[3] - current[-1].box[1]
        if gap > 1.2 * height or abs(height - before) > 0.12 * max(height, before):
            cells.append(current)
            current = []
        current.append(word)
    cells.append(current)
    return [_Line(" ".join(w.text for w in cell), min(w.box[1] for w in cell),
                  statistics.median(w.box[3] - w.box[1] for w in cell), cell[0].box[0], cell[-1].box[2])
            for cell in cells]
