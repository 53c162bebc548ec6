"""Invoice data for the accounting system: CSV, XLSX or JSON, one row per invoice.

Every exported value comes with its check flag: `ok` when its checks passed,
`FAILED: reason` when one did (the value is still exported, as extracted), and
empty when nothing checked it. Credit notes carry negative amounts.

VAT lines: in JSON a nested list per invoice; in CSV and XLSX flattened into
two columns per rate found in the export (`vat_22_taxable_amount`,
`vat_22_vat_amount`; a zero rate with its nature as `vat_0_N3_...`), and the
XLSX file has a second sheet "Righe IVA" with one row per line.

CSV comes in two flavours: `csv` opens right in an Italian spreadsheet (`;`,
decimal comma, dd/mm/yyyy, UTF-8 with BOM, Italian headers); `csv-plain` is
for programs (`,`, decimal point, ISO dates, no BOM, the stable English keys
that JSON and the API use too). XLSX is for people: Italian headers and sheet
names. The columns are the fields the schema of the domain marks "exported".
Text starting like a formula is prefixed with `'` in CSV and XLSX so no
spreadsheet runs it.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, BinaryIO

from demat.indexer import xlsx
from demat.indexer.catalog import COUNTED_ONCE
from demat.indexer.search import SearchQuery, filters
from demat.indexer.search.analysis import fold
from demat.kernel.document import INVOICE_LABELS
from demat.kernel.schema import SCHEMA

FORMATS = ("csv", "csv-plain", "xlsx", "json")
INVOICE_FIELDS = SCHEMA.exported_fields
AMOUNTS = tuple(name for name in INVOICE_FIELDS if SCHEMA.fields[name].kind == "amount")
DATES = tuple(name for name in INVOICE_FIELDS if SCHEMA.fields[name].kind == "date")
# What people read above the columns that are not fields, and as sheet names.
ITALIAN = {"document_id": "ID documento", "type": "Tipo", "review_state": "Stato verifica",
           "archive_path": "Percorso in archivio", "number": SCHEMA.fields["number"].it, "rate": "Aliquota %",
           "nature": "Natura", "taxable_amount": "Imponibile", "vat_amount": "Imposta",
           "vat_lines_check": "Righe IVA (controllo)"}
SHEETS = ("Fatture", "Righe IVA")  # invoices, vat_lines
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DAY = "coalesce(d.doc_date, substr(d.archived_at, 1, 10))"  # as the search index dates a document


@dataclass
class ExportFilters:
    date_from: dt.date | None = None  # document date (the day it was archived when it has none)
    date_to: dt.date | None = None
    supplier: str = ""  # part of the name, or the P.IVA
    departments: tuple[str, ...] = ()  # empty: every department

    def plan(self) -> filters.Plan:
        """The same plan a search with these filters over the invoice types makes."""
        return filters.plan(SearchQuery(types=list(INVOICE_LABELS), departments=list(self.departments),
                                        supplier=self.supplier, date_from=self.date_from, date_to=self.date_to))


@dataclass
class VatLine:
    rate: Decimal | None
    taxable_amount: Decimal | None
    vat_amount: Decimal | None
    nature: str

    @property
    def key(self) -> str:
        rate = "" if self.rate is None else format(self.rate.normalize(), "f")
        return "_".join(x for x in (rate or "x", self.nature) if x)


@dataclass
class Invoice:
    document_id: int
    type: str
    review_state: str
    archive_path: str
    values: dict[str, Any] = field(default_factory=dict)  # Decimal, date or str; absent = not extracted
    checks: dict[str, str] = field(default_factory=dict)  # "ok", "FAILED: ...", or ""
    vat_lines: list[VatLine] = field(default_factory=list)


def invoices(catalog, scope: ExportFilters) -> Iterator[Invoice]:
    """The archived invoices the filters select, oldest first.

    A supplier named by a part of its name is matched here, folded as search folds
    it (analysis.fold), rather than in SQL: the same on SQLite and PostgreSQL.
    """
    plan = scope.plan()
    where, params = _compile(plan)
    where.append(COUNTED_ONCE)  # a PDF copy of a FatturaPA is not another invoice
    name_part = plan.supplier.name if plan.supplier and not plan.supplier.vat else None
    conn = catalog.conn
    selected = f"SELECT d.id FROM documents d WHERE {' AND '.join(where)}"
    fields: dict[int, list] = {}
    for row in conn.execute(f"SELECT document_id, name, value, checks FROM fields WHERE document_id IN ({selected})",
                            params):
        fields.setdefault(row[0], []).append(row[1:])
    for row in conn.execute(
            f"SELECT d.id, d.type, d.review_state, d.original_path, d.supplier_name FROM documents d"
            f" WHERE {' AND '.join(where)} ORDER BY {DAY}, d.id", params):
        if name_part is None or name_part in fold(row[4] or ""):
            yield _invoice(row, fields.get(row[0], []))


def _compile(plan: filters.Plan) -> tuple[list[str], list[Any]]:
    """The filters an export takes (types, departments, supplier, dates) as SQL over the catalog's documents."""
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values) -> None:
        where.append(sql)
        params.extend(values)

    for column, values in (("d.type", plan.types), ("d.department", plan.departments)):
        if values:
            add(f"{column} IN ({','.join('?' * len(values))})", *values)
    if plan.supplier and plan.supplier.vat:
        add("d.supplier_vat = ?", plan.supplier.vat)  # a name part is matched in `invoices`
    if plan.date_from:
        add(f"{DAY} >= ?", plan.date_from.isoformat())
    if plan.date_to:
        add(f"{DAY} <= ?", plan.date_to.isoformat())
    return where, params


