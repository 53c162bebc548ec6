"""The supplier layouts kept in the catalog, as the layout stage asks for them,
and as a file that carries them to another installation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from demat.extractors.layouts.model import SupplierLayout
from demat.indexer.catalog import Catalog
from demat.kernel.errors import N_, UsageError

EXPORT_FORMAT = "demat-supplier-layouts/1"


class CatalogLayouts:
    """The layout stage's memory (demat.extractors.layouts.LayoutMemory), backed by the catalog."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def layouts_for(self, suppliers: list[str]) -> list[SupplierLayout]:
        return [SupplierLayout.from_dict(row["layout"]) for row in self.catalog.layouts(suppliers)]

    def layout_used(self, layout: SupplierLayout, failures: list[str]) -> None:
        self.catalog.layout_used(layout.supplier, layout.page_size, bool(failures))

    def suppliers(self) -> list[str]:
        return sorted({row["supplier"] for row in self.catalog.layouts()})


def forget_layouts(catalog: Catalog, supplier: str, user: str, page_size: str | None = None) -> int:
    """USER forgets what was learnt about SUPPLIER (on PAGE_SIZE, else each page size), in the audit
    trail; how many layouts."""
    with catalog.transaction():
        deleted = catalog.delete_layouts(supplier, page_size)
        if not deleted:
            raise UsageError(N_("no layout learnt for %(supplier)s"), N_("`demat layouts list` shows the suppliers."),
                           supplier=f"{supplier} {page_size or ''}".strip())
        catalog.record_audit(user, "delete_layout", None,
                             {"supplier": supplier, **({"page_size": page_size} if page_size else {})})
    return deleted


def forget_field(catalog: Catalog, supplier: str, page_size: str, name: str, user: str) -> bool:
    """USER removes field NAME (`vat_lines`: the whole VAT split) from SUPPLIER's layout on PAGE_SIZE,
    which then leaves that field to the general extractor, in the audit trail. A layout left with
    nothing to read goes; whether it is left."""
    with catalog.transaction():
        rows = [row for row in catalog.layouts([supplier]) if row["page_size"] == page_size]
        layout = SupplierLayout.from_dict(rows[0]["layout"]) if rows else None
        if layout is None or not layout.forget(name):
            raise UsageError(N_("the layout of %(supplier)s on pages of %(size)s does not read %(field)s"),
                             N_("The supplier's page shows the fields each layout reads."), supplier=supplier,
                             size=page_size, field=name)
        kept = bool(layout.fields or layout.items)
        if kept:
            catalog.edit_layout(supplier, page_size, layout.to_dict())
        else:
            catalog.delete_layouts(supplier, page_size)
        catalog.record_audit(user, "edit_layout", None, {"supplier": supplier, "page_size": page_size,
                                                         "forgotten": name, "layout_left": kept})
    return kept


def export_layouts(catalog: Catalog, path: Path) -> int:
    """Write every supplier layout to PATH (JSON); how many."""
    rows = [{k: row[k] for k in ("supplier", "page_size", "layout", "learnt_by", "learnt_at")}
            for row in catalog.layouts()]
    data = {"format": EXPORT_FORMAT, "layouts": rows}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return len(rows)


def import_layouts(catalog: Catalog, path: Path, user: str) -> int:
    """Add (or replace) the layouts of an exported file; each supplier with a P.IVA becomes known. How many."""
    rows = _read_export(path)
    with catalog.transaction():
        for row in rows:
            catalog.save_layout(row["supplier"], row["page_size"], row["layout"], None, user)
            kind, _, value = row["supplier"].partition(":")
            if kind == "vat" and catalog.supplier(value) is None:
                catalog.confirm_supplier(value, None, None, user)
    return len(rows)


def _read_export(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != EXPORT_FORMAT:
            raise ValueError(f"format is {data.get('format')!r}, not {EXPORT_FORMAT!r}")
        for row in data["layouts"]:
            SupplierLayout.from_dict(row["layout"])  # a bad layout stops the import before anything is written
            if not (isinstance(row["supplier"], str) and isinstance(row["page_size"], str)):
                raise ValueError("supplier and page_size must be text")
        return data["layouts"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(N_("%(path)s: not a supplier layouts file made by `demat layouts export` (%(reason)s)"),
                         N_("Export it again from the other installation, unchanged."), path=path, reason=exc) from None
