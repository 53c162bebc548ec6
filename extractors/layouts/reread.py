"""A learnt value read again alone, at its place on the scan.

Where the page's OCR lost a learnt value or misread it (its check fails), that
one box of the page's image is read again (`ocr.read_box`: enlarged, as one line,
only the characters the field can hold), and the new reading is kept only when
it parses and its checks then hold. One tesseract call per failing box, and the
page's image loaded, levelled and turned upright only then, once per page: a
document read well costs nothing more.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable

from PIL import Image

from demat.extractors import images, pdf
from demat.extractors.fields.checks import run_checks
from demat.extractors.fields.dates import MONTHS
from demat.extractors.layouts.places import parser_for
from demat.extractors.layouts.read import TRUSTED, LayoutReading
from demat.extractors.ocr import PageLoader, read_box, upright
from demat.kernel.config import OcrSettings
from demat.kernel.document import Box, Document, Field, Page
from demat.kernel.errors import DocumentError

log = logging.getLogger("demat.layouts")

# (page, box in points, the characters the value may hold) -> the text read there
BoxReader = Callable[[Page, Box, str], str]

DIGITS = string.digits
MONTH_LETTERS = "".join(sorted({c for month in MONTHS for c in month + month.upper()}))
DATE_CHARACTERS = DIGITS + "./-" + MONTH_LETTERS  # "12 January 2025" as well as 12.01.2025
WHITELISTS = {
    "number": string.ascii_uppercase + DIGITS + "/-_.",
    "date": DATE_CHARACTERS,
    "due_date": DATE_CHARACTERS,
    "supplier_vat": "IT" + DIGITS,
    "iban": string.ascii_uppercase + DIGITS,
}
AMOUNT_CHARACTERS = DIGITS + ".,-"
DIGIT_LOOKALIKES = str.maketrans("OQDILZSB", "00011258")
LETTER_LOOKALIKES = str.maketrans("01528", "OISZB")
MONTH_GLUED = re.compile(r"(?<=\d)[.,]?(?=[^\W\d_]{3})|(?<=[^\W\d_]{3})[.,]?(?=\d)")  # "27.April", "April2025"
AMOUNTS = ("taxable_amount", "vat_amount", "total")  # a misread one shows as the total not adding up
LOADERS: dict[str, PageLoader] = {pdf.name: pdf.render_page, images.name: images.load_frame}


def scan_reader(doc: Document, settings: OcrSettings) -> BoxReader | None:
    """What reads a box of DOC's scanned pages again (each page's image loaded and made upright once,
    when first needed); None for a document with no image to go back to."""
    load = LOADERS.get(doc.extractor)
    if load is None:
        return None
    loaded: dict[int, Image.Image] = {}

    def read(page: Page, box: Box, whitelist: str) -> str:
        if page.source != "ocr":
            return ""
        try:
            if page.number not in loaded:
                image = load(doc.path, page.number - 1, settings.dpi, settings.max_image_pixels)[0]
                loaded[page.number] = upright(image, page)
            return read_box(loaded[page.number], page, box, whitelist, settings.languages,
                            settings.page_timeout_seconds)
        except (DocumentError, OSError) as exc:  # its file spoilt or gone since the page was read: not mended
            log.warning("%s: a box of page %d not read again: %s", doc.original_name, page.number, exc)
            return ""

    return read


def read_again(reading: LayoutReading, general: dict[str, Field], accepted: list[str], read_box: BoxReader) -> None:
    """Each value READING lost, or read failing its checks (other than those ACCEPTED for the
    supplier), read again at its place; kept when it parses and its checks then hold."""
    fields = _checked({**general, **reading.fields})
    doubtful = [name for name in reading.places
                if name not in reading.fields or _fails(fields.get(name), accepted)]
    if _fails(fields.get("total"), accepted):
        doubtful += [name for name in AMOUNTS if name in reading.places and name not in doubtful]
    for name in doubtful:
        page, box = reading.places[name]
        text = _fitting(name, read_box(page, box, WHITELISTS.get(name, AMOUNT_CHARACTERS)))
        found = parser_for(name)(text) if text else None
        if found is None:
            continue
        field = Field(found[0], raw=text, confidence=TRUSTED, source_box=box, page=page.number)
        trial = _checked({**fields, name: field})
        if _holds(name, trial, accepted):
            reading.fields[name] = field
            reading.found_again(name)
            fields = trial


def _fitting(name: str, text: str) -> str:
    """TEXT with each character OCR confuses made what the field's place can hold: an IBAN's country
    letters and its check digits ("1E94...", "GBO5XLVS..."; mod-97 then proves it); a month name set
    apart from the day and year it was read glued to ("27.April 2025")."""
    if name == "iban" and len(text) > 4:
        return text[:2].translate(LETTER_LOOKALIKES) + text[2:4].translate(DIGIT_LOOKALIKES) + text[4:]
    if name in ("date", "due_date"):
        return MONTH_GLUED.sub(" ", text)
    return text


def _holds(name: str, fields: dict[str, Field], accepted: list[str]) -> bool:
    """Whether field NAME's checks hold in FIELDS, and the total's for an amount; a row of the VAT
    split is judged with the whole split, once it is made from its rows (`apply_layout`)."""
    judged = [fields[name]] + ([fields["total"]] if name in AMOUNTS and "total" in fields else [])
    return name.startswith("vat_lines.") or not any(_fails(f, accepted) for f in judged)


def _checked(fields: dict[str, Field]) -> dict[str, Field]:
    copies = {name: Field(f.value, f.raw, f.confidence, f.source_box, f.page) for name, f in fields.items()}
    run_checks(copies)
    return copies


def _fails(field: Field | None, accepted: list[str]) -> bool:
    return field is not None and any(check.name not in accepted for check in field.failed_checks)
