"""What a file IS, told by its first bytes, never by its name.

A scanner or a mail client may give any name to anything: `fattura.pdf` can be
a Word file or random bytes. The text stage chooses its extractor from the
media type returned here.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path

PDF = "application/pdf"
TIFF = "image/tiff"
JPEG = "image/jpeg"
PNG = "image/png"
XML = "application/xml"
PKCS7 = "application/pkcs7-mime"  # signed FatturaPA (.xml.p7m): DER, BER, base64, PEM or S/MIME

# Types we recognise only to name them in an error message.
DESCRIPTIONS = {
    PDF: "a PDF document",
    TIFF: "a TIFF image",
    JPEG: "a JPEG image",
    PNG: "a PNG image",
    XML: "an XML document",
    PKCS7: "a PKCS#7 signed envelope (.p7m)",
    "application/zip": "a ZIP archive (.docx, .xlsx, .odt or .zip)",
    "application/x-ole-storage": "an old Microsoft Office file (.doc, .xls, .msg)",
    "application/x-msdownload": "a Windows program (.exe, .dll)",
    "application/x-executable": "a Linux program (ELF)",
    "image/gif": "a GIF image",
    "image/bmp": "a BMP image",
    "image/webp": "a WebP image",
    "message/rfc822": "an e-mail message (.eml)",
    "text/html": "an HTML page",
    "text/plain": "plain text",
    "application/octet-stream": "unrecognised binary data",
}

HEAD_BYTES = 4096
SIGNED_DATA_OID = bytes.fromhex("06092a864886f70d010702")  # 1.2.840.113549.1.7.2
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
PEM_LINE_RE = re.compile(rb"-----(BEGIN|END) [A-Z0-9 ]+-----")
HEADER_LINE_RE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]*:")
XML_START_RE = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*[\s/>]")

MAGIC = (  # (prefix, media type), checked in order
    (b"II*\x00", TIFF), (b"MM\x00*", TIFF), (b"II+\x00", TIFF), (b"MM\x00+", TIFF),
    (b"\xff\xd8\xff", JPEG),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"PK\x03\x04", "application/zip"), (b"PK\x05\x06", "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
    (b"MZ", "application/x-msdownload"),
    (b"\x7fELF", "application/x-executable"),
    (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
)


def sniff(path: Path) -> str:
    """The media type of the file at PATH."""
    with open(path, "rb") as f:
        return sniff_bytes(f.read(HEAD_BYTES))


def describe(media_type: str) -> str:
    return DESCRIPTIONS.get(media_type, media_type)


def sniff_bytes(head: bytes) -> str:
    """The media type of a file that starts with HEAD (its first few KB)."""
    if b"%PDF-" in head[:1024]:  # the PDF spec allows junk before the header
        return PDF
    for prefix, media_type in MAGIC:
        if head.startswith(prefix):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if _is_signed_data(head) or _is_signed_data(_base64_start(head)):
        return PKCS7
    return _sniff_text(head)


def _is_signed_data(data: bytes) -> bool:
    """A DER SEQUENCE whose first element is the pkcs7-signedData OID."""
    return len(data) > 16 and data[0] == 0x30 and SIGNED_DATA_OID in data[:24]


def _base64_start(head: bytes) -> bytes:
    """The first bytes of HEAD decoded as base64, b'' if it is not base64."""
    text = base64_text(head)[:512]
    text = text[: len(text) // 4 * 4]
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return b""


def base64_text(data: bytes) -> bytes:
    """The base64 characters of DATA: without a byte-order mark, S/MIME headers
    (lines up to the first blank one), PEM lines and line breaks."""
    lines = data.removeprefix(BOMS[0]).splitlines()
    stripped = [line.strip() for line in lines]
    if lines and HEADER_LINE_RE.match(lines[0]) and b"" in stripped:
        lines = lines[stripped.index(b"") + 1:]
    return b"".join(PEM_LINE_RE.sub(b"", b"".join(lines)).split())


def _sniff_text(head: bytes) -> str:
    text = _decode(head)
    if text is None:
        return "application/octet-stream"
    start = text.lstrip()[:1024]
    if start[:15].lower().startswith(("<!doctype html", "<html")):
        return "text/html"
    if start.startswith(("<?xml", "<!")) or XML_START_RE.match(start):  # an SdI file may have no declaration
        return XML
    if any(start.startswith(h) for h in ("From:", "Received:", "Return-Path:", "MIME-Version:", "Date:")):
        return "message/rfc822"
    return "text/plain"


def _decode(head: bytes) -> str | None:
    """HEAD as text (after an optional BOM), or None when it is binary."""
    for bom, encoding in zip(BOMS, ("utf-8", "utf-16-le", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(encoding, errors="ignore")
    if b"\x00" in head.rstrip(b"\x00\x1a \t\r\n"):  # NULs padding the end of a text do not make it binary
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # a character cut at the end of HEAD
            return head[: exc.start].decode("utf-8")
        return head.decode("latin-1") if _mostly_printable(head) else None


def _mostly_printable(data: bytes) -> bool:
    printable = sum(1 for b in data if b >= 0x20 or b in b"\r\n\t")
    return printable >= 0.95 * len(data)
