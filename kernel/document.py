"""The one object every stage receives and returns.

A file dropped in the inbox becomes a `Document`; each stage fills in its part
(pages, classification, fields, department, review reasons) and hands the same
object on. Amounts are `Decimal`, dates `datetime.date`, never floats or strings.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from demat.kernel.config import Config
from demat.kernel.schema import SCHEMA

# A box on a page, in PDF points from the top-left corner: (x0, top, x1, bottom).
Box = tuple[float, float, float, float]

# The vocabulary, derived from the schema of the domain (kernel/schema.toml).
LABELS = SCHEMA.labels
XML_LABELS = SCHEMA.xml_labels  # stated by an SdI XML file only, never guessed from text
TEXT_LABELS = SCHEMA.text_labels  # what the text classifier tells apart
DEPARTMENTS = tuple(SCHEMA.departments)
INVOICE_LABELS = SCHEMA.invoice_labels


@dataclass
class Word:
    """One word on a page with where it is and how sure the reader was (0..1)."""

    text: str
    box: Box
    confidence: float = 1.0


@dataclass
class Page:
    """The text of one page, as read by the extractor named in `source`."""

    number: int  # 1-based
    text: str
    words: list[Word] = field(default_factory=list)
    width: float = 0.0  # points
    height: float = 0.0
    source: str = ""  # "text_layer", "ocr" or "xml"
    confidence: float = 1.0  # mean word confidence, 1.0 for exact sources
    rotation: int = 0  # degrees the scan was turned to stand upright
    skew: float = 0.0  # degrees the scan was turned to be level, before ROTATION: a box maps back onto the scan


@dataclass
class Check:
    """One check a field value went through, e.g. the P.IVA check digit."""

    name: str
    passed: bool
    message: str = ""  # for the log, in English
    params: dict[str, Any] = field(default_factory=dict)  # the values a page puts into words (English keys)

    def __post_init__(self) -> None:
        # only ever put into words: kept as stored, so a stored check reads back equal
        self.params = to_jsonable(self.params)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "message": self.message, "params": self.params}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Check:
        return cls(data["name"], data["passed"], data.get("message", ""), data.get("params", {}))


class Reason(str):
    """Why a document waits for a person: a code and its values, put into words where it is shown.

    It is also the English sentence, for the log and for code that reads
    reasons as text; the catalog and the JSON keep `{"code": ..., values...}`.
    """

    code: str
    params: dict[str, Any]

    def __new__(cls, text: str, code: str, **params: Any) -> Reason:
        reason = super().__new__(cls, text)
        reason.code, reason.params = code, to_jsonable(params)  # as stored, like a check's values
        return reason

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:
        return (str(self), self.code), self.params  # a Document crosses to and from worker processes pickled

    @classmethod
    def failed(cls, check: Check, field_name: str | None = None) -> Reason:
        return cls(f"check failed: {check.name}: {check.message}", "check_failed", check=check.name,
                   field=field_name, message=check.message, **check.params)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, **self.params, "text": str(self)}


def reason_to_dict(reason: str) -> dict[str, Any]:
    """A reason for the catalog and the JSON; one written as plain text keeps only its text."""
    return reason.to_dict() if isinstance(reason, Reason) else {"code": "other", "text": reason}


def reason_from_dict(data: dict[str, Any]) -> str:
    """The reason `reason_to_dict` wrote."""
    params = {k: v for k, v in data.items() if k not in ("code", "text")}
    return str(data["text"]) if data["code"] == "other" else Reason(data["text"], data["code"], **params)


@dataclass
class Field:
    """An extracted value with the text it came from and why we trust it."""

    value: Any  # str, Decimal, datetime.date, or a list of dicts (vat_lines)
    raw: str = ""
    confidence: float = 1.0
    source_box: Box | None = None
    page: int | None = None
    checks: list[Check] = field(default_factory=list)

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


@dataclass
class Classification:
    """The document type, how sure the classifier is, and the runners-up."""

    label: str
    confidence: float
    alternatives: list[tuple[str, float]] = field(default_factory=list)
    source: str = "classifier"  # or "fatturapa" when the file says its type


@dataclass
class Attachment:
    """A file that came inside another (a FatturaPA's Allegati), archived beside it."""

    name: str  # a plain file name
    path: Path  # in the work folder until it is archived
    media_type: str
    description: str = ""


@dataclass
class Document:
    """A file on its way from the inbox to the archive."""

    path: Path  # the claimed file, in the processing area
    original_name: str  # the name it had in the inbox, relative to the inbox
    sha256: str = ""
    media_type: str = ""  # application/pdf, image/tiff, application/xml, ...
    extractor: str = ""  # which text extractor ran
    pages: list[Page] = field(default_factory=list)
    classification: Classification | None = None
    fields: dict[str, Field] = field(default_factory=dict)
    department: str | None = None
    review_reasons: list[str] = field(default_factory=list)  # Reasons; plain text from older code
    checks: list[Check] = field(default_factory=list)  # about the whole file: its signature, repairs made to read it
    attachments: list[Attachment] = field(default_factory=list)
    searchable_pdf: Path | None = None  # made for scans, in the work folder
    # A FatturaPA "lotto" holds several invoices: each body becomes a part,
    # archived as its own document that shares the original file.
    parts: list[Document] = field(default_factory=list)
    # to the second, as the catalog keeps it
    received_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))
    # A person corrected or confirmed it: its type and supplier are theirs, only its values are still judged.
    reviewed_by_person: bool = False
    # Fields its supplier's layout holds but could not read at their place: the values kept were read
    # elsewhere on the page by the general extractor (the review stage says so).
    read_away: list[str] = field(default_factory=list)
    # Review reasons its supplier's confirmation accepted on these very values, `field:check` (a foreign
    # supplier's own VAT rate; `supplier_vat:missing`): the review stage gives none; the checks stay failed.
    accepted: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\f".join(p.text for p in self.pages)

    @property
    def label(self) -> str | None:
        return self.classification.label if self.classification else None

    @property
    def subfolder(self) -> str:
        """The inbox subfolder the file came from ('' at the top), for routing."""
        parent = Path(self.original_name).parent
        return "" if str(parent) == "." else parent.as_posix()

    def field_value(self, name: str) -> Any:
        f = self.fields.get(name)
        return f.value if f else None

    def add_review_reason(self, reason: str) -> None:
        if reason not in self.review_reasons:
            self.review_reasons.append(reason)


