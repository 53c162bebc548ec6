"""Image-only "scans" of a spec: the born-digital page photographed badly.

Each page is rasterised with pypdfium2, then skewed, blurred, speckled and
JPEG-compressed like a cheap flatbed or a multifunction printer would do, and
optionally turned sideways or upside down. No text layer survives.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from demat.samples.generator.render import pdf_bytes

FORMATS = ("pdf", "tiff", "jpeg", "png")
ROTATIONS = (0, 90, 180, 270)


def scan_pages(spec, dpi: int = 200, rotation: int = 0, rng_seed: int | None = None) -> list[Image.Image]:
    """Grayscale page images; rotation = degrees the page is turned clockwise on the glass."""
    if rotation not in ROTATIONS:
        raise ValueError(f"rotation must be one of {ROTATIONS}, not {rotation}")
    rng = random.Random(f"scan:{spec.name}:{spec.split}:{rng_seed if rng_seed is not None else spec.seed}")
    document = pdfium.PdfDocument(pdf_bytes(spec))
    try:
        pages = [document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(document))]
    finally:
        document.close()
    return [_degrade(page, rng, rotation) for page in pages]


def _degrade(page: Image.Image, rng: random.Random, rotation: int) -> Image.Image:
    skew = rng.uniform(0.3, 2.0) * rng.choice([-1, 1])
    page = page.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor=255)
    # Paper grain: coarse noise (2x2 px) compresses like a real scan, unlike white noise.
    pixels = np.asarray(page, dtype=np.float32)
    half = ((page.height + 1) // 2, (page.width + 1) // 2)
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 5), half)
    grain = np.kron(grain, np.ones((2, 2), dtype=np.float32))[:page.height, :page.width]
    pixels = np.clip(pixels * rng.uniform(0.88, 0.97) + 14 + grain, 0, 255).astype(np.uint8)
    page = Image.fromarray(pixels, "L").filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 0.9)))
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=rng.randrange(40, 65))
    page = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return page.rotate(-rotation, expand=True) if rotation else page


def render_scan(spec, path: Path, fmt: str = "pdf", dpi: int = 200, rotation: int = 0,
                rng_seed: int | None = None) -> None:
    """Write an image-only scan: pdf (JPEG pages) or multi-page tiff; jpeg and png hold the first page only."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    pages = scan_pages(spec, dpi, rotation, rng_seed)
    path = Path(path)
    if fmt == "pdf":
        path.write_bytes(_image_pdf(pages, dpi))
    elif fmt == "tiff":
        pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], compression="jpeg", quality=60,
                      dpi=(dpi, dpi))
    elif fmt == "jpeg":
        pages[0].save(path, "JPEG", quality=60, dpi=(dpi, dpi))
    else:  # a scanner's "document" mode: white background, 8 grey levels, small file
        pages[0].point(lambda v: 255 if v > 200 else v // 32 * 32).save(path, "PNG", optimize=True, dpi=(dpi, dpi))


def _image_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    """One JPEG per page, sized so the page is A4 at the scan resolution."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    for page in pages:
        width, height = page.width * 72 / dpi, page.height * 72 / dpi
        canvas.setPageSize((width, height))
        jpeg = io.BytesIO()
        page.save(jpeg, "JPEG", quality=60)
        jpeg.seek(0)
        canvas.drawImage(ImageReader(jpeg), 0, 0, width, height)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
