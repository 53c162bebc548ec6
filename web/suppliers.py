"""The supplier pages: what demat learnt from confirmations, and a way to forget it.

Accounting and archivists see every supplier whose layout was learnt (how many
confirmations taught it, when it was last used, which fields it reads) and, on
a supplier's page, its layout per page size beside its invoices that they may
see. Either may forget a supplier's layouts, one layout, or one field a layout
reads (the supplier changed its invoice, or a confirmation taught something
wrong): audited, as `demat layouts delete`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from demat.kernel.errors import N_
from demat.pipeline.layout_memory import forget_field, forget_layouts
from demat.web import actions
from demat.web.access import context, current_user
from demat.web.pages import render
from demat.web.users import User

router = APIRouter(include_in_schema=False)
ROLES = ("archivist", "accounting")  # who reads invoices' suppliers: the others see their queues only


def require_accounting(user: User) -> None:
    if user.role not in ROLES:
        raise HTTPException(403, N_("only accounting and archivists may see the suppliers"))


def supplier_layouts(catalog, supplier: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The learnt layouts by supplier key (of one SUPPLIER), each as the pages show it."""
    rows = catalog.layouts([supplier] if supplier else None)
    by_supplier: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_supplier[row["supplier"]].append({
            "page_size": row["page_size"], "learnt_at": row["learnt_at"], "learnt_by": row["learnt_by"],
            "document_id": row["document_id"], "used_at": row["used_at"], "uses": row["uses"],
            "failures": row["failures"], "confirmations": confirmations(row),
            "fields": learnt_fields(row["layout"]), "places": row["layout"]["fields"]})
    return dict(by_supplier)


def confirmations(row: dict[str, Any]) -> int:
    """How many confirmations taught this layout: its own, and those of the layouts it replaced."""
    count = 0
    while row:
        count += row["document_id"] is not None
        row = json.loads(row["previous"]) if row.get("previous") else None
    return count


def learnt_fields(layout: dict[str, Any]) -> list[str]:
    """The schema's field names a layout reads (the rows of the VAT split as `vat_lines`)."""
    names = {"vat_lines" if name.startswith("vat_lines.") else name for name in layout["fields"]}
    return sorted(names | ({"vat_lines"} if layout.get("items") else set()))


def supplier_name(catalog, supplier: str) -> str:
    kind, _, value = supplier.partition(":")
    known = catalog.supplier(value) if kind == "vat" else None
    return (known or {}).get("name") or (value if kind == "name" else "")


def invoices_of(web, user: User, supplier: str) -> list:
    """The invoices of SUPPLIER that USER may see (by P.IVA or name; an IBAN is not searchable)."""
    kind, _, value = supplier.partition(":")
    if kind not in ("vat", "name"):
        return []
    rows, _ = actions.invoice_rows(web, user, actions.InvoiceParams(supplier=value))
    return actions.sort_invoices(rows, "-date")


@router.get("/suppliers")
def suppliers_page(request: Request, forgotten: str = "", user: User = Depends(current_user)):
    require_accounting(user)
    catalog = context(request).app.catalog
    known = supplier_layouts(catalog)
    suppliers = [{"key": key, "name": supplier_name(catalog, key), "layouts": layouts,
                  "confirmations": sum(lay["confirmations"] for lay in layouts),
                  "used_at": max((lay["used_at"] or "" for lay in layouts), default=""),
                  "fields": sorted({name for lay in layouts for name in lay["fields"]})}
                 for key, layouts in known.items()]
    return render(request, "suppliers.html", user, suppliers=suppliers, forgotten=forgotten)


@router.get("/suppliers/{supplier}")
def supplier_page(request: Request, supplier: str, forgotten: str = "", size: str = "",
                  user: User = Depends(current_user)):
    require_accounting(user)
    web = context(request)
    layouts = supplier_layouts(web.app.catalog, supplier).get(supplier)
    if layouts is None:
        raise HTTPException(404, N_("no layout learnt for this supplier"))
    return render(request, "supplier.html", user, supplier=supplier,
                  supplier_name=supplier_name(web.app.catalog, supplier), layouts=layouts,
                  invoices=invoices_of(web, user, supplier), forgotten=forgotten, size=size)


@router.post("/suppliers/{supplier}/forget")
async def forget_page(request: Request, supplier: str, user: User = Depends(current_user)):
    """Forget the supplier's layouts; with `page_size`, that layout only; with `field` too, that field of it."""
    require_accounting(user)
    form = await request.form()
    catalog = context(request).app.catalog
    page_size, name = str(form.get("page_size") or ""), str(form.get("field") or "")
    if name:
        await run_in_threadpool(forget_field, catalog, supplier, page_size, name, user.name)
    else:
        await run_in_threadpool(forget_layouts, catalog, supplier, user.name, page_size or None)
    if not catalog.layouts([supplier]):
        return RedirectResponse(f"/suppliers?forgotten={quote(supplier)}", status_code=303)
    forgotten = urlencode({"forgotten": name or "layout", "size": page_size})
    return RedirectResponse(f"/suppliers/{quote(supplier)}?{forgotten}", status_code=303)
