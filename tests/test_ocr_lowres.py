"""Low-resolution scans (100-120 dpi), on pages made here.

A dense table scanned at 100 dpi (tight rows, columns of right-aligned figures)
was taken for a page scanned sideways: its columns made a sharper profile than
its tight lines, so its text height was measured across the columns (11-22
pixels instead of 9), the page was not enlarged and tesseract detected its
orientation instead: half of its figures were lost.

A page of framed values and a ruled table at 100 dpi was measured by its
frames: the rules joined its lines into runs as tall as the boxes, its text
height came out 13 pixels instead of 7, and it was read as scanned, not
enlarged: three of its 35 figures were lost even to a lenient reader.

An invoice page of what real ones carry (values in tight frames, bold totals
on a grey fill, a logo, fine print) at 100 dpi, its 10 pt print measured 10
pixels high (blur and JPEG spread its lines' cores), was not small enough to
be enlarged: read as scanned it lost a name in its frame, the supplier's name
beside the logo, the IBAN in its footer. A page scanned below 150 dpi is now
enlarged to the target size whatever its print measures, at least to 300 dpi.
The same scan in a PDF was drawn at 300 dpi, its pixels repeated into steps,
and read so: it is rendered at its own 100 dpi now, and enlarged smoothly.

A last page whose only print is a title and a 6.5 pt footer in its margins
(which `inspect` leaves out) measured no text at all, and was read as scanned
at 100 dpi: its number, date, P.IVA and IBAN came back misread. Its greys are
few because its print is, so at 6 pt it was taken for a fax besides, and
despeckled and softened into noise once enlarged.
"""

from __future__ import annotations

import io
import random
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from bench import legible
from bench.stress_pages import stress_page
from demat.extractors import images, legibility, pdf, scan_cleanup
from demat.extractors.ocr import PageJob, ocr_page
from demat.samples.grammar import damage

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_PX, ROW_PX = 11, 15  # 8 pt print at 100 dpi, rows 3.8 mm apart
CAPTION_PX = 8  # a framed value's caption: 6 pt at 100 dpi
ROWS = 40
COLUMNS = (480, 620, 770)  # right edges of the figures' columns, in pixels of an A4 page 827 wide


def amount(rng: random.Random) -> str:
    cents = rng.randrange(10_000, 999_999)
    return f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


def scanned_at_100_dpi(page: Image.Image, angle: float = 0.5) -> Image.Image:
    """PAGE turned by ANGLE degrees and blurred, saved as JPEG: a low-resolution scan of it."""
    scanned = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.35))
    buffer = io.BytesIO()
    scanned.save(buffer, "JPEG", quality=50)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def read_at_100_dpi(page: Image.Image, folder: Path) -> set[str]:
    """The words demat's OCR reads on PAGE, an image saved at 100 dpi."""
    return set(text_at_100_dpi(page, folder).split())


def text_at_100_dpi(page: Image.Image, folder: Path) -> str:
    """The text demat's OCR reads on PAGE, an image saved at 100 dpi."""
    path = folder / "page.png"
    page.save(path, dpi=(100, 100))
    job = PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=folder / "ocr",
                  languages="ita+eng", dpi=300, fix_orientation=True, deskew=True, max_image_pixels=120_000_000,
                  timeout=120)
    return ocr_page(job).page.text


def figures_read(text: str) -> set[str]:
    """The digits of each word of TEXT and of each two neighbours joined, as a person checks a figure read
    with a stray mark or space in it (`9.206, 31`, `8.211,71|`)."""
    words = [re.sub(r"\D", "", word) for word in text.split()]
    return {word for word in words if word} | {a + b for a, b in zip(words, words[1:]) if a and b}


def dense_table() -> tuple[Image.Image, list[str]]:
    """Rows of an article's code and three figures, scanned at 100 dpi: a little turned and blurred, JPEG."""
    rng = random.Random(3)
    page = Image.new("L", (827, 120 + ROWS * ROW_PX), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, FONT_PX)
    figures = []
    for row in range(ROWS):
        y = 60 + row * ROW_PX
        draw.text((60, y), f"{rng.randrange(10000, 99999)} articolo", font=font, fill=0)
        for right in COLUMNS:
            figures.append(amount(rng))
            draw.text((right - draw.textlength(figures[-1], font=font), y), figures[-1], font=font, fill=0)
    return scanned_at_100_dpi(page), figures


@pytest.fixture(scope="module")
def table() -> tuple[Image.Image, list[str]]:
    return dense_table()


