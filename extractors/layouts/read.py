"""Reading a new document through a supplier's layout: each remembered label found
near where it was (moved as the template's anchor words moved: placement.py), the
value read beside it, under it, or at its place on the page (also where its label was
not read). Totals learnt on a one-page invoice whose goods now run onto a further page
are read there, moved as their captions moved together.

A value lost by its caption looked for where the caption is read, moved as it moved
(a page read too poorly to find the template's words), is only a guess, kept apart
(`LayoutReading.guesses`) until a check proves it (proof.py)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from demat.extractors.fields import values
from demat.extractors.fields.layout import Layout, Token, box_of, overlaps_x
from demat.extractors.layouts.items import read_rows
from demat.extractors.layouts.model import FieldPlace, SupplierLayout, absolute, page_key, relative
from demat.extractors.layouts.placement import IN_PLACE, NOT_LEARNT, Placement, find_placement
from demat.extractors.layouts.places import LINES_ABOVE, find_label, parser_for, read_run
from demat.kernel.document import Box, Field, Page

TRUSTED = 0.99  # a value found where a person confirmed it, before its checks run
MAX_LABEL_DRIFT = 0.15  # how far (in fractions of the page) a label may move and still be the same
CAPTIONS_AGREE = 0.01  # fractions of the page: the totals' captions moved as one block
MISREAD_POINT = re.compile(r"(?<=\d)[:;](?=\d{3}(?:[.,:;]\d{3})*,\d{2}\b)")  # "12:523,33": a thousands' point
CLOSING = ("taxable_amount", "vat_amount", "total", "vat_lines.")  # printed after the goods, wherever they end


CAPTION, WIDENED = "caption", "widened"  # how a guess was read (bench/learning.py)


class Guess(NamedTuple):
    """A value read elsewhere than learnt: how (CAPTION, WIDENED), of which field, and whether a check
    proved it (kept)."""

    how: str
    name: str
    value: Any
    kept: bool


@dataclass
class LayoutReading:
    """The fields read through a layout, and what could not be found where it was remembered."""

    fields: dict[str, Field] = field(default_factory=dict)
    item_rows: list[dict] | None = None  # the VAT split added up from the goods table, where it was learnt
    missing: list[str] = field(default_factory=list)  # "total (label 'Totale fattura' not found)"
    template: str = NOT_LEARNT  # where the first page's anchors are (placement.py)
    places: dict[str, tuple[Page, Box]] = field(default_factory=dict)  # where each value was read, or expected
    guesses: dict[str, Field] = field(default_factory=dict)  # read elsewhere than learnt: kept once proven
    elsewhere: dict[str, tuple[Page, Box]] = field(default_factory=dict)  # a lost value's box, moved as its caption
    how: dict[str, str] = field(default_factory=dict)  # how each of GUESSES was read
    guessed: list[Guess] = field(default_factory=list)  # each guess tried
    doubted: list[str] = field(default_factory=list)  # values read otherwise when read again on the scan
    misshapen: list[str] = field(default_factory=list)  # not written as confirmed, read again or not (proof.py)
    implausible: list[str] = field(default_factory=list)  # a date unlikely beside the page's others (proof.py)
    read_again: dict[str, Field] = field(default_factory=dict)  # an amount read otherwise in its box, not proven
    # alone (the total it is checked with misread too): one more read for the invoice's arithmetic (arithmetic.py)

    def take(self, name: str, found: Field, page: Page) -> None:
        """Field NAME read after all (a guess proven, or its box read again): no longer missing."""
        self.fields[name] = found
        self.places[name] = (page, found.source_box or self.places[name][1])
        self.found_again(name)

    def found_again(self, name: str) -> None:
        """Field NAME was read after all: no longer missing."""
        self.missing = [m for m in self.missing if not m.startswith(f"{name} (")]

    @property
    def agrees(self) -> bool:
        """The document is printed from this layout: its anchors in place (or, for a layout
        remembered without anchors, nearly all its labels found)."""
        if self.template != NOT_LEARNT:
            return self.template == IN_PLACE
        return len(self.missing) <= (len(self.fields) + len(self.missing)) // 4


def read(supplier_layout: SupplierLayout, pages: list[Page]) -> LayoutReading:
    result = LayoutReading()
    if not pages or not all(p.words and p.width and p.height for p in pages):
        result.missing.append("the pages have no word boxes")
        return result
    layout = Layout(pages)
    placements = {p.number: find_placement(supplier_layout.anchors, p, page_key(p.number, len(pages))) for p in pages}
    result.template = placements[pages[0].number].template
    one_page = _learnt_on_one_page(supplier_layout)
    for name, remembered in supplier_layout.fields.items():
        page = pages[-1] if remembered.page == 0 or remembered.page > len(pages) else pages[remembered.page - 1]
        placement = placements[page.number]
        found = _read_place(layout, page, remembered, placement)
        if one_page and len(pages) > 1 and name.startswith(CLOSING) and remembered.how != "page":
            on_last = _closing_on_last_page(layout, supplier_layout, pages, remembered, placement)
            if on_last is not None:
                page, placement, found = on_last
        expected = absolute(placement.move(remembered.value_box), page)
        if isinstance(found, str):
            result.missing.append(f"{name} ({found})")
            result.places[name] = (page, expected)
            _look_by_caption(layout, page, remembered, placement, result)
        else:
            result.fields[name] = found
            result.places[name] = (page, found.source_box or expected)
    if supplier_layout.items:
        result.item_rows = read_rows(layout, pages, supplier_layout.items, placements)
    return result


def _look_by_caption(layout: Layout, page: Page, place: FieldPlace, placement: Placement,
                     result: LayoutReading) -> None:
    """A value lost by its caption, looked for where the caption is read, moved as it moved: a guess, and
    the box to read again on the scan if nothing is read there."""
    label = _label(layout, page, place, placement) if place.label_box is not None else None
    if label is None:
        return
    found, remembered = box_of(label), absolute(placement.move(place.label_box), page)
    dx, dy = found[0] - remembered[0], found[1] - remembered[1]
    box = absolute(placement.move(place.value_box), page)
    if max(abs(dx), abs(dy)) < (box[3] - box[1]) / 2:
        return  # the caption is where the template put it: nowhere else to look
    moved = (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy)
    read = _first_read(_tokens_in(layout, page, moved), parser_for(place.name))
    if read is not None:
        result.guesses[place.name] = _field(read, page)
        result.how[place.name] = CAPTION
    else:
        result.elsewhere[place.name] = (page, moved)


def _learnt_on_one_page(supplier_layout: SupplierLayout) -> bool:
    """Whether the confirmed document had one page (no place nor anchor of a last page of several)."""
    return all(p.page == 1 for p in supplier_layout.fields.values()) and not any(
        a[1] == page_key(2, 2) for a in supplier_layout.anchors)


def _closing_on_last_page(layout: Layout, supplier_layout: SupplierLayout, pages: list[Page], place: FieldPlace,
                          placement: Placement) -> tuple[Page, Placement, Field] | None:
    """A total learnt on a one-page invoice whose label is not on the first page of this longer one: the
    goods ran onto the last page and the totals with them, moved down or up together (`_closing_shift`)."""
    parse = parser_for(place.name)
    if not isinstance(_read_by_label(layout, pages[0], place, placement, parse), str):
        return None
    last = pages[-1]
    moved = _closing_shift(layout, supplier_layout, last)
    read = _read_by_label(layout, last, place, moved, parse) if moved is not None else None
    return None if read is None or isinstance(read, str) else (last, moved, _field(read, last))


def _closing_shift(layout: Layout, supplier_layout: SupplierLayout, page: Page) -> Placement | None:
    """How far the totals' captions moved together on PAGE: the shift most of them agree on, each caption
    found anywhere on the page voting for each place it is found there; None without two that agree, or
    with two shifts agreed on as much (a caption printed on each of the totals' rows, say)."""
    votes: list[tuple[str, float]] = []  # (field, shift)
    for name, place in supplier_layout.fields.items():
        if name.startswith(CLOSING) and place.label_box is not None:
            votes += [(name, relative(box_of(run), page)[1] - place.label_box[1])
                      for run in find_label(layout, page.number, place.label)]
    if not votes:
        return None
    support = [len({name for name, d in votes if abs(d - shift) <= CAPTIONS_AGREE}) for _, shift in votes]
    best = max(range(len(votes)), key=lambda i: support[i])
    shift = votes[best][1]
    rivals = [d for (_, d), n in zip(votes, support) if n == support[best] and abs(d - shift) > CAPTIONS_AGREE]
    return Placement(shift_y=shift) if support[best] >= 2 and not rivals else None


def _read_place(layout: Layout, page: Page, place: FieldPlace, placement: Placement) -> Field | str:
    """The value by its label; else, as for a value learnt without one, at its place on the page
    (OCR missed a letter too many of the label, or the label was a neighbour's words that change)."""
    parse = parser_for(place.name)
    by_label = _read_by_label(layout, page, place, placement, parse) if place.how != "page" else None
    if by_label is not None and not isinstance(by_label, str):
        return _field(by_label, page)
    read = _first_read(_tokens_in(layout, page, absolute(placement.move(place.value_box), page)), parse)
    return _field(read, page) if read else by_label or "nothing readable at its place"


def _label(layout: Layout, page: Page, place: FieldPlace, placement: Placement) -> list[Token] | None:
    """PLACE's label on PAGE, the run nearest where it was, if one is near enough."""
    remembered = absolute(placement.move(place.label_box), page)
    labels = [run for run in find_label(layout, page.number, place.label)
              if _distance(box_of(run), remembered, page) <= MAX_LABEL_DRIFT]
    return min(labels, key=lambda run: _distance(box_of(run), remembered, page)) if labels else None


def _read_by_label(layout: Layout, page: Page, place: FieldPlace, placement: Placement, parse):
    """The value read beside or under its label, or why not."""
    label = _label(layout, page, place, placement)
    if label is None:
        return f"label {' '.join(place.label)!r} not found"
    if place.how == "right":
        read = _first_read(_right_of(layout, label, page, place, placement), parse)
    else:
        read = _read_below(layout, label, page, place, placement)
    return read or f"no value by label {' '.join(place.label)!r}"


def _right_of(layout: Layout, label: list[Token], page: Page, place: FieldPlace, placement: Placement) -> list[Token]:
    """The words after LABEL on its line that start no further right than the value ended, moved with
    the label: past it is another cell's value (a customer code two columns on, where a photo's OCR
    lost the number), not this field's."""
    remembered = absolute(placement.move(place.label_box), page)
    value = absolute(placement.move(place.value_box), page)
    reach = value[2] + box_of(label)[0] - remembered[0] + (value[3] - value[1])
    line = layout.lines[label[-1].line]
    return [t for t in line.tokens[line.tokens.index(label[-1]) + 1:] if t.box[0] <= reach]


def _read_below(layout: Layout, label: list[Token], page: Page, place: FieldPlace, placement: Placement):
    """Under a caption: the cells of the next lines that overlap where the value was, moved with the
    caption, on the line as far below it as the value was (a table's second row is not its first)."""
    remembered = absolute(placement.move(place.label_box), page)
    shift_x, shift_y = box_of(label)[0] - remembered[0], box_of(label)[1] - remembered[1]
    value = absolute(placement.move(place.value_box), page)
    column = (value[0] + shift_x, value[1], value[2] + shift_x, value[3])
    start, top = label[-1].line + 1, value[1] + shift_y
    below = [line for line in layout.lines[start:start + LINES_ABOVE]
             if line.page == page.number and abs(line.top - top) <= value[3] - value[1]]  # not the next row's
    for line in sorted(below, key=lambda line: abs(line.top - top)):
        for cell in line.cells():
            if overlaps_x(box_of(cell), column) or overlaps_x(box_of(cell), box_of(label)):
                read = _first_read(cell, parser_for(place.name))
                if read:
                    return read
    return None


def _tokens_in(layout: Layout, page: Page, box: Box) -> list[Token]:
    slack = (box[3] - box[1]) / 2
    return [t for line in layout.lines if line.page == page.number for t in line.tokens
            if t.box[1] < box[3] + slack and t.box[3] > box[1] - slack and overlaps_x(t.box, box, slack)]


def _first_read(tokens: list[Token], parse):
    """The first value PARSE reads in TOKENS; an amount whose thousands' point OCR read as a colon
    ("12:523,33", else read cut to 523,33) is read whole, and one whose decimal comma OCR lost ("15429")
    with its cents, as the confirmed invoice printed them (its checks then judge it)."""
    if parse is values.amount:
        tokens = [replace(t, text=MISREAD_POINT.sub(".", t.text)) for t in tokens]
    for candidates in (tokens, [_with_cents(t) for t in tokens] if parse is values.amount else []):
        for i in range(len(candidates)):
            read = read_run(candidates[i:], parse)
            if read is not None:
                return read
    return None


def _with_cents(token: Token) -> Token:
    text = token.text
    return replace(token, text=f"{text[:-2]},{text[-2:]}") if text.isdigit() and len(text) >= 3 else token


def _field(read, page: Page) -> Field:
    value, used = read
    return Field(value, raw=" ".join(t.text for t in used), confidence=TRUSTED, source_box=box_of(used),
                 page=page.number)


def _distance(a: Box, b: Box, page: Page) -> float:
    ra, rb = relative(a, page), relative(b, page)
    return math.hypot(ra[0] - rb[0], ra[1] - rb[1])
