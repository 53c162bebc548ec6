"""The lines whose band holds print that no word was read from are read again (`extractors/dropped_figures.py`).

Tesseract's layout analysis drops a table's columns of figures now and then
(on photographed invoices, most often): the description is read, the line's
quantity, price and amount are not. Here a real tesseract reads again a line
cut out of an image made here, given a first reading that lost its figures.
"""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
import pikepdf
import pytesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from demat.extractors import dropped_figures, images, ocr, searchable_pdf
from demat.extractors.ocr import PageJob, ocr_page, parse_tsv
from demat.kernel.document import Word
from demat.kernel.errors import OcrFailed
from demat.samples.generator import make_spec
from demat.samples.generator.render import pdf_bytes
from demat.samples.grammar import damage

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_PX = 24
ROW = [(80, "Trasporto e consegna"), (760, "50"), (960, "34,39"), (1180, "1.719,50")]


def table_row() -> tuple[Image.Image, list[Word]]:
    """A table's row on a page, and the words a reading that dropped its figures has: the description's."""
    page = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, FONT_PX)
    words = []
    for left, text in ROW:
        draw.text((left, 80), text, font=font, fill=0)
        for word in text.split() if left == ROW[0][0] else []:
            x0, y0, x1, y1 = font.getbbox(word)
            offset = font.getlength(text[:text.index(word)])
            words.append(Word(word, (left + offset + x0, 80 + y0, left + offset + x1, 80 + y1), 0.95))
    return page, words


def tesseract(image: Image.Image, psm: int) -> list[list[Word]]:
    return parse_tsv(pytesseract.image_to_data(image, lang="ita+eng", config=f"--psm {psm}"))


def test_the_figures_a_reading_dropped_from_a_line_are_read_again_and_added_in_place():
    page, description = table_row()

    [line], lines_read_again = dropped_figures.reread(page, [description], tesseract)

    assert lines_read_again == 1
    assert [w.text for w in line] == ["Trasporto", "e", "consegna", "50", "34,39", "1.719,50"]
    amount = line[-1]
    assert 1180 <= amount.box[0] < amount.box[2] <= 1300 and 80 <= amount.box[1] < amount.box[3] <= 110


def test_a_line_read_whole_is_not_read_again():
    page, description = table_row()
    whole = [w for line in tesseract(page, 3) for w in line]
    assert [w.text for w in whole] == ["Trasporto", "e", "consegna", "50", "34,39", "1.719,50"]

    def must_not_read(image: Image.Image, psm: int) -> list[list[Word]]:
        raise AssertionError("read again")

    assert dropped_figures.reread(page, [whole], must_not_read) == ([whole], 0)


def test_words_are_added_once_where_two_lines_bands_cross_the_same_print():
    page, description = table_row()
    upper = [Word(w.text, (w.box[0], w.box[1] - 4, w.box[2], w.box[3] - 4), w.confidence) for w in description[:1]]

    lines, _ = dropped_figures.reread(page, [description, upper], tesseract)

    read = [w.text for line in lines for w in line]
    assert read.count("1.719,50") == 1 and read.count("34,39") == 1


def photographed_invoice(tmp_path: Path) -> Path:
    """A credit note of our generator photographed at an angle on a desk, no dpi in the file (the
    independent corpus's `phone` damage)."""
    spec = make_spec("nota_credito", 31_001, "holdout")
    [page], _ = damage.damaged_pages(pdf_bytes(spec), "phone", random.Random("31000:grammar phone:1"))
    path = tmp_path / "foto.png"
    page.save(path)
    return path


def photo_job(tmp_path: Path) -> PageJob:
    """Reading the photographed invoice's page, as the OCR stage does."""
    return PageJob(load=images.load_frame, source=photographed_invoice(tmp_path), index=0, number=1, out_dir=tmp_path,
                   languages="ita+eng", dpi=300, fix_orientation=True, deskew=True, max_image_pixels=10**8, timeout=300)


def test_the_item_figures_of_a_photographed_invoice_are_read(tmp_path):
    result = ocr_page(photo_job(tmp_path))

    row = next(line for line in result.page.text.splitlines() if line.startswith("Progettazione impianto termico"))
    assert "-2649.48" in row.split()  # the unit price: tesseract's layout analysis dropped the row's figures
    assert result.passes[-1].endswith("lines with unread print read again")


