"""What a user can do through the web, with access checked and the audit trail written.

Pages and API both call these functions, so a rule about who may see what is
written once. Every function takes the `WebContext` and the `User` asking.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import mimetypes
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import anyio
from fastapi import HTTPException

from demat.indexer.catalog import WORK_STATES
from demat.indexer.exports import ExportFilters, Invoice, export_invoices, invoices
from demat.indexer.search import FACETS, SearchPage, SearchQuery
from demat.indexer.search.filters import bounded_amount
from demat.kernel.document import DEPARTMENTS, FIELD_KINDS
from demat.kernel.errors import N_, DematError, InputError, NotFound, UsageError
from demat.kernel.schema import SCHEMA
from demat.web import i18n_formats
from demat.web.access import allowed_departments, archived_file, require_archivist
from demat.web.users import User

INLINE_TYPES = ("application/pdf", "image/png", "image/jpeg")  # shown in the browser; the rest is downloaded
EXPORT_TYPES = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "csv-plain": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
}


# -- search ----------------------------------------------------------------------

@dataclass
class SearchParams:
    q: str = ""
    types: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    supplier: str = ""
    year: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None


def search(web, user: User, params: SearchParams) -> SearchPage:
    """A page of hits with facets, counted only over what USER may see."""
    departments = allowed_departments(user, params.departments)
    if departments is None:
        return SearchPage(0, [], {name: {} for name in FACETS}, 0.0)
    query = SearchQuery(text=params.q, types=params.types, departments=departments, supplier=params.supplier,
                        date_from=params.date_from, date_to=params.date_to, amount_min=params.amount_min,
                        amount_max=params.amount_max, sort=params.sort, page=params.page,
                        page_size=params.page_size)
    if params.year is not None:
        query.date_from = max(filter(None, (query.date_from, dt.date(params.year, 1, 1))))
        query.date_to = min(filter(None, (query.date_to, dt.date(params.year, 12, 31))))
    return web.app.search.search(query)


async def search_in_turn(web, user: User, params: SearchParams) -> SearchPage:
    """search() on a worker thread, within the process's search slots (see demat.web.app.SEARCHES_AT_ONCE)."""
    return await anyio.to_thread.run_sync(search, web, user, params, limiter=web.search_slots)


# -- documents -------------------------------------------------------------------

def document(web, user: User, doc_id: int) -> dict[str, Any]:
    """The document with its history (job events and audit trail); the view is audited."""
    doc = visible(web, user, doc_id)
    web.app.catalog.record_audit(user.name, "view", doc_id)
    doc["events"] = [dict(e) for e in web.app.catalog.events(doc_id)]
    doc["audit"] = web.app.catalog.audit_trail(doc_id)
    return doc


def visible(web, user: User, doc_id: int) -> dict[str, Any]:
    """The catalog's document if USER may see it; 404 otherwise, as if it did not exist."""
    doc = web.app.catalog.document(doc_id)
    if doc is None or not user.may_see(doc["department"]):
        raise NotFound(N_("no document %(id)s"), id=doc_id)
    return doc


@dataclass
class ArchivedFile:
    path: Path
    media_type: str
    name: str
    inline: bool


def archived(web, user: User, doc_id: int, variant: str = "original") -> ArchivedFile:
    """The original (or the searchable PDF of a scan), found by id only; the download is audited."""
    doc = visible(web, user, doc_id)
    if variant == "original":
        if not all(user.may_see(d) for d in web.app.catalog.lotto_departments(doc_id)):
            raise HTTPException(403, N_("this file also holds invoices of departments you do not see: "
                                     "its fields and pages are on this page; ask an archivist for the file"))
        path = archived_file(web.config.archive, doc["original_path"])
        media_type = doc["media_type"] or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        name = Path(doc["original_name"]).name
    elif variant == "searchable":
        path = archived_file(web.config.archive, doc["searchable_pdf_path"])
        media_type, name = "application/pdf", f"{Path(doc['original_name']).stem}-searchable.pdf"
    else:
        raise NotFound(N_("no file %(variant)s: use original or searchable"), variant=repr(variant))
    web.app.catalog.record_audit(user.name, "download", doc_id, {"file": variant})
    return ArchivedFile(path, media_type, name, media_type in INLINE_TYPES)


# -- queues ----------------------------------------------------------------------

def department_queue(web, user: User, department: str, limit: int = 100) -> list[dict[str, Any]]:
    """What was routed to DEPARTMENT, newest first, with each document's work state."""
    if department not in DEPARTMENTS or not user.may_see(department):
        raise NotFound(N_("no queue %(department)s for you"), department=repr(department))
    return [dict(row) for row in web.app.catalog.queue(department, limit)]


