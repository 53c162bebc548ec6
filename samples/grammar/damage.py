"""Scanned copies of a grammar document, damaged the ways paper gets damaged.

Recipes: `flatbed` (skew, blur, paper grain, JPEG), `faint` (toner running out),
`lowres` (100-120 dpi), `fax` (two levels, speckles), `phone` (a photo taken at
an angle under uneven light, no DPI), `thermal` (a small faded receipt image,
~600 px wide, no DPI). No text layer survives.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter, ImageOps

from demat.samples.generator.scan import _image_pdf  # the generator's image-only PDF writer

RECIPES = ("flatbed", "faint", "lowres", "fax", "phone", "thermal")
EXTENSIONS = ("pdf", "png", "jpg", "tif")
MULTI_PAGE = ("pdf", "tif")  # the scan formats that hold every page of a document of several


def rasterise(pdf: bytes, dpi: float) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))]
    finally:
        document.close()


def damaged_pages(pdf: bytes, recipe: str, rng: random.Random) -> tuple[list[Image.Image], int | None]:
    """The pages and the DPI to declare (None: the image says nothing, as phones and tills do)."""
    if recipe not in RECIPES:
        raise ValueError(f"unknown damage {recipe!r}; expected one of {', '.join(RECIPES)}")
    dpi = {"flatbed": rng.choice([200, 240]), "faint": 200, "lowres": rng.choice([100, 120]), "fax": 150,
           "phone": 170, "thermal": 190}[recipe]
    pages = rasterise(pdf, dpi)
    return [_DAMAGE[recipe](page, rng) for page in pages], None if recipe in ("phone", "thermal") else dpi


def scan_extension(ext: str, pages: int) -> str:
    """EXT, or `pdf` for a document of several PAGES that EXT, an image format, would cut to its first."""
    return ext if pages == 1 or ext in MULTI_PAGE else "pdf"


def write_scan(pdf: bytes, path: Path, recipe: str, rng: random.Random) -> int:
    """Write the damaged copy in the format of PATH's extension; returns its page count.

    Refuses a format that would keep one page of several: the expected values of
    the pages left out would be in no file, and the bench would count them lost.
    """
    pages, dpi = damaged_pages(pdf, recipe, rng)
    ext = path.suffix.lstrip(".")
    if ext not in EXTENSIONS:
        raise ValueError(f"scans are written as {', '.join(EXTENSIONS)}, not {ext!r}")
    if len(pages) > 1 and ext not in MULTI_PAGE:
        raise ValueError(f"a .{ext} file holds one page, this scan has {len(pages)}: "
                         f"write it as {' or '.join(MULTI_PAGE)} (damage.scan_extension)")
    if ext == "pdf":
        path.write_bytes(_image_pdf(pages, dpi or 200))
        return len(pages)
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    mode_pages = [p if p.mode == "RGB" else p.convert("L") for p in pages]
    if ext == "tif":
        mode_pages[0].save(path, "TIFF", save_all=True, append_images=mode_pages[1:], compression="jpeg",
                           quality=55, **extra)
    elif ext == "jpg":
        mode_pages[0].save(path, "JPEG", quality=rng.randrange(45, 70), **extra)
    else:
        mode_pages[0].save(path, "PNG", optimize=True, **extra)
    return len(pages)


def _grain(page: Image.Image, rng: random.Random, sigma: float) -> np.ndarray:
    pixels = np.asarray(page, dtype=np.float32)
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, sigma, pixels.shape)
    return pixels + noise


def _jpeg(page: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).copy()


def _skew(page: Image.Image, rng: random.Random, most: float) -> Image.Image:
    fill = 255 if page.mode == "L" else (255, 255, 255)
    return page.rotate(rng.uniform(-most, most), resample=Image.Resampling.BICUBIC, fillcolor=fill)


def flatbed(page: Image.Image, rng: random.Random) -> Image.Image:
    page = _skew(page, rng, 1.8)
    pixels = np.clip(_grain(page, rng, rng.uniform(3, 7)) * 0.92 + 12, 0, 255).astype(np.uint8)
    page = Image.fromarray(pixels, "L").filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
    return _jpeg(page, rng.randrange(35, 60))


def faint(page: Image.Image, rng: random.Random) -> Image.Image:
    """Grey, thin strokes: ink only reaches 45-60% of black."""
    strength = rng.uniform(0.45, 0.6)
    pixels = 255 - (255 - np.asarray(page, dtype=np.float32)) * strength
    page = Image.fromarray(np.clip(pixels + rng.uniform(-4, 8), 0, 255).astype(np.uint8), "L")
    return _jpeg(_skew(page.filter(ImageFilter.GaussianBlur(0.6)), rng, 1.0), 55)


def lowres(page: Image.Image, rng: random.Random) -> Image.Image:
    return _jpeg(_skew(page, rng, 0.8).filter(ImageFilter.GaussianBlur(0.35)), rng.randrange(40, 60))


def fax(page: Image.Image, rng: random.Random) -> Image.Image:
    pixels = _grain(_skew(page, rng, 1.2), rng, 40)
    speckles = np.random.default_rng(rng.randrange(2**32)).random(pixels.shape) < 0.002
    binary = np.where((pixels < 150) | speckles, 0, 255).astype(np.uint8)
    return Image.fromarray(binary, "L")


def phone(page: Image.Image, rng: random.Random) -> Image.Image:
    """An angled photo on a desk: the page smaller than the frame, perspective, a light falling off."""
    w, h = page.size
    margin = int(w * 0.08)
    canvas = Image.new("RGB", (w + 2 * margin, h + 2 * margin), tuple(rng.randrange(90, 150) for _ in range(3)))
    canvas.paste(ImageOps.colorize(page, (30, 30, 40), (250, 246, 236)), (margin, margin))
    cw, ch = canvas.size
    shift = [rng.uniform(0, 0.05) * cw for _ in range(4)]
    quad = (shift[0], shift[1] * 0.5, shift[2] * 0.3, ch - shift[3] * 0.5, cw - shift[1] * 0.3, ch, cw - shift[0], 0)
    photo = canvas.transform(canvas.size, Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC)
    light = np.linspace(rng.uniform(0.7, 0.85), 1.0, cw, dtype=np.float32)[None, :, None]
    pixels = np.clip(np.asarray(photo, dtype=np.float32) * light, 0, 255).astype(np.uint8)
    photo = Image.fromarray(pixels, "RGB").filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    return _jpeg(photo, rng.randrange(50, 75))


def thermal(page: Image.Image, rng: random.Random) -> Image.Image:
    """A till receipt: faded grey print, a little blur, about 600 px wide."""
    pixels = 255 - (255 - np.asarray(page, dtype=np.float32)) * rng.uniform(0.5, 0.7)
    page = Image.fromarray(np.clip(_grain(Image.fromarray(pixels.astype(np.uint8)), rng, 5), 0, 255).astype(np.uint8))
    return _jpeg(_skew(page.filter(ImageFilter.GaussianBlur(0.5)), rng, 1.5), 60)


_DAMAGE = {"flatbed": flatbed, "faint": faint, "lowres": lowres, "fax": fax, "phone": phone, "thermal": thermal}
