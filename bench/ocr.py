"""OCR on real-looking scans: demat's OCR beside plain tesseract on the same images.

Prints figures, never passes or fails. Each document is born digital, rasterised
and spoilt like paper that reaches a back office: a clean 300 dpi scan, a small
low-resolution image with no dpi, faint print, a thermal-receipt-like fade, a
phone photo (low resolution, blur, uneven light), and the independent corpus's
damage recipes (`samples/grammar/damage.py`: a flatbed scan, faint toner, 100-120
dpi, a fax with speckles, an angled phone photo); demat reads them as images, or with
--as-pdf as image-only PDFs, rendered as a scanned PDF page is (a 100-120 dpi
scan in a PDF was drawn at 300 dpi, and read worse, unseen by the images). The
documents come from one SOURCE:

- `generator`: the sample generator's documents (holdout layouts);
- `grammar`: the grammar's TUNED families (never the others: this bench prints
  per-value detail with --show-lost);
- `stress`: invoice pages drawn by `bench/stress_pages.py` with fine print,
  tight frames, grey fills, bold figures, ruled tables and large logos;
- `courtesy`: courtesy copies drawn there as a browser prints them from a
  stylesheet, all in 6.5-8 pt ruled tables under grey header rows.

Two measures: value legibility, the share of the document's expected values
that its OCR text holds (`bench.legible.Text.holds`, the measure the extraction
bench prints; per kind of print on the stress pages), and word recall, the share
of the PDF's own text layer read (each word counted as often as it occurs, case
and edge punctuation ignored), with digit recall the same over the words with a
digit. Speed is pages per minute of CPU (tesseract and Python together, one
process), steadier than wall time on a shared machine and the same ratio when
every core runs one tesseract.

    .venv/bin/python -m bench.ocr --docs 6
    .venv/bin/python -m bench.ocr --source stress --docs 8 --only "grammar lowres" --only "grammar fax"
    .venv/bin/python -m bench.ocr --source stress --docs 8 --only "grammar lowres" --as-pdf
    .venv/bin/python -m bench.ocr --source courtesy --seed 311 --docs 8 --only "grammar lowres" --show-lost
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image, ImageFilter

from bench import legible
from bench.stress_pages import StressPage, courtesy_page, stress_page
from demat.extractors import images, pdf
from demat.extractors.ocr import PageJob, ocr_page
from demat.samples.generator import DOC_TYPES, make_spec
from demat.samples.generator.render import pdf_bytes
from demat.samples.generator.scan import scan_pages
from demat.samples.grammar import damage
from demat.samples.grammar.corpus import draft_for, tuned_grammar_families
from demat.samples.grammar.sheet import pdf_bytes as grammar_pdf

LANGUAGES = "ita+eng"
OCR_DPI = 300  # ocr.dpi: a PDF's scan finer than this is rendered at it
PDF_DPI = 200  # the resolution a page that states none is placed in a PDF at, as the corpus's scans are
RECEIPTS = "G10"  # a tuned family of till receipts: the A4 damages are not theirs


@dataclass(frozen=True)
class Sheet:
    """One born-digital document: its text layer's words, its expected values and renders of it."""

    name: str
    reference: Counter
    values: tuple[tuple[str, str, object], ...]  # (kind of print or field group, field, expected value)
    pdf: bytes
    spec: object = None  # the generator's spec, whose own scan `clean_scan` makes

    def render(self, dpi: float) -> list[Image.Image]:
        return damage.rasterise(self.pdf, dpi)


# --- how paper gets spoilt: (sheet, rng) -> its pages' images, their stated dpi (0: none) ---

Spoil = Callable[[Sheet, random.Random], tuple[list[Image.Image], int]]


def clean_scan(sheet: Sheet, rng: random.Random) -> tuple[list[Image.Image], int]:
    """A flatbed scan at 300 dpi (the generator's own, for its documents): the common case, which must not slow down."""
    if sheet.spec is None:
        return damage.damaged_pages(sheet.pdf, "flatbed", rng)[0], 0
    return scan_pages(sheet.spec, dpi=300, rng_seed=rng.randrange(1000)), 300