def test_a_dense_table_is_seen_upright_with_its_small_text(table):
    inspection = scan_cleanup.inspect(table[0])

    assert not inspection.sideways
    assert inspection.skew == pytest.approx(-0.5, abs=0.2)
    assert 0 < inspection.text_height < legibility.SMALL_TEXT  # so it is enlarged before it is read


def test_a_dense_table_turned_sideways_is_still_seen_so(table):
    assert scan_cleanup.inspect(table[0].rotate(90, expand=True)).sideways


def test_the_figures_of_a_dense_table_at_100_dpi_are_read(table, tmp_path: Path):
    page, figures = table

    read = read_at_100_dpi(page, tmp_path)

    assert sum(figure in read for figure in figures) >= 0.75 * len(figures)  # 100 of 120; 60 before


def framed_page(angle: float = 0.4) -> tuple[Image.Image, list[str]]:
    """An invoice's framed particulars, a ruled table of figures under a black caption row and framed totals,
    the frames two or three pixels from the letters, scanned at 100 dpi turned by ANGLE degrees; and its values."""
    rng = random.Random(5)
    page = Image.new("L", (827, 1170), 255)
    draw = ImageDraw.Draw(page)
    body, small, bold = (ImageFont.truetype(SANS, FONT_PX), ImageFont.truetype(SANS, CAPTION_PX),
                         ImageFont.truetype(SANS_BOLD, FONT_PX))
    values = [f"{rng.randrange(100, 999)}/FE", "14.03.2025", "30.04.2025", f"C{rng.randrange(1000, 9999)}"]
    left = 90
    for caption, value in zip(("Fattura n.", "Data", "Scadenza", "Codice cliente"), values):
        width = max(draw.textlength(value, font=bold), draw.textlength(caption, font=small)) + 6
        draw.text((left + 3, 182), caption, font=small, fill=0)
        draw.text((left + 3, 193), value, font=bold, fill=0)
        draw.rectangle((left, 180, left + width, 210), outline=0)
        left += width + 8
    top, row, rows = 250, 18, 14
    draw.rectangle((90, top, 740, top + row), fill=0)
    for left, caption in ((95, "Descrizione"), (560, "Prezzo"), (680, "Importo")):
        draw.text((left, top + 3), caption, font=bold, fill=255)
    for n in range(1, rows + 1):
        draw.text((95, top + n * row + 3), f"Articolo {rng.randrange(10000, 99999)} fornitura", font=body, fill=0)
        for right in (610, 735):
            values.append(amount(rng))
            draw.text((right - draw.textlength(values[-1], font=body), top + n * row + 3), values[-1], font=body, fill=0)
        draw.line((90, top + (n + 1) * row, 740, top + (n + 1) * row), fill=0)
    for left in (90, 500, 620, 740):
        draw.line((left, top, left, top + (rows + 1) * row), fill=0)
    for n, caption in enumerate(("Imponibile", "IVA 22%", "Totale documento")):
        y = top + (rows + 1) * row + 20 + n * 22
        values.append(amount(rng))
        draw.rectangle((500, y, 740, y + 19), outline=0)
        draw.text((504, y + 3), caption, font=body, fill=0)
        draw.text((735 - draw.textlength(values[-1], font=bold), y + 3), values[-1], font=bold, fill=0)
    return scanned_at_100_dpi(page, angle), values


@pytest.mark.parametrize("angle", [0.2, 0.4, -0.4])
def test_a_page_of_frames_and_rules_is_measured_by_its_letters(angle):
    """(Turned 0.7 degrees, the table's rules cut into rows of a pixel or two measure 1 pixel, as before:
    such a page is enlarged x4, more than it needs, and read.)"""
    page, _ = framed_page(angle)

    # letters 11 pixels high (x-height 6), blurred: 7; 13 before, the frames' height
    assert 5 <= scan_cleanup.inspect(page).text_height < legibility.SMALL_TEXT


def test_the_values_of_a_page_of_frames_and_rules_at_100_dpi_are_read(tmp_path: Path):
    page, values = framed_page()

    read = figures_read(text_at_100_dpi(page, tmp_path))
    assert sum(re.sub(r"\D", "", value) in read for value in values) >= 34  # of 35; 32 before, read as scanned


