"""PDF -> pages, page by page: the text layer where there is one, OCR elsewhere.

A born-digital page is read with pdfplumber (exact words and boxes); a page
that is only a picture is rendered and OCR'd in a worker. A PDF that mixes
both (a scanned attachment after a typed letter) is handled one page at a time.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image

from extractors import searchable_pdf
from extractors.ocr import OcrResult, PageJob, ocr_page
from pipeline.document import Document, Page, StageContext, Word
from pipeline.errors import CorruptFile, PasswordProtected, TooLarge

name = "pdf"
media_types = ("application/pdf",)

MIN_TEXT_CHARS = 20  # fewer real characters: the page is a scan (maybe with a stamp or a page number)
MIN_RENDER_DPI = 150  # scans below this are rendered at ocr.dpi: tesseract reads small text better
TAIL_BYTES = 4096  # a complete PDF ends with %%EOF within its last bytes


def extract(doc: Document, ctx: StageContext) -> Document:
    _check_complete(doc.path)
    pages: list[Page | None] = []
    jobs: list[PageJob] = []
    with _open(doc.path) as pdf:
        _check_page_count(len(pdf.pages), ctx)
        for index, plumber_page in enumerate(pdf.pages):
            try:
                if has_text_layer(plumber_page):
                    pages.append(text_layer_page(plumber_page, index + 1))
                else:
                    dpi = render_dpi(plumber_page, ctx.config.ocr.dpi)
                    _check_render_size(plumber_page, index + 1, dpi, ctx)
                    pages.append(None)
                    jobs.append(_ocr_job(doc.path, index, dpi, ctx))
            except PdfminerException as exc:
                raise CorruptFile(f"page {index + 1} of the PDF cannot be read: {_cause(exc)}") from exc
            finally:
                plumber_page.close()  # frees the page's parsed objects: long PDFs stay small
    ocr_pdfs: dict[int, OcrResult] = {}
    for job, result in zip(jobs, ctx.executor.map(ocr_page, jobs)):
        pages[job.index] = result.page
        ocr_pdfs[job.index] = result
    doc.pages = pages  # type: ignore[assignment]  # every slot is filled by now
    if ocr_pdfs:
        parts = [(ocr_pdfs[i].pdf, 0, ocr_pdfs[i].page.rotation) if i in ocr_pdfs else (doc.path, i, 0)
                 for i in range(len(doc.pages))]
        doc.searchable_pdf = searchable_pdf.write(parts, ctx.work_dir / "searchable.pdf")
    ctx.log.info("%s: %d pages, %d from the text layer, %d OCR'd", doc.original_name,
                 len(doc.pages), len(doc.pages) - len(ocr_pdfs), len(ocr_pdfs))
    return doc


def has_text_layer(page: pdfplumber.page.Page) -> bool:
    """Enough real characters to be read as they are (unmapped glyphs '(cid:12)' do not count)."""
    real = sum(1 for c in page.chars if c["text"].strip() and not c["text"].startswith("(cid:"))
    return real >= MIN_TEXT_CHARS


def text_layer_page(page: pdfplumber.page.Page, number: int) -> Page:
    words = [Word(w["text"], (round(w["x0"], 2), round(w["top"], 2), round(w["x1"], 2), round(w["bottom"], 2)))
             for w in page.extract_words()]
    return Page(number=number, text=page.extract_text(), words=words,
                width=float(page.width), height=float(page.height), source="text_layer", confidence=1.0)


def render_dpi(page: pdfplumber.page.Page, max_dpi: int) -> int:
    """The scan's own resolution when it is lower than MAX_DPI (ocr.dpi).

    Rendering a 200 dpi scan at 300 dpi adds no detail, only pixels for
    tesseract to go through (2.25 times as many).
    """
    pictures = [p for p in page.images if p["width"] > 0 and p["height"] > 0]
    if not pictures:
        return max_dpi
    biggest = max(pictures, key=lambda p: p["width"] * p["height"])
    native = max(biggest["srcsize"]) / (max(biggest["width"], biggest["height"]) / 72)
    return round(native) if MIN_RENDER_DPI <= native < max_dpi else max_dpi


def render_page(source: Path, index: int, dpi: int, max_image_pixels: int) -> tuple[Image.Image, int]:
    """Page INDEX of SOURCE as a grayscale image at DPI (runs in the OCR worker)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(source))
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"page {index + 1} of the PDF cannot be rendered: {exc}") from exc
    try:
        bitmap = pdf[index].render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil()
        if image.mode != "L":
            image = image.convert("L")
        else:
            image = image.copy()  # to_pil shares the bitmap's buffer, freed with the document
    except pdfium.PdfiumError as exc:
        raise CorruptFile(f"page {index + 1} of the PDF cannot be rendered: {exc}") from exc
    finally:
        pdf.close()
    return image, dpi


def _ocr_job(source: Path, index: int, dpi: int, ctx: StageContext) -> PageJob:
    ocr = ctx.config.ocr
    return PageJob(load=render_page, source=source, index=index, number=index + 1,
                   out_dir=ctx.work_dir / "ocr", languages=ocr.languages, dpi=dpi,
                   fix_orientation=ocr.fix_orientation, deskew=ocr.deskew,
                   max_image_pixels=ocr.max_image_pixels, timeout=ocr.page_timeout_seconds)


def _open(path: Path) -> pdfplumber.PDF:
    pdf = None
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # parses the page tree: a broken PDF fails here, not halfway
        return pdf
    except PdfminerException as exc:
        if pdf is not None:
            pdf.close()
        if isinstance(_cause(exc), PDFPasswordIncorrect):
            raise PasswordProtected("the PDF is protected by a password") from exc
        raise CorruptFile(f"the PDF cannot be read: {_cause(exc)}") from exc


def _cause(exc: PdfminerException) -> Exception:
    return exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc


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


def _check_render_size(page: pdfplumber.page.Page, number: int, dpi: int, ctx: StageContext) -> None:
    """A huge page rendered at OCR resolution would be a decompression bomb of our own."""
    scale = dpi / 72
    pixels = page.width * scale * page.height * scale
    if pixels > ctx.config.ocr.max_image_pixels:
        raise TooLarge(f"page {number} measures {page.width / 72 * 25.4:.0f} x "
                       f"{page.height / 72 * 25.4:.0f} mm: at {dpi} dpi that is "
                       f"{pixels / 1e6:.0f} million pixels, more than ocr.max_image_pixels "
                       f"({ctx.config.ocr.max_image_pixels / 1e6:.0f} million)")
