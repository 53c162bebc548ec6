"""Low-resolution scans (100-120 dpi), on pages made here.

A dense table scanned at 100 dpi (tight rows, columns of right-aligned figures)
was taken for a page scanned sideways: its columns made a sharper profile than
its tight lines, so its text height was measured across the columns (11-22
pixels instead of 9), the page was not enlarged and tesseract detected its
orientation instead: half of its figures were lost.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from demat.extractors import images, legibility, scan_cleanup
from demat.extractors.ocr import PageJob, ocr_page

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_PX, ROW_PX = 11, 15  # 8 pt print at 100 dpi, rows 3.8 mm apart
ROWS = 40
COLUMNS = (480, 620, 770)  # right edges of the figures' columns, in pixels of an A4 page 827 wide


def amount(rng: random.Random) -> str:
    cents = rng.randrange(10_000, 999_999)
    return f"{cents // 100:,}".replace(",", ".") + f",{cents % 100:02d}"


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
    scanned = page.rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.35))
    buffer = io.BytesIO()
    scanned.save(buffer, "JPEG", quality=50)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L"), figures


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
    path = tmp_path / "table.png"
    page.save(path, dpi=(100, 100))
    job = PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=tmp_path / "ocr",
                  languages="ita+eng", dpi=300, fix_orientation=True, deskew=True, max_image_pixels=120_000_000,
                  timeout=120)

    read = set(ocr_page(job).page.text.split())

    assert sum(figure in read for figure in figures) >= 0.75 * len(figures)  # 100 of 120; 60 before
