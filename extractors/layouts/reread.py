"""A learnt value read again alone, at its place on the scan.

Where the page's OCR lost a learnt value or misread it (its check fails), that
one box of the page's image is read again (`ocr.read_box`: enlarged, as one line,
only the characters the field can hold; a date, where those make none, with any: a
month's name), and the new reading is kept only when it parses and its checks then
hold. One tesseract call per failing box, and the page's image loaded, levelled and
turned upright only then, once per page: a document read well costs nothing more.
"""

from __future__ import annotations

import logging
import re
import string
from collections.abc import Callable
from dataclasses import replace

from PIL import Image

from demat.extractors import images, pdf
from demat.extractors.fields.dates import MONTHS
from demat.extractors.layouts.model import SupplierLayout
from demat.extractors.layouts.places import parser_for
from demat.extractors.layouts.proof import (
    DIGIT_RUN,
    admit_guesses,
    checked,
    implausible,
    provable,
    proven,
    refuted,
    shape,
)
from demat.extractors.layouts.read import CAPTION, TRUSTED, WIDENED, Guess, LayoutReading
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
ANY_CHARACTER = ""  # no whitelist
WORDED = ("date", "due_date")  # may print words (a month's name), which a whitelist runs together
ANY_CHARACTER_CONFIDENCE = 0.9  # of a date read with any character: kept, doubted until its due date proves it
DIGIT_LOOKALIKES = str.maketrans("OQDILZSB", "00011258")
LETTER_LOOKALIKES = str.maketrans("01528", "OISZB")
STRAY = ".,-/_ "
EXTRA_CHARACTERS = 4  # a value longer than the confirmed one: 10.378,62 where it was 5.179,22
CHARACTER_WIDTH = 0.6  # of a line's height, about
WORD_GAP = 0.25  # in line heights, kept from a word read beside a widened box (ocr.read_box adds its margin)
CUT = 0.75  # characters: figures closer to a number's last are the rest of it (a typed space is a whole one)
UNCHECKED = ("number", "date")  # no check refutes a misread one (a date without its due date): only a second
# reading can doubt it
UNSURE = 0.87  # OCR's confidence in a word under which a date is read again (185 numbers on tuned scans: 4 misread
# at 0.49-0.86, 11 of the 181 read right under it too); a number is read again however sure (a fax's 25/5793 at 0.96)
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


