"""The small committed sets: samples/independent/ (never-tuned grammar families, born-digital
and scanned, plus a tuned one for comparison) and samples/courtesy/ (rendered FatturaPA copies).

Each entry names a document by (family, seed) and, for scans, the damage and the
format, so every kind of layout the issue lists is there at least once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from samples.grammar import courtesy
from samples.grammar.corpus import write_document

SAMPLES = Path(__file__).resolve().parent.parent
INDEPENDENT_DIR = SAMPLES / "independent"
COURTESY_DIR = SAMPLES / "courtesy"
# (family, seed, kinds, damage, extension)
INDEPENDENT = [
    ("G2", 1, ("born_digital", "scan"), "flatbed", "pdf"),
    ("G2", 2, ("born_digital",), None, None),
    ("G2", 4, ("born_digital", "scan"), "faint", "png"),
    ("G2", 3, ("born_digital",), None, None),
    ("G1", 5, ("born_digital", "scan"), "flatbed", "pdf"),
    ("G10", 1, ("born_digital", "scan"), "thermal", "png"),
]
# (family, seed, kinds, damage, extension): seed 1 is a fattura, seed 2 a nota di credito
COURTESY = [(family, seed, kinds, recipe, ext)
            for family, recipe, ext in (("C1", "lowres", "png"), ("C2", "flatbed", "pdf"), ("C3", "faint", "pdf"),
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
