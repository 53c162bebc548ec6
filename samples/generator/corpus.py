"""Write sample sets to disk: a big corpus on demand, or the small committed set."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from demat.samples.generator.expected import write_expected
from demat.samples.generator.fatturapa import DOCUMENT_TYPES, file_name, write_fatturapa
from demat.samples.generator.render import render_pdf
from demat.samples.generator.scan import render_scan
from demat.samples.generator.spec import DOC_TYPES, SampleSpec, make_spec

KINDS = ("born_digital", "scan", "fatturapa")
COMMITTED = Path(__file__).resolve().parent.parent / "committed"
SCAN_EXTENSIONS = {"pdf": "pdf", "tiff": "tif", "jpeg": "jpg", "png": "png"}


def born_digital(spec: SampleSpec, folder: Path) -> None:
    render_pdf(spec, folder / f"{spec.name}.pdf")
    write_expected(spec, folder / f"{spec.name}.json", "born_digital", f"{spec.name}.pdf")


def scan(spec: SampleSpec, folder: Path, fmt: str, dpi: int, rotation: int) -> None:
    name = f"{spec.name}-scan{rotation}"
    path = folder / f"{name}.{SCAN_EXTENSIONS[fmt]}"
    render_scan(spec, path, fmt, dpi, rotation)
    pages = spec.page_count if fmt in ("pdf", "tiff") else 1
    write_expected(spec, folder / f"{name}.json", "scan", path.name, rotation, pages=pages)


def fatturapa(spec: SampleSpec, folder: Path, signed: str | None = None, versione: str = "FPR12",
              lotto: list[SampleSpec] | tuple = ()) -> None:
    xml_name = file_name(spec)
    path = folder / (xml_name + ".p7m" if signed else xml_name)
    bodies = write_fatturapa(spec, path, signed, versione, lotto)
    write_expected(spec, folder / xml_name.replace(".xml", ".json"), "fatturapa", path.name, invoices=bodies,
                   pages=len(bodies))


def write_corpus(out: Path, per_type: int, seed: int, split: str, kinds: tuple[str, ...]) -> int:
    """Write per_type documents of each type in each kind; returns the number of files with a JSON."""
    out.mkdir(parents=True, exist_ok=True)
    total, written, started = per_type * len(DOC_TYPES), 0, time.monotonic()
    for doc_type in DOC_TYPES:
        for number in range(seed, seed + per_type):
            spec = make_spec(doc_type, number, split)
            rng = random.Random(f"corpus:{spec.name}:{split}")
            if "born_digital" in kinds:
                born_digital(spec, out)
                written += 1
            if "scan" in kinds:
                rotation = rng.choice([0] * 9 + [90, 180, 270])
                scan(spec, out, rng.choice(["pdf", "pdf", "pdf", "tiff", "jpeg", "png"]), rng.choice([200, 240, 300]), rotation)
                written += 1
            if "fatturapa" in kinds and doc_type in DOCUMENT_TYPES:
                lotto = ([make_spec("fattura", number * 1000 + k, split) for k in range(rng.choice([1, 2]))]
                         if rng.random() < 0.1 else [])
                fatturapa(spec, out, rng.choice([None] * 8 + ["der", "base64"]), rng.choice(["FPR12"] * 9 + ["FPA12"]), lotto)
                written += 1
            done = DOC_TYPES.index(doc_type) * per_type + number - seed + 1
            if done % 25 == 0 or done == total:
                rate = done / max(time.monotonic() - started, 1e-6)
                print(f"\r{done}/{total} specs ({rate:.1f}/s)", end="" if done < total else "\n", file=sys.stderr, flush=True)
    return written


def _first_seed(doc_type: str, layout: str, pages: int | None = None) -> int:
    return next(s for s in range(1, 10_000)
                if (spec := make_spec(doc_type, s)).layout == layout and pages in (None, spec.page_count))


def write_committed(folder: Path = COMMITTED) -> None:
    """The small deterministic set the tests read: same bytes on every run."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        if old.is_file() and old.name != "README.md":
            old.unlink()
    layouts = ("L1", "L2", "L3", "L4")
    for index, doc_type in enumerate(DOC_TYPES):
        born_digital(make_spec(doc_type, _first_seed(doc_type, layouts[index % 4])), folder)
    scan(make_spec("fattura", _first_seed("fattura", "L2")), folder, "pdf", 200, 0)
    scan(make_spec("fattura", _first_seed("fattura", "L3")), folder, "png", 200, 90)
    scan(make_spec("fattura", _first_seed("fattura", "L1", pages=2)), folder, "tiff", 200, 0)
    scan(make_spec("lettera", _first_seed("lettera", "L2")), folder, "jpeg", 200, 180)
    scan(make_spec("ddt", _first_seed("ddt", "L4")), folder, "pdf", 300, 0)
    scan(make_spec("bolletta", _first_seed("bolletta", "L1")), folder, "jpeg", 200, 270)
    fatturapa(make_spec("fattura", 101), folder)
    fatturapa(make_spec("fattura", 102), folder, versione="FPA12", lotto=[make_spec("nota_credito", 103)])
    fatturapa(make_spec("fattura", 104), folder, signed="der")
    fatturapa(make_spec("nota_credito", 105), folder, signed="base64")
