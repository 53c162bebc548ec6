"""VAT lines from the rate each item prints after its amount, when no summary is printed.

"TUBO RAME 18 MM 15 20,33 304,95 10": the items' amounts are summed per rate and each
sum taxed at its rate. A scan may misread an item's rate ("1O", "2Z", '9". 022') or lose
it: such an item is given the legal rate that, alone among the choices, makes the
imposta read, and an amount into which it ran the price's cents ("22:30 223,00" read as
30 223,00) is read without them where only that reading makes the sums (principle 11: a
repair only where a check proves it).
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import product, takewhile

from demat.extractors.fields.amounts import (
    AMOUNT_LOOKALIKES,
    MISREAD_FIGURE_RE,
    find_amounts,
    has_cents,
    slipped_readings,
    spaces_closed,
)
from demat.extractors.fields.checks import CENT, LEGAL_VAT_RATES, tax_at
from demat.extractors.fields.layout import Token
from demat.extractors.fields.reading import Reading

# An item's rate closing its line, after its amount: "1.218,45 22", "605,60 10%", and as a scan marks the
# amount ("18,50: 4", "20,70-.. 22").
ITEM_RATE_RE = re.compile(r"\d[.,]\d\d-?[.,:;]{0,2} (\d{1,2})(?:[.,]00)? ?%?\W{0,2}$")
# An item whose rate was misread: its price and amount, then a short remnant that is no amount ('9". 022', "1O").
UNREAD_RATE_RE = re.compile(r"\d[.,]\d\d-? \S*\d[.,]\d\d-?(?P<rest>(?: \S{1,4}){0,2})$")
# An item among rated ones whose price and rate a scan lost, its amount closing the line ("(100 pz) 1.017,63").
LONE_AMOUNT_RE = re.compile(r"\s\S*\d[.,]\d\d-?$")
LEAST_DIGITS_KEPT = 3  # an item's figure that lost its leading digits proves its amount by three left at least
MOST_UNREAD = 2  # items whose rate (or amount) the sums must tell: more leave too many choices for one sum


def item_rates(reading: Reading) -> set[Decimal]:
    """The legal rates the items print after their amounts ("482,70- 4", "86,00- 10")."""
    return {Decimal(m.group(1)) for line in reading.layout.lines if (m := ITEM_RATE_RE.search(line.text))} & LEGAL_VAT_RATES


def items_sums(reading: Reading) -> tuple[Decimal, Decimal] | None:
    """The imponibile and the IVA the rated items make: each rate's amounts summed and taxed at the rate,
    as a summary does. Only a proof of figures read elsewhere: an item OCR lost leaves the sums short."""
    items = [(Decimal(rate.group(1)), _readings(text[:rate.start(1)])[0]) for line in reading.layout.lines
             if (rate := _rated(text := spaces_closed(line.text)))]
    rows = _rows(items)
    return (sum(r["taxable_amount"] for r in rows), sum(r["vat_amount"] for r in rows)) if rows else None


def rows_by_item_rate(reading: Reading, taxable: Decimal, vat: Decimal) -> tuple[list[dict], list[Token]] | None:
    """The VAT rows the items' rates make, with the items' tokens: kept only when several rates make,
    to the cent, both TAXABLE and VAT (one rate alone is a single-rate invoice's), the items whose rate
    was misread each given the legal rate that one choice alone proves."""
    rates: list[Decimal] = []
    read: list[list[Decimal]] = []  # each item's amount, as its readings (see `_readings`)
    unread: list[list[Decimal]] = []
    figures: list[str] = []  # each rated item's amount as printed
    used: list[Token] = []
    lines = reading.layout.lines
    rated = [i for i, line in enumerate(lines) if _rated(spaces_closed(line.text))]
    if not rated:
        return None
    captioned = {lb.line for lb in reading.field_labels}
    after = list(takewhile(lambda line: line.index not in captioned, lines[rated[-1] + 1:rated[-1] + 1 + MOST_UNREAD]))
    before = list(takewhile(lambda line: line.index not in captioned, lines[max(0, rated[0] - MOST_UNREAD):rated[0]][::-1]))
    among = lines[rated[0]:rated[-1] + 1]
    # a misread first or last item or two too, below the items' header and above the summary's captions
    for i, line in enumerate(among + after + before):
        text = spaces_closed(line.text)
        rate = _rated(text)
        if rate is not None:
            rates.append(Decimal(rate.group(1)))
            read.append(_readings(text[:rate.start(1)]))
            figures.append(_last_figure(text[:rate.start(1)]))
        elif (loose := UNREAD_RATE_RE.search(text)) and not any(has_cents(raw) for _, raw, _ in
                                                                find_amounts(loose.group("rest"))):
            unread.append(_readings(text[:loose.start("rest")]))
        elif i < len(among) and LONE_AMOUNT_RE.search(text):
            unread.append(_readings(text))
        else:
            continue
        used += line.tokens
    if len(unread) > MOST_UNREAD or any(rate == 0 for rate in rates):
        return None
    if sum(len(item) > 1 for item in read + unread) > MOST_UNREAD:  # thousands spaced by the print, not a slip
        read, unread = ([item[:1] for item in items] for items in (read, unread))
    if taxable < 0:  # a credit note's items are all negative: a scan loses the minus after some ("18,50:")
        read, unread = ([[-abs(amount) for amount in item] for item in items] for items in (read, unread))
    fits: dict[str, list[dict]] = {}
    for amounts in product(*read, *unread):
        for guessed in product(sorted(LEGAL_VAT_RATES - {Decimal(0)}), repeat=len(unread)):
            rows = _rows(list(zip(rates + list(guessed), amounts)))
            if (len(rows) >= 2 and sum(r["taxable_amount"] for r in rows) == taxable
                    and sum(r["vat_amount"] for r in rows) == vat):
                fits[str(rows)] = rows
    if not fits and not unread:
        fits = _one_item_misread(rates, [item[0] for item in read], figures, taxable, vat)
    return (next(iter(fits.values())), used) if len(fits) == 1 else None


def _one_item_misread(rates: list[Decimal], amounts: list[Decimal], figures: list[str], taxable: Decimal,
                      vat: Decimal) -> dict[str, list[dict]]:
    """The rows the items make where a scan misread one item's amount past its readings ("3.233,26" for
    3.238,26, "2, 64-" for 12,64-): that item's amount is what the others leave of TAXABLE, taken where its
    FIGURE as printed is one slip from it or its last digits (three at least), and where the rows then make
    VAT too, to the cent: the two sums prove the one amount, as one choice alone must."""
    fits = {}
    for i, figure in enumerate(figures):
        want = taxable - sum(amounts[:i] + amounts[i + 1:], Decimal(0))
        digits = "".join(ch for ch in figure.translate(AMOUNT_LOOKALIKES) if ch.isdigit())
        if want == 0 or (want < 0) != (amounts[i] < 0) or want == amounts[i] or not (
                abs(want) in slipped_readings(figure)
                or len(digits) >= LEAST_DIGITS_KEPT and str(int(abs(want) * 100)).endswith(digits)):
            continue
        rows = _rows(list(zip(rates, amounts[:i] + [want] + amounts[i + 1:])))
        if len(rows) >= 2 and sum(r["vat_amount"] for r in rows) == vat:
            fits[str(rows)] = rows
    return fits if len(fits) == 1 else {}


def _last_figure(text: str) -> str:
    """The last figure in an item's TEXT, its amount, as printed however misread ("3. 233,26")."""
    return [match.group(0) for match in MISREAD_FIGURE_RE.finditer(text)][-1]


