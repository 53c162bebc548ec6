"""Drawing pieces several families share: a ruled table, an invoice's numbers,
a party's identifiers. Where they go on the page is each family's choice."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from demat.kernel.schema import SCHEMA
from demat.samples.grammar import values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.sheet import Sheet

INVOICE_TYPES = SCHEMA.invoice_labels
RATES = [Decimal(22), Decimal(22), Decimal(10), Decimal(4)]


@dataclass
class Invoice:
    lines: list[dict]
    rows: list[dict]
    taxable: Decimal
    vat: Decimal
    total: Decimal
    sign: int


def invoice(rng: random.Random, doc_type: str, count: int | None = None, rates: list[Decimal] | None = None,
            goods=values.GOODS) -> Invoice:
    """Lines, VAT per rate and totals; a credit note's amounts are negative, as it prints them."""
    rates = rates or rng.sample(RATES, rng.choice([1, 1, 2]))
    lines = values.goods_lines(rng, count or rng.choice([1, 2, 3, 4, 6]), rates, goods)
    sign = SCHEMA.types[doc_type].sign
    rows = values.vat_rows(lines, sign)
    return Invoice(lines, rows, *values.totals(rows), sign)


def show_amounts(draft: Draft, inv: Invoice, currency: str = "EUR") -> None:
    """The invoice amounts that are expected but printed by the family itself."""
    draft.known("vat_lines", values.vat_lines_json(inv.rows))
    draft.known("currency", currency)


def table(sheet: Sheet, x: float, y: float, columns: list[tuple[str, float, str]], rows: list[list[str]],
          size: float = 8, ruled: str = "head", head_bold: bool = True) -> float:
    """columns: (caption, width mm, align l/r/c). ruled: head (a rule under the captions),
    grid (every cell boxed) or none. Returns the y under the table."""
    step = size * 0.3528 * 1.6
    total_w = sum(w for _, w, _ in columns)
    for row_index, row in enumerate([[c for c, _, _ in columns], *rows]):
        left = x
        for (_, width, align), cell in zip(columns, row):
            tx = {"l": left + 1.2, "r": left + width - 1.2, "c": left + width / 2}[align]
            sheet.text(tx, y + step * 0.7, cell, size, bold=head_bold and row_index == 0, align=align)
            if ruled == "grid":
                sheet.box(left, y, width, step, 0.3)
            left += width
        if ruled == "head" and row_index == 0:
            sheet.rule(x, y + step, x + total_w, y + step, 0.6)
        y += step
    return y + 2


def item_rows(inv: Invoice, style: str, with_rate: bool = True, code: random.Random | None = None) -> list[list[str]]:
    rows = []
    for line in inv.lines:
        row = [line["description"], f"{line['quantity']}", values.number(inv.sign * line["price"], style),
               values.number(inv.sign * line["amount"], style)]
        if with_rate:
            row.append(values.rate(line["rate"]))
        if code is not None:
            row.insert(0, f"{code.choice('ABCMRT')}{code.choice('ABCMRT')}-{code.randrange(100, 9999)}")
        rows.append(row)
    return rows


def name_lines(draft: Draft, field: str, party: values.Company) -> list[str]:
    return draft.show_lines(field, party.name, list(party.name_lines))