def read_again(reading: LayoutReading, general: dict[str, Field], accepted: list[str], read_box: BoxReader,
               layout: SupplierLayout | None = None, pages: list[Page] | None = None) -> None:
    """Each value READING lost, or read failing its checks (other than those ACCEPTED for the
    supplier), read again at its place; kept when it parses and its checks then hold. With the
    supplier's LAYOUT, a number OCR cut in two is taken whole where only whole is it of the confirmed
    number's shape (`_join_cut`); a number not of that shape is taken with the characters OCR
    confuses made what the shape prints there (`to_shape`), else read again, kept only of that shape,
    else, its letters or separators not the shape's, or a counter padded with zeros not as wide (`unlike`),
    named (`LayoutReading.misshapen`) for a person to look at (the general extractor's too, where the
    layout read none); so is a date read not written as the confirmed one was (`proof.date_shape`), where
    read again it is not, and one not likely beside its page's other dates and its due date
    (`proof.implausible`: `LayoutReading.implausible`), where read again it is not likely either; and where
    the learnt box gives nothing that holds, nor the value already read (read alike twice, it is as printed), the value is
    read again where its caption moved
    (`LayoutReading.elsewhere`) and in its box widened for a longer value, kept only where a check
    proves it (proof.py), and tried only where one could (`provable`): a row of the VAT split so read is
    proven with the others, once all are read (`admit_guesses`). A value no check refutes
    (UNCHECKED), a number however sure OCR was of it, a date read from words OCR was unsure of, is read
    again too: read otherwise, and not misread there (`_doubt`), it is doubted (`LayoutReading.doubted`),
    for a person to look at; so is the general extractor's, in the box it was read from on PAGES, where
    the layout learnt no place for it (OCR spoilt it on the confirmed scan too)."""
    if layout is not None and "number" in reading.fields and "number" in layout.shapes:
        _join_cut(reading, reading.fields["number"], layout.shapes["number"])
    fields = checked({**general, **reading.fields})
    doubtful = [name for name in reading.places
                if name not in reading.fields or _fails(fields.get(name), accepted)]
    if _fails(fields.get("total"), accepted):
        doubtful += [name for name in AMOUNTS if name in reading.places and name not in doubtful]
    refuted_number = layout is not None and refuted("number", fields, layout)
    misshapen = refuted_number and "number" in reading.places  # else the general extractor's: no box to read
    if misshapen and _mend_shape(reading, fields["number"], layout.shapes["number"]):
        fields, misshapen = checked({**general, **reading.fields}), False
    doubtful += ["number"] if misshapen and "number" not in doubtful else []
    text = reading.places["date"][0].text if "date" in reading.places else ""
    misdated = ["date"] if layout is not None and "date" in reading.places and (
        refuted("date", fields, layout) or implausible(fields, text)) else []
    doubtful += [name for name in misdated if name not in doubtful]
    for name in doubtful:
        page, box = reading.places[name]
        wider = [] if layout is None or not provable(name, fields, layout) else \
            [b for b in (reading.elsewhere.get(name, (page, None))[1], _widened(page, box)) if b is not None and b != box]
        second = kept = None
        for tried in (box, *wider):
            field = _read_at(read_box, name, page, tried)
            second = field if tried == box else second
            if field and tried != box and name.startswith("vat_lines."):
                reading.guesses[name] = field
                reading.how[name] = _how(reading, name, tried)
                break
            trial = checked({**fields, name: field}) if field else {}
            shaped = (misshapen and name == "number") or name in misdated  # kept only of its shape where read
            kept = bool(trial) and _holds(name, trial, accepted) and (not (shaped or tried != box) or (
                not (refuted(name, trial, layout) or name in misdated and implausible(trial, text))
                if shaped and tried == box else proven(name, trial, layout)))
            if tried != box:
                reading.guessed.append(Guess(_how(reading, name, tried), name, field.value if field else None, kept))
            if kept:
                reading.take(name, field, page)
                fields = trial
            if kept or tried == box and field and name in fields and fields[name].value == field.value:
                break  # read alike twice, the value is as printed: no use looking for it elsewhere
        if not kept:
            _doubt(reading, name, reading.fields.get(name), second, layout)
        if not kept and second is not None and name in AMOUNTS:
            reading.read_again[name] = second
    if reading.guesses and layout is not None:
        admit_guesses(reading, general, layout)
    read = {**general, **reading.fields}
    reading.doubted += [name for name in WORDED if name in reading.fields and name not in reading.doubted
                        and reading.fields[name].confidence < TRUSTED and not proven(name, checked(read), layout)]
    number = read["number"] if refuted_number else None
    reading.misshapen = (["number"] if number is not None and unlike(str(number.value), layout.shapes["number"]) else []) \
        + [name for name in misdated if refuted(name, read, layout)]
    reading.implausible = [name for name in misdated if implausible(read, text)]
    by_number = {page.number: page for page in pages or []}
    for name in (name for name in UNCHECKED if name not in doubtful):
        first = reading.fields.get(name)
        if first is not None:
            page, box = reading.places[name]
        elif name in general and name not in reading.places and general[name].page in by_number:
            first, page, box = general[name], by_number[general[name].page], general[name].source_box
        if first is not None and box is not None and (name == "number" or unsure(first, page)):
            second = _read_at(read_box, name, page, box)
            if name == "number" and _figure_doubled(first, second, layout, page):
                reading.take(name, second, page)
            else:
                _doubt(reading, name, first, second, layout)


def _how(reading: LayoutReading, name: str, box: Box) -> str:
    """How field NAME was guessed when read at BOX: where its caption moved, or in its box widened."""
    return CAPTION if name in reading.elsewhere and reading.elsewhere[name][1] == box else WIDENED


