"""The text stage without OCR: file types, the text layer, and every bad input."""

from __future__ import annotations

import base64
import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from demat.extractors import text
from demat.extractors.images import page_resolution
from demat.extractors.sniff import sniff_bytes
from demat.kernel.config import load_config
from demat.kernel.document import Document, StageContext
from demat.kernel.errors import CorruptFile, EmptyFile, PasswordProtected, TooLarge, UnsupportedFile
from demat.pipeline.executor import SerialExecutor

SIGNED_DATA = bytes.fromhex("308006092a864886f70d010702a0803080020101")  # start of a CAdES .p7m


def make_ctx(tmp_path: Path, **overrides) -> StageContext:
    return StageContext(config=load_config(tmp_path, environ={}, overrides=overrides),
                        executor=SerialExecutor(), work_dir=tmp_path / "work")


def run_text(path: Path, tmp_path: Path, **overrides) -> Document:
    return text.run(Document(path=path, original_name=path.name), make_ctx(tmp_path, **overrides))


def text_pdf(path: Path, pages: int = 1) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, A4[1] - 100, f"Fattura n. 2024/{number:04d} del 14/03/2024")
        canvas.drawString(72, A4[1] - 120, "Totale documento EUR 1.471,60")
        canvas.showPage()
    canvas.save()
    return path


def test_text_layer_pdf_gives_words_with_boxes_in_points(tmp_path):
    doc = run_text(text_pdf(tmp_path / "fattura.pdf"), tmp_path)

    assert (doc.media_type, doc.extractor) == ("application/pdf", "pdf")
    assert doc.searchable_pdf is None  # nothing was OCR'd
    [page] = doc.pages
    assert (page.source, page.confidence, page.rotation) == ("text_layer", 1.0, 0)
    assert (round(page.width), round(page.height)) == (595, 842)
    assert "Totale documento EUR 1.471,60" in page.text
    fattura = next(w for w in page.words if w.text == "Fattura")
    x0, top, x1, bottom = fattura.box
    assert x0 == pytest.approx(72, abs=0.5)
    assert 88 < top < 100 < bottom < 104  # baseline 100 pt below the top edge, 12 pt type
    assert x1 - x0 == pytest.approx(stringWidth("Fattura", "Helvetica", 12), abs=0.1)
    assert [w.text for w in page.words][:3] == ["Fattura", "n.", "2024/0001"]


def test_file_type_comes_from_content_not_name(tmp_path):
    disguised = text_pdf(tmp_path / "scansione.jpg")
    doc = run_text(disguised, tmp_path)
    assert doc.media_type == "application/pdf"
    assert "Fattura n. 2024/0001" in doc.text


@pytest.mark.parametrize("head, media_type", [
    (b"%PDF-1.7\n", "application/pdf"),
    (b"\x00" * 200 + b"%PDF-1.4\n", "application/pdf"),  # junk before the header
    (b"II*\x00\x08\x00", "image/tiff"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    (b'<?xml version="1.0"?><p:FatturaElettronica/>', "application/xml"),
    (b'\xef\xbb\xbf  <?xml version="1.0"?>', "application/xml"),
    (b'<p:FatturaElettronica versione="FPR12">', "application/xml"),
    (SIGNED_DATA + bytes(40), "application/pkcs7-mime"),
    (base64.encodebytes(SIGNED_DATA + bytes(60)), "application/pkcs7-mime"),
    (b"PK\x03\x04\x14\x00", "application/zip"),
    (b"MZ\x90\x00", "application/x-msdownload"),
    (b"Caro fornitore, le scrivo", "text/plain"),
])
def test_sniffing(head, media_type):
    assert sniff_bytes(head) == media_type


def test_registry_sends_each_media_type_to_its_extractor():
    assert text.choose("application/pdf").name == "pdf"
    assert text.choose("image/tiff").name == "image"
    for media_type in ("application/xml", "application/pkcs7-mime"):
        assert text.choose(media_type).name == "fatturapa"
    with pytest.raises(UnsupportedFile, match="ZIP"):
        text.choose("application/zip")


# --- bad inputs: each one raises the error that sends it to quarantine -------------

def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def bomb_png(path: Path, width: int = 100_000, height: int = 100_000) -> Path:
    """A valid PNG header claiming WIDTH x HEIGHT pixels, without ever allocating them."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)  # a few rows: the decoder never gets that far
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def password_pdf(path: Path, tmp_path: Path) -> Path:
    with pikepdf.open(text_pdf(tmp_path / "plain.pdf")) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="owner", user="segreto"))
    return path


@pytest.mark.parametrize("name, make, error, words", [
    ("vuoto.pdf", lambda p, t: p.write_bytes(b""), EmptyFile, "empty"),
    ("troncato.pdf", lambda p, t: p.write_bytes(text_pdf(t / "full.pdf").read_bytes()[:-400]),
     CorruptFile, "truncated"),
    ("rotto.pdf", lambda p, t: p.write_bytes(b"%PDF-1.4\n" + random.Random(1).randbytes(3000) + b"\n%%EOF\n"),
     CorruptFile, "cannot be read"),
    ("protetto.pdf", lambda p, t: password_pdf(p, t), PasswordProtected, "password"),
    ("lettera.docx", lambda p, t: p.write_bytes(docx_bytes()), UnsupportedFile, "ZIP archive"),
    ("fattura.pdf.exe", lambda p, t: p.write_bytes(b"MZ\x90\x00" + bytes(500)), UnsupportedFile, "Windows program"),
    ("casuale.pdf", lambda p, t: p.write_bytes(random.Random(2).randbytes(4000)), UnsupportedFile,
     "unrecognised binary data"),
    ("bomba.png", lambda p, t: bomb_png(p), TooLarge, "max_image_pixels"),
])
def test_bad_input_raises_the_error_that_says_what_is_wrong(tmp_path, name, make, error, words):
    path = tmp_path / name
    make(path, tmp_path)
    with pytest.raises(error, match=words) as caught:
        run_text(path, tmp_path)
    assert caught.value.action  # and what the user can do about it


def test_decompression_bomb_is_refused_from_its_header(tmp_path):
    # Just over the limit (Pillow only warns below twice its limit): still refused.
    path = bomb_png(tmp_path / "grande.png", width=11_000, height=11_000)
    with pytest.raises(TooLarge, match="11000 x 11000|max_image_pixels"):
        run_text(path, tmp_path)


def test_too_many_pages_and_too_many_megabytes(tmp_path):
    path = text_pdf(tmp_path / "lungo.pdf", pages=3)
    with pytest.raises(TooLarge, match="3 pages, more than the limit of 2"):
        run_text(path, tmp_path, limits={"max_pages": 2})
    with pytest.raises(TooLarge, match="limits.max_file_mb"):
        run_text(path, tmp_path, limits={"max_file_mb": 0})


@pytest.mark.parametrize("size, dpi, expected", [
    ((2480, 3508), (300, 300), 300),  # what the scanner says
    ((1240, 1754), None, 150),  # no resolution: taken as an A4 page
    ((3000, 4000), (72, 72), 342),  # a phone photo "at 72 dpi" would be a 1.4 m page: taken as A4
])
def test_image_resolution_falls_back_to_an_a4_page(size, dpi, expected):
    image = Image.new("L", size, 255)
    if dpi:
        image.info["dpi"] = dpi
    assert page_resolution(image) == expected
