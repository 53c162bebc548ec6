"""A supplier's series from our own generator: several invoices of one supplier on one
layout, with different values, drawn as samples/grammar/series.py draws the grammar's
(the supplier's generator for its choices, the invoice's for `randrange`). The generator
draws a company name's shape, its street number and its IBAN with `randrange` too: those
change from one invoice of a series to the next; its P.IVA and the layout do not.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from demat.samples.generator.corpus import born_digital, scan
from demat.samples.generator.spec import make_spec
from demat.samples.grammar.series import InvoiceRandom

FAMILY = "generator"


def write_series(folder: Path, supplier: int, count: int, kinds=("born_digital", "scan")) -> list[list[Path]]:
    """COUNT invoices of supplier number SUPPLIER; for each, its JSON files (one per kind), marked as
    the tuned family `generator` (samples/grammar's expected files say their family)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        rng = InvoiceRandom(f"generator-series:{supplier}", f"generator-series:{supplier}:{number}")
        spec = make_spec("fattura", supplier * 100 + number, rng=rng)
        spec.name = f"GEN-supplier{supplier:03d}-{number:02d}"
        paths = []
        if "born_digital" in kinds:
            born_digital(spec, folder)
            paths.append(folder / f"{spec.name}.json")
        if "scan" in kinds:
            look = random.Random(f"scan:{spec.name}")
            fmt = look.choice(("pdf", "tiff"))  # all its pages: a long invoice prints its totals on the last
            scan(spec, folder, fmt, look.choice([200, 240, 300]), look.choice([0] * 9 + [90, 180, 270]))
            paths += sorted(folder.glob(f"{spec.name}-scan*.json"))
        for path in paths:
            data = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps({**data, "family": FAMILY, "tuned": True}, ensure_ascii=False, indent=1) + "\n",
                            encoding="utf-8")
        written.append(paths)
    return written
