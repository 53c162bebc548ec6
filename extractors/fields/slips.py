"""Imponibile, IVA and totale proven by their two equations when a fax slipped a digit or blurred a caption.

The figures under the three captions are read as printed, through their
look-alikes, or one digit away (`amounts.slipped_readings`); a solution of
imponibile x a legal rate = IVA and imponibile + IVA = totale says which figure
is which and proves the slips. Only the cheapest solution with no tie is kept,
and it is marked a guess (principle 11: a repair only where a check proves it).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from itertools import permutations, product

from demat.extractors.fields import values
from demat.extractors.fields.amounts import slipped_figure
from demat.extractors.fields.checks import LEGAL_VAT_RATES, tax_at
from demat.extractors.fields.labels import GUESS, Candidate
from demat.extractors.fields.reading import Reading

# What a figure costs a solution of the summary's two equations: read (or misread) as printed, one slip
# away from its print, or not read at all but what the other two leave.
AS_READ, SLIPPED, LEFT_OVER = 0, 1, 2
MOST_SLIPS = 3  # two slips and a figure left over are more than two equations can prove


def one_slip_apart(reading: Reading, item_rates: set[Decimal], negatives_proving: int
                   ) -> tuple[Candidate, Candidate, Candidate] | None:
    """Imponibile, IVA and totale when a fax misread a digit of one or two of them ("14.748, 00"
    for 14.745,00, "187/48" for 187,28), left one unreadable, or blurred their captions
    ("NETTO A_PAGARE" read as a "netto" imponibile): the figures by the three labels, each as
    printed or, under its own caption, one slip away (`slipped_readings`), that solve both
    imponibile x a legal rate = IVA and imponibile + IVA = totale, at least two of them read.
    The equations say which figure printed as read is which, and prove the slips; the solution
    with the fewest slips is taken, and only when no other solution has as few and it has at
    most three (a figure left over counts two). ITEM_RATES: the legal rates the items print;
    NEGATIVES_PROVING: how many of them read with a minus make all three negative (`credit_note.negatives_proving`);
    else they are positive, as a credit note printing FatturaPA's amounts prints them."""
    roles = ("taxable_amount", "vat_amount", "total")
    figures = [c for name in roles for c in reading.candidates(name, slipped_figure)]
    clean = [values.amount(c.raw) is not None for c in figures]  # read as money as printed: the likelier right
    role = [roles.index(c.label.name) if c.label else -1 for c in figures]
    by_size: dict[int, list[tuple[int, int]]] = {}  # a reading's size in cents -> (its cost, its figure) for each
    for i, candidate in enumerate(figures):
        as_read, slipped = candidate.value
        for cost, readings in ((AS_READ, as_read), (SLIPPED, slipped)):
            for value in readings:
                by_size.setdefault(int(abs(value) * 100), []).append((cost, i))
    solutions: dict[tuple[int, int, int], tuple[int, list[int | None]]] = {}
    for rate in (int(r) for r in LEGAL_VAT_RATES if r != 0 and item_rates <= {r}):  # the items' one rate, if they print any
        for size in by_size:  # the imponibile read, and the IVA or the totale read too
            tax = (size * rate + 50) // 100  # half a cent up, as invoices round
            for vat in (tax - 1, tax, tax + 1):
                if vat > 0 and (vat in by_size or size + vat in by_size):
                    _solve((size, vat, size + vat), by_size, (clean, role), solutions)
            for base in range(size * 100 // rate - 1, size * 100 // rate + 2):  # the IVA read, the imponibile left over
                if base > 0 and base + size in by_size and abs((base * rate + 50) // 100 - size) <= 1:
                    _solve((base, size, base + size), by_size, (clean, role), solutions)
    solutions = {amounts: found for amounts, found in solutions.items() if found[0] <= MOST_SLIPS}
    if not solutions:
        return _parts_by_their_sum(figures, item_rates)
    fewest = min(cost for cost, _ in solutions.values())
    best = [(amounts, chosen) for amounts, (cost, chosen) in solutions.items() if cost == fewest]
    if len(best) != 1:
        return None
    cents, chosen = best[0]
    amounts = [Decimal(c).scaleb(-2) for c in cents]
    read = [figures[i] for i in chosen if i is not None]
    negative = sum(_printed_negative(figures[i], v) for i, v in zip(chosen, amounts)
                   if i is not None) >= negatives_proving
    found = [figures[i] if i is not None else Candidate(v, " + ".join(c.raw for c in read), [t for c in read for t in c.tokens],
                                                         min(c.confidence for c in read)) for i, v in zip(chosen, amounts)]
    return tuple(replace(c, value=-v if negative else v, confidence=c.confidence * GUESS) for c, v in zip(found, amounts))


def _parts_by_their_sum(figures: list[Candidate], rates: set[Decimal]) -> tuple[Candidate, Candidate, Candidate] | None:
    """Imponibile, IVA and totale of several rates whose captions OCR blurred ("TOTALE TMPONISELE"
    read as a total, "NETTO A PAGARE" as a "netto"): three figures read as printed of which two
    make the third, the smaller part the IVA at a rate between the lowest and the highest of the
    legal RATES the items print (a mix of them). Taken only when exactly one choice of three fits."""
    if len(rates) < 2:
        return None
    read = [(c, c.value[0][0]) for c in figures if c.value[0]]
    fits = [(t, v, g) for t, v, g in permutations(read, 3)
            if t[1] + v[1] == g[1] and len({id(c.tokens[0]) for c, _ in (t, v, g)}) == 3 and (t[1] < 0) == (v[1] < 0)
            and abs(tax_at(t[1], min(rates))) < abs(v[1]) < abs(tax_at(t[1], max(rates)))]
    if len({tuple(value for _, value in fit) for fit in fits}) != 1:
        return None
    return tuple(replace(c, value=value, confidence=c.confidence * GUESS) for c, value in fits[0])


def _solve(amounts: tuple[int, int, int], by_size: dict[int, list[tuple[int, int]]],
           figures: tuple[list[bool], list[int]], solutions: dict[tuple[int, int, int], tuple[int, list[int | None]]]) -> None:
    """Add to SOLUTIONS the cheapest way distinct figures read AMOUNTS: the total read (a sum that the
    parts alone make proves no figure of it), one part left over only when a figure reads as no money,
    a figure taken one slip away only in the role of its own caption (a figure in another's role is
    read as printed), and one that reads as money as printed (CLEAN) so only when the other two were
    read (then each equation checks a figure read), and only one such figure."""
    clean, role = figures
    if sum(v in by_size for v in amounts) < 2:
        return
    left_over = [] if all(clean) else [(LEFT_OVER, None)]
    options = [[(cost, i) for cost, i in by_size.get(v, []) if cost == AS_READ or role[i] == k]
               for k, v in enumerate(amounts)]
    options = [options[0] + left_over, options[1] + left_over, options[2]]
    for picked in product(*options):
        figures = [i for _, i in picked if i is not None]
        clean_slips = sum(cost == SLIPPED and clean[i] for cost, i in picked if i is not None)
        if len(figures) < 2 or len(set(figures)) < len(figures) or clean_slips > (1 if len(figures) == 3 else 0):
            continue
        cost = sum(c for c, _ in picked)
        if amounts not in solutions or cost < solutions[amounts][0]:
            solutions[amounts] = (cost, [i for _, i in picked])


def _printed_negative(candidate: Candidate, size: Decimal) -> bool:
    as_read, slipped = candidate.value
    return any(v < 0 for v in as_read + slipped if abs(v) == size)
