"""A person confirms a document: "these values are right", with or without corrections.

One action for the CLI (`demat confirm`) and the web review queue: the
corrections (fields, and the type or department a person chose) are applied as
`demat correct` does, re-routing the document, then it leaves review,
its supplier becomes known, and the supplier's layout is learnt from where the
confirmed values sit on its pages (the words and boxes OCR found are kept in the
archive's sidecar, so that no OCR runs while a person waits; a born-digital
original is read again from its text layer, which takes a moment). Everything is in the audit trail,
and `undo` takes a wrong confirmation back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from demat.extractors.layouts.match import supplier_key
from demat.extractors.layouts.model import SupplierLayout
from demat.extractors.layouts.record import learn
from demat.extractors.pdf import read_text_page
from demat.indexer import repository
from demat.kernel.document import INVOICE_LABELS, Classification, Document, Page, reason_from_dict, to_jsonable
from demat.kernel.errors import N_, NotFound, UsageError
from demat.pipeline.app import App
from demat.pipeline.corrections import correct, parse_correction, save
from demat.pipeline.home_check import home_lock
from demat.pipeline.stages import rerun

TYPE_COLUMNS = ("type", "type_confidence", "type_alternatives", "type_source")  # of the catalog


def confirm(app: App, doc_id: int, user: str, fields: dict[str, str] | None = None, doc_type: str | None = None,
            department: str | None = None) -> dict[str, Any]:
    """Confirm document DOC_ID, after correcting FIELDS (name -> text as a person writes it), its type
    DOC_TYPE and its DEPARTMENT (None: as they are)."""
    before = row = _row(app, doc_id)
    known = _known_suppliers(app, row, fields or {})
    if fields or doc_type or department:
        row = correct(app, doc_id, user, doc_type=doc_type, fields=fields, department=department)
    doc = repository.from_row(row)
    layout = _learn(app, row, doc)
    vat = doc.field_value("supplier_vat")
    with home_lock(app.config, exclusive=False), app.catalog.transaction():
        was_known = vat in known
        app.catalog.confirm_document(doc_id)
        if vat:
            app.catalog.confirm_supplier(vat, doc.field_value("supplier_name"), doc.field_value("iban"), user)
        if layout is not None:
            app.catalog.save_layout(layout.supplier, layout.page_size, layout.to_dict(), doc_id, user)
        app.catalog.record_audit(user, "confirm", doc_id, {
            "reasons": before["review_reasons"], "supplier_vat": vat, "supplier_was_known": was_known,
            "layout": layout.supplier if layout else None, "learnt": sorted(layout.fields) if layout else [],
            "corrected": _corrected(before, row)})
        app.search.documents_changed([doc_id])
    app.search.flush()
    return app.catalog.document(doc_id)


def undo(app: App, doc_id: int, user: str) -> dict[str, Any]:
    """Take back the last confirmation of DOC_ID: the values, type and department it corrected go back
    to what they were (with their checks and review reasons), the layouts it taught go back to what
    they were, a supplier it made known is unknown again, and the document waits in review."""
    row = _row(app, doc_id)
    confirmation = next((e for e in app.catalog.audit_trail(doc_id) if e["action"] in ("confirm", "unconfirm")), None)
    if row["review_state"] != "confirmed" or confirmation is None or confirmation["action"] != "confirm":
        raise UsageError(N_("document %(id)s has no confirmation to undo"),
                         N_("`demat show ID` tells its state; `demat confirm ID` confirms it."), id=doc_id)
    detail = confirmation["detail"]
    doc, changes = _restored(row, detail)

    def take_back() -> None:
        layouts = app.catalog.forget_layouts(doc_id)
        forget = detail.get("supplier_vat") if not detail.get("supplier_was_known") else None
        if forget:
            app.catalog.forget_supplier(forget)
        app.catalog.return_to_review(doc_id)
        app.catalog.record_audit(user, "unconfirm", doc_id, {"layouts": layouts, "supplier_forgotten": forget,
                                                             "restored": changes})

    with home_lock(app.config, exclusive=False):
        save(app, doc_id, row, doc, user, [], also=take_back)
    return app.catalog.document(doc_id)


def _corrected(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """What a confirmation's corrections changed, as it was before (catalog rows): the fields (None where
    there was none), the type, the department; what its undo puts back."""
    fields = {name: before["fields"].get(name) for name in sorted({*before["fields"], *after["fields"]})
              if before["fields"].get(name) != after["fields"].get(name)}  # a value, or its checks
    typed = any(before[key] != after[key] for key in TYPE_COLUMNS)
    route = {**({key: before[key] for key in TYPE_COLUMNS} if typed else {}),
             **({"department": before["department"]} if before["department"] != after["department"] else {})}
    return {"fields": fields, **route}


def _restored(row: dict[str, Any], detail: dict[str, Any]) -> tuple[Document, list[dict[str, Any]]]:
    """The document of catalog ROW as it was before the confirmation DETAIL tells of, and the changes."""
    doc = repository.from_row(row)
    corrected = detail.get("corrected", {})
    changes = []
    for name, old in corrected.get("fields", {}).items():
        confirmed = doc.fields.pop(name, None)
        if old is not None:
            doc.fields[name] = repository.field_from_row(name, old)
        was = to_jsonable(confirmed.value) if confirmed else None
        if was != (old["value"] if old else None):
            changes.append({"field": name, "old": was, "new": old["value"] if old else None})
    if "type" in corrected:
        doc.classification = Classification(corrected["type"], corrected["type_confidence"] or 0.0,
                                            [tuple(a) for a in corrected["type_alternatives"]],
                                            corrected["type_source"] or "")
        changes.append({"field": "type", "old": row["type"], "new": corrected["type"]})
    if "department" in corrected:
        doc.department = corrected["department"]
        changes.append({"field": "department", "old": row["department"], "new": corrected["department"]})
    doc.review_reasons = [reason_from_dict(r) for r in detail.get("reasons", [])]
    doc.reviewed_by_person = False
    return doc, changes


def _row(app: App, doc_id: int) -> dict[str, Any]:
    row = app.catalog.document(doc_id)
    if row is None:
        raise NotFound(N_("no document with id %(id)s"), N_("`demat search` or `demat review` lists ids."), id=doc_id)
    return row


def _known_suppliers(app: App, row: dict[str, Any], fields: dict[str, str]) -> set[str]:
    """The suppliers known before this confirmation (its corrections may confirm one on their way)."""
    vats = {row["supplier_vat"], parse_correction("supplier_vat", fields["supplier_vat"]) if "supplier_vat" in fields
            else None}
    return {vat for vat in vats if vat and app.catalog.supplier(vat) is not None}


def _learn(app: App, row: dict[str, Any], doc: Document) -> SupplierLayout | None:
    """The layout of a confirmed invoice read from a scan or a PDF (a FatturaPA needs none)."""
    key = supplier_key({name: f.value for name, f in doc.fields.items()})
    if key is None or doc.label not in INVOICE_LABELS or row["extractor"] == "fatturapa":
        return None
    return learn(key, stored_pages(app, row, doc), doc.fields)


def stored_pages(app: App, row: dict[str, Any], doc: Document) -> list[Page]:
    """The pages of an archived document with their word boxes, without OCR: an OCR'd page's
    words as its sidecar keeps them (for a document archived before they were kept, the text
    layer of its searchable PDF, which holds the same words in nearly the same boxes); a
    born-digital original read again from its text layer."""
    if not any(page.source == "ocr" for page in doc.pages):
        return _reread_original(app, row)
    if all(page.words for page in doc.pages):
        return doc.pages
    searchable = _archived(row, "searchable_pdf_path")
    return [page if page.words else read_text_page((searchable, page.number - 1)) for page in doc.pages]


def _reread_original(app: App, row: dict[str, Any]) -> list[Page]:
    original = _archived(row, "original_path")
    return rerun(app.config, app.catalog, Document(path=original, original_name=row["original_name"]), "text",
                 "text").pages


def _archived(row: dict[str, Any], column: str) -> Path:
    path = Path(row[column] or "")
    if not path.is_file():
        raise NotFound(N_("the original of document %(id)s is missing: %(path)s"),
                       N_("`demat check` finds what is missing from the archive."), id=row["id"], path=path)
    return path
