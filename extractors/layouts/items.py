"""The VAT split from the goods table, for suppliers that print the rate of each line
but not the taxable amount of each rate: learnt as the columns of the line amount and
of its rate, read as the sum of the amounts of each rate."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from demat.extractors.fields import values
from demat.extractors.fields.checks import tax_at
from demat.extractors.fields.layout import Layout, Line, Token, overlaps_x
from demat.extractors.layouts.placement import Placement
from demat.extractors.layouts.places import join_digit_groups
from demat.kernel.document import Page

RATE = re.compile(r"\(?(\d{1,2}(?:[.,]\d{1,2})?)\s?%?\)?")
Columns = dict[str, list[float]]  # amount / rate -> [x0, x1] in fractions of the page's width


def learn_columns(layout: Layout, pages: dict[int, Page], rows: list[dict[str, Any]]) -> Columns | None:
    """The columns whose lines add up, rate by rate, to the confirmed VAT rows; None if they do not."""
    found = list(_items(layout, {Decimal(str(row["rate"])) for row in rows}))
    sums: dict[Decimal, Decimal] = {}
    for amount, rate, _, _ in found:
        sums[rate] = sums.get(rate, Decimal(0)) + amount
    if not found or sums != {Decimal(str(r["rate"])): r["taxable_amount"] for r in rows}:
        return None
    width = pages[found[0][2].page].width
    return {"amount": _span([a for _, _, a, _ in found], width), "rate": _span([r for _, _, _, r in found], width)}


def read_rows(layout: Layout, pages: list[Page], learnt: Columns, placements: dict[int, Placement]) -> list[dict[str, Any]]:
    """The VAT rows from the lines whose amount and rate stand in the LEARNT columns, moved on each page as
    its template's words moved (PLACEMENTS: a phone's photo shrinks and shifts the page)."""
    sums: dict[Decimal, Decimal] = {}
    for amount, rate, amount_token, rate_token in _items(layout):
        page = next(p for p in pages if p.number == amount_token.page)
        columns = {name: _moved(span, placements[page.number]) for name, span in learnt.items()}
        if _in(amount_token, columns["amount"], page.width) and _in(rate_token, columns["rate"], page.width):
            sums[rate] = sums.get(rate, Decimal(0)) + amount
    return [{"rate": rate, "taxable_amount": taxable, "nature": None,
             "vat_amount": tax_at(taxable, rate)}
            for rate, taxable in sorted(sums.items(), key=lambda s: -s[0])]


def _moved(span: list[float], placement: Placement) -> list[float]:
    """A column's SPAN (fractions of the page's width) where PLACEMENT puts it on the new page."""
    x0, _, x1, _ = placement.move((span[0], 0, span[1], 0))
    return [x0, x1]


def _items(layout: Layout, rates: set[Decimal] | None = None):
    """(amount, rate, its token, the rate's token) for each line that ends in a rate after an amount."""
    for line in layout.lines:
        found = _item(line, rates)
        if found:
            yield found


def _item(line: Line, rates: set[Decimal] | None):
    tokens = join_digit_groups(line.tokens)
    for i in range(len(tokens) - 1, 0, -1):
        match = RATE.fullmatch(tokens[i].text)
        if not match:
            continue
        rate = Decimal(match.group(1).replace(",", "."))
        if rates is not None and rate not in rates:
            return None
        for token in reversed(tokens[:i]):
            found = values.amount(token.text)
            if found and found[1] == 0 and found[2] == len(token.text):
                return found[0], rate, token, tokens[i]
        return None
    return None


def _span(tokens: list[Token], width: float) -> list[float]:
    return [round(min(t.box[0] for t in tokens) / width, 4), round(max(t.box[2] for t in tokens) / width, 4)]


def _in(token: Token, column: list[float], width: float) -> bool:
    return overlaps_x(token.box, (column[0] * width, 0, column[1] * width, 0), slack=0.01 * width)
