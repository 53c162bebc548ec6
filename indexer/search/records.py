"""What the catalog says about a document, in the shape both search engines index.

Both backends read documents through here, so they index the same text and
the same filter values, and agree on the signature that tells a stale index
entry from a current one. The PDF copy of an invoice whose FatturaPA is
archived is left out (`COUNTED_ONCE`): search finds that invoice once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from demat.indexer.catalog import COUNTED_ONCE
from demat.indexer.repository import amount, row_date

ANALYZER_VERSION = "1"  # change when indexed text or analysis changes: repair then rebuilds

# What a document's index entry is made of; a change in any of these makes it stale.
# Two forms with the same columns: per document for a few ids, one pass over the tables for all.
DOCUMENT_COLUMNS = ("d.id, d.title, d.original_name, d.type, d.department, d.review_state, d.doc_date, "
                    "d.archived_at, d.supplier_name, d.supplier_vat, d.total")
PAGES_DIGEST = "count(*) || ':' || coalesce(sum(length(p.text)), 0)"
FIELDS_DIGEST = "count(*) || ':' || coalesce(sum(length(f.value)), 0) || ':' || coalesce(sum(length(f.raw)), 0)"
SOME_SIGNATURES_SQL = f"""
SELECT {DOCUMENT_COLUMNS},
       (SELECT {PAGES_DIGEST} FROM pages p WHERE p.document_id = d.id),
       (SELECT {FIELDS_DIGEST} FROM fields f WHERE f.document_id = d.id)
FROM documents d WHERE d.id IN ({{marks}}) AND {COUNTED_ONCE}
"""
ALL_SIGNATURES_SQL = f"""
WITH pd AS MATERIALIZED (SELECT p.document_id, {PAGES_DIGEST} AS digest FROM pages p GROUP BY p.document_id),
     fd AS MATERIALIZED (SELECT f.document_id, {FIELDS_DIGEST} AS digest FROM fields f GROUP BY f.document_id)
SELECT {DOCUMENT_COLUMNS}, coalesce(pd.digest, '0:0'), coalesce(fd.digest, '0:0:0')
FROM documents d LEFT JOIN pd ON pd.document_id = d.id LEFT JOIN fd ON fd.document_id = d.id
WHERE {COUNTED_ONCE}
"""


@dataclass
class IndexRecord:
    id: int
    title: str
    original_name: str
    type: str | None
    department: str | None
    review_state: str
    date: dt.date | None  # document date, else the day it was archived
    supplier_name: str | None
    supplier_vat: str | None
    total: Decimal | None
    pages: list[str]
    field_text: str  # every field's value and raw text, for search
    signature: str

    @property
    def meta_text(self) -> str:
        """Names and codes searched along with the pages."""
        return " ".join(x for x in (self.original_name, self.supplier_name, self.supplier_vat,
                                    self.type, self.department) if x)


def signature(row: Iterable) -> str:
    """A short digest of one signature row (without its id): cheap, since repair takes one per document."""
    text = "\x1f".join(map(str, [ANALYZER_VERSION, *list(row)[1:]]))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def signatures(conn, ids: list[int] | None = None) -> dict[int, str]:
    """{document id: signature} for some documents, or for all of them."""
    if ids is None:
        rows = conn.execute(ALL_SIGNATURES_SQL)
    else:
        rows = conn.execute(SOME_SIGNATURES_SQL.format(marks=",".join("?" * len(ids))), ids)
    return {row[0]: signature(row) for row in rows}


def _flatten(value) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)
    elif isinstance(value, list):
        for item in value:
            yield from _flatten(item)
    elif value is not None:
        yield str(value)


def load(conn, ids: list[int]) -> dict[int, IndexRecord]:
    """The records of these documents; ids no longer in the catalog are absent."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    pages: dict[int, list[str]] = {i: [] for i in ids}
    for doc_id, text in conn.execute(
            f"SELECT document_id, text FROM pages WHERE document_id IN ({marks}) ORDER BY document_id, number", ids):
        pages[doc_id].append(text)
    fields: dict[int, list[str]] = {i: [] for i in ids}
    for doc_id, value, raw in conn.execute(
            f"SELECT document_id, value, raw FROM fields WHERE document_id IN ({marks})", ids):
        fields[doc_id].extend(_flatten(json.loads(value)))
        if raw:
            fields[doc_id].append(raw)
    sigs = signatures(conn, ids)
    records = {}
    for row in conn.execute(f"SELECT * FROM documents d WHERE id IN ({marks}) AND {COUNTED_ONCE}", ids):
        doc_id = row["id"]
        records[doc_id] = IndexRecord(
            id=doc_id, title=row["title"], original_name=row["original_name"], type=row["type"],
            department=row["department"], review_state=row["review_state"],
            date=row_date(row["doc_date"], row["archived_at"]),
            supplier_name=row["supplier_name"], supplier_vat=row["supplier_vat"], total=amount(row["total"]),
            pages=pages[doc_id], field_text=" ".join(fields[doc_id]), signature=sigs[doc_id])
    return records


def all_ids(conn) -> list[int]:
    return [r[0] for r in conn.execute(f"SELECT id FROM documents d WHERE {COUNTED_ONCE} ORDER BY id")]