def _readings(text: str) -> list[Decimal]:
    """The last amount with cents in an item's TEXT, and where a space groups its thousands, also the
    figure after the space alone: a scan runs the price's cents into the amount ("22:30 223,00-" is
    read "30 223,00-"); the sums choose. None where no amount with cents is read at all (a figure's 0 read
    as O: "Riporto 4O.754,36"): such an item proves no split."""
    found = [(value, raw) for value, raw, _ in find_amounts(text) if has_cents(raw)]
    if not found:
        return []
    value, raw = found[-1]
    after = find_amounts(raw.split()[-1]) if " " in raw else []
    return [value] + [abs(v).copy_sign(value) for v, _, _ in after]


def _rated(text: str) -> re.Match | None:
    """The legal rate closing an item's line, after an amount with cents."""
    rate = ITEM_RATE_RE.search(text)
    if rate is None or Decimal(rate.group(1)) not in LEGAL_VAT_RATES:
        return None
    return rate if any(has_cents(raw) for _, raw, _ in find_amounts(text[:rate.start(1)])) else None


def _rows(items: list[tuple[Decimal, Decimal]]) -> list[dict]:
    sums: dict[Decimal, Decimal] = {}
    for rate, amount in items:
        sums[rate] = sums.get(rate, Decimal(0)) + amount
    return [{"rate": rate.quantize(CENT), "taxable_amount": base, "vat_amount": tax_at(base, rate), "nature": None}
            for rate, base in sorted(sums.items(), reverse=True)]
