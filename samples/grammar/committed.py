"""The small committed sets: samples/independent/ (never-tuned grammar families, born-digital
and scanned, plus a tuned one for comparison) and samples/courtesy/ (rendered FatturaPA copies).

Each entry names a document by (family, seed) and, for scans, the damage and the
format, so every kind of layout the issue lists is there at least once.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
