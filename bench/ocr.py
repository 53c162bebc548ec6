"""OCR word recall on real-looking scans: demat's OCR beside plain tesseract on the same images.

Prints figures, never passes or fails. Each page is a born-digital document of
the sample generator (holdout layouts), rasterised and spoilt like paper that
reaches a back office: a clean 300 dpi scan, a small low-resolution image with
no dpi, faint print, a thermal-receipt-like fade, a phone photo (low
resolution, blur, uneven light), and the independent corpus's damage recipes
(`samples/grammar/damage.py`: a flatbed scan, 100-120 dpi, a fax with speckles,
an angled phone photo). The reference words are the PDF's own text layer; word
recall is the share of them read (each word counted as often as it occurs, case
and edge punctuation ignored); digit recall the same over the words with a digit
(amounts, dates, numbers, P.IVA: what the fields are made of). Speed is pages per minute of CPU
(tesseract and Python together, one process), steadier than wall time on a
shared machine and the same ratio when every core runs one tesseract.

    .venv/bin/python -m bench.ocr --docs 6
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import resource
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytesseract
from PIL import Image, ImageFilter

from demat.extractors import images
from demat.extractors.ocr import PageJob, ocr_page
from demat.samples.generator import DOC_TYPES, make_spec
from demat.samples.generator.render import pdf_bytes
from demat.samples.generator.scan import scan_pages
from demat.samples.grammar import damage

LANGUAGES = "ita+eng"


@dataclass(frozen=True)
class Sheet:
    """One page of a generated document: its text layer's words and renders of it."""

    name: str
    reference: Counter
    spec: object
    pdf: bytes

    def render(self, dpi: float) -> Image.Image:
        document = pdfium.PdfDocument(self.pdf)
        try:
            return document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        finally:
            document.close()


# --- how paper gets spoilt: (sheet, rng) -> image, its stated dpi (0: none) ---

def clean_scan(sheet: Sheet, rng: random.Random) -> tuple[Image.Image, int]:
    """The generator's own flatbed scan at 300 dpi: the common case, which must not slow down."""
    return scan_pages(sheet.spec, dpi=300, rng_seed=rng.randrange(1000))[0], 300


def small(sheet: Sheet, rng: random.Random) -> tuple[Image.Image, int]:
    """A page saved at 80-100 dpi with no resolution in the file."""
    return _noisy(sheet.render(rng.uniform(80, 100)), rng, 3), 0


def faint(sheet: Sheet, rng: random.Random) -> tuple[Image.Image, int]:
    """Worn toner: ink a quarter as dark as it should be, at 150 dpi, no dpi stated."""
    page = _fade(sheet.render(150), rng.uniform(0.2, 0.3), paper=rng.uniform(215, 235))
    return _noisy(page, rng, 4), 0


def thermal(sheet: Sheet, rng: random.Random) -> tuple[Image.Image, int]:
    """A faded thermal print: small, pale, uneven along the print head, no dpi."""
    page = _fade(sheet.render(rng.uniform(100, 120)), rng.uniform(0.25, 0.4), paper=rng.uniform(200, 225))
    pixels = np.asarray(page, dtype=np.float32)
    head = np.random.default_rng(rng.randrange(2**32)).normal(0, 12, pixels.shape[1])  # weak or strong dots per column
    pixels = np.minimum(pixels + np.maximum(head, 0)[None, :] * (pixels < 200), 255)
    return _noisy(Image.fromarray(pixels.astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6)), rng, 3), 0


def phone_photo(sheet: Sheet, rng: random.Random) -> tuple[Image.Image, int]:
    """A phone photo: low resolution, out of focus, lit from one side, JPEG, no dpi."""
    page = sheet.render(rng.uniform(100, 130)).filter(ImageFilter.GaussianBlur(rng.uniform(0.8, 1.2)))
    height, width = page.height, page.width
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    light = 1.0 - rng.uniform(0.35, 0.5) * (xs / width * 0.7 + ys / height * 0.3)  # darker away from the lamp
    light *= 1.0 - 0.25 * (((xs / width - 0.5) ** 2 + (ys / height - 0.5) ** 2) * 2)  # vignetting
    page = Image.fromarray(np.clip(np.asarray(page, dtype=np.float32) * light, 0, 255).astype(np.uint8))
    return _jpeg(_noisy(page, rng, 5), 70), 0


def recipe(name: str) -> Callable[[Sheet, random.Random], tuple[Image.Image, int]]:
    """The independent corpus's damage NAME, applied to the sheet's first page."""
    def spoil(sheet: Sheet, rng: random.Random) -> tuple[Image.Image, int]:
        pages, dpi = damage.damaged_pages(sheet.pdf, name, rng)
        return pages[0], dpi or 0
    return spoil