def test_a_scan_below_150_dpi_is_coarse_unless_it_is_a_photo():
    assert legibility.is_coarse_scan(100, uneven_light=False) and legibility.is_coarse_scan(120, uneven_light=False)
    assert not legibility.is_coarse_scan(150, uneven_light=False)  # a fax's fine mode, a flatbed's 200-300: measured
    assert not legibility.is_coarse_scan(110, uneven_light=True)  # a photo: its resolution a guess, its letters blurred
    assert legibility.upscale_factor(10.0, (827, 1170)) == 1  # not small by its measure
    assert legibility.upscale_factor(10.0, (827, 1170), coarse_dpi=100) == 3  # 30 pixels, where x2 gives 20
    assert legibility.upscale_factor(11.0, (993, 1404), coarse_dpi=120) == 3  # 300 dpi, though x2 makes it 22


MARGIN_LINES = ("Fattura n. 2025/118 del 14/03/2025",
                "Rossi Forniture S.r.l. - Via Roma 12, 20121 Milano - P.IVA 01234567890",
                "IBAN IT60X0542811101000000123456 - Banca Popolare - Cap. soc. 10.000,00", "Pagina 2 di 2")


def margins_only_page(font_px: int = 9) -> Image.Image:
    """A last page scanned at 100 dpi whose only print is a title line and a footer of FONT_PX (9: 6.5 pt), in its
    top and bottom tenths (`inspect` leaves a page's outer tenth out: a photo's desk, a lid's shadow)."""
    page = Image.new("L", (827, 1169), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, font_px)
    draw.text((100, 47), MARGIN_LINES[0], font=font, fill=0)
    for i, line in enumerate(MARGIN_LINES[1:]):
        draw.text((100, 1087 + 13 * i), line, font=font, fill=0)
    return scanned_at_100_dpi(page, angle=0.0)


def test_a_page_whose_print_is_all_in_its_margins_is_measured_there():
    page = margins_only_page()
    text_height = scan_cleanup.inspect(page).text_height

    assert text_height == pytest.approx(7, abs=1.5)  # 6.5 pt's digits and capitals; 0 before: not enlarged
    assert legibility.upscale_factor(text_height, page.size, coarse_dpi=100) >= 3


def test_a_grey_scan_of_a_few_lines_is_not_taken_for_a_fax():
    page = margins_only_page(8)  # 6 pt: next to no grey on the page, because next to no print
    assert not legibility.is_black_and_white(page)  # before: a fax, despeckled and softened to noise


def test_the_fine_print_of_a_coarse_scan_of_a_few_lines_is_read(tmp_path: Path):
    text = legible.Text(text_at_100_dpi(margins_only_page(), tmp_path))

    assert text.holds("number", "2025/118") and text.holds("date", "2025-03-14")
    assert text.holds("supplier_vat", "01234567890") and text.holds("iban", "IT60X0542811101000000123456")
    # before: read as scanned, `Fattura n. 2025/228 del 24/03/2025`, `P.IVA 01224567890`, `IBAN '60X05...`


@pytest.mark.parametrize("seed", [17, 27])
def test_an_invoice_scanned_at_100_dpi_whose_print_measures_10_pixels_is_read_whole(seed: int, tmp_path: Path):
    page = stress_page(seed, summary=False)
    scan = damage.lowres(damage.rasterise(page.pdf, 100)[0], random.Random(seed))
    assert scan_cleanup.inspect(scan).text_height >= legibility.SMALL_TEXT

    text = legible.Text(text_at_100_dpi(scan, tmp_path))

    lost = [value.value for value in page.values
            if not all(text.holds(value.field, searched) for searched in legible.searched_values(value.field, value.value))]
    assert lost == []  # before: the supplier's name beside its logo and the IBAN in fine print (17), a framed name (27)


def test_an_invoice_scanned_at_100_dpi_in_a_pdf_is_rendered_as_it_is_and_read_whole(tmp_path: Path):
    page = stress_page(8, summary=False)
    path = tmp_path / "scan.pdf"
    damage.lowres(damage.rasterise(page.pdf, 100)[0], random.Random(8)).save(path, "PDF", resolution=100)
    document = pdfium.PdfDocument(str(path))
    dpi = pdf.render_dpi(document[0], 300)
    document.close()
    assert dpi == 100  # 300 before

    job = PageJob(load=pdf.render_page, source=path, index=0, number=1, out_dir=tmp_path / "ocr", languages="ita+eng",
                  dpi=dpi, fix_orientation=True, deskew=True, max_image_pixels=120_000_000, timeout=120)
    text = legible.Text(ocr_page(job).page.text)

    assert [value.value for value in page.values if not all(
        text.holds(value.field, searched) for searched in legible.searched_values(value.field, value.value))] == []
    # before: the supplier's P.IVA and the IBAN in fine print, a figure of the ruled table