def test_the_figures_read_again_are_in_the_page_s_searchable_text(tmp_path):
    """An archivist searching the searchable PDF for a figure found only by the second read finds it."""
    result = ocr_page(photo_job(tmp_path))

    with pdfplumber.open(result.pdf) as pdf:
        [page] = pdf.pages
        found = [w for w in page.extract_words() if w["text"] == "-2649.48"]
        assert found and "Progettazione" in page.extract_text()
        row = next(w for w in page.extract_words() if w["text"] == "Progettazione")
        assert abs(found[0]["bottom"] - row["bottom"]) < row["bottom"] - row["top"]  # on its own row


def test_a_page_whose_searchable_pdf_cannot_take_the_words_read_again_keeps_them(tmp_path, monkeypatch):
    """tesseract's PDF of the page unreadable when the second read's words are added: the page keeps them
    in its text and says that the searchable PDF misses them; it is not lost."""
    def unreadable(path, **options):
        raise pikepdf.PdfError(f"{path}: unable to find trailer dictionary")

    monkeypatch.setattr(searchable_pdf.pikepdf, "open", unreadable)
    result = ocr_page(photo_job(tmp_path))

    assert "-2649.48" in result.page.text and result.pdf.exists()
    assert result.passes[-1].startswith("words read again not added to the searchable PDF:")


def test_a_page_whose_second_look_at_its_lines_fails_keeps_its_first_reading(tmp_path, monkeypatch):
    """Tesseract failing or timing out on the stacked lines costs their figures, not the page."""
    def failing(image: Image.Image, psm: int, dpi: int, job: PageJob) -> list[list[Word]]:
        raise OcrFailed("page 1: tesseract took longer than 300 s on the lines read again")

    monkeypatch.setattr(ocr, "_read_lines", failing)
    result = ocr_page(photo_job(tmp_path))

    assert "Progettazione impianto termico" in result.page.text and "-2649.48" not in result.page.text
    assert result.passes[-1] == ("lines with unread print not read again:"
                                 " page 1: tesseract took longer than 300 s on the lines read again")


def test_a_misread_line_as_tall_as_a_picture_is_not_cut_out():
    """A garbage word's box can be a third of the page tall: cut across the page and stacked with the
    others, it made an image taller than tesseract takes (32,767 pixels), and the page failed."""
    page, description = table_row()
    garbage = [Word("~", (20, 0, 40, 200), 0.2), Word("a", (50, 85, 62, 100), 0.3), Word("b", (66, 85, 78, 100), 0.3)]
    stacks = []

    def reading(image: Image.Image, psm: int) -> list[list[Word]]:
        stacks.append(image.height)
        return tesseract(image, psm)

    lines, lines_read_again = dropped_figures.reread(page, [description, garbage], reading)

    assert lines_read_again == 1 and lines[1] == garbage
    assert stacks[0] < 200


def boxed_table() -> Image.Image:
    """A clean page of a table drawn in cells: a header and the row, each value boxed by thin rules."""
    page = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, FONT_PX)
    header = [(80, "Descrizione"), (760, "Qt."), (960, "Prezzo"), (1180, "Importo")]
    for top, row in ((40, header), (150, ROW)):
        for (left, text), right in zip(row, (740, 940, 1160, 1380)):
            draw.rectangle((left - 20, top, right, top + 80), outline=0, width=2)
            draw.text((left, top + 28), text, font=font, fill=0)
    return page


def test_a_clean_page_whose_every_word_was_read_is_not_read_again_for_its_cells_rules():
    """The rules round a table's cells cross every line's band: they are not print left unread."""
    page = boxed_table()
    lines = tesseract(page, 3)
    assert [w.text for line in lines for w in line][-6:] == ["Trasporto", "e", "consegna", "50", "34,39", "1.719,50"]

    def must_not_read(image: Image.Image, psm: int) -> list[list[Word]]:
        raise AssertionError("read again")

    assert dropped_figures.reread(page, lines, must_not_read) == (lines, 0)


def test_a_lone_quantity_of_one_a_reading_dropped_is_read_again():
    """A "1" is a single stroke, narrower than half a letter's height: alone in its column it is still print."""
    page, description = table_row()
    page.paste(255, (700, 60, 1400, 140))
    ImageDraw.Draw(page).text((760, 80), "1", font=ImageFont.truetype(SANS, FONT_PX), fill=0)

    [line], lines_read_again = dropped_figures.reread(page, [description], tesseract)

    assert lines_read_again == 1
    assert [w.text for w in line] == ["Trasporto", "e", "consegna", "1"]


