"""Whiten the mid-grey or coloured fills that print sits on, before tesseract reads a page.

Invoices print their VAT summary's header and totals, a totals box or every
other row of a table on a fill: light grey, or a colour (green, orange, a
light blue) that a grey scan turns into a mid grey. Tesseract splits ink from
paper with one threshold for the whole page (Otsu's), and a fill that dark
falls on the ink's side: the band reads as a black bar and the figures on it
are lost (on 8 clean flatbed scans of `bench/stress_pages.py`, 4 of the 16
figures on a mid-grey fill were read; 14 once whitened).

So the page's background is found as a grey closing (the brightest pixel
around, then the darkest of those): print, whose strokes are thinner than a
letter, vanishes from it, a fill larger than a letter stays, to its edges.
Where that background is a mid grey, and a letter around it, each pixel is
divided by it, which makes the fill as white as the paper and keeps the print
on it as dark against it as it was. A band whose own shade (the median of a
letter's square) is darker than DARKEST_FILL of the paper is printed in white
(a black or dark blue totals box): left as it is, since tesseract reads
white-on-dark print by itself, and dividing would whiten the print with the
band. So is an area that holds print lighter than itself: a black band or
logo printed in white, which a faint scan leaves mid grey. Light fills
(LIGHTEST_FILL) are left too: tesseract reads print on them, and whitened,
their edges left broken rules beside the figures, which it read as dashes and
lost zebra rows by. A page with no mid-grey fill is read as it was.

The closing is worked on a copy reduced to letters of about LETTER pixels,
in numpy: 0.03 s of CPU a page, 0.08 s for a page with fills.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

LETTER = 6  # pixels: the x-height of the reduced copy the background is found on
DARKEST_FILL = 0.5  # of the paper's brightness: a darker background is a band printed in white, left alone
LIGHTEST_FILL = 0.72  # of the paper's brightness: a lighter fill (light grey, zebra rows) is read well as it is
FILL_SHARE = 0.002  # of the page: less fill than this (a few letters' worth) leaves the page as it is
LIGHT_PRINT = 0.2  # of the paper's brightness: print this much lighter than its fill is printed in white
LIGHT_PERCENTILE = 95  # of a block's pixels: its lightest print's, not a speck's
PAPER = 90  # percentile of the background that is the paper's brightness: paper covers most of a page


def without_fills(image: Image.Image, text_height: float) -> Image.Image:
    """IMAGE (grey) with its mid-grey fills as white as its paper, for print of TEXT_HEIGHT pixels'
    x-height; IMAGE itself when it has none (or no text was measured)."""
    if text_height <= 0 or image.mode != "L":
        return image
    scale = max(1, round(text_height / LETTER))
    block = max(3, round(text_height / scale))  # in the reduced copy: about a letter
    reduced = np.asarray(image.reduce(scale) if scale > 1 else image)
    background = _closed(reduced, 2 * block + 1)  # wider than any stroke: the print is gone from it
    paper = float(np.percentile(background, PAPER))
    blocks = _blocks(reduced, block)
    shade = np.median(blocks, axis=2)  # a band's own shade, whatever is printed on it
    fill = (background >= DARKEST_FILL * paper) & (background < LIGHTEST_FILL * paper)
    fill &= ~_pixels(shade < DARKEST_FILL * paper, block, reduced.shape)
    areas = _blocks(fill, block).any(axis=2) | ((shade >= DARKEST_FILL * paper) & (shade < LIGHTEST_FILL * paper))
    fill &= ~_pixels(_printed_light(areas, blocks, shade, paper), block, reduced.shape)
    if np.mean(fill) < FILL_SHARE:
        return image
    edge = 2 * (block // 2) + 1
    fill = _sliding(_sliding(fill.astype(np.uint8), edge, 0, np.maximum), edge, 1, np.maximum)  # to its edges
    background = np.where(fill > 0, background, 255).astype(np.uint8)
    full = np.asarray(Image.fromarray(background).resize(image.size, Image.Resampling.BILINEAR), dtype=np.float32)
    whitened = np.asarray(image, dtype=np.float32) * 255.0 / np.maximum(full, 1.0)
    return Image.fromarray(np.clip(whitened, 0, 255).astype(np.uint8))


def _blocks(pixels: np.ndarray, block: int) -> np.ndarray:
    """PIXELS cut in BLOCK x BLOCK squares (the last ones padded with their edge): rows x columns x pixels."""
    rows, cols = -(-pixels.shape[0] // block), -(-pixels.shape[1] // block)
    padded = np.pad(pixels, ((0, rows * block - pixels.shape[0]), (0, cols * block - pixels.shape[1])), mode="edge")
    return padded.reshape(rows, block, cols, block).transpose(0, 2, 1, 3).reshape(rows, cols, -1)


def _pixels(marked: np.ndarray, block: int, shape: tuple[int, ...]) -> np.ndarray:
    """MARKED blocks as a mask of the pixels of SHAPE they were cut from."""
    return np.repeat(np.repeat(marked, block, axis=0), block, axis=1)[:shape[0], :shape[1]]


def _printed_light(fill: np.ndarray, blocks: np.ndarray, shade: np.ndarray, paper: float) -> np.ndarray:
    """The FILL blocks (mid grey in the background or in their own shade: white print lightens the
    former) of the areas that hold print lighter than themselves: a black band or logo printed in white,
    which a faint scan leaves mid grey. Whitened, their print went with them. Seen inside an area (a
    block whose neighbours are all of it: at its edges the paper beside it is as light), and spread to
    all of it."""
    inside = _sliding(_sliding(fill.astype(np.uint8), 3, 0, np.minimum), 3, 1, np.minimum) > 0
    light = inside & (np.percentile(blocks, LIGHT_PERCENTILE, axis=2) - shade > LIGHT_PRINT * paper)
    while True:
        spread = _sliding(_sliding(light.astype(np.uint8), 3, 0, np.maximum), 3, 1, np.maximum) > 0
        spread &= fill
        if (spread == light).all():
            return light
        light = spread


def _closed(pixels: np.ndarray, window: int) -> np.ndarray:
    """PIXELS' grey closing by a square WINDOW (odd): the darkest of the brightest around each pixel.
    Dark details narrower than the window (print) are gone; larger dark areas (fills) keep their edges."""
    closed = pixels
    for extreme in (np.maximum, np.minimum):
        for axis in (0, 1):
            closed = _sliding(closed, window, axis, extreme)
    return closed


def _sliding(pixels: np.ndarray, window: int, axis: int, extreme: np.ufunc) -> np.ndarray:
    """EXTREME (np.maximum or np.minimum) of PIXELS over WINDOW (odd) pixels centred on each, along AXIS,
    the edges repeated: van Herk's running extremes of blocks of WINDOW, a few array passes whatever its size."""
    moved = np.moveaxis(pixels, axis, -1)
    length, half = moved.shape[-1], window // 2
    padded_length = -(-(length + 2 * half) // window) * window
    padded = np.pad(moved, [(0, 0)] * (moved.ndim - 1) + [(half, padded_length - length - half)], mode="edge")
    blocks = padded.reshape(*moved.shape[:-1], -1, window)
    ahead = extreme.accumulate(blocks, axis=-1).reshape(padded.shape)  # from each block's start to here
    behind = extreme.accumulate(blocks[..., ::-1], axis=-1)[..., ::-1].reshape(padded.shape)  # from here to its end
    return np.moveaxis(extreme(behind[..., :length], ahead[..., window - 1:window - 1 + length]), -1, axis)
