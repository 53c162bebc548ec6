"""The pages people use: search, document, review, department queues, accounting, inbox, audit log.

Server-rendered with Jinja2 (autoescape on: text read from documents is always
shown as text). Every form carries the session's CSRF token.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from demat.indexer.catalog import WORK_STATES
from demat.indexer.search import filters
from demat.kernel.document import DEPARTMENTS, FIELD_KINDS, LABELS
from demat.kernel.errors import N_, DematError, InputError
from demat.web import actions, i18n, invoice_files, previews
from demat.web.access import address as client_address
from demat.web.access import context, current_user
from demat.web.params import Id, InvoiceSort, OptionalId, Page, invoice_params, search_params
from demat.web.sessions import COOKIE, csrf_matches, new_session
from demat.web.users import User

router = APIRouter(include_in_schema=False)
INVOICE_PAGE = 50  # invoices on one page of the accounting page
REVIEW_PAGE = 10  # documents on one page of the review queue: each with its original beside it
PREVIEW_PAGES = 5  # pages of a document drawn on its page; the rest are in the download
VAT_COLUMNS = ("rate", "taxable_amount", "vat_amount", "nature")
UPLOADED = "uploaded"  # the session cookie's key for what the last upload did, shown once after the redirect
MAX_LISTED, MAX_REFUSAL = 10, 200  # files and characters per refusal kept there: a cookie holds 4 KB


def render(request: Request, name: str, user: User | None, status: int = 200, **values):
    session = getattr(request.state, "session", None) or {}
    return context(request).templates.TemplateResponse(
        request, name, {"user": user, "csrf": session.get("csrf", ""), "departments": DEPARTMENTS,
                        "labels": LABELS, "shown": actions.shown, "editable": actions.shown,
                        "field_names": FIELD_KINDS, "vat_columns": VAT_COLUMNS, "preview_pages": PREVIEW_PAGES,
                        "preview_scale": previews.SCALE,
                        **values}, status_code=status)


@router.get("/language")
def choose_language(set: str = "it", back: str = "/search"):
    """The user's language, kept in a cookie of the browser: it wins over Accept-Language."""
    response = RedirectResponse(safe_next(back), status_code=303)
    if set in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, set, max_age=i18n.COOKIE_AGE, samesite="lax", httponly=True)
    return response


def https(request: Request) -> bool:
    return request.url.scheme == "https"


def safe_next(target: str) -> str:
    """Only a path on this site: never send a user elsewhere after login."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/search"


# -- login -----------------------------------------------------------------------

@router.get("/login")
def login_form(request: Request, next: str = "/search"):
    web = context(request)
    session = web.cookies.read(request.cookies.get(COOKIE))
    if not session.get("csrf"):
        session = new_session()
    request.state.session = session
    response = render(request, "login.html", None, next=safe_next(next))
    web.cookies.write(response, session, https(request))
    return response


@router.post("/login")
def login(request: Request, name: str = Form(...), password: str = Form(...), csrf_token: str = Form(""),
          next: str = Form("/search")):
    web = context(request)
    session = web.cookies.read(request.cookies.get(COOKIE))
    request.state.session = session
    if not csrf_matches(session, csrf_token):
        raise HTTPException(403, N_("missing or wrong CSRF token: reload the login page and try again"))
    address = client_address(request)
    if web.limiter.blocked(name, address):
        return render(request, "login.html", None, status=429, next=safe_next(next),
                      error=i18n.translate(i18n.of_request(request),
                                           "Too many failed attempts: wait 15 minutes and try again."))
    user = web.users.check_password(name, password)
    if user is None:
        web.limiter.failed(name, address)
        web.app.catalog.record_audit(name[:100], "login_failed", None, {"address": address})
        return render(request, "login.html", None, status=401, next=safe_next(next),
                      error=i18n.translate(i18n.of_request(request), "Wrong name or password."))
    web.limiter.succeeded(name, address)
    web.app.catalog.record_audit(user.name, "login", None, {"address": address})
    return start_session(request, user, RedirectResponse(safe_next(next), status_code=303))


def start_session(request: Request, user: User, response):
    """A new server-side session for USER in RESPONSE's cookie, with a new CSRF token."""
    web = context(request)
    web.cookies.write(response, new_session(web.users.start_session(user.name)), https(request))
    return response


@router.post("/logout")
def logout(request: Request, user: User = Depends(current_user)):
    """Ends the session on the server: the cookie, wherever a copy of it is, opens nothing any more."""
    context(request).users.end_session(getattr(request.state, "session", {}).get("session"))  # none for a token
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


