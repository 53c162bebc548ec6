"""Pages of an archived document as upright PNG images: for previews, thumbnails and the review queue.

A scan is drawn from its searchable PDF, which OCR made upright; a PDF with
text from itself; a photo with its EXIF orientation applied. Pages are drawn
at SCALE pixels per PDF point, so a field's box (in points) lands on the image
by multiplying. Looking at a page is not a download: nothing is audited here
(the document page audits the view once).
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from demat.kernel.errors import N_, NotFound
from demat.web.access import archived_file

SCALE = 2.0  # pixels per point: sharp enough to zoom to 200% on a laptop
THUMBNAIL_WIDTH = 160  # pixels
MAX_PAGE = 10_000
PDFIUM = threading.Lock()  # pdfium is not thread-safe: one page drawn at a time, however many requests


def source(web, doc: dict) -> tuple[Path, bool]:
    """(file, is_pdf) the pages are drawn from: the searchable PDF where there is one."""
    if doc.get("searchable_pdf_path"):
        return archived_file(web.config.archive, doc["searchable_pdf_path"]), True
    path = archived_file(web.config.archive, doc["original_path"])
    return path, doc.get("media_type") == "application/pdf"


def page_image(web, doc: dict, number: int, scale: float = SCALE) -> Image.Image:
    path, is_pdf = source(web, doc)
    if is_pdf:
        with PDFIUM:
            pdf = pdfium.PdfDocument(path)
            try:
                if not 1 <= number <= len(pdf):
                    raise NotFound(N_("document %(id)s has no page %(number)s"), id=doc["id"], number=number)
                return pdf[number - 1].render(scale=scale).to_pil()
            finally:
                pdf.close()
    if number != 1 or not (doc.get("media_type") or "").startswith("image/"):
        raise NotFound(N_("document %(id)s has no page %(number)s to show"), id=doc["id"], number=number)
    with Image.open(path) as image:
        return ImageOps.exif_transpose(image).convert("RGB")


def png(image: Image.Image, width: int | None = None) -> bytes:
    if width and image.width > width:
        image = image.resize((width, max(1, round(image.height * width / image.width))))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()
