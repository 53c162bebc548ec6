"""Figures a page's reading was unsure of are read again alone, enlarged (`extractors/unsure_figures.py`).

On a coarse, faint or faxed scan tesseract misreads some amounts and codes and
says so with a low confidence (`2O4,8O`, a comma read as a point). Here a real
tesseract reads again the figures of a page made here, given a first reading
that misread them unsurely; a figure read surely is left as it was read.
"""

from __future__ import annotations

import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from demat.extractors import unsure_figures
from demat.extractors.ocr import parse_tsv
from demat.kernel.document import Word

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_PX = 22


def printed_row(caption: str, printed: str, first_reading: str, confidence: float) -> tuple[Image.Image, list[Word]]:
    """A line of a page, CAPTION and PRINTED, and a reading of it whose last word is FIRST_READING at CONFIDENCE."""
    page = Image.new("L", (1200, 120), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, FONT_PX)
    words = []
    for left, text in ((80, caption), (900, printed)):
        draw.text((left, 50), text, font=font, fill=0)
        for word in text.split():
            x0, y0, x1, y1 = font.getbbox(word)
            offset = font.getlength(text[:text.index(word)])
            words.append(Word(word, (left + offset + x0, 50 + y0, left + offset + x1, 50 + y1), 0.95))
    words[-1] = Word(first_reading, words[-1].box, confidence)
    return page, words


def summary_row(first_reading: str, confidence: float) -> tuple[Image.Image, list[Word]]:
    """A total's line on a page, and a reading of it whose amount is FIRST_READING at CONFIDENCE."""
    return printed_row("Totale documento", "1.234,56", first_reading, confidence)


def tesseract(image: Image.Image, factor: int, characters: str) -> list[list[Word]]:
    return parse_tsv(pytesseract.image_to_data(
        image, lang="ita", config=f"--psm 6 --dpi {150 * factor} -c tessedit_char_whitelist={characters}"))


def test_an_amount_read_unsurely_and_misread_is_read_again_right_in_its_place():
    page, first = summary_row("1.234.5б", 0.41)

    [line], mended = unsure_figures.reread(page, [first], tesseract)

    assert mended == 1
    assert [w.text for w in line] == ["Totale", "documento", "1.234,56"]
    assert line[-1].box == first[-1].box and line[-1].confidence >= unsure_figures.SURE


def test_letters_read_for_figures_are_read_again_however_sure():
    page, first = summary_row("1.2З4,5б", 0.93)  # a Cyrillic Ze and Be: no figure's shape

    [line], mended = unsure_figures.reread(page, [first], tesseract)

    assert mended == 1 and line[-1].text == "1.234,56"


def test_a_figure_read_surely_is_not_read_again():
    page, first = summary_row("1.234,56", 0.95)

    def must_not_read(image: Image.Image, factor: int, characters: str) -> list[list[Word]]:
        raise AssertionError("read again")

    assert unsure_figures.reread(page, [first], must_not_read) == ([first], 0)


def test_a_second_reading_no_surer_than_the_first_is_not_kept():
    page, first = printed_row("Partita IVA", "03124570684", "03124520684", 0.88)  # its check fails

    def unsure_again(image: Image.Image, factor: int, characters: str) -> list[list[Word]]:
        return [[Word("03124570684", w.box, 0.9) for line in tesseract(image, factor, characters) for w in line]]

    assert unsure_figures.reread(page, [first], unsure_again) == ([first], 0)


def test_a_second_reading_of_no_figure_s_shape_is_not_kept():
    page, first = summary_row("1.234,5", 0.5)

    def thousands_and_decimals_alike(image: Image.Image, factor: int, characters: str) -> list[list[Word]]:
        return [[Word("1.234.56", w.box, 0.97) for line in tesseract(image, factor, characters) for w in line]]

    assert unsure_figures.reread(page, [first], thousands_and_decimals_alike) == ([first], 0)


@pytest.mark.parametrize("first_reading", ["1.284,56", "1.284,56|"])  # as read, and with the table's rule beside it
def test_an_amount_read_unsurely_in_an_amount_s_shape_is_kept_as_read(first_reading):
    """Another reading of an amount's figures proves nothing, however sure; on unseen scans such second
    readings turned right amounts wrong. The fields stage's arithmetic mends a slipped figure instead."""
    page, first = summary_row(first_reading, 0.6)

    def must_not_read(image: Image.Image, factor: int, characters: str) -> list[list[Word]]:
        raise AssertionError("read again")

    assert unsure_figures.reread(page, [first], must_not_read) == ([first], 0)


def test_a_date_read_again_replaces_only_a_reading_that_is_no_date():
    page, real = printed_row("Data documento", "21/03/2025", "21/08/2025", 0.6)  # another day, as unsure
    assert unsure_figures.reread(page, [real], tesseract) == ([real], 0)

    page, none = printed_row("Data documento", "21/03/2025", "21/88/2025", 0.6)  # no month 88
    [line], mended = unsure_figures.reread(page, [none], tesseract)
    assert mended == 1 and line[-1].text == "21/03/2025"


def test_a_code_read_again_replaces_the_first_only_where_its_check_now_passes_or_it_finds_separators():
    page, vat = printed_row("Partita IVA", "03124570684", "03124520684", 0.6)  # a P.IVA whose check fails
    [line], mended = unsure_figures.reread(page, [vat], tesseract)
    assert mended == 1 and line[-1].text == "03124570684"

    page, postcode = printed_row("20121 Milano", "Cod. 20121", "20127", 0.6)  # no check proves either
    assert unsure_figures.reread(page, [postcode], tesseract) == ([postcode], 0)

    page, figures = printed_row("Totale documento", "512,30", "51230", 0.6)  # its comma lost
    [line], mended = unsure_figures.reread(page, [figures], tesseract)
    assert mended == 1 and line[-1].text == "512,30"