# -- search and documents --------------------------------------------------------

@router.get("/")
def home():
    return RedirectResponse("/search", status_code=303)


@router.get("/search")
async def search_page(request: Request, params: actions.SearchParams = Depends(search_params),
                      user: User = Depends(current_user)):
    error, result = None, None
    try:
        result = await actions.search_in_turn(context(request), user, params)
    except DematError as exc:
        error = i18n.error_text(exc, i18n.of_request(request))
    return render(request, "search.html", user, status=400 if error else 200, params=params, result=result,
                  error=error, facets=facet_links(params, result), pages=page_links(params, result))


def search_url(params: actions.SearchParams, **changes) -> str:
    values = {"q": params.q, "type": params.types, "department": params.departments, "supplier": params.supplier,
              "year": params.year or "", "date_from": params.date_from or "", "date_to": params.date_to or "",
              "amount_min": "" if params.amount_min is None else params.amount_min,
              "amount_max": "" if params.amount_max is None else params.amount_max, "sort": params.sort,
              "page": params.page, **changes}
    return "/search?" + urlencode({k: v for k, v in values.items() if v not in ("", None, [])}, doseq=True)


def facet_links(params: actions.SearchParams, result) -> dict[str, list[dict]]:
    """Per facet, its values with counts and the link that narrows to (or widens from) each."""
    if result is None:
        return {}
    links = {}
    for name, counts in result.facets.items():
        items = []
        for value, count in counts.items():
            if name in ("type", "department"):
                chosen = params.types if name == "type" else params.departments
                active = value in chosen
                new = [v for v in chosen if v != value] if active else [*chosen, value]
                url = search_url(params, page=1, **{name: new})
            else:
                active = str(getattr(params, name) or "") == value
                url = search_url(params, page=1, **{name: "" if active else value})
            items.append({"value": value, "count": count, "url": url, "active": active})
        links[name] = items
    return links


def page_links(params: actions.SearchParams, result) -> dict[str, str | None]:
    if result is None:
        return {}
    last = max(1, -(-result.total // params.page_size))
    return {"previous": search_url(params, page=params.page - 1) if params.page > 1 else None,
            "next": search_url(params, page=params.page + 1) if params.page < last else None,
            "last": last}


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: Id, user: User = Depends(current_user)):
    doc = actions.document(context(request), user, doc_id)
    doc.update(invoice_files.linked(context(request), user, doc))
    return render(request, "document.html", user, doc=doc)


@router.post("/documents/{doc_id}/unconfirm")
async def unconfirm_page(request: Request, doc_id: Id, user: User = Depends(current_user)):
    """Take a wrong confirmation back (demat.pipeline.confirmation.undo): audited, its layouts undone."""
    await run_in_threadpool(actions.unconfirm, context(request), user, doc_id)
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)


@router.get("/documents/{doc_id}/pages/{number}.png")
async def page_image(request: Request, doc_id: Id, number: Id, user: User = Depends(current_user)):
    """One page, upright, for the preview beside the fields."""
    doc = actions.visible(context(request), user, doc_id)
    image = await run_in_threadpool(previews.page_image, context(request), doc, min(number, previews.MAX_PAGE))
    return Response(await run_in_threadpool(previews.png, image), media_type="image/png")


@router.get("/documents/{doc_id}/thumbnail")
async def thumbnail(request: Request, doc_id: Id, user: User = Depends(current_user)):
    """The first page, small, for lists of documents."""
    doc = actions.visible(context(request), user, doc_id)
    image = await run_in_threadpool(previews.page_image, context(request), doc, 1, 0.5)
    return Response(await run_in_threadpool(previews.png, image, previews.THUMBNAIL_WIDTH), media_type="image/png")


# -- review ----------------------------------------------------------------------

