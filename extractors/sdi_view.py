"""A FatturaPA or an SdI notification as a person reads it, for demat's own web template.

The XML (taken out of its `.p7m` envelope) becomes sections with Italian
labels made from the element names (`DatiGeneraliDocumento` -> "Dati generali
documento"), codes with their meaning (TD01 Fattura, MP05 bonifico), repeated
rows (detail lines, VAT summary) as tables, and attachments named instead of
printed as base64. It follows the file's own structure, so every version, the
simplified invoice and every notification read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from demat.extractors.fatturapa import PAYMENT_METHODS, TYPE_NAMES
from demat.extractors.p7m import open_envelope
from demat.extractors.sdi_xml import children, localname, parse
from demat.extractors.sniff import HEAD_BYTES, XML, sniff_bytes

WORD_RE = re.compile(r"SdI|[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+|\d+")
KEEP_UPPER = {"SdI", "IVA", "CIG", "CUP", "REA", "IBAN", "ABI", "CAB", "BIC", "EORI", "PEC", "FR"}
ONE_LINE_TAGS = {"IdFiscaleIVA", "IdTrasmittente", "Anagrafica", "Sede", "StabileOrganizzazione", "Contatti",
                 "Destinatario", "RiferimentoFattura", "IscrizioneREA"}  # read as one line: IT 01234567890
ROW_TAGS = {"DettaglioLinee", "DatiRiepilogo", "DettaglioPagamento", "Allegati", "Errore"}  # tables even when alone
CODES = {"TipoDocumento": TYPE_NAMES, "ModalitaPagamento": PAYMENT_METHODS,
         "Esito": {"EC01": "accettata", "EC02": "rifiutata"}}


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    """Values of the element itself (rows), then its inner blocks in the file's order."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[Section | Table] = field(default_factory=list)


def readable(data: bytes, name: str, part: int = 0) -> Section:
    """The file's content as sections: the header and body PART of an invoice, or a notification."""
    if sniff_bytes(data[:HEAD_BYTES]) != XML:
        data = open_envelope(data, name).content
    root = parse(data, name).root
    bodies = children(root, "FatturaElettronicaBody")
    if not bodies:
        return _section(root)
    view = Section(label(localname(root)) + (f" {root.get('versione')}" if root.get("versione") else ""))
    for header in children(root, "FatturaElettronicaHeader"):
        view.blocks.append(_section(header))
    view.blocks.append(_section(bodies[min(part, len(bodies) - 1)]))
    return view


def label(tag: str) -> str:
    """CamelCase element name as words: IdFiscaleIVA -> Id fiscale IVA."""
    words = WORD_RE.findall(tag)
    return " ".join(w if w in KEEP_UPPER or i == 0 else w.lower() for i, w in enumerate(words)) or tag


def _section(element) -> Section:
    section = Section(label(localname(element)))
    groups: dict[str, list] = {}
    for child in element:
        if isinstance(child.tag, str):
            groups.setdefault(localname(child), []).append(child)
    for tag, items in groups.items():
        if all(len(item) == 0 for item in items):
            section.rows += [(label(tag), _value(tag, item)) for item in items]
        elif tag in ONE_LINE_TAGS and all(len(c) == 0 for item in items for c in item):
            section.rows += [(label(tag), " ".join(_value(localname(c), c) for c in item)) for item in items]
        elif tag in ROW_TAGS or len(items) > 1:
            section.blocks.append(_table(tag, items))
        else:
            section.blocks += [_section(item) for item in items]
    return section


def _table(tag: str, items: list) -> Table:
    columns = list(dict.fromkeys(localname(c) for item in items for c in item if isinstance(c.tag, str)))
    rows = [["; ".join(_value(col, c) for c in item if localname(c) == col) for col in columns] for item in items]
    return Table(label(tag), [label(col) for col in columns], rows)


def _value(tag: str, element) -> str:
    """What a person reads for ELEMENT: its text, a code with its meaning, nested values joined."""
    if len(element):
        return ", ".join(_value(localname(c), c) for c in element if isinstance(c.tag, str))
    text = (element.text or "").strip()
    if tag == "Attachment":
        return f"(file allegato, {len(text) * 3 // 4} byte circa: vedi Allegati)"
    meaning = CODES.get(tag, {}).get(text)
    return f"{text} ({meaning})" if meaning else text
