"""Files the pipeline must quarantine (and one good file with an awkward name).

    paths = write_bad_inputs(folder)   # {"zero_byte": Path, "truncated_pdf": Path, ...}

Everything is made here, deterministically, in a few milliseconds; nothing big
is held in memory (the decompression bomb is streamed row by row through zlib).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from pathlib import Path

import pikepdf

from demat.samples.generator import make_spec
from demat.samples.generator.render import pdf_bytes

BOMB_SIDE = 30_000  # pixels: 900 megapixels, ~110 kB on disk
GOOD_ODD_NAME = "fattura d'aprile «Bianchi» è.pdf"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb_png(side: int = BOMB_SIDE) -> bytes:
    """A 1-bit grey PNG of side x side white pixels, compressed without ever building the image."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)  # filter byte "none" + packed pixels
    compressor, parts = zlib.compressobj(9), []
    for _ in range(side):
        parts.append(compressor.compress(row))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", b"".join(parts))
            + _png_chunk(b"IEND", b""))


def _encrypted(pdf: bytes) -> bytes:
    buffer = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.save(buffer, encryption=pikepdf.Encryption(owner="proprietario", user="segreto", R=6))
    return buffer.getvalue()


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml",
                         '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="xml" ContentType="application/xml"/>'
                         '<Override PartName="/word/document.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                         '</Types>')
        archive.writestr("word/document.xml",
                         '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         "<w:body><w:p><w:r><w:t>Fattura n. 12 del 14/03/2024</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def write_bad_inputs(folder: Path) -> dict[str, Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random("bad-inputs")
    good = pdf_bytes(make_spec("fattura", 7))
    contents = {
        "zero_byte": ("vuoto.pdf", b""),
        "truncated_pdf": ("troncato.pdf", good[: len(good) // 2]),
        "corrupt_pdf": ("corrotto.pdf", b"%PDF-1.7\n" + rng.randbytes(4000)),
        "password_pdf": ("protetto.pdf", _encrypted(good)),
        "docx": ("lettera.docx", _docx()),
        "exe": ("programma.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(48)
                + b"This program cannot be run in DOS mode.\r\n" + rng.randbytes(512)),
        "random_pdf": ("casuale.pdf", rng.randbytes(8192)),
        "bomb_png": ("bomba.png", decompression_bomb_png()),
        "odd_name_pdf": (GOOD_ODD_NAME, good),
    }
    paths = {}
    for key, (name, data) in contents.items():
        paths[key] = folder / name
        paths[key].write_bytes(data)
    return paths