@router.get("/review")
def review_page(request: Request, page: Page = 1, corrected: OptionalId = None, confirmed: OptionalId = None,
                user: User = Depends(current_user)):
    web = context(request)
    total = actions.review_count(web, user)
    last = max(1, -(-total // REVIEW_PAGE))
    page = min(page, last)
    items = actions.review_queue(web, user, limit=REVIEW_PAGE, offset=(page - 1) * REVIEW_PAGE)
    docs = [actions.visible(web, user, item["id"]) for item in items]
    return render(request, "review.html", user, docs=docs, corrected=corrected, confirmed=confirmed,
                  total=total, page=page, last=last)


@router.post("/review/{doc_id}")
async def correct_page(request: Request, doc_id: Id, user: User = Depends(current_user)):
    form = await request.form()
    web = context(request)
    back = safe_next(str(form.get("back", "/review")))
    fields = {key.removeprefix("field."): str(value).strip() for key, value in form.items()
              if key.startswith("field.")}
    vat_lines = vat_lines_of(form)
    if vat_lines is not None:
        fields["vat_lines"] = vat_lines
    new_name, new_value = str(form.get("new_field", "")), str(form.get("new_value", "")).strip()
    if new_name and new_value:
        fields[new_name] = new_value
    doc_type, department = str(form.get("type") or "") or None, str(form.get("department") or "") or None
    try:
        if form.get("action") == "confirm":  # the values on the form are right, corrected ones included
            await run_in_threadpool(actions.confirm, web, user, doc_id, fields, doc_type, department)
            return RedirectResponse(after(back, "confirmed", doc_id), status_code=303)
        doc = await run_in_threadpool(actions.correct, web, user, doc_id, doc_type, fields, department)
    except DematError as exc:
        doc = actions.visible(web, user, doc_id)
        return render(request, "review.html", user, status=400, docs=[doc], total=1, page=1, last=1,
                      error=i18n.translate(i18n.of_request(request), "Document %(id)s: %(problem)s",
                                           id=doc_id, problem=i18n.error_text(exc, i18n.of_request(request))))
    target = after(back, "corrected", doc_id)
    if doc["review_state"] == "review" and target.startswith("/review"):
        target += f"#doc-{doc_id}"
    return RedirectResponse(target, status_code=303)


def after(back: str, what: str, doc_id: int) -> str:
    """Where a saved or confirmed item goes: its document page, or the same page of the review queue."""
    if back.startswith("/documents/"):
        return f"/documents/{doc_id}"
    page = back.partition("page=")[2]
    return f"/review?{urlencode({'page': page if page.isdigit() else 1, what: doc_id})}"


def vat_lines_of(form) -> str | None:
    """The VAT lines table of the form as the JSON a correction takes; None when the form has no such table."""
    columns = {name: form.getlist(f"vat.{name}") for name in VAT_COLUMNS}
    if not columns["rate"]:
        return None
    lines = []
    for row in zip(*columns.values()):
        line = dict(zip(VAT_COLUMNS, (str(cell).strip() for cell in row)))
        if not any(line.values()):
            continue  # the empty row for adding one
        try:
            lines.append({name: (str(filters.parse_amount(line[name])) if name != "nature" else line[name] or None)
                          for name in VAT_COLUMNS})
        except InputError as exc:
            raise InputError(N_("a VAT line cannot be read: %(problem)s"), problem=exc) from None
    return json.dumps(lines)


# -- department queues -------------------------------------------------------------

@router.get("/queues")
def queues_page(user: User = Depends(current_user)):
    first = next(d for d in DEPARTMENTS if user.may_see(d))
    return RedirectResponse(f"/queues/{first}", status_code=303)


@router.get("/queues/{department}")
def queue_page(request: Request, department: str, user: User = Depends(current_user)):
    rows = actions.department_queue(context(request), user, department)
    return render(request, "queue.html", user, department=department, rows=rows, work_states=WORK_STATES)


@router.post("/queues/{department}/{doc_id}")
def move_in_queue(request: Request, department: str, doc_id: Id, state: str = Form(...),
                  user: User = Depends(current_user)):
    actions.set_work_state(context(request), user, doc_id, state)
    return RedirectResponse(f"/queues/{department}#doc-{doc_id}", status_code=303)


# -- accounting ------------------------------------------------------------------

@router.get("/accounting")
def accounting_page(request: Request, params: actions.InvoiceParams = Depends(invoice_params),
                    sort: InvoiceSort = "date", page: Page = 1, user: User = Depends(current_user)):
    """The invoices a page at a time, sorted by any column; the totals and the count are over all of them."""
    rows, totals = actions.invoice_rows(context(request), user, params)
    shown = {"date_from": params.date_from or "", "date_to": params.date_to or "", "supplier": params.supplier,
             "department": params.department}
    query = urlencode({k: v for k, v in shown.items() if v})
    last = max(1, -(-len(rows) // INVOICE_PAGE))
    page = min(page, last)
    rows_shown = actions.sort_invoices(rows, sort)[(page - 1) * INVOICE_PAGE:page * INVOICE_PAGE]

    def link(**changes) -> str:
        return "/accounting?" + urlencode({k: v for k, v in {**shown, "sort": sort, "page": page, **changes}.items()
                                           if v})

    must_choose = not user.sees_all and len(user.departments) > 1 and not params.department
    return render(request, "accounting.html", user, rows=rows_shown, count=len(rows), totals=totals, query=query,
                  must_choose=must_choose, counted_types=actions.COUNTED_TYPES, sort=sort,
                  sort_links={c: link(sort=c if sort != c else f"-{c}", page=1) for c in actions.INVOICE_COLUMNS},
                  pages={"page": page, "last": last, "previous": link(page=page - 1) if page > 1 else None,
                         "next": link(page=page + 1) if page < last else None},
                  **shown)


# -- inbox -------------------------------------------------------------------------

@router.get("/inbox")
def inbox_page(request: Request, user: User = Depends(current_user)):
    """The inbox, with what the last upload did (kept in the session cookie across the redirect, then dropped)."""
    session = getattr(request.state, "session", {})
    done = session.get(UPLOADED) or {}
    response = render(request, "inbox.html", user, state=actions.pipeline_state(context(request), user),
                      uploaded=done.get("uploaded", []), refused=done.get("refused", []))
    if done:
        context(request).cookies.write(response, {k: v for k, v in session.items() if k != UPLOADED}, https(request))
    return response


@router.post("/inbox")
def upload_page(request: Request, files: list[UploadFile] = File(...), user: User = Depends(current_user)):
    """Redirects after the upload, so that reloading the page never uploads the files again."""
    web = context(request)
    uploaded, refused = [], []
    for upload in files:
        try:
            uploaded.append(actions.upload(web, user, upload.filename or "upload", upload.file).name)
        except DematError as exc:
            refused.append(f"{upload.filename}: {i18n.error_text(exc, i18n.of_request(request))}"[:MAX_REFUSAL])
    response = RedirectResponse("/inbox", status_code=303)
    done = {"uploaded": uploaded[:MAX_LISTED], "refused": refused[:MAX_LISTED]}
    web.cookies.write(response, {**getattr(request.state, "session", {}), UPLOADED: done}, https(request))
    return response


@router.get("/inbox/files/{name}")
def file_page(request: Request, name: str, user: User = Depends(current_user)):
    """Where an uploaded file is now: its document once archived, else its place in the pipeline."""
    web = context(request)
    where = actions.whereabouts(web, user, name)
    if where.get("document"):
        return RedirectResponse(f"/documents/{where['document']}", status_code=303)
    return render(request, "inbox.html", user, state=actions.pipeline_state(web, user), where=where)


@router.post("/inbox/retry/{job_id}")
def retry_page(request: Request, job_id: Id, user: User = Depends(current_user)):
    actions.retry(context(request), user, job_id)
    return RedirectResponse("/inbox", status_code=303)


@router.post("/inbox/discard/{job_id}")
def discard_page(request: Request, job_id: Id, why: str = Form(""), confirmed: str = Form(""),
                 user: User = Depends(current_user)):
    """Only with the box ticked that says the file is set aside for good: a click alone discards nothing."""
    if confirmed != "yes":
        raise HTTPException(400, N_("Tick the box to confirm that the file is set aside for good."))
    actions.discard(context(request), user, job_id, why)
    return RedirectResponse("/inbox", status_code=303)


# -- account and users -------------------------------------------------------------

@router.get("/account")
def account_page(request: Request, changed: bool = False, user: User = Depends(current_user)):
    return render(request, "account.html", user, tokens=context(request).users.tokens(user.name), changed=changed)


@router.post("/account/password")
def password_page(request: Request, current_password: str = Form(...), new_password: str = Form(...),
                  again: str = Form(...), user: User = Depends(current_user)):
    """A new password ends every session of the user, this one too: the browser gets a new one at once."""
    web = context(request)
    if new_password != again:
        raise HTTPException(400, N_("the two new passwords differ"))
    actions.change_password(web, user, current_password, new_password, client_address(request))
    return start_session(request, user, RedirectResponse("/account?changed=true", status_code=303))


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token_page(request: Request, token_id: str, user: User = Depends(current_user)):
    actions.revoke_token(context(request), user, token_id)
    return RedirectResponse("/account", status_code=303)


@router.get("/users")
def users_page(request: Request, user: User = Depends(current_user)):
    return render(request, "users.html", user, people=actions.user_list(context(request), user))


@router.post("/users/{name}/delete")
def delete_user_page(request: Request, name: str, user: User = Depends(current_user)):
    actions.delete_user(context(request), user, name)
    return RedirectResponse("/users", status_code=303)


# -- audit log ---------------------------------------------------------------------

@router.get("/audit")
def audit_page(request: Request, user: User = Depends(current_user)):
    return render(request, "audit.html", user, entries=actions.audit_log(context(request), user))
