"""Variety for the training corpus: other titles, references and courtesy-copy notes.

The generator's documents are too tidy: only orders say "ordine", only
proformas say "privo di valenza fiscale", every title comes from a short list.
A model trained on them types an invoice `ordine` because one item line reads
`(rif. Vs. ordine 655)`. Here each generated document gets, with some
probability, another title for its type, drawn from the type's headings in
the schema (or none, or one printed as small as the body), references to
other documents in its item lines, and the notes real documents of other
types carry too, so a word in an item line stops being evidence and the
title, the structure and the vocabulary of the whole document remain.
"""

from __future__ import annotations

import dataclasses
import random

from demat.kernel.schema import SCHEMA
from demat.samples.generator import SampleSpec  # a training tool, like the generator itself
from demat.samples.generator.layout import Text

TITLE_SIZE = 13.0  # how the generator prints a document's title
# How a heading from the schema is printed: its case, then a number and a date after it, or not.
CASES = (str.upper, str.upper, str, str.capitalize)
TAILS = ("", "", " n. {n}", " N. {n}", " n. {n} del {d}", " N. {n} DEL {d}")
# References to other documents, as item lines and notes carry them.
REFERENCES = [
    "(rif. Vs. ordine {n})", "rif. Vs. ordine n. {n} del {d}", "Vs. ordine {n}", "rif. ns. offerta n. {n}",
    "come da preventivo n. {n}", "rif. DDT n. {n} del {d}", "DDT {n} del {d}", "rif. fattura n. {n}",
    "a saldo fattura {n}", "storno nota di credito {n}", "rif. conferma d'ordine {n}", "rif. contratto n. {n}",
    "come da offerta del {d}", "bolla n. {n}", "ordine cliente {n}", "rif. proforma {n}",
]
# Notes printed on documents of several types.
NOTES = [
    "Copia di cortesia priva di valenza fiscale: l'originale è disponibile nell'area riservata dell'Agenzia delle Entrate.",
    "Documento non valido ai fini fiscali. Copia analogica di fattura elettronica.",
    "Si prega di indicare il numero d'ordine su DDT e fattura.",
    "Per eventuali note di credito rivolgersi all'ufficio amministrazione.",
    "Il presente documento non costituisce fattura.",
    "Merce viaggiante a rischio e pericolo del committente. Contributo CONAI assolto ove dovuto.",
    "Condizioni generali di vendita sul sito. Foro competente: Milano.",
]
P_TITLE = 0.5  # another title for the type
P_NO_TITLE = 0.1  # no title at all: the body must do
P_SMALL_TITLE = 0.15  # a title printed as small as the body
P_REFERENCE = 0.6
P_NOTE = 0.35


def varied(spec: SampleSpec, rng: random.Random) -> SampleSpec:
    """A copy of `spec` with another title, references in its lines and notes, drawn by `rng`."""
    pages = [list(items) for items in spec.pages]
    _retitle(pages[0], spec.doc_type, rng)
    if rng.random() < P_REFERENCE:
        for _ in range(rng.randint(1, 3)):
            _append_to_a_line(pages, _fill(rng.choice(REFERENCES), rng), rng)
    if rng.random() < P_NOTE:
        _append_to_a_line(pages, rng.choice(NOTES), rng)
    return dataclasses.replace(spec, pages=pages)


def _fill(template: str, rng: random.Random) -> str:
    day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2022, 2025)}"
    return template.format(n=rng.choice([f"{rng.randint(1, 9999)}", f"{rng.randint(1, 999)}/{rng.randint(22, 25)}",
                                         f"V{rng.randint(22, 25)}-{rng.randint(1, 9999)}"]), d=day)


def _retitle(items: list, doc_type: str, rng: random.Random) -> None:
    index = next((i for i, t in enumerate(items) if isinstance(t, Text) and t.size == TITLE_SIZE and t.bold), None)
    if index is None:
        return
    title = items[index]
    roll = rng.random()
    if roll < P_NO_TITLE:
        del items[index]
    elif roll < P_NO_TITLE + P_TITLE:
        small = rng.random() < P_SMALL_TITLE
        items[index] = dataclasses.replace(title, text=_fill(_heading(doc_type, rng), rng),
                                           size=9.0 if small else TITLE_SIZE, bold=not small or rng.random() < 0.5)


def _heading(doc_type: str, rng: random.Random) -> str:
    """One of the type's headings from the schema, in some case, perhaps with a number and a date."""
    heading = rng.choice(SCHEMA.types[doc_type].all_titles)
    return rng.choice(CASES)(heading) + rng.choice(TAILS)


def _append_to_a_line(pages: list[list], text: str, rng: random.Random) -> None:
    """`text` after one of the body's left-aligned lines (an item's description, a note)."""
    lines = [(p, i) for p, items in enumerate(pages) for i, t in enumerate(items)
             if isinstance(t, Text) and t.align == "l" and t.size < TITLE_SIZE and t.y > 80 and t.text.strip()]
    if not lines:
        return
    page, index = rng.choice(lines)
    item = pages[page][index]
    pages[page][index] = dataclasses.replace(item, text=f"{item.text} {text}")