def set_work_state(web, user: User, doc_id: int, state: str) -> None:
    doc = visible(web, user, doc_id)
    if state not in WORK_STATES:
        raise UsageError(N_("work state must be one of %(states)s"), states=", ".join(WORK_STATES))
    web.app.catalog.set_work_state(doc_id, state)
    web.app.catalog.record_audit(user.name, "work_state", doc_id, {"old": doc["work_state"], "new": state})


COUNTED_TYPES = SCHEMA.counted_labels  # a proforma asks for payment but is not an invoice: never in totals


def review_queue(web, user: User, limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
    """Documents in review that USER may see, with their reasons."""
    rows = web.app.catalog.review_queue(limit, review_departments(user), offset)
    return [{**dict(r), "review_reasons": json.loads(r["review_reasons"])} for r in rows]


def review_count(web, user: User) -> int:
    return web.app.catalog.review_count(review_departments(user))


def review_departments(user: User) -> tuple[str, ...] | None:
    return None if user.sees_all else user.departments


def correct(web, user: User, doc_id: int, doc_type: str | None = None, fields: dict[str, str] | None = None,
            department: str | None = None) -> dict[str, Any]:
    """A person's corrections; `demat.pipeline.corrections` audits, re-checks, re-routes and re-indexes."""
    from demat.pipeline.corrections import correct as apply

    doc = visible(web, user, doc_id)
    changed = changed_fields(doc, fields or {})
    doc_type, department = changed_route(doc, doc_type, department)
    if doc_type is None and not changed and department is None:
        return doc
    return apply(web.app, doc_id, user.name, doc_type=doc_type, fields=changed or None, department=department)


def changed_route(doc: dict[str, Any], doc_type: str | None, department: str | None) -> tuple[str | None, str | None]:
    """The type and department chosen on the form, None where they are the document's own."""
    return (None if doc_type == doc["type"] else doc_type), (None if department == doc["department"] else department)


def changed_fields(doc: dict[str, Any], fields: dict[str, str]) -> dict[str, str]:
    """The FIELDS a person changed on the form (name -> text), each checked to be storable."""
    from demat.pipeline.corrections import parse_correction

    changed = {name: value for name, value in fields.items() if not unchanged(doc, name, value)}
    for name, text in changed.items():
        _within_bounds(name, parse_correction(name, text))
    return changed


def _within_bounds(name: str, value: Any) -> None:
    """Refuse a corrected value with an amount no archive holds (NaN, Infinity, 10^20): it could not be indexed."""
    if isinstance(value, Decimal):
        amounts = [value]
    elif name == "vat_lines":
        amounts = [v for line in value for v in line.values() if isinstance(v, Decimal)]
    else:
        return
    for amount in amounts:
        try:
            bounded_amount(amount)
        except InputError as exc:
            raise UsageError(N_("field %(field)s: %(problem)s"), field=name, problem=exc) from None


def shown(doc: dict[str, Any], name: str) -> str:
    """A field's value as a person reads and types it."""
    f = doc["fields"].get(name)
    if f is None or f["value"] is None:
        return ""
    value, kind = f["value"], FIELD_KINDS.get(name)
    if kind == "amount":
        return i18n_formats.number(value)
    if kind == "date":
        return i18n_formats.date(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def unchanged(doc: dict[str, Any], name: str, text: str) -> bool:
    """Whether TEXT says what field NAME already holds, however it is written (1.000,00 or 1000.00)."""
    from demat.indexer.repository import from_json
    from demat.pipeline.corrections import parse_correction

    if text == shown(doc, name):
        return True
    f = doc["fields"].get(name)
    try:
        return f is not None and parse_correction(name, text) == from_json(name, f["value"])
    except DematError:
        return False


def confirm(web, user: User, doc_id: int, fields: dict[str, str] | None = None, doc_type: str | None = None,
            department: str | None = None) -> dict[str, Any]:
    """A person accepts the document's values, with the FIELDS, type and department corrected on the form:
    it leaves review (re-routed), its supplier's layout is learnt (demat.pipeline.confirmation), and the
    audit trail says who did it."""
    from demat.pipeline.confirmation import confirm as confirm_values

    doc = visible(web, user, doc_id)
    if doc["review_state"] != "review":
        return doc
    doc_type, department = changed_route(doc, doc_type, department)
    return confirm_values(web.app, doc_id, user.name, changed_fields(doc, fields or {}) or None, doc_type, department)


def unconfirm(web, user: User, doc_id: int) -> dict[str, Any]:
    """A person takes back a document's confirmation: what it taught is undone, it waits in review again."""
    from demat.pipeline.confirmation import undo

    visible(web, user, doc_id)
    return undo(web.app, doc_id, user.name)


# -- accounting ------------------------------------------------------------------

@dataclass
class InvoiceParams:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    supplier: str = ""
    department: str = ""


def invoice_scope(user: User, params: InvoiceParams) -> ExportFilters:
    """The filters of the invoices USER asked for and may see."""
    departments = allowed_departments(user, [params.department] if params.department else [])
    if departments is None:
        raise NotFound(N_("no invoices of %(department)s for you"), department=repr(params.department))
    return ExportFilters(date_from=params.date_from, date_to=params.date_to, supplier=params.supplier,
                         departments=tuple(departments))  # empty: an archivist, every department


def invoice_rows(web, user: User, params: InvoiceParams) -> tuple[list[Invoice], dict[str, Decimal]]:
    """The invoices USER may see, oldest first, and the sums of the amounts that count (no proforma)."""
    rows = list(invoices(web.app.catalog, invoice_scope(user, params)))
    counted = [inv for inv in rows if inv.type in COUNTED_TYPES]
    totals = {name: sum((inv.values[name] for inv in counted if isinstance(inv.values.get(name), Decimal)),
                        Decimal("0.00"))
              for name in ("taxable_amount", "vat_amount", "total")}
    return rows, totals


INVOICE_COLUMNS = ("date", "number", "type", "supplier_name", "supplier_vat", "taxable_amount", "vat_amount",
                   "total", "due_date")  # what the accounting page sorts by; "-total" is the other way round


def sort_invoices(rows: list[Invoice], sort: str) -> list[Invoice]:
    """ROWS by the column SORT names ("-" in front: descending), rows without that value last either way."""
    name = sort.removeprefix("-")

    def value(inv: Invoice):
        return inv.type if name == "type" else inv.values.get(name)

    def key(inv: Invoice):
        v = value(inv)
        return v.casefold() if isinstance(v, str) else v, inv.document_id

    having = [inv for inv in rows if value(inv) not in (None, "")]
    lacking = [inv for inv in rows if value(inv) in (None, "")]
    return sorted(having, key=key, reverse=sort.startswith("-")) + lacking


def export(web, user: User, params: InvoiceParams, fmt: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) of an invoice export; audited."""
    if fmt not in EXPORT_TYPES:
        raise NotFound(N_("unknown export format %(format)s; known: %(known)s"), format=repr(fmt),
                       known=", ".join(EXPORT_TYPES))
    scope = invoice_scope(user, params)
    out = io.BytesIO()
    count = export_invoices(web.app.catalog, scope, fmt, out)
    web.app.catalog.record_audit(user.name, "export", None, {
        "format": fmt, "invoices": count, "departments": list(scope.departments), "supplier": params.supplier,
        "date_from": str(params.date_from or ""), "date_to": str(params.date_to or "")})
    media_type, ext = EXPORT_TYPES[fmt]
    return out.getvalue(), media_type, f"fatture-{dt.date.today():%Y%m%d}.{ext}"


# -- inbox and pipeline ------------------------------------------------------------

def upload(web, user: User, name: str, source: BinaryIO) -> Path:
    from demat.web.uploads import put_in_inbox

    path = put_in_inbox(web.config, name, source)
    web.app.catalog.record_audit(user.name, "upload", None, {"file": path.name})
    return path


def whereabouts(web, user: User, name: str) -> dict[str, Any]:
    """Where an uploaded file is now: waiting in the inbox, being read, archived as a document, or stopped.

    The document is given only if USER may see it; what stopped a file is told
    to archivists only, as on the inbox page.
    """
    if (web.config.inbox / name).is_file():
        return {"file": name, "state": "waiting"}
    job = web.app.catalog.latest_job(name)
    if job is None:
        return {"file": name, "state": "unknown"}
    doc_id = job.duplicate_of if job.state == "duplicate" else job.id
    if job.state in ("archived", "duplicate"):
        doc = web.app.catalog.document(doc_id)
        seen = doc is not None and user.may_see(doc["department"])
        return {"file": name, "state": job.state, "document": doc_id if seen else None}
    if job.state in ("quarantined", "held", "discarded") and not user.sees_all:
        return {"file": name, "state": "stopped"}
    return {"file": name, "state": job.state, "job": job.id}


def pipeline_state(web, user: User) -> dict[str, Any]:
    """What USER may know of the pipeline: counts only over what they may see.

    Archivists see every file waiting, in progress or quarantined, with names
    and reasons, and the jobs counted by state. Anyone else sees only the
    documents of their departments: a file has no department before it is
    read, and any count over the whole archive tells what is in it (a copy of
    an HR document, counted as a duplicate, would say that HR has it).
    """
    from demat.pipeline.inbox import scan

    if not user.sees_all:
        return department_counts(web, user)
    catalog = web.app.catalog
    waiting = sorted(p.relative_to(web.config.inbox).as_posix() for p in scan(web.config.inbox))
    working = catalog.jobs(("claimed", "archiving"))
    quarantined = catalog.jobs(("quarantined",))
    held = catalog.jobs(("held",))
    return {"waiting": len(waiting), "in_progress": len(working), "quarantined": len(quarantined),
            "held": len(held), "counts": catalog.state_counts(), "waiting_files": waiting,
            "in_progress_jobs": [{"id": j.id, "file": j.original_name, "state": j.state} for j in working],
            "quarantine": [_stopped(j) for j in quarantined],
            "held_jobs": [{**_stopped(j), "until": j.held_until} for j in held]}


def _stopped(job) -> dict[str, Any]:
    """A job that waits for a person or for the machine: what went wrong and what to do."""
    return {"id": job.id, "file": job.original_name, "error": job.error_kind, "reason": job.error_message,
            "what_to_do": job.error_action, "since": job.updated_at}


def department_counts(web, user: User) -> dict[str, int]:
    """How many documents USER's departments hold, and how many of them wait for review."""
    def count(review_state: str | None) -> int:
        query = SearchQuery(departments=list(user.visible_departments()), review_state=review_state, sort="date",
                            page_size=1, facets=False)
        return web.app.search.search(query).total

    return {"documents": count(None), "in_review": count("review")}


def retry(web, user: User, job_id: int) -> None:
    """Put a quarantined file back in processing; a running `demat watch` takes it up."""
    from demat.pipeline import quarantine

    require_archivist(user)
    job = _job(web, job_id)
    quarantine.restore(web.config, web.app.catalog, job)
    web.app.catalog.record_audit(user.name, "retry", None, {"job": job_id, "file": job.original_name})


def discard(web, user: User, job_id: int, why: str) -> None:
    """Archivists: set a quarantined file aside for good (kept in quarantine/scartati/, never deleted)."""
    from demat.pipeline import quarantine

    require_archivist(user)
    job = _job(web, job_id)
    why = why.strip()[:500]
    quarantine.discard(web.config, web.app.catalog, job, user.name, why)
    web.app.catalog.record_audit(user.name, "discard", None, {"job": job_id, "file": job.original_name, "why": why})


def _job(web, job_id: int):
    from demat.kernel.errors import NotFound

    job = web.app.catalog.job(job_id)
    if job is None:
        raise NotFound(N_("no job with id %(id)s"), id=job_id)
    return job


def audit_log(web, user: User, limit: int = 500) -> list[dict[str, Any]]:
    require_archivist(user)
    return web.app.catalog.audit_trail(limit=limit)


# -- people and their credentials ------------------------------------------------------

def change_password(web, user: User, current: str, new: str, address: str) -> None:
    """USER's own new password, given the current one; every session of USER ends (`Users.set_password`)."""
    if web.limiter.blocked(user.name, address):
        raise HTTPException(429, N_("too many wrong passwords: wait 15 minutes and try again"))
    if web.users.check_password(user.name, current) is None:
        web.limiter.failed(user.name, address)
        raise HTTPException(403, N_("the current password is wrong"))
    web.users.set_password(user.name, new)
    web.app.catalog.record_audit(user.name, "password", None, {"address": address})


def revoke_token(web, user: User, token_id: str) -> None:
    """One of USER's own API tokens, by the id `Users.tokens` lists."""
    web.users.revoke_tokens(user.name, token_id)
    web.app.catalog.record_audit(user.name, "revoke_token", None, {"token": token_id})


def user_list(web, user: User) -> list[dict[str, Any]]:
    """Archivists: every user, with role, departments and how many API tokens."""
    require_archivist(user)
    return [{"name": u.name, "role": u.role, "departments": list(u.visible_departments()),
             "tokens": len(web.users.tokens(u.name))} for u in web.users.all()]


def delete_user(web, user: User, name: str) -> None:
    """Archivists: remove NAME, whose tokens and sessions end with them; never oneself (someone must remain)."""
    require_archivist(user)
    if name == user.name:
        raise UsageError(N_("you cannot delete yourself"), N_("Another archivist, or `demat user delete`, can."))
    web.users.delete(name)
    web.app.catalog.record_audit(user.name, "delete_user", None, {"user": name})