def _read_at(read_box: BoxReader, name: str, page: Page, box: Box) -> Field | None:
    """Field NAME read again alone at BOX of PAGE, or None if what is read there does not parse: with only
    the characters the field can hold, and a date, where they make none, with any (tesseract sets no space
    between the words of a line so read: "49June2025", "Octaber12..20" for 19 June 2025, October 12, 2025);
    read so, a date is kept doubted unless its due date proves it (a letter may be read for a digit then)."""
    for whitelist in (WHITELISTS.get(name, AMOUNT_CHARACTERS), *([ANY_CHARACTER] if name in WORDED else [])):
        text = _fitting(name, read_box(page, box, whitelist))
        found = parser_for(name)(text) if text else None
        if found:
            confidence = TRUSTED if whitelist != ANY_CHARACTER else ANY_CHARACTER_CONFIDENCE
            return Field(found[0], raw=text, confidence=confidence, source_box=box, page=page.number)
    return None


def _mend_shape(reading: LayoutReading, number: Field, learnt: str) -> bool:
    """NUMBER taken as made to the confirmed number's shape LEARNT (`to_shape`), where it can be; whether it was."""
    mended = to_shape(str(number.value), learnt)
    if mended is not None:
        reading.take("number", replace(number, value=mended, confidence=TRUSTED), reading.places["number"][0])
    return mended is not None


def _join_cut(reading: LayoutReading, number: Field, learnt: str) -> None:
    """NUMBER taken whole where OCR cut it in two ("2025/001 37" for 2025/00137, a typewriter's "001 854."):
    the figures right after it on its line, closer than CUT characters, are the rest of it where only with
    them is it of the confirmed number's shape LEARNT."""
    page, box, value = reading.places["number"][0], number.source_box, str(number.value)
    if box is None or not number.raw or shape(value) == learnt or not value[-1:].isdigit():
        return
    after = sorted((w for w in page.words if w.box[0] >= box[2] - 1 and w.box[1] < box[3] and w.box[3] > box[1]),
                   key=lambda w: w.box[0])
    rest = after[0].text.rstrip(STRAY) if after else ""
    character = (box[2] - box[0]) / len(number.raw)
    if rest.isdigit() and after[0].box[0] - box[2] < CUT * character and shape(value + rest) == learnt:
        reading.take("number", replace(number, value=value + rest, raw=f"{number.raw} {after[0].text}",
                                       source_box=(box[0], box[1], after[0].box[2], box[3])), page)


def to_shape(number: str, learnt: str) -> str | None:
    """NUMBER with each character OCR confuses made what the confirmed number's shape LEARNT prints at its
    place ("1T25/79729" is IT25/79729 for IT99/99999, "FT-0O12/25" is FT-0012/25): a letter there is the
    supplier's prefix on every invoice. None where it is not as long or another character differs."""
    read = number.upper().replace(" ", "")
    mended = "".join(c.translate(DIGIT_LOOKALIKES) if printed == "9" else
                     printed if c.translate(LETTER_LOOKALIKES) == printed else c for c, printed in zip(read, learnt))
    return mended if len(read) == len(learnt) and shape(mended) == learnt else None


def unlike(number: str, learnt: str) -> bool:
    """Whether NUMBER's letters and separators are not those of the confirmed number's shape LEARNT, or a run
    of its digits padded with zeros is not as long as LEARNT's there. A counter not padded grows, and starts
    again each year: its runs' lengths tell nothing; one padded keeps its width ("005" read of a lowres scan's
    005093, where the supplier's numbers are six figures, is the counter cut short)."""
    if DIGIT_RUN.sub("9", shape(number)) != DIGIT_RUN.sub("9", learnt):
        return True
    runs = DIGIT_RUN.findall(number.upper().replace(" ", ""))
    return any(_padded(run) and len(run) != len(width) for run, width in zip(runs, DIGIT_RUN.findall(learnt)))


def _padded(run: str) -> bool:
    """Whether a run of digits is padded with zeros to a width: it opens with a 0 and has figures after it."""
    return len(run) > 1 and run.startswith("0")