def to_jsonable(value: Any) -> Any:
    """Decimals as strings, dates in ISO form: the JSON of DOMAIN.md."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    return value


def field_to_dict(f: Field) -> dict[str, Any]:
    return {
        "value": to_jsonable(f.value),
        "raw": f.raw,
        "confidence": round(f.confidence, 3),
        "page": f.page,
        "source_box": list(f.source_box) if f.source_box else None,
        "checks": [c.to_dict() for c in f.checks],
    }


class Executor(Protocol):
    """Runs a function over items, in parallel or not: stages never know which."""

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...


@dataclass
class StageContext:
    """What a stage gets besides the document: settings, the executor, a work folder."""

    config: Config
    executor: Executor
    work_dir: Path  # private to this document, removed when it is archived
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("demat"))


# A stage: def run(doc: Document, ctx: StageContext) -> Document
Stage = Callable[[Document, StageContext], Document]


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Everything extracted from a document, in the JSON vocabulary of DOMAIN.md."""
    c = doc.classification
    return {
        "file": doc.original_name,
        "sha256": doc.sha256,
        "media_type": doc.media_type,
        "extractor": doc.extractor,
        "page_count": len(doc.pages),
        "type": c.label if c else None,
        "type_confidence": round(c.confidence, 3) if c else None,
        "type_alternatives": [[label, round(p, 3)] for label, p in c.alternatives] if c else [],
        "type_source": c.source if c else None,
        "department": doc.department,
        "fields": {name: field_to_dict(f) for name, f in doc.fields.items()},
        "review_reasons": [reason_to_dict(r) for r in doc.review_reasons],
        "checks": [c.to_dict() for c in doc.checks],
        "attachments": [{"name": a.name, "media_type": a.media_type, "description": a.description}
                        for a in doc.attachments],
        "received_at": doc.received_at.isoformat(timespec="seconds"),
        "pages": [{"number": p.number, "source": p.source, "confidence": round(p.confidence, 3),
                   "rotation": p.rotation, "skew": p.skew, "text": p.text, **ocr_words_to_dict(p)} for p in doc.pages],
    }


def ocr_words_to_dict(page: Page) -> dict[str, Any]:
    """An OCR'd page's words and size, kept so that learning from it later needs no second OCR
    (a text layer is read again exactly and quickly: nothing kept)."""
    if page.source != "ocr":
        return {}
    return {"width": page.width, "height": page.height,
            "words": [[w.text, *w.box, round(w.confidence, 3)] for w in page.words]}


def page_from_dict(data: dict[str, Any]) -> Page:
    """A page as `document_to_dict` wrote it, with its OCR words when it kept them."""
    words = [Word(text, (x0, y0, x1, y1), confidence) for text, x0, y0, x1, y1, confidence in data.get("words", [])]
    return Page(data["number"], data["text"], words, data.get("width", 0.0), data.get("height", 0.0),
                data["source"], data["confidence"], data.get("rotation", 0), data.get("skew", 0.0))


# What kind of value each field holds: how a person's correction is parsed.
FIELD_KINDS = SCHEMA.field_kinds
