"""The JSON API, for machines (an accounting system pulling invoices) and the pages' scripts.

Authenticate with `Authorization: Bearer <token>` (`demat user token NAME`)
or the browser session (then POSTs need the `X-CSRF-Token` header). The
OpenAPI description is at /api/openapi.json.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel

from demat.indexer.search import SearchPage
from demat.kernel.document import DEPARTMENTS
from demat.web import actions, invoice_files
from demat.web.access import address, context, current_user
from demat.web.params import Departments, Id, Name, Page, PageSize, Rows, Text, Types, invoice_params, search_params
from demat.web.users import User

router = APIRouter(prefix="/api", tags=["api"])


class Correction(BaseModel):
    type: str | None = None
    fields: dict[str, str] = {}
    department: str | None = None


class WorkState(BaseModel):
    state: str


class Discard(BaseModel):
    why: str = ""


class NewPassword(BaseModel):
    current_password: str
    new_password: str


@router.get("/me")
def me(user: User = Depends(current_user)) -> dict[str, Any]:
    return {"name": user.name, "role": user.role, "departments": list(user.visible_departments())}


@router.post("/me/password")
def change_password(request: Request, body: NewPassword, user: User = Depends(current_user)) -> dict[str, str]:
    """Change your own password; every browser session of yours ends (API tokens stay)."""
    actions.change_password(context(request), user, body.current_password, body.new_password, address(request))
    return {"name": user.name, "password": "changed"}


@router.get("/me/tokens")
def my_tokens(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    """Your API tokens, each by an id that cannot be used as the token."""
    return {"tokens": context(request).users.tokens(user.name)}


@router.delete("/me/tokens/{token_id}")
def revoke_token(request: Request, token_id: str, user: User = Depends(current_user)) -> dict[str, str]:
    """Revoke one of your API tokens: it opens nothing from now on."""
    actions.revoke_token(context(request), user, token_id)
    return {"id": token_id, "state": "revoked"}


@router.get("/users")
def users(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    """Archivists: every user, with role and departments."""
    return {"users": actions.user_list(context(request), user)}


@router.delete("/users/{name}")
def delete_user(request: Request, name: str, user: User = Depends(current_user)) -> dict[str, str]:
    """Archivists: remove a user; their API tokens and browser sessions end with them."""
    actions.delete_user(context(request), user, name)
    return {"name": name, "state": "deleted"}


@router.get("/search", response_class=JSONResponse)
async def search(request: Request, params: actions.SearchParams = Depends(search_params),
                 user: User = Depends(current_user)) -> JSONResponse:
    """Full-text search with facets (type, department, supplier, year) over what you may see."""
    return page_json(await actions.search_in_turn(context(request), user, params))


@router.get("/documents", response_class=JSONResponse)
async def documents(request: Request, type: Types = [], department: Departments = [], page: Page = 1,  # noqa: B006 (FastAPI copies a default per request)
                    page_size: PageSize = 50, user: User = Depends(current_user)) -> JSONResponse:
    """The documents you may see, newest first."""
    params = actions.SearchParams(types=type, departments=department, sort="date", page=page, page_size=page_size)
    return page_json(await actions.search_in_turn(context(request), user, params))


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: Id, user: User = Depends(current_user)) -> dict[str, Any]:
    """Everything known about one document: fields with checks, pages' text, history."""
    return actions.document(context(request), user, doc_id)


@router.get("/documents/{doc_id}/file")
def document_file(request: Request, doc_id: Id, variant: Text = "original", download: bool = False,
                  user: User = Depends(current_user)) -> FileResponse:
    """The archived original (or `variant=searchable`: the searchable PDF of a scan)."""
    return _file(actions.archived(context(request), user, doc_id, variant), download)


@router.get("/documents/{doc_id}/attachments/{name}")
def document_attachment(request: Request, doc_id: Id, name: Name, download: bool = False,
                        user: User = Depends(current_user)) -> FileResponse:
    """A file that came inside the original (a FatturaPA's attachment), archived beside it."""
    return _file(invoice_files.attachment(context(request), user, doc_id, name), download)


def _file(found: actions.ArchivedFile, download: bool) -> FileResponse:
    disposition = "inline" if found.inline and not download else "attachment"
    return FileResponse(found.path, media_type=found.media_type, filename=found.name,
                        content_disposition_type=disposition)


