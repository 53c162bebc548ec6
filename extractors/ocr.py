"""OCR of one page, in a worker process: image -> words, text and a one-page PDF.

A `PageJob` holds only picklable things (a loader function, the source path,
the page index, settings): the page image is made inside the worker, so the
process that sends 200 jobs never holds 200 rendered pages. A page whose text
is small, or scanned below 150 dpi, is enlarged before it is read, a fax's
despeckled and softened first (`legibility`). Tesseract runs once per
page, and writes the TSV word data, the PDF (page image with an invisible
text layer) that becomes part of the searchable PDF, and the hOCR with the
other characters it weighed for each one it read, with which a code it
misread is mended where the code's check proves the mend (`second_choices`;
the searchable PDF keeps tesseract's own reading of it); only a page it
reads poorly, or a photo (its light uneven, so cleaned first), is read a
second time, cleaned up (or as it was, for a photo) and with its orientation
detected, and the better of the two readings is kept. The lines whose band
holds print that no word was read from (a table's column of figures, which
tesseract's layout analysis drops) are then read again (`dropped_figures`),
and so are the figures read unsurely (`unsure_figures`: each word alone,
enlarged, only a figure's characters); the words found or mended are added
to the PDF's text layer.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytesseract
from PIL import Image, ImageOps

from demat.extractors import dropped_figures, legibility, scan_cleanup, searchable_pdf, second_choices, unsure_figures
from demat.kernel.document import Box, Page, Word
from demat.kernel.errors import CorruptFile, OcrFailed

AS_SCANNED, KEPT = "as scanned", " (kept)"  # in OcrResult.passes
BOX_TEXT_HEIGHT = 60  # pixels a box's line is enlarged to, about, when it is read again alone
BOX_MAX_FACTOR = 4
BOX_MARGIN = (0.2, 0.4)  # around a box read alone, in its heights: beside it (not the next word), above and below
BOX_BORDER = 20  # white pixels around a box read alone: tesseract misses ink that touches the edge

# loader(source, index, dpi, max_image_pixels) -> (page image, its resolution in dpi)
PageLoader = Callable[[Path, int, int, int], tuple[Image.Image, int]]


@dataclass(frozen=True)
class PageJob:
    load: PageLoader  # a module-level function, so that it pickles by name
    source: Path
    index: int  # 0-based page or frame in the source file
    number: int  # 1-based page number in the document
    out_dir: Path  # where the one-page PDF is written
    languages: str
    dpi: int
    fix_orientation: bool
    deskew: bool
    max_image_pixels: int
    timeout: int


@dataclass(frozen=True)
class Reading:
    """What one tesseract pass read, and of which image."""

    name: str  # how the image was prepared, e.g. "softened, enlarged x3, cleaned, orientation detected"
    lines: list[list[Word]]  # boxes in the pixels of the image read
    size: tuple[int, int]  # of the image read
    dpi: int  # of the image read: the page's resolution times its enlargement
    detect_orientation: bool
    pdf: Path
    image: Image.Image  # the image read: its lines that hold more print than words are read again from it


@dataclass(frozen=True)
class OcrResult:
    page: Page  # its skew: degrees the page was turned to be level
    pdf: Path  # tesseract's one-page PDF; show it turned by page.rotation
    passes: tuple[str, ...]  # each tesseract pass in order, the one kept marked "(kept)"


def ocr_page(job: PageJob) -> OcrResult:
    """Read one page: load it, straighten it, enlarge small text, run tesseract, convert to points."""
    image, dpi = job.load(job.source, job.index, job.dpi, job.max_image_pixels)
    inspection = scan_cleanup.inspect(image)
    skew = 0.0
    if job.deskew:
        image, skew = scan_cleanup.level(image, inspection.skew)
    base = job.out_dir / f"page-{job.number:05d}"
    black_and_white = legibility.is_black_and_white(image)
    coarse_dpi = dpi if legibility.is_coarse_scan(dpi, inspection.uneven_light) else 0
    factor = legibility.upscale_factor(inspection.text_height, image.size, black_and_white, coarse_dpi)
    detect = job.fix_orientation and inspection.maybe_not_upright
    enlarged = f"enlarged x{factor}" if factor > 1 else AS_SCANNED
    if black_and_white and factor > 1:
        image, enlarged = legibility.soften(legibility.despeckle(image)), "despeckled, softened, " + enlarged

    def read(cleaned: bool, pdf_base: Path, detect_orientation: bool) -> Reading:
        prepared = legibility.enlarge(legibility.clean(image) if cleaned else image, factor)
        return _read(prepared, dpi * factor, pdf_base, job, detect_orientation,
                     enlarged + (", cleaned" if cleaned else ""))

    readings = [read(inspection.uneven_light, base, detect)]
    if inspection.text_height and (inspection.uneven_light or legibility.reads_poorly(readings[0].lines)):
        # Faint, noisy or unevenly lit; or upright by the look of it, but upside down after all. A photo
        # is read both ways: cleaning its light reads some photos far better and others far worse.
        readings.append(read(not inspection.uneven_light, base.with_name(base.name + "-again"), job.fix_orientation))
    kept = max(readings, key=lambda r: legibility.score(r.lines))
    for reading in readings:
        if reading is not kept:
            reading.pdf.unlink()
    kept.pdf.replace(base.with_suffix(".pdf"))
    rotation = 0
    if kept.detect_orientation:
        rotation = scan_cleanup.reading_rotation([[_centre(w.box) for w in line] for line in kept.lines])
    lines, passes = kept.lines, tuple(r.name + (KEPT if r is kept else "") for r in readings)
    if rotation in (0, 180):  # the lines run across the image read, as the bands cut for them do
        try:
            lines, reread_lines = dropped_figures.reread(kept.image, kept.lines,
                                                lambda cuts, psm: _read_lines(cuts, psm, kept.dpi, job))
        except OcrFailed as exc:  # the page is read: a second look at a few of its lines failing does not lose it
            passes += (f"lines with unread print not read again: {exc}",)
        else:
            passes += (f"{reread_lines} lines with unread print read again",) if reread_lines else ()
            try:
                lines, mended = unsure_figures.reread(kept.image, lines, lambda cuts, factor, characters: _read_lines(
                    cuts, 6, kept.dpi * factor, job, characters))
            except OcrFailed as exc:  # the page is read: its unsure figures stay as first read
                passes += (f"unsure figures not read again: {exc}",)
            else:
                passes += (f"{mended} unsure figures read right on a second look",) if mended else ()
            first = {id(w) for line in kept.lines for w in line}  # the mended lines keep these very words
            try:
                searchable_pdf.add_words(base.with_suffix(".pdf"), [w for line in lines for w in line if id(w) not in first],
                                         72.0 / kept.dpi)
            except CorruptFile as exc:  # the words are the page's still; only the PDF's search misses them
                passes += (f"words read again not added to the searchable PDF: {exc}",)
    page = make_page(lines, job.number, kept.size, 72.0 / kept.dpi, rotation, skew)
    return OcrResult(page=page, pdf=base.with_suffix(".pdf"), passes=passes)


def upright(image: Image.Image, page: Page) -> Image.Image:
    """PAGE's IMAGE as loaded for OCR, levelled by its skew and turned by its rotation: the picture the
    page's word boxes (points) are measured on. Made once per page, however many boxes are read on it."""
    return scan_cleanup.level(image, page.skew)[0].rotate(-page.rotation, expand=True)


