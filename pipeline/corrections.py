"""A person corrects a document: type, fields or department.

Every change is written to the audit trail (who, when, from what, to what);
the document is then checked again, routed again (unless the department was
set by hand), its archive folder follows its department, and it is indexed
again. A corrected document whose values pass their checks is `confirmed`:
it becomes training data for `demat train`, and its supplier's details
become known, so the next invoices of that supplier are not "unknown".

A move is done in the order archiving uses, so a crash at any point leaves the
catalog pointing at a whole folder: the files are linked (or copied) into the
new folder, the catalog changes in one transaction, then the old folder goes.
A crash leaves at most a spare copy, which `demat check` removes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from demat.extractors.fields.amounts import parse_amount
from demat.extractors.fields.dates import parse_date
from demat.indexer import archive, repository
from demat.kernel.document import DEPARTMENTS, FIELD_KINDS, LABELS, Classification, Document, Field, to_jsonable
from demat.kernel.errors import N_, NotFound, UsageError
from demat.pipeline.app import App
from demat.pipeline.home_check import home_lock
from demat.pipeline.stages import rerun


def correct(app: App, doc_id: int, user: str, doc_type: str | None = None,
            fields: dict[str, str] | None = None, department: str | None = None) -> dict[str, Any]:
    """Apply a person's corrections to document DOC_ID; returns the updated catalog record."""
    row = app.catalog.document(doc_id)
    if row is None:
        raise NotFound(N_("no document with id %(id)s"), N_("`demat search` or `demat review` lists ids."), id=doc_id)
    doc = repository.from_row(row)
    changes: list[dict[str, Any]] = []
    if doc_type is not None:
        if doc_type not in LABELS:
            raise UsageError(N_("unknown type %(type)s; known: %(known)s"), type=repr(doc_type),
                             known=", ".join(LABELS))
        changes.append({"field": "type", "old": doc.label, "new": doc_type})
        doc.classification = Classification(doc_type, 1.0, [], source="person")
    for name, text in (fields or {}).items():
        value = parse_correction(name, text)
        old = doc.fields.get(name)
        changes.append({"field": name, "old": to_jsonable(old.value) if old else None, "new": to_jsonable(value)})
        doc.fields[name] = Field(value, raw=text, confidence=1.0)
    if department is not None and department not in DEPARTMENTS:
        raise UsageError(N_("unknown department %(department)r; known: %(known)s"), department=department,
                         known=", ".join(DEPARTMENTS))

    # A person has now looked at the document: only values that still fail a
    # check, or are missing, keep it in review (not its type or its supplier).
    doc.reviewed_by_person = True
    rerun(app.config, app.catalog, doc, "review")
    if department is not None:
        doc.department = department
    if department is not None or doc.department != row["department"]:
        changes.append({"field": "department", "old": row["department"], "new": doc.department})
    with home_lock(app.config, exclusive=False):
        save(app, doc_id, row, doc, user, changes)
    return app.catalog.document(doc_id)


def save(app: App, doc_id: int, row: dict[str, Any], doc: Document, user: str,
         changes: list[dict[str, Any]], also: Callable[[], None] | None = None) -> None:
    """Write corrected DOC (catalog ROW before) and its audit entries, moving its folder if its department
    changed; ALSO: more catalog writes that stand or fall with these (an undone confirmation's). Call
    under the home lock."""
    old_folder = Path(row["archive_dir"])
    new_folder = archive.folder_for(app.config.archive, doc.department, repository.archive_date(doc), doc_id,
                                    row["original_name"])
    sidecar = repository.sidecar_bytes(doc_id, doc)
    moved = new_folder != old_folder
    if moved:
        archive.copy_folder(old_folder, new_folder, skip=(archive.SIDECAR,))
        archive.write_atomic(new_folder / archive.SIDECAR, sidecar)
        archive.fsync_dir(new_folder)
    files = archive.ArchivedFiles(
        new_folder, _moved(row["original_path"], old_folder, new_folder),
        _moved(row["searchable_pdf_path"], old_folder, new_folder) if row["searchable_pdf_path"] else None,
        new_folder / archive.SIDECAR)
    try:
        with app.catalog.transaction():
            repository.update(app.catalog, doc_id, doc, files)
            if moved:
                app.catalog.update_job(doc_id, "moved", str(new_folder), archive_dir=str(new_folder))
            for change in changes:
                app.catalog.record_audit(user, "correct", doc_id, change)
            vat = doc.field_value("supplier_vat")
            if repository.review_state(doc) == "confirmed" and vat:
                app.catalog.confirm_supplier(vat, doc.field_value("supplier_name"), doc.field_value("iban"), user)
            if also is not None:
                also()
            app.search.documents_changed([doc_id])
    except Exception:
        if moved:
            archive.remove_folder(new_folder)
        raise
    if moved:
        archive.remove_folder(old_folder)
    else:  # the catalog is the record: its sidecar follows it
        archive.write_atomic(files.sidecar, sidecar)
    app.search.flush()


def _moved(path: str, old_folder: Path, new_folder: Path) -> Path:
    return new_folder / Path(path).relative_to(old_folder)


def parse_correction(name: str, text: str) -> Any:
    """A person's value for field NAME, parsed like an extracted one."""
    kind = FIELD_KINDS.get(name)
    if kind is None:
        raise UsageError(N_("unknown field %(field)s; known: %(known)s"), field=repr(name),
                         known=", ".join(sorted(FIELD_KINDS)))
    text = text.strip()
    if kind == "amount":
        value = parse_amount(text)
    elif kind == "date":
        value = parse_date(text)
    elif kind in ("vat", "tax_code", "iban"):
        value = text.upper().replace(" ", "")
        if kind == "vat" and value.startswith("IT"):
            value = value[2:]
    elif kind == "vat_lines":
        value = _vat_lines(text)
    else:
        value = text
    if value in (None, ""):
        raise UsageError(N_("%(field)s: cannot read %(text)s (expected: %(kind)s)"), field=name, text=repr(text),
                         kind=kind)
    return value


def _vat_lines(text: str) -> list[dict[str, Any]]:
    try:
        lines = json.loads(text)
        return [{"rate": Decimal(str(line["rate"])), "taxable_amount": Decimal(str(line["taxable_amount"])),
                 "vat_amount": Decimal(str(line["vat_amount"])), "nature": line.get("nature")} for line in lines]
    except (ValueError, KeyError, TypeError, InvalidOperation):
        raise UsageError(N_('vat_lines: give JSON like [{"rate": "22", "taxable_amount": "100.00", '
                            '"vat_amount": "22.00", "nature": null}]')) from None
