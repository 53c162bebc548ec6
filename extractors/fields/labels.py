"""Labels on the page ("Totale documento", "Spett.le", "S.r.l.") and the values next to them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from demat.extractors.fields.layout import Layout, Token, box_of, confidence_of, overlaps_x, text_of
from demat.extractors.fields.patterns import patterns, phrase_finder
from demat.kernel.document import Box, Field

# How much a value is trusted for the way it was found.
RIGHT_OF_LABEL = 0.97
BELOW_LABEL = 0.93
PATTERN = 0.85  # recognised by its own shape (a valid P.IVA, an IBAN) without a label
GUESS = 0.6  # by position only
CAPTION_RATE_RE = re.compile(r"\d{1,2}(?:[.,]\d{1,2})?\s?%")  # the rate a caption names its column by: "IVA 22%"


@dataclass
class Label:
    kind: str  # "field", "party", "legal_form", "payment_method", "currency"
    name: str
    rank: int
    line: int
    tokens: list[Token]
    tail: str  # what follows the phrase inside its last word, as "2024/118" in "n.2024/118"

    @property
    def box(self) -> Box:
        return box_of(self.tokens)

    @property
    def first(self) -> Token:
        return self.tokens[0]

    @property
    def last(self) -> Token:
        return self.tokens[-1]


@dataclass
class Candidate:
    value: Any
    raw: str
    tokens: list[Token]
    confidence: float
    rank: int = 99  # of the label it was found by; lower is more specific
    valid: bool = True  # False: kept, but its checksum failed
    label: Label | None = None  # the label it was found by

    @property
    def page(self) -> int | None:
        return self.tokens[0].page if self.tokens else None

    @property
    def box(self) -> Box | None:
        return box_of(self.tokens)


# A parser finds the first acceptable value in a text: (value, start, end) or None.
Parser = Callable[[str], tuple[Any, int, int] | None]


@lru_cache(maxsize=1)
def currency_words() -> frozenset[str]:
    """The one-word currency wordings of the data file ("eur", "€", "usd", ...)."""
    return frozenset(w for wordings in patterns().currencies.values() for w in wordings if " " not in w)


def find_labels(layout: Layout) -> list[Label]:
    """Every pattern phrase on every line, with the words it covers."""
    labels: list[Label] = []
    pages = sorted({line.page for line in layout.lines})
    for page in pages:
        starts, tokens, parts, offset = [], [], [], 0
        for line in (ln for ln in layout.lines if ln.page == page):
            for i, token in enumerate(line.tokens):
                if i == len(line.tokens) - 1:
                    separator = "\n"  # a label never runs from one line into the next ...
                elif line.tokens[i + 1].cell != token.cell:
                    separator = " | "  # ... nor from one cell into the next
                else:
                    separator = " "
                starts.append(offset)
                tokens.append(token)
                parts.append(token.text + separator)
                offset += len(token.text) + len(separator)
        text = "".join(parts)
        for hit in phrase_finder().find(text):
            first = bisect.bisect_right(starts, hit.start) - 1
            last = bisect.bisect_right(starts, hit.end - 1) - 1
            covered = tokens[first:last + 1]
            if len({t.line for t in covered}) != 1:
                continue
            tail = tokens[last].text[hit.end - starts[last]:]
            if _inside_a_code(text[hit.end - 1:hit.end], tail):
                continue
            labels.append(Label(hit.kind, hit.name, hit.rank, covered[0].line, covered, tail))
    return labels


def _inside_a_code(last_char: str, tail: str) -> bool:
    """"RE" in "RE-2025-0042" is the start of a code, not a label ("n.2024/118" is a label,
    and so is "Totale imponibile/importo:", whose tail holds no figure)."""
    return (last_char.isalnum() and len(tail) > 1 and tail[0] in "-/_" and tail[1].isalnum()
            and any(ch.isdigit() for ch in tail))


def value_right(layout: Layout, label: Label, parse: Parser, stop_at: list[Label],
                same_cell: bool = False) -> Candidate | None:
    """The value after LABEL on its line, not beyond the next label on that line
    (nor beyond the label's own cell for free text: the next cell is another column).
    The two cells after the label come first; a value further right counts when
    they hold none ("Totale documento | colli 2 | peso 14 kg | 1.220,00")."""
    if same_cell:
        after = layout.tokens_after(label.line, label.last)
        own = [t for t in after if t.cell == label.last.cell]
        next_cell = after[0].cell if after else None
        after = own or [t for t in after if t.cell == next_cell]  # "Nome || Mario Rossi"
        return parse_tokens(label.tail, _before_stops(after, label, stop_at), parse, label, RIGHT_OF_LABEL)
    for cells in (2, None):
        after = _before_stops(layout.tokens_after(label.line, label.last, cells), label, stop_at)
        found = parse_tokens(label.tail, after, parse, label, RIGHT_OF_LABEL)
        if found:
            return found
    return None


def _before_stops(after: list[Token], label: Label, stop_at: list[Label]) -> list[Token]:
    """AFTER up to the next label of another field on LABEL's line."""
    stops = [lb.first for lb in stop_at if lb.line == label.line and lb.first in after and lb.name != label.name]
    return after[:after.index(stops[0])] if stops else after


def value_below(layout: Layout, label: Label, parse: Parser, labelled: set[int], max_lines: int = 2) -> Candidate | None:
    """The value in the cell(s) right below LABEL, as under a column header; a cell
    holding a label of its own (ids in LABELLED) has its own value, not this one's.
    Only a label that ends its cell heads a column."""
    own_cell = [t for t in layout.lines[label.line].tokens if t.cell == label.last.cell]
    rest = own_cell[own_cell.index(label.last) + 1:]
    if not _ends_its_cell(label.tail, rest):
        if rest and id(rest[0]) in labelled and not label.tail:
            return _under_joined_captions(layout, label, parse, labelled)
        return None  # words follow it in its cell: a title or a sentence, not a column header
    for cell in layout.cells_below(label.line, label.box, max_lines=max_lines):
        if any(id(t) in labelled for t in cell):
            continue
        found = parse_tokens("", cell, parse, label, BELOW_LABEL)
        if found:
            return found
    right_below = layout.cell_below_right(label.line, label.box)
    if right_below and not any(id(t) in labelled for t in right_below):
        return parse_tokens("", right_below, parse, label, BELOW_LABEL)
    return None


def _under_joined_captions(layout: Layout, label: Label, parse: Parser, labelled: set[int]) -> Candidate | None:
    """A strip of captions that a scan's narrow gaps left in one cell, the next caption right after LABEL
    ("Tipo documento Numero Data Cod. cliente"), over a row of values joined alike ("FATTURA 8736/FV
    03/09/2025 F75599"): the value opens with the first word right under LABEL (under "Numero" of "Numero
    documento" where a browser left the value at its cell's left, "NC 1580/2025"), in the row right below,
    and runs on no further than a gap as wide as the row is high."""
    captions = layout.lines[label.line]
    if label.line + 1 >= len(layout.lines):
        return None
    below = layout.lines[label.line + 1]
    if below.page != captions.page or below.top - captions.bottom > 2 * captions.height:
        return None
    under = [t for t in below.tokens if overlaps_x(t.box, label.box)]
    if not under or id(under[0]) in labelled:
        return None
    run = below.tokens[below.tokens.index(under[0]):]
    run = run[:next((i for i, t in enumerate(run[1:], 1) if t.box[0] - run[i - 1].box[2] > below.height), len(run))]
    found = parse_tokens("", run, parse, label, BELOW_LABEL)
    return found if found and found.tokens[0] is run[0] else None


def _ends_its_cell(tail: str, rest: list[Token]) -> bool:
    """Nothing but punctuation, a currency ("Totale documento (EUR)") or the column's rate ("IVA 22%")
    follows the label in its cell."""
    words = [w for w in [tail] + [t.text for t in rest] if w.strip(" :.()[]")]
    other = " ".join(w.strip(" :()[]") for w in words if w.strip(" :.()[]").lower() not in currency_words())
    return not other or bool(CAPTION_RATE_RE.fullmatch(other))


def value_near(layout: Layout, label: Label, parse: Parser, stop_at: list[Label], labelled: set[int],
               same_cell: bool = False) -> Candidate | None:
    return value_right(layout, label, parse, stop_at, same_cell) or value_below(layout, label, parse, labelled)


def parse_tokens(tail: str, tokens: list[Token], parse: Parser, label: Label, how: float) -> Candidate | None:
    """The value that PARSE finds in LABEL's TAIL and TOKENS, with the tokens that print it."""
    pieces = ([tail] if tail else []) + [t.text for t in tokens]
    owners = ([None] if tail else []) + tokens
    text = " ".join(pieces)
    found = parse(text)
    if found is None:
        return None
    value, start, end = found
    used, offset = [], 0
    for piece, owner in zip(pieces, owners):
        if offset < end and offset + len(piece) > start:
            used.append(owner if owner is not None else label.last)
        offset += len(piece) + 1
    confidence = confidence_of(used) * how
    return Candidate(value, text[start:end], used, confidence, label.rank, label=label)


def label_words(labels: list[Label]) -> set[int]:
    """The ids of the words of every field's caption and party's marker among LABELS: words that are no name
    and no value."""
    return {id(t) for lb in labels if lb.kind in ("field", "party") for t in lb.tokens}


def tokens_in(line_tokens: list[Token], text_start: int, text_end: int) -> list[Token]:
    """The tokens of a line (joined by single spaces) that the span START:END touches."""
    used, offset = [], 0
    for token in line_tokens:
        if offset < text_end and offset + len(token.text) > text_start:
            used.append(token)
        offset += len(token.text) + 1
    return used


def candidate_from_line(line_tokens: list[Token], value: Any, start: int, end: int, how: float) -> Candidate:
    used = tokens_in(line_tokens, start, end)
    return Candidate(value, text_of(used), used, confidence_of(used) * how)


def to_field(candidate: Candidate) -> Field:
    return Field(value=candidate.value, raw=candidate.raw, confidence=round(candidate.confidence, 3),
                 source_box=candidate.box, page=candidate.page)


def put(fields: dict[str, Field], name: str, candidate: Candidate | None) -> None:
    """Add the candidate as field NAME, if there is one."""
    if candidate is not None:
        fields[name] = to_field(candidate)