def test_a_photo_desk_round_the_sheet_is_not_print_left_unread():
    """The dark desk round a photographed sheet touches every line's band: it is no reason to read
    a line whose words were all read."""
    page, _ = table_row()
    whole = [w for line in tesseract(page, 3) for w in line]
    on_desk = Image.new("L", (page.width + 200, page.height), 60)
    on_desk.paste(page, (100, 0))
    moved = [Word(w.text, (w.box[0] + 100, w.box[1], w.box[2] + 100, w.box[3]), w.confidence) for w in whole]

    def must_not_read(image: Image.Image, psm: int) -> list[list[Word]]:
        raise AssertionError("read again")

    assert dropped_figures.reread(on_desk, [moved], must_not_read) == ([moved], 0)


def test_a_rule_along_one_edge_of_the_page_does_not_hide_print_at_the_other():
    """The rules were found with np.roll, which wraps: a table's border down the right edge marked the
    ink of a figure at the left edge as a rule, and that figure was no longer print left unread."""
    page = Image.new("L", (400, 200), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((396, 0, 399, 199), fill=0)  # the border, down the right edge
    draw.rectangle((0, 80, 3, 110), fill=0)  # a "1" cut by the left edge, beside the word read
    read = Word("Totale", (100, 80, 200, 110), 0.95)

    unread, _ = dropped_figures.unread_ink(page, [read], 1)

    assert unread[80:111, :4].all()


def ruled_row(paper: int, rule: int) -> tuple[Image.Image, list[Word]]:
    """A VAT summary's row in cells drawn with RULE-pixel rules on paper of grey level PAPER, its figures
    down against the cells' bottom and right rules; and the words of a reading that dropped the figures."""
    page = Image.new("L", (1400, 260), paper)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, FONT_PX)
    bottom, words = 100 + FONT_PX + 8, []
    for left, right, text in ((40, 300, "22%"), (300, 700, "206,21"), (700, 1100, "45,37")):
        draw.rectangle((left, 60, right, bottom), outline=0, width=rule)
        x, y = (left + rule + 6 if text == "22%" else right - rule - 2 - font.getlength(text)), bottom - rule - FONT_PX - 2
        draw.text((x, y), text, font=font, fill=40)
        if text == "22%":
            x0, y0, x1, y1 = font.getbbox(text)
            words.append(Word(text, (x + x0, y + y0, x + x1, y + y1), 0.95))
    return page, words


def test_figures_against_a_cells_thick_rules_are_read_without_them():
    """Read again with its 4-pixel rules, a figure came back with the rule in it ('206,21]', '45,37|')."""
    page, rate = ruled_row(paper=255, rule=4)

    [line], lines_read_again = dropped_figures.reread(page, [rate], tesseract)

    assert lines_read_again == 1
    assert [w.text for w in line] == ["22%", "206,21", "45,37"]


def test_the_figures_of_a_photo_s_grey_paper_are_read_again():
    """Cut out on grey paper between the stack's white gaps, a row's figures were not read at all."""
    page, rate = ruled_row(paper=190, rule=2)

    [line], lines_read_again = dropped_figures.reread(page, [rate], tesseract)

    assert lines_read_again == 1
    assert [w.text for w in line] == ["22%", "206,21", "45,37"]


def test_a_blurred_bold_date_left_unread_is_not_erased_as_a_rule():
    """The bottoms of a blurred date's bold digits run two letters across: taken for a cell's rule and
    erased before the second read, the date was lost."""
    page = Image.new("L", (1400, 200), 255)
    draw = ImageDraw.Draw(page)
    font, bold = ImageFont.truetype(SANS, 18), ImageFont.truetype(SANS_BOLD, 18)
    draw.text((80, 80), "Data documento", font=font, fill=0)
    draw.text((600, 80), "14/02/2025", font=bold, fill=0)
    caption = []
    for word in ("Data", "documento"):
        x0, y0, x1, y1 = font.getbbox(word)
        left = 80 + font.getlength("Data documento"[:"Data documento".index(word)])
        caption.append(Word(word, (left + x0, 80 + y0, left + x1, 80 + y1), 0.95))

    [line], _ = dropped_figures.reread(page.filter(ImageFilter.GaussianBlur(1.0)), [caption], tesseract)

    assert [w.text for w in line] == ["Data", "documento", "14/02/2025"]
