"""Faxes and black-and-white scans, on images made here.

A fax has two grey levels, ragged edges and a sprinkle of speckles; before,
`scan_cleanup.inspect` did not see its ink at all (no skew measured, no text
height, so no enlargement), or its lines merged through the speckles; and its
ragged small print is now softened and enlarged (what that gains is measured
by `bench/ocr.py`, "grammar fax"). Before, its speckles were softened and
enlarged with it, into grey blobs beside the figures: amounts came back with a
stray mark in them or not at all; now they are taken away first.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from demat.extractors import images, legibility, scan_cleanup
from demat.extractors.ocr import PageJob, ocr_page

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf"
X_HEIGHT = 0.55  # of DejaVu Sans, in ems
FONT_PX = 20  # 10 pt at 150 dpi, a fax's fine resolution
LINES = ["Fattura numero 2024/153 del 14 marzo 2024", "Partita IVA 02345670018 codice cliente 4471",
         "Totale documento euro 1.471,60 scadenza 30 giorni"]


def fax(angle: float, speckles: float) -> Image.Image:
    """A page 1,240 pixels wide (A4 at 150 dpi) in two levels, turned by ANGLE degrees, with a share of SPECKLES."""
    page = Image.new("L", (1240, 1000), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SANS, FONT_PX)
    for i in range(12):
        draw.text((80, 60 + i * 2 * FONT_PX), LINES[i % len(LINES)], font=font, fill=0)
    pixels = np.asarray(page.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255))
    dots = np.random.default_rng(5).random(pixels.shape) < speckles
    return Image.fromarray(np.where((pixels < 128) | dots, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("mode", ["L", "1"])
def test_the_ink_of_a_two_level_page_is_seen(mode):
    inspection = scan_cleanup.inspect(fax(1.2, 0.0).convert(mode))

    assert inspection.skew == pytest.approx(-1.2, abs=0.3)  # turned back the other way
    assert inspection.text_height == pytest.approx(FONT_PX * X_HEIGHT, abs=1.5)
    assert not inspection.maybe_not_upright


def test_speckles_between_the_lines_do_not_merge_them():
    inspection = scan_cleanup.inspect(fax(-0.8, 0.002))

    assert inspection.skew == pytest.approx(0.8, abs=0.3)
    assert inspection.text_height == pytest.approx(FONT_PX * X_HEIGHT, abs=1.5)



def test_a_fax_with_small_text_is_softened_and_enlarged_towards_the_target_height():
    page = fax(0.0, 0.002)
    inspection = scan_cleanup.inspect(page)

    assert legibility.is_black_and_white(page) and legibility.is_black_and_white(page.convert("1"))
    assert legibility.upscale_factor(inspection.text_height, page.size) == 1  # 11 pixels: not small for a grey scan
    assert legibility.upscale_factor(inspection.text_height, page.size, black_and_white=True) == 2
    softened = np.asarray(legibility.soften(page))
    assert np.mean((softened > 0) & (softened < 255)) > 0.02  # the strokes' edges are grey now


AMOUNTS = ["1.829,01", "402,38", "2.230,96", "158,55", "1.719,50", "217,71", "87,16", "7,15", "9,05", "6,18"]


def grainy_fax(seed: int) -> Image.Image:
    """Ten lines of amounts in a small serif face, sent by fax: the paper's grain thresholded into
    ragged strokes, and speckles (0.3% of the pixels) all over the page."""
    page = Image.new("L", (1240, 900), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SERIF, 16)
    for i, amount in enumerate(AMOUNTS):
        draw.text((100, 60 + i * 48), f"Riga {i + 1} imponibile {amount} aliquota 22%", font=font, fill=0)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(page, dtype=np.float32) + rng.normal(0, 40, (page.height, page.width))
    return Image.fromarray(np.where((pixels < 150) | (rng.random(pixels.shape) < 0.003), 0, 255).astype(np.uint8))


def test_despeckling_takes_the_lone_dots_away_and_keeps_every_stroke():
    print_only = np.asarray(fax(0.0, 0.0))
    dotted = print_only.copy()
    rng = np.random.default_rng(3)
    rows, cols = rng.integers(2, 998, 3000).tolist(), rng.integers(2, 1238, 3000).tolist()
    for row, col in zip(rows, cols):
        if (dotted[row - 1:row + 2, col - 1:col + 2] == 255).all():  # a dot on bare paper, by itself
            dotted[row, col] = 0
    assert (dotted != print_only).sum() > 2000

    assert np.array_equal(np.asarray(legibility.despeckle(Image.fromarray(dotted))), print_only)


def test_despeckling_takes_the_pairs_of_dots_away_too():
    print_only = np.asarray(fax(0.0, 0.0))  # its full stops and i's dots are print: they stay
    dotted = print_only.copy()
    rng = np.random.default_rng(4)
    rows, cols = rng.integers(2, 997, 3000).tolist(), rng.integers(2, 1237, 3000).tolist()
    steps = [(0, 1), (1, 0), (1, 1), (1, -1)]  # the second dot beside, below or aslant of the first
    for row, col, (dy, dx) in zip(rows, cols, (steps[i % 4] for i in range(3000))):
        if (dotted[row - 2:row + 3, col - 2:col + 3] == 255).all():  # two dots on bare paper, by themselves
            dotted[row, col] = dotted[row + dy, col + dx] = 0
    assert (dotted != print_only).sum() > 2000

    assert np.array_equal(np.asarray(legibility.despeckle(Image.fromarray(dotted))), print_only)


def test_the_amounts_of_a_speckled_fax_are_read(tmp_path):
    path = tmp_path / "fax.png"
    grainy_fax(0).save(path, dpi=(150, 150))
    job = PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=tmp_path, languages="ita+eng",
                  dpi=300, fix_orientation=True, deskew=True, max_image_pixels=10**8, timeout=120)

    result = ocr_page(job)

    words = result.page.text.split()
    assert sum(amount in words for amount in AMOUNTS) >= 9  # 7 of 10 before, speckles softened with the print
    assert result.passes[0].startswith("despeckled, softened, enlarged x3")


def test_a_fax_saved_as_jpeg_is_read_as_a_fax(tmp_path):
    path = tmp_path / "fax.tif"  # as scanners and fax servers file it: JPEG inside a TIFF (or a PDF)
    grainy_fax(0).save(path, "TIFF", compression="jpeg", quality=55, dpi=(150, 150))
    job = PageJob(load=images.load_frame, source=path, index=0, number=1, out_dir=tmp_path, languages="ita+eng",
                  dpi=300, fix_orientation=True, deskew=True, max_image_pixels=10**8, timeout=120)

    result = ocr_page(job)

    assert result.passes[0].startswith("despeckled, softened, enlarged")  # before: read as a grey page, as scanned
    words = result.page.text.split()
    assert sum(amount in words for amount in AMOUNTS) >= 9


def test_grey_pages_are_not_taken_for_faxes():
    grey = np.asarray(fax(0.0, 0.0), dtype=np.float32) * 0.7 + 40  # the same print on grey paper
    assert not legibility.is_black_and_white(Image.fromarray(grey.astype(np.uint8)))
    assert not legibility.is_black_and_white(Image.new("L", (100, 100), 128))


def photo_on_a_desk() -> Image.Image:
    """An upright sheet photographed on a darker desk: the desk shows all round it, the light falls off."""
    sheet = Image.new("L", (1000, 1400), 245)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(SANS, FONT_PX)
    for i in range(20):
        draw.text((90, 120 + i * 2 * FONT_PX), LINES[i % len(LINES)], font=font, fill=40)
    photo = Image.new("L", (1160, 1560), 120)
    photo.paste(sheet, (80, 80))
    light = np.linspace(0.75, 1.0, photo.width, dtype=np.float32)[None, :]
    return Image.fromarray((np.asarray(photo, dtype=np.float32) * light).astype(np.uint8))


def test_the_desk_round_a_photographed_sheet_does_not_make_it_look_sideways():
    inspection = scan_cleanup.inspect(photo_on_a_desk())

    assert not inspection.sideways
    assert inspection.text_height == pytest.approx(FONT_PX * X_HEIGHT, abs=1.5)
    assert inspection.uneven_light
