"""The documents the type model learns and is calibrated on, each with its layout family.

A generated document keeps its pages with word boxes (as the text layer of
its PDF would give them), so the title reader sees sizes and positions while
the model is fitted; receipts are plain text; the independent corpus's TUNED
families are read from their PDFs; courtesy copies of our own FatturaPA are
laid out with word boxes like generated documents. The family (a generator
layout L1-L4, a receipt family R1-R5, a courtesy layout K1-K5, a grammar
family) is what leave-family-out calibration
holds out. The grammar's NEVER_TUNED families are never read here: they are
for measuring only (bench/classification.py).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from demat.classifiers.model import pages_of
from demat.kernel.document import Page, Word
from demat.training.courtesy import FAMILIES as COURTESY_FAMILIES
from demat.training.courtesy import LABELS as COURTESY_LABELS
from demat.training.courtesy import courtesy_spec
from demat.training.receipts import FAMILIES as RECEIPT_FAMILIES
from demat.training.receipts import receipt_text
from demat.training.variety import varied

COURTESY_SHARE = 10  # courtesy copies of each type in each layout: per_type / 10
MM = 72 / 25.4  # points in a millimetre: word boxes are in points, like pdfplumber's


@dataclass
class Sample:
    """One training document: its pages, its type, the layout family it was made in."""

    pages: list[Page]
    label: str
    family: str
    source: str = "generator"  # generator, receipts, confirmed, ...: folds spread each source's families

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)


def generated_samples(per_type: int, seed: int = 0, receipts_per_family: int | None = None) -> list[Sample]:
    """The generator's train split with variety, `per_type` per type, plus receipts.

    Receipts: `receipts_per_family` of each receipt family (default: as many in
    all as any other type has).
    """
    from demat.samples.generator import DOC_TYPES, make_spec, spec_text

    samples = []
    for label in DOC_TYPES:
        for i in range(per_type):
            spec = varied(make_spec(label, seed + i, "train"), random.Random(f"variety:{label}:{seed + i}"))
            samples.append(Sample(spec_pages(spec, spec_text(spec)), label, spec.layout))
    per_family = receipts_per_family if receipts_per_family is not None else -(-per_type // len(RECEIPT_FAMILIES))
    for family in RECEIPT_FAMILIES:
        samples += [Sample([Page(1, receipt_text(family, seed + i))], "ricevuta", family, "receipts") for i in range(per_family)]
    return samples + courtesy_samples(per_type // COURTESY_SHARE, seed)


def courtesy_samples(per_family: int, seed: int = 0) -> list[Sample]:
    """Courtesy copies of demat's own FatturaPA, `per_family` of each type in each layout (demat.training.courtesy)."""
    from demat.samples.generator import spec_text

    specs = [courtesy_spec(label, family, seed + i)
             for family in COURTESY_FAMILIES for label in COURTESY_LABELS for i in range(per_family)]
    return [Sample(spec_pages(spec, spec_text(spec)), spec.doc_type, spec.layout, "courtesy") for spec in specs]


def grammar_samples(per_family: int, seed: int = 1) -> list[Sample]:
    """Born-digital documents of the independent corpus's TUNED families, the only ones training may see."""
    from demat.samples.grammar import write_corpus
    from demat.samples.grammar.families import TUNED

    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        for family in TUNED:
            try:
                written = write_corpus(Path(tmp), families=[family], per_family=per_family, seed=seed,
                                       kinds=("born_digital",))
            except NotImplementedError as exc:  # a family the corpus does not draw yet
                print(f"grammar family {family} left out of training: {exc}", file=sys.stderr)
                continue
            for expected_file in written:
                expected = json.loads(expected_file.read_text(encoding="utf-8"))
                if expected["file"].endswith(".pdf"):
                    samples.append(Sample(pdf_pages(expected_file.parent / expected["file"]), expected["type"],
                                          family, "grammar"))
    return samples


def pdf_pages(path: Path) -> list[Page]:
    """A born-digital PDF's pages with their word boxes, as the text stage reads its text layer."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [Page(number, page.extract_text() or "",
                     [Word(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"])) for w in page.extract_words()],
                     width=float(page.width), height=float(page.height), source="text_layer")
                for number, page in enumerate(pdf.pages, start=1)]


def text_samples(examples: list[tuple[str, str]], family: str) -> list[Sample]:
    """(text, label) pairs, such as confirmed documents, as pages without boxes."""
    return [Sample(pages_of(text), label, family, family) for text, label in examples]


def spec_pages(spec, text: str) -> list[Page]:
    """The pages of a generated document with one box per word, as a PDF's text layer reads."""
    from demat.samples.generator.layout import PAGE_H, PAGE_W, Text, width_mm

    page_texts = text.split("\n\f")
    pages = []
    for number, items in enumerate(spec.pages, start=1):
        words = []
        for item in items:
            if isinstance(item, Text) and item.text.strip():
                words += _words(item, spec.font, width_mm)
        pages.append(Page(number, page_texts[number - 1] if number <= len(page_texts) else "", words,
                          width=PAGE_W * MM, height=PAGE_H * MM, source="text_layer"))
    return pages


def _words(item, font: str, width_mm) -> list[Word]:
    full = width_mm(item.text, font, item.size, item.bold)
    left = item.x - {"l": 0.0, "r": full, "c": full / 2}[item.align]
    top, bottom = (item.y - 0.75 * item.size / MM) * MM, (item.y + 0.22 * item.size / MM) * MM
    words, start = [], 0
    for word in item.text.split():
        start = item.text.index(word, start)
        x0 = left + width_mm(item.text[:start], font, item.size, item.bold)
        x1 = x0 + width_mm(word, font, item.size, item.bold)
        words.append(Word(word, (round(x0 * MM, 2), round(top, 2), round(x1 * MM, 2), round(bottom, 2))))
        start += len(word)
    return words
