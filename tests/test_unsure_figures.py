"""Figures a page's reading was unsure of are read again alone, enlarged (`extractors/unsure_figures.py`).

On a coarse, faint or faxed scan tesseract misreads some amounts and codes and
says so with a low confidence (`2O4,8O`, a comma read as a point). Here a real
tesseract reads again the figures of a page made here, given a first reading
that misread them unsurely; a figure read surely is left as it was read.
"""

from __future__ import annotations

import pytesseract
from PIL import Image, ImageDraw, ImageFont

from demat.extractors import unsure_figures
from demat.extractors.ocr import parse_tsv
from demat.kernel.document import Word

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_PX = 22
ROW = [(80, "Totale documento"), (900, "1.234,56")]


def summary_row(first_reading: str, confidence: float) -> tuple[Image.Image, list[Word]]:
    """A total's line on a page, and a reading of it whose amount is FIRST_READING at CONFIDENCE."""
    page = Image.new("L", (1200, 120), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, FONT_PX)
    words = []
    for left, text in ROW:
        draw.text((left, 50), text, font=font, fill=0)
        for word in text.split():
            x0, y0, x1, y1 = font.getbbox(word)
            offset = font.getlength(text[:text.index(word)])
            words.append(Word(word, (left + offset + x0, 50 + y0, left + offset + x1, 50 + y1), 0.95))
    words[-1] = Word(first_reading, words[-1].box, confidence)
    return page, words


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
    page, first = summary_row("1.234,56", 0.88)  # unsure, and right

    def unsure_again(image: Image.Image, factor: int, characters: str) -> list[list[Word]]:
        return [[Word("1.284,56", w.box, 0.8) for line in tesseract(image, factor, characters) for w in line]]

    assert unsure_figures.reread(page, [first], unsure_again) == ([first], 0)


def test_a_second_reading_of_no_figure_s_shape_is_not_kept():
    page, first = summary_row("1.234,5", 0.5)

    def thousands_and_decimals_alike(image: Image.Image, factor: int, characters: str) -> list[list[Word]]:
        return [[Word("1.234.56", w.box, 0.97) for line in tesseract(image, factor, characters) for w in line]]

    assert unsure_figures.reread(page, [first], thousands_and_decimals_alike) == ([first], 0)
