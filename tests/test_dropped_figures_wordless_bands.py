"""Print on which the first reading found no word at all is read again (`extractors/dropped_figures.py`).

A courtesy copy's small ruled tables (a grey header row over one row of
values, ruled a pixel from the print) scanned at 100-120 dpi came back from
tesseract's layout analysis as nothing: no line held a word there, so no
line's band was cut out and read again, and the document's number, date and
totals were lost. Here a real tesseract reads again such a table on a page
made here, given a first reading that lost it.
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from demat.extractors import dropped_figures
from demat.kernel.document import Word
from tests.test_ocr_dropped_figures import SANS, SANS_BOLD, tesseract

FONT_PX = 24
TITLE = "Denominazione: Rossi Forniture S.r.l."
TABLE_TOP = 200  # pixels: the header row's top
ROW_HEIGHT = 34  # pixels: a row of the table, its rules a few pixels from the print
CELLS = [(40, 380, "Numero documento", "2646/2025"), (380, 720, "Data documento", "27-03-2025"),
         (720, 1060, "Totale imponibile", "1.362,35")]


def page_with_a_small_table() -> Image.Image:
    """A line of print, and under it a table as a courtesy copy draws it: a grey header row over one row of
    values, every cell ruled."""
    page = Image.new("L", (1400, 400), 255)
    draw = ImageDraw.Draw(page)
    font, bold = ImageFont.truetype(SANS, FONT_PX), ImageFont.truetype(SANS_BOLD, FONT_PX)
    draw.text((60, 40), TITLE, font=font, fill=0)
    for left, right, label, value in CELLS:
        draw.rectangle((left, TABLE_TOP, right, TABLE_TOP + ROW_HEIGHT), fill=200, outline=0, width=1)
        draw.text((left + 6, TABLE_TOP + 4), label, font=bold, fill=0)
        draw.rectangle((left, TABLE_TOP + ROW_HEIGHT, right, TABLE_TOP + 2 * ROW_HEIGHT), outline=0, width=1)
        draw.text((left + 6, TABLE_TOP + ROW_HEIGHT + 4), value, font=font, fill=0)
    return page


def test_a_small_ruled_table_no_word_was_read_from_is_read_and_its_values_given_their_own_line():
    page = page_with_a_small_table()
    [title] = [line for line in tesseract(page, 3) if line[0].text == "Denominazione:"]

    lines, lines_read_again = dropped_figures.reread(page, [title], tesseract)

    assert lines[0] == title and lines_read_again >= 1
    values = next(line for line in lines if "2646/2025" in [w.text for w in line])
    assert [w.text for w in values] == ["2646/2025", "27-03-2025", "1.362,35"]
    assert all(TABLE_TOP + ROW_HEIGHT <= w.box[1] < w.box[3] <= TABLE_TOP + 2 * ROW_HEIGHT for w in values)
    assert lines.index(values) == len(lines) - 1  # below the header's line, if that was read too


def test_a_page_whose_every_line_was_read_is_not_read_again():
    page = page_with_a_small_table()
    lines = tesseract(page, 3)
    assert [w.text for line in lines for w in line][-3:] == ["2646/2025", "27-03-2025", "1.362,35"]

    def must_not_read(image: Image.Image, psm: int) -> list[list[Word]]:
        raise AssertionError("read again")

    assert dropped_figures.reread(page, lines, must_not_read) == (lines, 0)
