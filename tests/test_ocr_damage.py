"""Scan damage that used to hide a page's text from `scan_cleanup.inspect`, on images made here.

A fax or a black-and-white scan has two grey levels and a sprinkle of
speckles; before, its ink was not seen at all (no skew measured, no text
height, so no enlargement), or its lines merged through the speckles.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from demat.extractors import scan_cleanup

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
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