def read_box(upright_image: Image.Image, page: Page, box: Box, whitelist: str, languages: str, timeout: int) -> str:
    """The text in BOX (points on PAGE) of the page's UPRIGHT_IMAGE (`upright`), read again on its own:
    one line (`--psm 7`), enlarged, only the characters of WHITELIST. A value the page's reading lost or
    misread is often read right this way."""
    scale = upright_image.width / page.width if page.width else 1.0
    height = box[3] - box[1]
    side, above = BOX_MARGIN[0] * height, BOX_MARGIN[1] * height
    crop = upright_image.crop(tuple(round(v * scale) for v in (box[0] - side, box[1] - above,
                                                                  box[2] + side, box[3] + above)))
    factor = max(1, min(BOX_MAX_FACTOR, math.ceil(BOX_TEXT_HEIGHT / max(1.0, height * scale))))
    paper_white = ImageOps.autocontrast(crop.convert("L"), cutoff=1)  # a photo's grey paper, as white as the border
    prepared = ImageOps.expand(legibility.enlarge(paper_white, factor), BOX_BORDER, fill=255)
    config = f"--psm 7 -c tessedit_char_whitelist={whitelist}"
    try:
        return str(pytesseract.image_to_string(prepared, lang=languages, config=config, timeout=timeout)).strip()
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"page {page.number}: tesseract failed on a box: {exc.message.strip()}") from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailed(f"page {page.number}: tesseract took longer than {timeout} s on a box") from exc


def log_adapted(results: Iterable[OcrResult], log: logging.Logger, file_name: str) -> None:
    """Say which pages were not simply read as scanned, and how they were read."""
    for result in results:
        if result.passes != (AS_SCANNED + KEPT,):
            log.info("%s: page %d read %s", file_name, result.page.number, "; ".join(result.passes))