CONDITIONS: dict[str, Callable[[Sheet, random.Random], tuple[Image.Image, int]]] = {
    "scan 300 dpi": clean_scan, "small": small, "faint": faint, "thermal": thermal, "phone photo": phone_photo,
    **{f"grammar {name}": recipe(name) for name in ("flatbed", "lowres", "fax", "phone")},
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


# --- reading and scoring ------------------------------------------------------

def words(text: str) -> Counter:
    """Words as a person would check them: case and surrounding punctuation ignored."""
    tokens = (re.sub(r"^\W+|\W+$", "", token).casefold() for token in text.split())
    return Counter(token for token in tokens if token)


def recall(reference: Counter, read: Counter) -> tuple[int, int]:
    return sum(min(n, read[word]) for word, n in reference.items()), sum(reference.values())


def with_digits(reference: Counter) -> Counter:
    return Counter({word: n for word, n in reference.items() if any(c.isdigit() for c in word)})


def sheets(count: int, seed: int) -> list[Sheet]:
    made = []
    for i in range(count):
        spec = make_spec(DOC_TYPES[i % len(DOC_TYPES)], seed + i, "holdout")
        pdf = pdf_bytes(spec)
        document = pdfium.PdfDocument(pdf)
        try:
            textpage = document[0].get_textpage()
            reference = words(textpage.get_text_range())
            textpage.close()
        finally:
            document.close()
        made.append(Sheet(spec.name, reference, spec, pdf))
    return made


def plain_tesseract(path: Path) -> str:
    return pytesseract.image_to_string(str(path), lang=LANGUAGES)


def demat(path: Path, work: Path) -> tuple[str, int]:
    """The real path of an image dropped in the inbox: load, clean up, OCR (passes included)."""
    job = PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=work, languages=LANGUAGES,
                  dpi=300, fix_orientation=True, deskew=True, max_image_pixels=120_000_000, timeout=600)
    result = ocr_page(job)
    return result.page.text, len(result.passes)


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(condition: str, pages: list[Sheet], seed: int, work: Path) -> None:
    spoil = CONDITIONS[condition]
    found = {"plain": 0, "demat": 0, "plain digits": 0, "demat digits": 0}
    cpu = {"plain": 0.0, "demat": 0.0}
    total = digits = passes = 0
    for n, sheet in enumerate(pages):
        image, dpi = spoil(sheet, random.Random(f"{seed}:{condition}:{n}"))
        path = work / f"{n:03d}.png"
        image.save(path, dpi=(dpi, dpi)) if dpi else image.save(path)
        started = cpu_seconds()
        plain_read = words(plain_tesseract(path))
        cpu["plain"] += cpu_seconds() - started
        started = cpu_seconds()
        text, page_passes = demat(path, work)
        cpu["demat"] += cpu_seconds() - started
        passes += page_passes
        for reader, read in (("plain", plain_read), ("demat", words(text))):
            found[reader] += recall(sheet.reference, read)[0]
            found[f"{reader} digits"] += recall(with_digits(sheet.reference), read)[0]
        total += sum(sheet.reference.values())
        digits += sum(with_digits(sheet.reference).values())
    size = f"{image.width}x{image.height}"
    print(f"{condition:<15} {len(pages):>5} {size:>10} {found['plain'] / total:>12.3f} {found['demat'] / total:>12.3f}"
          f" {found['plain digits'] / digits:>12.3f} {found['demat digits'] / digits:>12.3f}"
          f" {60 * len(pages) / cpu['plain']:>11.1f} {60 * len(pages) / cpu['demat']:>11.1f}"
          f" {passes / len(pages):>7.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=6, help="documents per condition (first page of each)")
    parser.add_argument("--seed", type=int, default=31_000)
    parser.add_argument("--only", choices=sorted(CONDITIONS), action="append", help="conditions to run (all by default)")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # one tesseract per core, as the pipeline runs it
    pages = sheets(args.docs, args.seed)
    print(f"word recall (share of the text layer's {sum(sum(p.reference.values()) for p in pages)} words read) "
          f"and pages per CPU-minute, one process")
    print(f"{'condition':<15} {'pages':>5} {'pixels':>10} {'plain recall':>12} {'demat recall':>12}"
          f" {'plain digits':>12} {'demat digits':>12} {'plain p/min':>11} {'demat p/min':>11} {'passes':>7}")
    with tempfile.TemporaryDirectory(prefix="demat-bench-ocr-") as tmp:
        for condition in args.only or CONDITIONS:
            measure(condition, pages, args.seed, Path(tmp))


if __name__ == "__main__":
    main()
