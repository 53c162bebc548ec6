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


def forget_layouts(catalog: Catalog, supplier: str, user: str) -> int:
    """USER forgets what was learnt about SUPPLIER (each page size), in the audit trail; how many layouts."""
    with catalog.transaction():
        deleted = catalog.delete_layouts(supplier)
        if not deleted:
            raise UsageError(N_("no layout learnt for %(supplier)s"), N_("`demat layouts list` shows the suppliers."),
                           supplier=supplier)
        catalog.record_audit(user, "delete_layout", None, {"supplier": supplier})
    return deleted


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