def small(sheet: Sheet, rng: random.Random) -> tuple[list[Image.Image], int]:
    """A page saved at 80-100 dpi with no resolution in the file."""
    return [_noisy(page, rng, 3) for page in sheet.render(rng.uniform(80, 100))], 0


def faint(sheet: Sheet, rng: random.Random) -> tuple[list[Image.Image], int]:
    """Worn toner: ink a quarter as dark as it should be, at 150 dpi, no dpi stated."""
    return [_noisy(_fade(page, rng.uniform(0.2, 0.3), paper=rng.uniform(215, 235)), rng, 4)
            for page in sheet.render(150)], 0


def thermal(sheet: Sheet, rng: random.Random) -> tuple[list[Image.Image], int]:
    """A faded thermal print: small, pale, uneven along the print head, no dpi."""
    faded = []
    for page in sheet.render(rng.uniform(100, 120)):
        pixels = np.asarray(_fade(page, rng.uniform(0.25, 0.4), paper=rng.uniform(200, 225)), dtype=np.float32)
        head = np.random.default_rng(rng.randrange(2**32)).normal(0, 12, pixels.shape[1])  # weak or strong dots
        pixels = np.minimum(pixels + np.maximum(head, 0)[None, :] * (pixels < 200), 255)
        faded.append(_noisy(Image.fromarray(pixels.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6)), rng, 3))
    return faded, 0


def phone_photo(sheet: Sheet, rng: random.Random) -> tuple[list[Image.Image], int]:
    """A phone photo: low resolution, out of focus, lit from one side, JPEG, no dpi."""
    photos = []
    for page in sheet.render(rng.uniform(100, 130)):
        page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.2)))
        height, width = page.height, page.width
        ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
        light = 1.0 - rng.uniform(0.35, 0.5) * (xs / width * 0.7 + ys / height * 0.3)  # darker away from the lamp
        light *= 1.0 - 0.25 * (((xs / width - 0.5) ** 2 + (ys / height - 0.5) ** 2) * 2)  # vignetting
        page = Image.fromarray(np.clip(np.asarray(page, dtype=np.float32) * light, 0, 255).astype(np.uint8))
        photos.append(_jpeg(_noisy(page, rng, 5), 70))
    return photos, 0


def recipe(name: str) -> Spoil:
    """The independent corpus's damage NAME."""
    def spoil(sheet: Sheet, rng: random.Random) -> tuple[list[Image.Image], int]:
        pages, dpi = damage.damaged_pages(sheet.pdf, name, rng)
        return pages, dpi or 0
    return spoil


CONDITIONS: dict[str, Spoil] = {
    "scan 300 dpi": clean_scan, "small": small, "faint": faint, "thermal": thermal, "phone photo": phone_photo,
    **{f"grammar {name}": recipe(name) for name in ("flatbed", "faint", "lowres", "fax", "phone")},
}


def _fade(page: Image.Image, strength: float, paper: float) -> Image.Image:
    """Ink only STRENGTH as dark as it was, on paper of grey level PAPER."""
    pixels = np.asarray(page, dtype=np.float32)
    return Image.fromarray(np.clip(paper - (255 - pixels) * strength * paper / 255, 0, 255).astype(np.uint8))


def _noisy(page: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, sigma, (page.height, page.width))
    return Image.fromarray(np.clip(np.asarray(page, dtype=np.float32) + noise, 0, 255).astype(np.uint8))


