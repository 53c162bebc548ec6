"""PDF -> pages, page by page: the text layer where there is one, OCR elsewhere.

A born-digital page is read with pdfplumber (exact words and boxes); a page
that is only a picture is rendered and OCR'd in a worker. A PDF that mixes
both (a scanned attachment after a typed letter) is handled one page at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image

from demat.extractors import searchable_pdf
from demat.extractors.ocr import OcrResult, PageJob, log_adapted, ocr_page
from demat.kernel.document import Document, Page, StageContext, Word
from demat.kernel.errors import CorruptFile, PasswordProtected, TooLarge

name = "pdf"
media_types = ("application/pdf",)

MIN_TEXT_CHARS = 20  # fewer real characters: the page is a scan (maybe with a stamp or a page number)
MIN_RENDER_DPI = 75  # scans below this are rendered at ocr.dpi: more than the OCR stage's enlargement (x4) gives
TAIL_BYTES = 4096  # a complete PDF ends with %%EOF within its last bytes
_PDFIUM = threading.Lock()


def extract(doc: Document, ctx: StageContext) -> Document:
    _check_complete(doc.path)
    text_pages, jobs = _plan(doc.path, ctx)
    pages: dict[int, Page] = dict(zip(text_pages, ctx.executor.map(read_text_page,
                                                                   [(doc.path, i) for i in text_pages])))
    ocr_pdfs: dict[int, OcrResult] = {}
    for job, result in zip(jobs, ctx.executor.map(ocr_page, jobs)):
        pages[job.index] = result.page
        ocr_pdfs[job.index] = result
    doc.pages = [pages[i] for i in range(len(pages))]
    if ocr_pdfs:
        parts = [(ocr_pdfs[i].pdf, 0, ocr_pdfs[i].page.rotation) if i in ocr_pdfs else (doc.path, i, 0)
                 for i in range(len(doc.pages))]
        doc.searchable_pdf = searchable_pdf.write(parts, ctx.work_dir / "searchable.pdf")
    ctx.log.info("%s: %d pages, %d from the text layer, %d OCR'd", doc.original_name,
                 len(doc.pages), len(text_pages), len(ocr_pdfs))
    log_adapted(ocr_pdfs.values(), ctx.log, doc.original_name)
    return doc


def _plan(path: Path, ctx: StageContext) -> tuple[list[int], list[PageJob]]:
    """Which pages have a text layer, and an OCR job for each of the others.

    PDFium looks at one page at a time and forgets it: pdfminer would keep
    every scanned page's image data in its cache until the end.
    """
    text_pages, jobs = [], []
    with _open(path) as pdf:
        _check_page_count(len(pdf), ctx)
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                if has_text_layer(page):
                    text_pages.append(index)
                    continue
                dpi = render_dpi(page, ctx.config.ocr.dpi)
                _check_render_size(page, index + 1, dpi, ctx)
                jobs.append(_ocr_job(path, index, dpi, ctx))
            finally:
                page.close()
    return text_pages, jobs


def has_text_layer(page: pdfium.PdfPage) -> bool:
    """Enough real characters to be read as they are (unmapped glyphs do not count)."""
    textpage = page.get_textpage()
    try:
        chars = textpage.get_text_range()
    finally:
        textpage.close()
    real = sum(1 for c in chars if c.isprintable() and not c.isspace() and c != "\ufffd")
    return real >= MIN_TEXT_CHARS


def read_text_page(job: tuple[Path, int]) -> Page:
    """One page read from the text layer by pdfplumber: exact words and boxes.

    Runs in a worker process like OCR does: pdfminer is pure Python, so
    born-digital documents read in parallel only in separate processes.
    """
    path, index = job
    with pdfplumber.open(path, pages=[index + 1]) as pdf:
        try:
            return text_layer_page(pdf.pages[0], index + 1)
        except PdfminerException as exc:
            raise CorruptFile(f"page {index + 1} of the PDF cannot be read: {exc}") from exc


def text_layer_page(page: pdfplumber.page.Page, number: int) -> Page:
    words = [Word(w["text"], (round(w["x0"], 2), round(w["top"], 2), round(w["x1"], 2), round(w["bottom"], 2)))
             for w in page.extract_words()]
    return Page(number=number, text=page.extract_text(), words=words,
                width=float(page.width), height=float(page.height), source="text_layer", confidence=1.0)


def render_dpi(page: pdfium.PdfPage, max_dpi: int) -> int:
    """The scan's own resolution when it is lower than MAX_DPI (ocr.dpi).

    Rendering a 200 dpi scan at 300 dpi adds no detail, only pixels for
    tesseract to go through (2.25 times as many). A 100-120 dpi scan too is
    rendered as it is, and the OCR stage enlarges it smoothly
    (`legibility.is_coarse_scan`): drawn at 300 dpi its pixels were repeated
    into steps (no_smoothimage) and its print, measured 21-27 pixels high,
    read so; the tuned families' 100-120 dpi PDFs (`lowres`, seeds 41 and 59)
    read 0.972 of their values against 0.943, 12 pages of
    `bench/stress_pages.py` so scanned lost 21 of 190 against 29.
    """
    biggest, biggest_area = None, 0.0
    for picture in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = picture.get_bounds()
        area = (right - left) * (top - bottom)
        if area > biggest_area:
            biggest, biggest_area = picture, area
    if biggest is None:
        return max_dpi
    left, bottom, right, top = biggest.get_bounds()
    native = max(biggest.get_px_size()) / (max(right - left, top - bottom) / 72)
    return round(native) if MIN_RENDER_DPI <= native < max_dpi else max_dpi


def render_page(source: Path, index: int, dpi: int, max_image_pixels: int) -> tuple[Image.Image, int]:
    """Page INDEX of SOURCE as a grayscale image at DPI (runs in the OCR worker)."""
    with _open(source) as pdf:
        try:
            # no_smoothimage: the scan is drawn at about its own resolution anyway
            bitmap = pdf[index].render(scale=dpi / 72, grayscale=True, no_smoothimage=True)
        except pdfium.PdfiumError as exc:
            raise CorruptFile(f"page {index + 1} of the PDF cannot be rendered: {exc}") from exc
        image = bitmap.to_pil()
        # to_pil shares the bitmap's buffer, which is freed with the document
        return (image.convert("L") if image.mode != "L" else image.copy()), dpi


def _ocr_job(source: Path, index: int, dpi: int, ctx: StageContext) -> PageJob:
    ocr = ctx.config.ocr
    return PageJob(load=render_page, source=source, index=index, number=index + 1,
                   out_dir=ctx.work_dir / "ocr", languages=ocr.languages, dpi=dpi,
                   fix_orientation=ocr.fix_orientation, deskew=ocr.deskew,
                   max_image_pixels=ocr.max_image_pixels, timeout=ocr.page_timeout_seconds)


@contextmanager
def _open(path: Path) -> Iterator[pdfium.PdfDocument]:
    """A PDFium document, used by one thread at a time: PDFium is not thread-safe,
    and two documents in flight would otherwise crash the process (no traceback)."""
    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise _unreadable(path, exc) from exc
        try:
            yield pdf
        finally:
            pdf.close()


def _unreadable(path: Path, exc: pdfium.PdfiumError) -> CorruptFile | PasswordProtected:
    """Why PDFium could not open the file, asked of pikepdf: PDFium reports some
    files without pages as protected by a password."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) == 0:
                return CorruptFile("the PDF has no pages")
    except pikepdf.PasswordError:
        return PasswordProtected("the PDF is protected by a password")
    except Exception:  # pikepdf cannot read it either: PDFium's word stands
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            return PasswordProtected("the PDF is protected by a password")
    return CorruptFile(f"the PDF cannot be read: {exc}")