def _read(image: Image.Image, dpi: int, base: Path, job: PageJob, detect_orientation: bool, name: str) -> Reading:
    """One tesseract run writing BASE.pdf: the words it read, line by line, the codes its second choices
    prove misread mended.

    The page goes to tesseract as an uncompressed TIFF (no encoding cost here;
    tesseract stores it in the PDF as JPEG, or CCITT G4 for black-and-white).
    With DETECT_ORIENTATION (`--psm 1`) tesseract also reads a sideways or
    upside-down page, at about a third more time.
    """
    job.out_dir.mkdir(parents=True, exist_ok=True)
    image_path, tsv, hocr = base.with_suffix(".tif"), base.with_suffix(".tsv"), base.with_suffix(".hocr")
    image.save(image_path, dpi=(dpi, dpi), compression="group4" if image.mode == "1" else None)
    config = (f"--psm {1 if detect_orientation else 3} --dpi {dpi} -c tessedit_create_tsv=1 "
              f"-c tessedit_create_hocr=1 {second_choices.CONFIG}")
    try:
        pytesseract.pytesseract.run_tesseract(
            str(image_path), str(base), extension="pdf", lang=job.languages,
            config=config, timeout=job.timeout)
        lines, mended = second_choices.mend(parse_tsv(tsv.read_text(encoding="utf-8")),
                                            second_choices.parse_hocr(hocr.read_text(encoding="utf-8")))
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"page {job.number}: tesseract failed: {exc.message.strip()}") from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailed(f"page {job.number}: tesseract took longer than {job.timeout} s "
                        "(ocr.page_timeout_seconds)") from exc
    finally:
        image_path.unlink(missing_ok=True)
        tsv.unlink(missing_ok=True)
        hocr.unlink(missing_ok=True)
    if detect_orientation:
        name += ", orientation detected"
    if mended:
        name += f", {mended} words of codes mended with second choices"
    return Reading(name, lines, image.size, dpi, detect_orientation, base.with_suffix(".pdf"), image)


def _read_lines(image: Image.Image, psm: int, dpi: int, job: PageJob, characters: str = "") -> list[list[Word]]:
    """The words tesseract reads on IMAGE in page segmentation mode PSM, nothing written to disk. Given
    CHARACTERS, only those, in the first of the job's languages: figures make no word a second language
    knows, and loading its model was a third of such a short run (and misread 4 more of 31 figures)."""
    whitelist = f" -c tessedit_char_whitelist={characters}" if characters else ""
    languages = job.languages.split("+")[0] if characters else job.languages
    try:
        return parse_tsv(pytesseract.image_to_data(image, lang=languages,
                                                   config=f"--psm {psm} --dpi {dpi}{whitelist}", timeout=job.timeout))
    except pytesseract.TesseractError as exc:
        raise OcrFailed(f"page {job.number}: tesseract failed on the lines read again: {exc.message.strip()}") from exc
    except RuntimeError as exc:  # pytesseract's timeout
        raise OcrFailed(f"page {job.number}: tesseract took longer than {job.timeout} s on the lines read again "
                        "(ocr.page_timeout_seconds)") from exc


def parse_tsv(tsv: str) -> list[list[Word]]:
    """Tesseract's TSV as lines of words (boxes in pixels, confidence 0..1), in reading order."""
    lines: dict[tuple[str, str, str], list[Word]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text, conf = cols[11].strip(), float(cols[10])
        if not text or conf < 0:
            continue
        left, top, w, h = (float(c) for c in cols[6:10])
        word = Word(text=text, box=(left, top, left + w, top + h), confidence=round(conf / 100.0, 4))
        lines.setdefault((cols[2], cols[3], cols[4]), []).append(word)
    return list(lines.values())


def make_page(lines: list[list[Word]], number: int, size_px: tuple[int, int], scale: float,
              rotation: int, skew: float) -> Page:
    """A `Page` in PDF points, as it stands once turned upright by ROTATION."""
    width, height = size_px
    words = [Word(w.text, _scaled(scan_cleanup.rotate_box(w.box, rotation, width, height), scale),
                  w.confidence)
             for line in lines for w in line]
    if rotation in (90, 270):
        width, height = height, width
    return Page(
        number=number,
        text="\n".join(" ".join(w.text for w in line) for line in lines),
        words=words,
        width=round(width * scale, 2),
        height=round(height * scale, 2),
        source="ocr",
        confidence=round(_confidence(lines), 4),
        rotation=rotation,
        skew=skew,
    )


def _confidence(lines: list[list[Word]]) -> float:
    confidences = [w.confidence for line in lines for w in line]
    return sum(confidences) / len(confidences) if confidences else 0.0


def _centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)


def _scaled(box: tuple[float, float, float, float], scale: float) -> tuple[float, float, float, float]:
    return tuple(round(v * scale, 2) for v in box)  # type: ignore[return-value]
