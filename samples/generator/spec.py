"""`SampleSpec`: one sample document decided down to the last character.

`make_spec` draws the content (seeded, so the same arguments give the same
document), lays it out, and keeps the expected field values; renderers only draw.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from demat.kernel.schema import SCHEMA
from demat.samples.generator import commerce, finance, invoices, prose
from demat.samples.generator.blocks import Draw
from demat.samples.generator.formats import DATE_STYLES
from demat.samples.generator.layout import SPLIT_LAYOUTS, STYLES, Item, Text, place, width_mm

BUILDERS = {
    "ddt": commerce.build_ddt, "ordine": commerce.build_ordine, "preventivo": commerce.build_preventivo,
    "f24": finance.build_f24, "bolletta": finance.build_bolletta, "estratto_conto": finance.build_estratto_conto,
    "nota_spese": finance.build_nota_spese, "cv": prose.build_cv, "contratto": prose.build_contratto,
    "lettera": prose.build_lettera,
}
INVOICE_TYPES = SCHEMA.invoice_labels
DEPARTMENTS = {doc_type: SCHEMA.types[doc_type].department for doc_type in (*INVOICE_TYPES, *BUILDERS)}
DOC_TYPES = tuple(DEPARTMENTS)
EURO_PLACES = ("before", "before", "after", "code", "none")


@dataclass
class SampleSpec:
    name: str  # e.g. "fattura-L2-s0042"
    doc_type: str
    layout: str
    seed: int
    split: str
    fields: dict  # expected values, JSON-ready
    department: str
    font: str = "Helvetica"
    pages: list[list[Item]] = field(default_factory=list)  # what the renderers draw
    xml_data: dict | None = None  # what FatturaPA needs (invoice types only)

    @property
    def page_count(self) -> int:
        return len(self.pages)


def make_spec(doc_type: str, seed: int, split: str = "train", rng: random.Random | None = None) -> SampleSpec:
    """RNG, where given, draws the document instead of the seed's own (a supplier's series)."""
    if doc_type not in DEPARTMENTS:
        raise ValueError(f"unknown document type {doc_type!r}; expected one of {', '.join(DOC_TYPES)}")
    if split not in SPLIT_LAYOUTS:
        raise ValueError(f"unknown split {split!r}; expected train or holdout")
    rng = rng or random.Random(f"{doc_type}:{split}:{seed}")
    layout = rng.choice(SPLIT_LAYOUTS[split])
    style = STYLES[layout]
    draw = Draw(rng, split, layout, style.amounts, rng.choice(sorted(DATE_STYLES)),
                "code" if style.amounts == "plain" else rng.choice(EURO_PLACES))
    xml_data = None
    if doc_type in INVOICE_TYPES:
        fields, plan, xml_data = invoices.build_invoice(draw, doc_type)
    else:
        fields, plan = BUILDERS[doc_type](draw)
    return SampleSpec(f"{doc_type}-{layout}-s{seed:04d}", doc_type, layout, seed, split, fields,
                      DEPARTMENTS[doc_type], style.font, place(plan, style), xml_data)


def spec_text(spec: SampleSpec) -> str:
    """The text in reading order (top to bottom, left to right), pages split by form feed."""
    pages = []
    for items in spec.pages:
        lines: dict[float, list[Text]] = {}
        for item in items:
            if isinstance(item, Text) and item.text.strip():
                lines.setdefault(round(item.y, 1), []).append(item)
        pages.append("\n".join("  ".join(t.text for t in sorted(row, key=lambda t: _left_edge(t, spec.font)))
                               for _, row in sorted(lines.items())))
    return "\n\f".join(pages)


def _left_edge(item: Text, font: str) -> float:
    if item.align == "l":
        return item.x
    width = width_mm(item.text, font, item.size, item.bold)
    return item.x - (width if item.align == "r" else width / 2)