def _invoice(row, fields: list) -> Invoice:
    invoice = Invoice(document_id=row[0], type=row[1], review_state=row[2], archive_path=row[3])
    sign = SCHEMA.types[invoice.type].sign if invoice.type in SCHEMA.types else 1
    for name, value, checks in fields:
        if name not in INVOICE_FIELDS and name != "vat_lines":
            continue
        value = json.loads(value)
        invoice.checks[name] = _flag(checks)
        if name == "vat_lines":
            invoice.vat_lines = [VatLine(_decimal(line.get("rate")), _signed(line.get("taxable_amount"), sign),
                                         _signed(line.get("vat_amount"), sign), line.get("nature") or "")
                                 for line in value or [] if isinstance(line, dict)]
        elif name in AMOUNTS:
            invoice.values[name] = _signed(value, sign)
        elif name in DATES:
            invoice.values[name] = _date(value)
        elif value is not None:
            invoice.values[name] = str(value)
    return invoice


@functools.lru_cache(maxsize=4096)
def _flag(checks_json: str) -> str:
    """The flag of a field's checks (cached: most fields share a handful of check lists)."""
    checks = json.loads(checks_json)
    failed = [c.get("message") or c.get("name", "") for c in checks if not c.get("passed")]
    if failed:
        return "FAILED: " + "; ".join(failed)
    return "ok" if checks else ""


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _signed(value, sign: int) -> Decimal | str | None:
    """Credit notes count against the supplier: their amounts are always negative."""
    amount = _decimal(value)
    if amount is None:
        return value  # unreadable: exported as it was, its check says why
    return -abs(amount) if sign < 0 else amount


def _date(value) -> dt.date | str | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value


# -- writing -------------------------------------------------------------------

def export_invoices(catalog, filters: ExportFilters, fmt: str, out: BinaryIO) -> int:
    """Write the selected invoices to the binary stream `out`; returns how many."""
    rows = list(invoices(catalog, filters))
    if fmt == "json":
        _write_json(rows, out)
    elif fmt == "xlsx":
        _write_xlsx(rows, out)
    elif fmt in ("csv", "csv-plain"):
        _write_csv(rows, out, italian=(fmt == "csv"))
    else:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    return len(rows)


def _rate_keys(rows: list[Invoice]) -> list[str]:
    lines = {line.key: line for invoice in rows for line in invoice.vat_lines}
    return sorted(lines, key=lambda k: (-(lines[k].rate or 0), k))


