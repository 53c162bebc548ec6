"""The one mapping between a `Document` and what the catalog and the archive keep of it.

The runner archives new documents through here, corrections save them again,
confirmations and `demat check` read them back, and the search index parses
the catalog's values with the same functions, so a value is written one way
and read one way. Read back, a document equals the one written except where
its files now are (the archive) and what the catalog does not keep: the words,
size and rotation of a page read from a text layer (an OCR'd page is kept whole
in the sidecar, so that no OCR runs again), a lotto's parts (each part is its own
document), and whether a person looked at a document that still waits in
review (its state says only "review"; a correction says so again).
The sidecar (`document.json`) keeps what is true of the file itself: its
checks, its attachments and what OCR found.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from demat.indexer import archive
from demat.indexer.catalog import Catalog
from demat.kernel.document import (
    FIELD_KINDS,
    Attachment,
    Check,
    Classification,
    Document,
    Field,
    Page,
    document_to_dict,
    page_from_dict,
    reason_from_dict,
    reason_to_dict,
    to_jsonable,
)

# Columns written when a document is first archived and never changed afterwards.
FIXED_COLUMNS = ("id", "sha256", "part", "received_at", "archived_at")


def sidecar(doc_id: int, doc: Document) -> dict[str, Any]:
    """The JSON kept beside the files in the archive folder."""
    return {"id": doc_id, **document_to_dict(doc)}


def sidecar_bytes(doc_id: int, doc: Document) -> bytes:
    return json.dumps(sidecar(doc_id, doc), ensure_ascii=False, indent=2).encode("utf-8")


def insert(catalog: Catalog, doc_id: int, part: int, doc: Document, files: archive.ArchivedFiles) -> None:
    """Write a newly archived document (call inside the catalog's transaction)."""
    catalog.insert_document(*rows(doc_id, part, doc, files))


def update(catalog: Catalog, doc_id: int, doc: Document, files: archive.ArchivedFiles) -> None:
    """Write a document again after a correction (call inside the catalog's transaction)."""
    record, _, fields = rows(doc_id, 0, doc, files)
    catalog.update_document(doc_id, {k: v for k, v in record.items() if k not in FIXED_COLUMNS}, fields)


def load(catalog: Catalog, doc_id: int) -> Document | None:
    row = catalog.document(doc_id)
    return from_row(row) if row is not None else None


def rows(doc_id: int, part: int, doc: Document, files: archive.ArchivedFiles) -> tuple[dict, list[dict], list[dict]]:
    """The document's catalog row, its pages' rows and its fields' rows."""
    c = doc.classification
    date = doc.field_value("date")
    total = doc.field_value("total")
    record = {
        "id": doc_id, "sha256": doc.sha256, "part": part, "original_name": doc.original_name,
        "media_type": doc.media_type, "extractor": doc.extractor, "page_count": len(doc.pages),
        "title": title(doc),
        "type": c.label if c else None, "type_confidence": c.confidence if c else None,
        "type_alternatives": json.dumps(to_jsonable(c.alternatives if c else [])),
        "type_source": c.source if c else None,
        "department": doc.department,
        "review_state": review_state(doc),
        "review_reasons": json.dumps([reason_to_dict(r) for r in doc.review_reasons], ensure_ascii=False),
        "doc_date": date.isoformat() if isinstance(date, dt.date) else None,
        "supplier_name": doc.field_value("supplier_name") or doc.field_value("sender"),
        "supplier_vat": doc.field_value("supplier_vat"),
        "total": str(total) if total is not None else None,
        "archive_dir": str(files.folder), "original_path": str(files.original),
        "searchable_pdf_path": str(files.searchable_pdf) if files.searchable_pdf else None,
        "sidecar_path": str(files.sidecar),
        "received_at": doc.received_at.isoformat(timespec="seconds"),
        "archived_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    pages = [{"document_id": doc_id, "number": p.number, "text": p.text, "source": p.source,
              "confidence": p.confidence} for p in doc.pages]
    fields = [{"document_id": doc_id, "name": name, "value": json.dumps(to_jsonable(f.value), ensure_ascii=False),
               "raw": f.raw, "confidence": f.confidence, "page": f.page,
               "box": json.dumps(list(f.source_box)) if f.source_box else None,
               "checks": json.dumps([c.to_dict() for c in f.checks], ensure_ascii=False)}
              for name, f in doc.fields.items()]
    return record, pages, fields