def _check_complete(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "rb") as f:
        f.seek(max(0, size - TAIL_BYTES))
        if b"%%EOF" not in f.read():
            raise CorruptFile("the PDF is truncated: it does not end with the %%EOF marker "
                              "(an interrupted copy or download?)")


def _check_page_count(count: int, ctx: StageContext) -> None:
    if count == 0:
        raise CorruptFile("the PDF has no pages")
    if count > ctx.config.limits.max_pages:
        raise TooLarge(f"the PDF has {count} pages, more than the limit of "
                       f"{ctx.config.limits.max_pages} (limits.max_pages)")


def _check_render_size(page: pdfium.PdfPage, number: int, dpi: int, ctx: StageContext) -> None:
    """A huge page rendered at OCR resolution would be a decompression bomb of our own."""
    width, height = page.get_size()
    pixels = width * height * (dpi / 72) ** 2
    if pixels > ctx.config.ocr.max_image_pixels:
        raise TooLarge(f"page {number} measures {width / 72 * 25.4:.0f} x "
                       f"{height / 72 * 25.4:.0f} mm: at {dpi} dpi that is "
                       f"{pixels / 1e6:.0f} million pixels, more than ocr.max_image_pixels "
                       f"({ctx.config.ocr.max_image_pixels / 1e6:.0f} million)")
