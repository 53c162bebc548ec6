"""OCR that adapts the image to tesseract: small text enlarged, faint print cleaned, the better reading kept.

Real tesseract on images made here: a till receipt photographed small and
faint (no resolution in the file), a normal 300 dpi page, a blank sheet.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pdfplumber
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from demat.extractors import images, legibility, scan_cleanup, text
from demat.extractors.ocr import PageJob, ocr_page
from demat.kernel.config import load_config
from demat.kernel.document import Document, StageContext
from demat.pipeline.executor import SerialExecutor

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PARTITA_IVA = "02345670018"
RECEIPT = [
    "SUPERMERCATO BIANCHI S.R.L.",
    "VIA GARIBALDI 12 - 20121 MILANO",
    f"P.IVA {PARTITA_IVA}",
    "DOCUMENTO COMMERCIALE",
    "di vendita o prestazione",
    "",
    "PANE INTEGRALE        2,40",
    "LATTE FRESCO          1,65",
    "CAFFE MACINATO        4,90",
    "DETERSIVO PIATTI      3,15",
    "",
    "TOTALE COMPLESSIVO   12,10",
    "PAGAMENTO CONTANTI   20,00",
    "RESTO                 7,90",
]
RECEIPT_SIZE = (600, 1100)
RECEIPT_FONT_PX = 13
RECEIPT_LEFT, RECEIPT_TOP, RECEIPT_STEP = 30, 40, 21


def receipt() -> Image.Image:
    """A thermal till receipt photographed small: 13-pixel letters, grey print on grey paper, blur, noise."""
    image = Image.new("L", RECEIPT_SIZE, 205)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(MONO, RECEIPT_FONT_PX)
    for i, line in enumerate(RECEIPT):
        draw.text((RECEIPT_LEFT, RECEIPT_TOP + i * RECEIPT_STEP), line, font=font, fill=150)
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(0.7)), dtype=np.float32)
    pixels += np.random.default_rng(7).normal(0, 4, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def ink_box(line: int, word: str) -> tuple[int, int, int, int]:
    """Where WORD of receipt line LINE was drawn, in the image's pixels."""
    font = ImageFont.truetype(MONO, RECEIPT_FONT_PX)
    before = RECEIPT[line][:RECEIPT[line].index(word)]
    left = RECEIPT_LEFT + font.getlength(before)
    x0, y0, x1, y1 = font.getbbox(word)
    top = RECEIPT_TOP + line * RECEIPT_STEP
    return (round(left + x0), top + y0, round(left + x1), top + y1)


def page_job(path: Path, out_dir: Path, **settings) -> PageJob:
    """The job the image extractor makes for a file dropped in the inbox."""
    return PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=out_dir,
                   languages="ita+eng", dpi=300, fix_orientation=settings.get("fix_orientation", True),
                   deskew=True, max_image_pixels=10**8, timeout=120)


@pytest.fixture(scope="module")
def receipt_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("receipt") / "scontrino.png"
    receipt().save(path)  # no dpi in the file, like a phone's screenshot or a web upload
    return path


def test_plain_tesseract_reads_nothing_from_the_small_faint_receipt(receipt_file):
    read = pytesseract.image_to_string(str(receipt_file), lang="ita+eng")
    assert "TOTALE" not in read and PARTITA_IVA not in read
    assert len(read.split()) < 5


def test_demat_reads_the_total_and_the_partita_iva_of_the_small_faint_receipt(receipt_file, tmp_path):
    result = ocr_page(page_job(receipt_file, tmp_path))

    # Enlarged, the noisy grey print still reads as noise: cleaned, it reads, and that reading is kept.
    first, second = result.passes
    assert first.startswith("enlarged x") and not first.endswith("(kept)")
    assert second.startswith(first.split(",")[0] + ", cleaned") and second.endswith("(kept)")
    lines = result.page.text.splitlines()
    assert "TOTALE COMPLESSIVO 12,10" in lines
    assert f"P.IVA {PARTITA_IVA}" in lines
    assert "PAGAMENTO CONTANTI 20,00" in lines


