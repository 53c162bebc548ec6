"""XML as it reaches a back office through the SdI: parsed safely, small faults repaired and named.

The XML is untrusted: no DTD, no entities, no network, no huge trees. It is
decoded first (a byte-order mark, a declared encoding that lies about the
bytes, blank lines before the declaration), then parsed strictly. Real senders'
software makes a few well-formedness mistakes that the receiving software
forgives; when the strict parse fails, each known fix-up in `FIXUPS` that
changes something is applied and the result parsed again. The reader gets the
list of what was repaired, so that a person looks at the document instead of
it going to quarantine. What no fix-up cures is refused with lxml's reason.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from demat.kernel.errors import InvalidFatturaPA

DOCTYPE_RE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
DECLARATION_RE = re.compile(r"^<\?xml[^>]*?\?>")
DECLARED_ENCODING_RE = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class Parsed:
    """The root element, what was repaired to read it, and how its bytes were decoded."""

    root: object
    repairs: list[str] = field(default_factory=list)
    encoding_note: str = ""  # set when the declared encoding was not the bytes' one


def parse(data: bytes, file_name: str = "the file") -> Parsed:
    """The root element of DATA, parsed safely; repaired if a known fix-up makes it well-formed."""
    from lxml import etree

    decoded, encoding_note = decode(data)
    utf8 = decoded.encode("utf-8")
    if DOCTYPE_RE.search(utf8):
        raise InvalidFatturaPA(f"{file_name}: the XML declares a DOCTYPE or entities, which FatturaPA never does "
                               "(refused: it could expand entities or reach the network)")
    try:
        return Parsed(_parse(utf8), [], encoding_note)
    except etree.XMLSyntaxError as exc:
        error = exc
    repairs = []
    for describe, fixup in FIXUPS:
        fixed = fixup(utf8)
        if fixed != utf8:
            repairs.append(describe(utf8, fixed))
            utf8 = fixed
    if repairs:
        try:
            return Parsed(_parse(utf8), repairs, encoding_note)
        except etree.XMLSyntaxError:
            pass
    raise InvalidFatturaPA(f"{file_name}: not well-formed XML: {error}")


def _parse(utf8: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    return etree.fromstring(utf8, parser)


# -- finding elements by local name (SdI files put their children in no namespace) --
def localname(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element, tag: str) -> list:
    if element is None:
        return []
    return [found for found in element if localname(found) == tag]


def child(element, path: str):
    """The first element down PATH (local names separated by /), or None."""
    for tag in path.split("/"):
        found = children(element, tag)
        if not found:
            return None
        element = found[0]
    return element


def text(element, path: str) -> str | None:
    """The stripped text of the element down PATH, None when it is missing or empty."""
    found = child(element, path)
    value = (found.text or "").strip() if found is not None else ""
    return value or None


# -- decoding -----------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str]:
    """DATA as text without its XML declaration, and a note when the declaration lied.

    Bytes that are valid UTF-8 are UTF-8 whatever the declaration says (text in
    ISO-8859-1 with accents is almost never valid UTF-8); other bytes are read in
    the declared encoding, or as Windows-1252 when the declaration says UTF-8.
    """
    if data.startswith(UTF16_BOMS):
        return _undeclared(data.decode("utf-16")), ""
    data = data.removeprefix(UTF8_BOM).lstrip()
    declared_match = DECLARED_ENCODING_RE.match(data)
    declared = _codec(declared_match.group(1).decode("ascii")) if declared_match else "utf-8"
    try:
        decoded = data.decode("utf-8")
        actual = "utf-8"
    except UnicodeDecodeError:
        actual = declared if declared not in ("utf-8", None) else "cp1252"
        decoded = data.decode(actual, errors="replace")
    note = ""
    if declared != actual and not data.isascii():
        said = declared_match.group(1).decode("ascii") if declared_match else "nothing (so UTF-8)"
        note = f"the XML declares encoding {said} but its bytes are {codecs.lookup(actual).name}: read as such"
    return _undeclared(decoded), note


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _undeclared(xml: str) -> str:
    """XML without its declaration (its encoding no longer applies) or leading blanks."""
    xml = xml.lstrip("\ufeff \t\r\n")
    match = DECLARATION_RE.match(xml)
    return xml[match.end():] if match else xml


# -- namespace URIs that senders get wrong -------------------------------------
def clean_uri(uri: str) -> str:
    """URI without the spaces and stray quotes a sender's software left in it."""
    return re.sub(r"""[\s"']""", "", uri)


XMLNS_RE = re.compile(rb"""(xmlns(?::[\w.-]+)?\s*=\s*)(["'])(.*?)\2(["']*)""", re.DOTALL)


def _wrong_namespace(m: re.Match) -> bool:
    uri = m.group(3).decode("utf-8", "replace")
    return clean_uri(uri) != uri or bool(m.group(4))


def _clean_namespaces(xml: bytes) -> bytes:
    def clean(m: re.Match) -> bytes:
        if not _wrong_namespace(m):
            return m.group(0)
        return m.group(1) + m.group(2) + clean_uri(m.group(3).decode("utf-8")).encode("utf-8") + m.group(2)

    return XMLNS_RE.sub(clean, xml)


def _describe_namespaces(before: bytes, after: bytes) -> str:
    wrong = [m.group(0).decode("utf-8", "replace") for m in XMLNS_RE.finditer(before) if _wrong_namespace(m)]
    return f"namespace declaration {', '.join(wrong)} repaired (spaces or quotes removed from the URI)"


# -- other small faults ----------------------------------------------------------
ROOT_START_RE = re.compile(rb"<(?:([\w.-]+):)?([\w.-]+)[\s/>]")
BARE_AMPERSAND_RE = re.compile(rb"&(?!(?:[A-Za-z_][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)")
CONTROL_RE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _undeclared_prefix(xml: bytes) -> bytes:
    """The root's prefix removed when the file never declares it (`<p:FatturaElettronica>`
    without xmlns:p): the element is then read as having no namespace."""
    match = ROOT_START_RE.search(xml)
    if not match or not match.group(1) or b"xmlns:" + match.group(1) + b"=" in xml:
        return xml
    prefix = match.group(1)
    return re.sub(rb"<(/?)" + re.escape(prefix) + rb":", rb"<\1", xml)


def _junk_after_root(xml: bytes) -> bytes:
    match = ROOT_START_RE.search(xml)
    if not match:
        return xml
    end_tag = b"</" + (match.group(1) + b":" if match.group(1) else b"") + match.group(2) + b">"
    end = xml.rfind(end_tag)
    return xml[:end + len(end_tag)] + b"\n" if end >= 0 and xml[end + len(end_tag):].strip() else xml


def _count(pattern: re.Pattern, what: str) -> Callable[[bytes, bytes], str]:
    return lambda before, after: f"{len(pattern.findall(before))} {what}"


FIXUPS: list[tuple[Callable[[bytes, bytes], str], Callable[[bytes], bytes]]] = [
    (_describe_namespaces, _clean_namespaces),
    (lambda before, after: "undeclared namespace prefix of the root element removed", _undeclared_prefix),
    (lambda before, after: f"{len(before) - len(after) + 1} bytes after the end of the root element removed",
     _junk_after_root),
    (_count(BARE_AMPERSAND_RE, "bare & in the text written as &amp;"), lambda xml: BARE_AMPERSAND_RE.sub(b"&amp;", xml)),
    (_count(CONTROL_RE, "control characters (not allowed in XML) removed"), lambda xml: CONTROL_RE.sub(b"", xml)),
]