def columns(rate_keys: list[str]) -> list[tuple[str, str]]:
    """Each column as (stable English key for programs, Italian header for people)."""
    cols = [(key, ITALIAN[key]) for key in ("document_id", "type", "review_state")]
    for name in INVOICE_FIELDS:
        cols += [(name, SCHEMA.fields[name].it), (f"{name}_check", f"{SCHEMA.fields[name].it} (controllo)")]
    for key in rate_keys:
        rate, _, nature = key.partition("_")  # see VatLine.key
        shown = " ".join(x for x in ("?" if rate == "x" else f"{rate}%", nature) if x)
        cols += [(f"vat_{key}_taxable_amount", f"Imponibile IVA {shown}"),
                 (f"vat_{key}_vat_amount", f"Imposta IVA {shown}")]
    return cols + [(key, ITALIAN[key]) for key in ("vat_lines_check", "archive_path")]


def header(rate_keys: list[str], italian: bool = False) -> list[str]:
    return [people if italian else key for key, people in columns(rate_keys)]


def _cells(invoice: Invoice, rate_keys: list[str]) -> list[Any]:
    cells: list[Any] = [invoice.document_id, invoice.type, invoice.review_state]
    for name in INVOICE_FIELDS:
        cells += [invoice.values.get(name), invoice.checks.get(name, "")]
    by_rate: dict[str, list[Decimal | None]] = {}
    for line in invoice.vat_lines:
        sums = by_rate.setdefault(line.key, [None, None])
        for i, amount in enumerate((line.taxable_amount, line.vat_amount)):
            if isinstance(amount, Decimal):
                sums[i] = (sums[i] or Decimal(0)) + amount
    for key in rate_keys:
        cells += by_rate.get(key, [None, None])
    return cells + [invoice.checks.get("vat_lines", ""), invoice.archive_path]


def neutralise(text: str) -> str:
    """'=SUM(A1)' -> "'=SUM(A1)": a spreadsheet shows it, never runs it."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_value(value: Any, italian: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return str(value).replace(".", ",") if italian else str(value)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y") if italian else value.isoformat()
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def _write_csv(rows: list[Invoice], out: BinaryIO, italian: bool) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if italian else "utf-8", newline="")
    try:
        writer = csv.writer(text, delimiter=";" if italian else ",")
        keys = _rate_keys(rows)
        writer.writerow(header(keys, italian))
        for invoice in rows:
            writer.writerow([_csv_value(v, italian) for v in _cells(invoice, keys)])
    finally:
        text.flush()
        text.detach()


def _write_json(rows: list[Invoice], out: BinaryIO) -> None:
    def plain(value):
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    out.write(b"[")
    for i, invoice in enumerate(rows):
        item = {"document_id": invoice.document_id, "type": invoice.type, "review_state": invoice.review_state}
        item.update({name: plain(invoice.values.get(name)) for name in INVOICE_FIELDS})
        item["vat_lines"] = [{"rate": plain(line.rate), "taxable_amount": plain(line.taxable_amount),
                              "vat_amount": plain(line.vat_amount), "nature": line.nature}
                             for line in invoice.vat_lines]
        item["checks"] = {name: flag for name, flag in invoice.checks.items() if flag}
        item["archive_path"] = invoice.archive_path
        out.write((",\n " if i else "\n ").encode() + json.dumps(item, ensure_ascii=False).encode())
    out.write(b"\n]\n")


def _write_xlsx(rows: list[Invoice], out: BinaryIO) -> None:
    def safe(values: list[Any]) -> list[Any]:
        return [neutralise(v) if type(v) is str else v for v in values]

    keys = _rate_keys(rows)
    line_columns = ("document_id", "number", "rate", "nature", "taxable_amount", "vat_amount", "vat_lines_check")
    xlsx.write(out, {  # generators: the writer streams each row and keeps none
        SHEETS[0]: itertools.chain([header(keys, italian=True)], (safe(_cells(invoice, keys)) for invoice in rows)),
        SHEETS[1]: itertools.chain([[ITALIAN[c] for c in line_columns]], (
            safe([invoice.document_id, invoice.values.get("number"), line.rate, line.nature,
                  line.taxable_amount, line.vat_amount, invoice.checks.get("vat_lines", "")])
            for invoice in rows for line in invoice.vat_lines))})