@router.post("/documents/{doc_id}/corrections")
def correct(request: Request, doc_id: Id, body: Correction, user: User = Depends(current_user)) -> dict[str, Any]:
    """Correct type, fields and department; the document is checked, routed and indexed again."""
    return actions.correct(context(request), user, doc_id, body.type, body.fields, body.department)


@router.post("/documents/{doc_id}/work-state")
def work_state(request: Request, doc_id: Id, body: WorkState, user: User = Depends(current_user)) -> dict:
    """Move a document in its department's queue: new, in_progress, done."""
    actions.set_work_state(context(request), user, doc_id, body.state)
    return {"id": doc_id, "work_state": body.state}


@router.get("/queues")
def queues(user: User = Depends(current_user)) -> dict[str, Any]:
    return {"departments": [d for d in DEPARTMENTS if user.may_see(d)]}


@router.get("/queues/{department}")
def queue(request: Request, department: str, limit: Rows = 100, user: User = Depends(current_user)) -> dict:
    """What was routed to a department, newest first, with work states."""
    return {"department": department, "documents": actions.department_queue(context(request), user, department, limit)}


@router.get("/review")
def review(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    """Documents waiting for a person, with the reasons."""
    return {"documents": actions.review_queue(context(request), user)}


@router.get("/invoices")
def invoices(request: Request, params: actions.InvoiceParams = Depends(invoice_params),
             user: User = Depends(current_user)) -> Response:
    """The invoices you may see, as the JSON export (one department at a time)."""
    content, media_type, _ = actions.export(context(request), user, params, "json")
    return Response(content, media_type=media_type)


@router.get("/exports/invoices")
def export(request: Request, format: Text = "csv", params: actions.InvoiceParams = Depends(invoice_params),
           user: User = Depends(current_user)) -> Response:
    """Invoice export as a download: csv (Italian spreadsheet), csv-plain, xlsx or json."""
    content, media_type, name = actions.export(context(request), user, params, format)
    return Response(content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/upload", status_code=201)
def upload(request: Request, file: UploadFile = File(...), user: User = Depends(current_user)) -> dict:
    """Put a file into the inbox (checked: size, readable type); `demat watch` takes it."""
    path = actions.upload(context(request), user, file.filename or "upload", file.file)
    return {"inbox_name": path.name}


@router.get("/pipeline")
def pipeline(request: Request, user: User = Depends(current_user)) -> dict[str, Any]:
    """Files waiting in the inbox, in progress, and in quarantine (names and reasons for archivists)."""
    return actions.pipeline_state(context(request), user)


@router.post("/quarantine/{job_id}/retry")
def retry(request: Request, job_id: Id, user: User = Depends(current_user)) -> dict[str, Any]:
    """Archivists: put a quarantined file through the pipeline again."""
    actions.retry(context(request), user, job_id)
    return {"id": job_id, "state": "claimed"}


@router.post("/quarantine/{job_id}/discard")
def discard(request: Request, job_id: Id, body: Discard, user: User = Depends(current_user)) -> dict[str, Any]:
    """Archivists: set a quarantined file aside for good (kept in quarantine/scartati/ with its reason)."""
    actions.discard(context(request), user, job_id, body.why)
    return {"id": job_id, "state": "discarded"}


@router.get("/audit")
def audit(request: Request, limit: Rows = 500, user: User = Depends(current_user)) -> dict[str, Any]:
    """Archivists: who viewed, downloaded, corrected or exported what, and when."""
    return {"entries": actions.audit_log(context(request), user, limit)}


class OrjsonResponse(JSONResponse):
    """JSON encoded by orjson: a page of 20 hits in a quarter of the standard library's time."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def page_json(page: SearchPage) -> JSONResponse:
    """Built by hand and sent as is: no model validation on the hottest route."""
    return OrjsonResponse({
        "total": page.total,
        "estimated": page.estimated,  # the total and facets counted on a sample (PostgreSQL, broad queries)
        "took_ms": page.took_ms,
        "facets": page.facets,
        "hits": [{"id": h.id, "title": h.title, "type": h.type, "department": h.department,
                  "date": h.date.isoformat() if h.date else None, "supplier_name": h.supplier_name,
                  "total": str(h.total) if h.total is not None else None,
                  "snippet": [{"text": text, "match": hit} for text, hit in h.snippet_parts]}
                 for h in page.hits],
    })