def _doubt(reading: LayoutReading, name: str, first: Field | None, second: Field | None,
           layout: SupplierLayout | None) -> None:
    """Field NAME doubted where no check can refute it and the SECOND reading of its box gives another value
    than the FIRST
    (made to the confirmed number's shape, where LAYOUT has one: a misread "IT" read alike twice is no doubt),
    unless the first is written as the supplier writes it and the second is not: the second is then the
    misread one (a fax's V25-7528 read again without its V, a zero-padded 2025/02178 with a figure twice)."""
    if name not in UNCHECKED or first is None or second is None:
        return
    learnt = layout.shapes.get(name, "") if layout is not None else ""
    second = replace(second, value=to_shape(str(second.value), learnt) or second.value)
    if second.value != first.value and not (_as_written(name, first, layout) and not _as_written(name, second, layout)):
        reading.doubted.append(name)


def _figure_doubled(first: Field, second: Field | None, layout: SupplierLayout | None, page: Page) -> bool:
    """Whether the number FIRST is SECOND with a figure OCR doubled, unsure of it, where SECOND (read again
    in its box) is of the confirmed number's very shape: a lowres scan's "2025/011634" read at confidence
    0.0 for 2025/01634 (a counter grows, so the first reading's shape alone refutes nothing). Three signs."""
    learnt = layout.shapes.get("number") if layout is not None else None
    if second is None or not learnt or shape(str(second.value)) != learnt or not unsure(first, page):
        return False
    read, again = str(first.value), str(second.value)
    return len(read) == len(again) + 1 and any(
        read[i].isdigit() and read[i] == read[i + 1] and read[:i] + read[i + 1:] == again for i in range(len(again)))


def _as_written(name: str, value: Field, layout: SupplierLayout | None) -> bool:
    """Whether VALUE of field NAME is written as LAYOUT's confirmed one was: a number of its very shape (its
    runs of digits as long), a date its shape does not refute."""
    learnt = layout.shapes.get(name) if layout is not None else None
    if not learnt:
        return False
    return shape(str(value.value)) == learnt if name == "number" else not refuted(name, {name: value}, layout)


def unsure(value: Field, page: Page) -> bool:
    """Whether OCR read a word of VALUE, read on PAGE, with a confidence under UNSURE."""
    box = value.source_box
    return box is not None and any(
        word.confidence < UNSURE for word in page.words
        if word.box[0] >= box[0] - 1 and word.box[2] <= box[2] + 1 and word.box[1] >= box[1] - 1 and word.box[3] <= box[3] + 1)


def _widened(page: Page, box: Box) -> Box:
    """BOX stretched along its line by a few characters each way, for a value longer than the one it was
    learnt from (its digits grow left or right as the template aligns it), but not over a word read beside
    it: its caption on one side, the next column on the other."""
    height = box[3] - box[1]
    reach, gap = EXTRA_CHARACTERS * CHARACTER_WIDTH * height, WORD_GAP * height
    left, right = box[0] - reach, box[2] + reach
    for word in page.words:
        if word.box[1] < box[3] and word.box[3] > box[1]:  # on its line
            if word.box[2] <= box[0]:
                left = max(left, word.box[2] + gap)
            elif word.box[0] >= box[2]:
                right = min(right, word.box[0] - gap)
    return (min(left, box[0]), box[1], max(right, box[2]), box[3])


def _fitting(name: str, text: str) -> str:
    """TEXT with each character OCR confuses made what the field's place can hold: an IBAN's country
    letters and its check digits ("1E94...", "GBO5XLVS..."; mod-97 then proves it); a month name set
    apart from the day and year it was read glued to ("27.April 2025"); no stray separator at its ends
    (a widened box may take in a cell's border)."""
    text = text.rstrip(STRAY) if name in AMOUNTS else text.strip(STRAY)  # a cell's border beside it; not a minus
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


def _fails(field: Field | None, accepted: list[str]) -> bool:
    return field is not None and any(check.name not in accepted for check in field.failed_checks)
