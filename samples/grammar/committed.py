"""The small committed sets: samples/independent/ (never-tuned grammar families, born-digital
and scanned) and samples/courtesy/ (rendered FatturaPA copies).

Each entry names a document by (family, seed) and, for scans, the damage and the
format, so every kind of layout the issue lists is there at least once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from demat.samples.grammar import courtesy
from demat.samples.grammar.corpus import write_document

SAMPLES = Path(__file__).resolve().parent.parent
INDEPENDENT_DIR = SAMPLES / "independent"
COURTESY_DIR = SAMPLES / "courtesy"
BOTH, BORN = ("born_digital", "scan"), ("born_digital",)
# (family, seed, kinds, damage, extension): every layout kind of issue 11 from a never-tuned family
INDEPENDENT = [
    ("G2", 4, BOTH, "faint", "png"),  # number and date in a sentence, Netto a pagare
    ("G2", 1, BORN, None, None), ("G2", 2, BORN, None, None), ("G2", 3, BORN, None, None),  # NC, OFFERTA, letter
    ("G3", 4, BOTH, "flatbed", "pdf"),  # n. 460/FE, capitals on two lines, Cap. Soc. before the total
    ("G3", 5, BORN, None, None), ("G3", 6, BORN, None, None), ("G3", 7, BORN, None, None),  # proforma, conferma, DDT
    ("G5", 3, BOTH, "fax", "tif"),  # both parties with C.F./P.I., caption over value, PAGATO stamp
    ("G5", 4, BOTH, "lowres", "png"), ("G5", 5, BORN, None, None),  # NC, proforma
    ("G6", 4, BOTH, "phone", "jpg"),  # bolletta
    ("G6", 5, BORN, None, None), ("G6", 6, BORN, None, None), ("G6", 7, BORN, None, None),  # estratto, F24, spese
    ("G8", 1, BOTH, "flatbed", "pdf"), ("G8", 3, BORN, None, None), ("G8", 4, BORN, None, None),  # DE, NL, CHF
    ("G9", 1, BOTH, "phone", "jpg"), ("G9", 9, BORN, None, None),  # FR, USD
    ("G11", 2, BOTH, "thermal", "png"), ("G11", 3, BOTH, "phone", "jpg"), ("G11", 1, BORN, None, None),  # GB, CH, IT
    ("G12", 4, BOTH, "lowres", "png"),  # letter
    ("G12", 5, BORN, None, None), ("G12", 6, BORN, None, None), ("G12", 7, BORN, None, None),  # contract, CV, order
]
# (family, seed, kinds, damage, extension): seed 1 is a fattura, seed 2 a nota di credito
COURTESY = [(family, seed, kinds, recipe, ext)
            for family, recipe, ext in (("C1", "lowres", "pdf"), ("C2", "flatbed", "pdf"), ("C3", "faint", "pdf"),
                                        ("C4", "lowres", "pdf"))
            for seed, kinds in ((1, ("born_digital", "scan")), (2, ("born_digital",)))]


def _clear(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and old.name != "README.md":
            old.unlink()


def write_committed() -> None:
    _clear(INDEPENDENT_DIR)
    for family, seed, kinds, recipe, ext in INDEPENDENT:
        write_document(INDEPENDENT_DIR, family, seed, kinds, recipe, ext)
    print(f"wrote {INDEPENDENT_DIR}", file=sys.stderr)
    if not courtesy.available():
        print(f"{COURTESY_DIR} left as it is: {courtesy.absent_reason()}", file=sys.stderr)
        return
    _clear(COURTESY_DIR)
    for family, seed, kinds, recipe, ext in COURTESY:
        courtesy.write_copy(COURTESY_DIR, family, seed, kinds, recipe, ext)
    print(f"wrote {COURTESY_DIR}", file=sys.stderr)
