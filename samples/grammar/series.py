"""A supplier's series: several invoices of one supplier in one layout, with different values.

A family module draws everything from one random generator: names, identifiers and
layout choices with `choice`, `sample` and `random`; numbers, dates, prices with
`randrange`. A series draws the first kind from the supplier's generator (the same
for every invoice of the series) and `randrange` from the invoice's own, so each
invoice has its own number, date and amounts on the supplier's fixed template.
"""

from __future__ import annotations

import random
from pathlib import Path

from demat.samples.grammar.corpus import KINDS, family_module, write_draft


class InvoiceRandom(random.Random):
    """The supplier's generator, except for `randrange`, which the invoice's own answers."""

    def __init__(self, supplier: str, invoice: str):
        super().__init__(supplier)
        self.invoice = random.Random(invoice)

    def randrange(self, *args, **kwargs):
        return self.invoice.randrange(*args, **kwargs)


def write_series(folder: Path, family: str, supplier: int, count: int, doc_type: str = "fattura",
                 kinds=KINDS) -> list[list[Path]]:
    """COUNT invoices of supplier number SUPPLIER in FAMILY; for each, its JSON files (one per kind)."""
    folder.mkdir(parents=True, exist_ok=True)
    module = family_module(family)
    written = []
    for number in range(count):
        name = f"{family}-supplier{supplier:03d}-{number:02d}"
        rng = InvoiceRandom(f"series:{family}:{supplier}", f"series:{family}:{supplier}:{number}")
        written.append(write_draft(folder, name, module.build(doc_type, rng), family, supplier * 100 + number, kinds))
    return written
