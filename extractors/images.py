"""JPEG, PNG and multi-page TIFF -> OCR'd pages, one per frame.

Image sizes are checked from the header before anything is decoded: a 20 KB
PNG can claim 100,000 x 100,000 pixels (a decompression bomb) and would take
tens of GB once decoded.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageOps

from demat.extractors import searchable_pdf
from demat.extractors.ocr import PageJob, log_adapted, ocr_page
from demat.kernel.document import Document, StageContext
from demat.kernel.errors import CorruptFile, TooLarge

name = "image"
media_types = ("image/tiff", "image/jpeg", "image/png")

A4_LONG_SIDE_INCHES = 11.69
MAX_LONG_SIDE_INCHES = 17.0  # A3; a larger "page" means the stated resolution is wrong


def extract(doc: Document, ctx: StageContext) -> Document:
    frames = count_frames(doc.path, ctx.config.ocr.max_image_pixels)
    if frames > ctx.config.limits.max_pages:
        raise TooLarge(f"the image has {frames} pages, more than the limit of "
                       f"{ctx.config.limits.max_pages} (limits.max_pages)")
    ocr = ctx.config.ocr
    jobs = [PageJob(load=load_frame, source=doc.path, index=i, number=i + 1,
                    out_dir=ctx.work_dir / "ocr", languages=ocr.languages, dpi=ocr.dpi,
                    fix_orientation=ocr.fix_orientation, deskew=ocr.deskew,
                    max_image_pixels=ocr.max_image_pixels, timeout=ocr.page_timeout_seconds)
            for i in range(frames)]
    results = list(ctx.executor.map(ocr_page, jobs))
    doc.pages = [r.page for r in results]
    doc.searchable_pdf = searchable_pdf.write([(r.pdf, 0, r.page.rotation) for r in results],
                                              ctx.work_dir / "searchable.pdf")
    ctx.log.info("%s: %d pages OCR'd", doc.original_name, frames)
    log_adapted(results, ctx.log, doc.original_name)
    return doc


def count_frames(path: Path, max_image_pixels: int) -> int:
    """How many pages the image holds, each checked against the size limit (headers only)."""
    with open_image(path, max_image_pixels) as image:
        frames = getattr(image, "n_frames", 1)
        for index in range(frames):
            _seek(image, index)
            _check_size(image, index, max_image_pixels)
    return frames


def load_frame(path: Path, index: int, dpi: int, max_image_pixels: int) -> tuple[Image.Image, int]:
    """Frame INDEX of the image, upright as its EXIF says, in grayscale (runs in the OCR worker).

    DPI is not used: the resolution comes from the file itself.
    """
    with open_image(path, max_image_pixels) as image:
        _seek(image, index)
        _check_size(image, index, max_image_pixels)
        try:
            frame = ImageOps.exif_transpose(image)
            resolution = page_resolution(frame)
            if frame.mode not in ("1", "L"):
                frame = frame.convert("L")
            frame.load()
        except (OSError, SyntaxError, ValueError) as exc:
            raise CorruptFile(f"page {index + 1} of the image cannot be decoded: {exc}") from exc
    return frame, resolution


@contextmanager
def open_image(path: Path, max_image_pixels: int) -> Iterator[Image.Image]:
    """Open (not decode) an image with Pillow's bomb check set to our limit, made an error."""
    Image.MAX_IMAGE_PIXELS = max_image_pixels
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise TooLarge(f"the image is too large: {exc} (ocr.max_image_pixels)") from exc
        except (OSError, SyntaxError, ValueError) as exc:
            raise CorruptFile(f"the image cannot be read: {exc}") from exc
        with image:
            yield image


def page_resolution(image: Image.Image) -> int:
    """The image's dpi, or the one that makes it an A4 page when the file says none or nonsense."""
    long_side = max(image.size)
    stated = image.info.get("dpi", (0, 0))[0]
    if stated and 70 <= stated <= 1200 and long_side / stated <= MAX_LONG_SIDE_INCHES:
        return int(round(stated))
    return max(1, int(round(long_side / A4_LONG_SIDE_INCHES)))


def _seek(image: Image.Image, index: int) -> None:
    try:
        image.seek(index)
    except (EOFError, OSError, ValueError) as exc:
        raise CorruptFile(f"page {index + 1} of the image cannot be read: {exc}") from exc


def _check_size(image: Image.Image, index: int, max_image_pixels: int) -> None:
    width, height = image.size
    if width * height > max_image_pixels:
        raise TooLarge(f"page {index + 1} of the image is {width} x {height} pixels, more than "
                       f"ocr.max_image_pixels ({max_image_pixels:,})")