def review_state(doc: Document) -> str:
    if doc.review_reasons:
        return "review"
    return "confirmed" if doc.reviewed_by_person else "auto"


def from_row(row: dict[str, Any]) -> Document:
    """The Document a catalog record (`Catalog.document`) and its sidecar describe."""
    doc = Document(path=Path(row["original_path"]), original_name=row["original_name"], sha256=row["sha256"],
                   media_type=row["media_type"], extractor=row["extractor"], department=row["department"],
                   received_at=dt.datetime.fromisoformat(row["received_at"]),
                   searchable_pdf=Path(row["searchable_pdf_path"]) if row["searchable_pdf_path"] else None,
                   review_reasons=[reason_from_dict(r) for r in row["review_reasons"]],
                   reviewed_by_person=row["review_state"] == "confirmed")
    doc.pages = [Page(p["number"], p["text"], source=p["source"], confidence=p["confidence"]) for p in row["pages"]]
    if row["type"]:
        doc.classification = Classification(row["type"], row["type_confidence"] or 0.0,
                                            [tuple(a) for a in row["type_alternatives"]], row["type_source"] or "")
    doc.fields = {name: field_from_row(name, f) for name, f in row["fields"].items()}
    kept = Path(row["sidecar_path"])
    if kept.is_file():  # what was found about the file itself (its signature, its attachments) stays true
        data = json.loads(kept.read_text(encoding="utf-8"))
        ocr_pages = {p["number"]: page_from_dict(p) for p in data.get("pages", []) if "words" in p}
        doc.pages = [ocr_pages.get(page.number, page) for page in doc.pages]  # their words, for learning layouts
        doc.checks = [Check.from_dict(c) for c in data.get("checks", [])]
        doc.attachments = [Attachment(a["name"], Path(row["archive_dir"]) / archive.ATTACHMENTS / a["name"],
                                      a["media_type"], a["description"]) for a in data.get("attachments", [])]
    return doc


def field_from_row(name: str, f: dict[str, Any]) -> Field:
    """Field NAME as `Catalog.document` gives it (value, raw, confidence, page, box, checks)."""
    return Field(from_json(name, f["value"]), raw=f["raw"], confidence=f["confidence"],
                 source_box=tuple(f["box"]) if f["box"] else None, page=f["page"],
                 checks=[Check.from_dict(c) for c in f["checks"]])


def from_json(name: str, value: Any) -> Any:
    """The value of field NAME as its JSON form holds it: Decimal amounts, dates."""
    kind = FIELD_KINDS.get(name)
    if value is None:
        return None
    if kind == "amount":
        return Decimal(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "vat_lines":
        return [{**line, **{k: Decimal(line[k]) for k in ("rate", "taxable_amount", "vat_amount")
                            if line.get(k) is not None}} for line in value]
    return value


def archive_date(doc: Document) -> dt.date:
    """The date its archive folder is filed under: the document's own, else the day it came."""
    value = doc.field_value("date")
    return value if isinstance(value, dt.date) else doc.received_at.date()


def title(doc: Document) -> str:
    """A short human title: type, number and who sent it, else the file name."""
    parts = [doc.label or "documento"]
    for name in ("number", "supplier_name", "sender", "subject"):
        value = doc.field_value(name)
        if value:
            parts.append(str(value))
    return " – ".join(parts[:3]) if len(parts) > 1 else Path(doc.original_name).name


def row_date(doc_date: str | None, archived_at: str) -> dt.date | None:
    """A catalog row's document date, else the day it was archived."""
    for text in (doc_date, (archived_at or "")[:10]):
        try:
            return dt.date.fromisoformat(text)
        except (TypeError, ValueError):
            continue
    return None


def amount(text: str | None) -> Decimal | None:
    """A catalog row's amount; None when empty or unreadable."""
    try:
        return Decimal(text) if text not in (None, "") else None
    except InvalidOperation:
        return None