def _jpeg(page: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


# --- the documents --------------------------------------------------------------

def text_layer(pdf: bytes) -> Counter:
    """The words of every page's text layer."""
    document = pdfium.PdfDocument(pdf)
    try:
        read = Counter()
        for page in document:
            textpage = page.get_textpage()
            read += words(textpage.get_text_range())
            textpage.close()
        return read
    finally:
        document.close()


def expected_values(fields: dict) -> tuple[tuple[str, str, object], ...]:
    """A document's expected fields that a reader could search its text for, each under its field group."""
    return tuple((group, name, value) for name, value in fields.items()
                 if legible.searched_values(name, value) and (group := legible.group(name)))


def generator_sheets(count: int, seed: int) -> list[Sheet]:
    made = []
    for i in range(count):
        spec = make_spec(DOC_TYPES[i % len(DOC_TYPES)], seed + i, "holdout")
        pdf = pdf_bytes(spec)
        made.append(Sheet(spec.name, text_layer(pdf), expected_values(spec.fields), pdf, spec))
    return made


def grammar_sheets(count: int, seed: int) -> list[Sheet]:
    """COUNT documents of the tuned A4 families in turn (never a never-tuned family's)."""
    families = [family for family in tuned_grammar_families() if family != RECEIPTS]
    made = []
    for i in range(count):
        name, draft = draft_for(families[i % len(families)], seed + i // len(families))
        pdf = grammar_pdf(draft.sheets, name)
        made.append(Sheet(name, text_layer(pdf), expected_values(draft.fields), pdf))
    return made


def drawn_sheets(draw: Callable[[int], StressPage]) -> Callable[[int, int], list[Sheet]]:
    """COUNT pages of `bench/stress_pages.py` drawn by DRAW from SEED on, their values under their kinds of print."""
    def sheets(count: int, seed: int) -> list[Sheet]:
        return [Sheet(page.name, text_layer(page.pdf), tuple((v.feature, v.field, v.value) for v in page.values),
                      page.pdf) for page in map(draw, range(seed, seed + count))]
    return sheets


SOURCES: dict[str, Callable[[int, int], list[Sheet]]] = {
    "generator": generator_sheets, "grammar": grammar_sheets, "stress": drawn_sheets(stress_page),
    "courtesy": drawn_sheets(courtesy_page)}


# --- reading and scoring ------------------------------------------------------

def words(text: str) -> Counter:
    """Words as a person would check them: case and surrounding punctuation ignored."""
    tokens = (re.sub(r"^\W+|\W+$", "", token).casefold() for token in text.split())
    return Counter(token for token in tokens if token)


def recall(reference: Counter, read: Counter) -> tuple[int, int]:
    return sum(min(n, read[word]) for word, n in reference.items()), sum(reference.values())


def with_digits(reference: Counter) -> Counter:
    return Counter({word: n for word, n in reference.items() if any(c.isdigit() for c in word)})


def legible_values(sheet: Sheet, text: str) -> list[tuple[str, bool]]:
    """Each of SHEET's expected values under its kind, and whether TEXT holds it."""
    read = legible.Text(text)
    return [(kind, all(read.holds(name, s) for s in legible.searched_values(name, value)))
            for kind, name, value in sheet.values]


def plain_tesseract(path: Path, dpi: int) -> str:
    return pytesseract.image_to_string(str(path), lang=LANGUAGES, config=f"--dpi {dpi}" if dpi else "")


def demat(path: Path, work: Path) -> tuple[str, int]:
    """The real path of an image (or an image-only PDF) dropped in the inbox: load, clean up, OCR (passes included)."""
    load, dpi = images.load_frame, OCR_DPI
    if path.suffix == ".pdf":
        document = pdfium.PdfDocument(str(path))
        load, dpi = pdf.render_page, pdf.render_dpi(document[0], OCR_DPI)
        document.close()
    job = PageJob(load=load, source=path, index=0, number=1, out_dir=work, languages=LANGUAGES,
                  dpi=dpi, fix_orientation=True, deskew=True, max_image_pixels=120_000_000, timeout=600)
    result = ocr_page(job)
    return result.page.text, len(result.passes)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


READERS = ("plain", "demat")


def measure(condition: str, sheets: list[Sheet], seed: int, work: Path, show_lost: bool, as_pdf: bool) -> dict:
    """Read every page of SHEETS spoilt by CONDITION both ways; print a row of figures, return the values' tally.
    AS_PDF: demat reads each page as an image-only PDF (rendered as a scanned PDF page is), tesseract the image."""
    spoil = CONDITIONS[condition]
    found = Counter()
    cpu = {reader: 0.0 for reader in READERS}
    total = digits = passes = pages = 0
    tally: dict[str, Counter] = defaultdict(Counter)  # kind of print -> values, and those legible to each reader
    for n, sheet in enumerate(sheets):
        spoilt, dpi = spoil(sheet, random.Random(f"{seed}:{condition}:{n}"))
        texts = {reader: [] for reader in READERS}
        for index, image in enumerate(spoilt):
            path = work / f"{n:03d}-{index}.png"
            image.save(path, dpi=(dpi, dpi)) if dpi else image.save(path)
            started = cpu_seconds()
            texts["plain"].append(plain_tesseract(path, dpi))
            cpu["plain"] += cpu_seconds() - started
            if as_pdf:
                image.save(path.with_suffix(".pdf"), "PDF", resolution=dpi or PDF_DPI)
            started = cpu_seconds()
            text, page_passes = demat(path.with_suffix(".pdf") if as_pdf else path, work)
            cpu["demat"] += cpu_seconds() - started
            texts["demat"].append(text)
            passes += page_passes
        pages += len(spoilt)
        for reader in READERS:
            text = "\n".join(texts[reader])
            found[reader] += recall(sheet.reference, words(text))[0]
            found[f"{reader} digits"] += recall(with_digits(sheet.reference), words(text))[0]
            for (kind, legible_now), (_, field, value) in zip(legible_values(sheet, text), sheet.values):
                tally[kind][reader] += legible_now
                if reader == "demat":
                    tally[kind]["values"] += 1
                    if show_lost and not legible_now:
                        print(f"  lost by demat: {sheet.name} {kind} {field} {value!r}")
        total += sum(sheet.reference.values())
        digits += sum(with_digits(sheet.reference).values())
    values = sum(t["values"] for t in tally.values())
    print(f"{condition:<15} {pages:>5} {sum(t['plain'] for t in tally.values()) / values:>12.3f}"
          f" {sum(t['demat'] for t in tally.values()) / values:>12.3f}"
          f" {found['plain'] / total:>12.3f} {found['demat'] / total:>12.3f}"
          f" {found['plain digits'] / digits:>12.3f} {found['demat digits'] / digits:>12.3f}"
          f" {60 * pages / cpu['plain']:>11.1f} {60 * pages / cpu['demat']:>11.1f}"
          f" {passes / pages:>7.2f}", flush=True)
    return tally


def print_kinds(tallies: dict[str, dict]) -> None:
    """Values legible per kind of print (or field group), plain / demat, per condition."""
    print("\nvalues legible by kind, plain / demat (values)")
    for condition, tally in tallies.items():
        print(f"{condition:<15} " + "  ".join(f"{kind} {t['plain'] / t['values']:.2f}/{t['demat'] / t['values']:.2f}"
                                              f" ({t['values']})" for kind, t in sorted(tally.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=sorted(SOURCES), default="generator")
    parser.add_argument("--docs", type=int, default=6, help="documents per condition")
    parser.add_argument("--seed", type=int, default=31_000)
    parser.add_argument("--only", choices=sorted(CONDITIONS), action="append", help="conditions to run (all by default)")
    parser.add_argument("--as-pdf", action="store_true", help="demat reads each spoilt page as an image-only PDF"
                        " (a scanning station's usual file), not as an image")
    parser.add_argument("--show-lost", action="store_true", help="each value demat's OCR text lacks (not for never-tuned"
                        " material: this bench reads none)")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one tesseract per core, as the pipeline runs it
    sheets = SOURCES[args.source](args.docs, args.seed)
    print(f"{args.source}: {sum(len(s.values) for s in sheets)} expected values, "
          f"{sum(sum(s.reference.values()) for s in sheets)} words of the text layer; pages per CPU-minute, one process")
    print(f"{'condition':<15} {'pages':>5} {'plain values':>12} {'demat values':>12} {'plain words':>12}"
          f" {'demat words':>12} {'plain digits':>12} {'demat digits':>12} {'plain p/min':>11} {'demat p/min':>11}"
          f" {'passes':>7}")
    with tempfile.TemporaryDirectory(prefix="demat-bench-ocr-") as tmp:
        tallies = {condition: measure(condition, sheets, args.seed, Path(tmp), args.show_lost, args.as_pdf)
                   for condition in args.only or CONDITIONS}
    print_kinds(tallies)


if __name__ == "__main__":
    main()
