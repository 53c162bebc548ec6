"""Figures printed on a mid-grey or coloured fill are read (`extractors/fills.py`).

A VAT summary's totals row on a band of colour, scanned grey, fell on the ink's
side of tesseract's one threshold for the page: the row read as a black bar and
its figures were lost. Here a real tesseract reads a clean flatbed scan of a page
drawn here with such a band, a band printed in white beside it.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image

from demat.extractors import fills, images
from demat.extractors.ocr import PageJob, ocr_page
from demat.samples.grammar import damage
from demat.samples.grammar.sheet import Sheet, pdf_bytes

FILL = 0.55  # a green or orange band, scanned grey
DARK = 0.2  # a dark blue band, printed in white
FIGURES = ("12.704,18", "2.794,92")


def summary_page() -> bytes:
    """An invoice's VAT summary: rows on paper, its totals row on a mid-grey fill, the total due in white on a
    dark band."""
    sheet = Sheet("DejaVuSans")
    sheet.text(15, 20, "Officine Meccaniche Rossi S.r.l. - Via Roma 12 - 20121 Milano", 10)
    sheet.text(15, 26, "Fattura n. 118/A del 12/03/2025", 10)
    y = 40.0
    for caption, taxable, vat in (("Aliquota", "Imponibile", "Imposta"), ("IVA 22%", "9.861,15", "2.169,45"),
                                  ("IVA 10%", "2.843,03", "284,30")):
        sheet.text(17, y + 4.5, caption, 10)
        sheet.text(120, y + 4.5, taxable, 10, align="r")
        sheet.text(190, y + 4.5, vat, 10, align="r")
        y += 6.5
    sheet.box(15, y, 180, 6.5, 0.3, fill=FILL)
    sheet.text(17, y + 4.7, "Totali", 10, bold=True)
    for x, figure in zip((120, 190), FIGURES):
        sheet.text(x, y + 4.7, figure, 10, bold=True, align="r")
    sheet.box(15, y + 12, 180, 8, 0.3, fill=DARK)
    sheet.text(18, y + 17.5, "TOTALE DA PAGARE", 11, bold=True, grey=1.0)
    sheet.text(192, y + 17.5, "€ 15.499,10", 11, bold=True, align="r", grey=1.0)
    sheet.text(15, y + 30, "Pagamento: bonifico bancario a 30 giorni data fattura", 10)
    return pdf_bytes([sheet], "fills")


def read(tmp_path: Path) -> str:
    pages, dpi = damage.damaged_pages(summary_page(), "flatbed", random.Random(3))
    path = tmp_path / "scan.png"
    pages[0].save(path, dpi=(dpi, dpi))
    job = PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=tmp_path, languages="ita+eng",
                  dpi=300, fix_orientation=True, deskew=True, max_image_pixels=120_000_000, timeout=120)
    return ocr_page(job).page.text


def test_figures_on_a_mid_grey_fill_are_read_and_a_band_printed_in_white_still_is(tmp_path):
    text = read(tmp_path)

    for figure in FIGURES:
        assert figure in text
    assert "15.499,10" in text


def test_a_page_without_fills_is_left_as_it_is():
    page = Image.new("L", (800, 400), 250)
    page.paste(0, (100, 100, 300, 112))  # a line's worth of print
    page.paste(225, (100, 200, 700, 260))  # a light grey fill: read well as it is

    assert fills.without_fills(page, 12.0) is page


def test_a_fill_becomes_paper_and_the_print_on_it_stays_dark():
    page = Image.new("L", (800, 400), 250)
    page.paste(140, (50, 150, 750, 250))
    page.paste(10, (100, 190, 103, 210))  # a stroke of print on the fill

    whitened = fills.without_fills(page, 12.0)

    assert whitened.getpixel((400, 200)) >= 245 and whitened.getpixel((101, 200)) <= 30
    assert whitened.getpixel((400, 50)) >= 245


def test_a_band_printed_in_white_that_a_faint_scan_left_mid_grey_is_left_as_it_is():
    page = Image.new("L", (800, 400), 250)
    page.paste(0, (100, 60, 300, 72))  # a line's worth of print
    page.paste(140, (50, 150, 750, 250))  # a black band, faint: mid grey
    for left in range(100, 700, 30):
        page.paste(245, (left, 190, left + 4, 210))  # its white print

    assert fills.without_fills(page, 12.0) is page