def test_word_boxes_of_an_enlarged_page_are_in_the_page_points(receipt_file, tmp_path):
    ctx = StageContext(config=load_config(tmp_path, environ={}), executor=SerialExecutor(), work_dir=tmp_path / "work")
    doc = text.run(Document(path=receipt_file, original_name=receipt_file.name), ctx)

    [page] = doc.pages
    points = 72 / images.page_resolution(receipt())  # the file says no dpi: the image is taken as A4
    assert (page.width, page.height) == pytest.approx((600 * points, 1100 * points), abs=0.5)
    for line, word in [(11, "TOTALE"), (2, PARTITA_IVA), (12, "20,00")]:
        found = next(w for w in page.words if w.text == word)
        assert found.box == pytest.approx([v * points for v in ink_box(line, word)], abs=2.5)
    with pdfplumber.open(doc.searchable_pdf) as pdf:
        shown = pdf.pages[0]
        assert (float(shown.width), float(shown.height)) == pytest.approx((page.width, page.height), abs=0.5)
        selectable = next(w for w in shown.extract_words() if w["text"] == "TOTALE")
    totale = next(w for w in page.words if w.text == "TOTALE")
    assert (selectable["x0"], selectable["top"]) == pytest.approx(totale.box[:2], abs=3)


def test_a_normal_300_dpi_page_is_read_once_as_scanned(tmp_path):
    page = Image.new("L", (2480, 900), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, 42)  # 10 pt at 300 dpi
    for i, line in enumerate(["Fattura numero 2024/153 del 14 marzo 2024",
                              "Totale documento euro 1.471,60",
                              "Pagamento con bonifico bancario a 30 giorni"]):
        draw.text((240, 240 + i * 120), line, font=font, fill=20)
    path = tmp_path / "fattura.png"
    page.save(path, dpi=(300, 300))

    result = ocr_page(page_job(path, tmp_path / "ocr"))

    assert result.passes == ("as scanned (kept)",)
    assert "Totale documento euro 1.471,60" in result.page.text
    assert sorted(p.name for p in (tmp_path / "ocr").iterdir()) == ["page-00001.pdf"]


def test_a_blank_sheet_is_read_once(tmp_path):
    noise = np.random.default_rng(3).normal(235, 4, (1400, 1000))
    path = tmp_path / "bianca.png"
    Image.fromarray(np.clip(noise, 0, 255).astype(np.uint8)).save(path)

    result = ocr_page(page_job(path, tmp_path / "ocr"))

    assert result.passes == ("as scanned (kept)",)
    assert result.page.words == []


def test_text_height_is_measured_before_ocr_faint_or_not():
    def lines(font_px: int, ink: int, paper: int) -> Image.Image:
        image = Image.new("L", (1200, 900), paper)
        draw = ImageDraw.Draw(image)
        font = ImageFont.truetype(SANS, font_px)
        for i in range(8):
            draw.text((50, 40 + i * font_px * 2), "fattura numero centoquarantasette emessa oggi", font=font, fill=ink)
        return image

    small, large = (scan_cleanup.inspect(lines(px, 0, 255)).text_height for px in (16, 40))
    x_height = 0.55  # of DejaVu Sans, in ems
    assert small == pytest.approx(16 * x_height, abs=1.5)
    assert large == pytest.approx(40 * x_height, abs=1.5)
    assert scan_cleanup.inspect(lines(16, 170, 215)).text_height == pytest.approx(small, abs=1.5)


def test_small_text_is_enlarged_towards_the_size_tesseract_reads_best():
    assert legibility.upscale_factor(0.0, (600, 1100)) == 1  # no text seen
    assert legibility.upscale_factor(21.0, (2480, 3508)) == 1
    assert legibility.upscale_factor(7.0, (600, 1100)) == 4  # 28 pixels, where x3 gives 21
    assert legibility.upscale_factor(9.0, (600, 1100)) == 3
    assert legibility.upscale_factor(3.0, (600, 1100)) == legibility.MAX_FACTOR
    assert legibility.upscale_factor(5.0, (4000, 6000)) == 1  # already 24 Mpx: no room to enlarge


def test_cleaning_evens_out_the_light_of_a_photo():
    ys, xs = np.mgrid[0:400, 0:600]
    light = 250 - 120 * xs / 600  # lit from the left
    photo = light.copy()
    photo[190:210, 100:500] *= 0.6  # a dark stroke, 40% darker than its paper all along
    cleaned = np.asarray(legibility.clean(Image.fromarray(photo.astype(np.uint8))), dtype=np.float32)

    paper, stroke = cleaned[50:150, 50:550], cleaned[197:203, 150:450]
    assert paper.max() - paper.min() < 20  # the paper is evenly white...
    assert stroke.max() < paper.min() - 60  # ...and the stroke darker than any of it
    assert scan_cleanup.inspect(Image.fromarray(photo.astype(np.uint8))).uneven_light  # read cleaned first
    assert not scan_cleanup.inspect(receipt()).uneven_light  # grey, but evenly so
