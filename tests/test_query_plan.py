"""One query plan: each filter selects the same documents in search and in the invoice export, on every backend.

The export reads the catalog, search reads its index; both compile the plan of
indexer/search/filters.py. The supplier filter was once written three times and
`--supplier societa` found "Società Café" in search but not in the export.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from demat.indexer.exports import ExportFilters, export_invoices
from demat.indexer.search import SearchQuery
from demat.indexer.search.filters import supplier
from demat.kernel.document import INVOICE_LABELS
from test_search_contract import archive_document, backend  # noqa: F401  (the fixture: every backend available)

CAFE_VAT = "00934061003"
AGRI_VAT = "01234567897"
INVOICES = {
    "cafe": dict(type="fattura", department="amministrazione", supplier_name="Società Café", supplier_vat=CAFE_VAT,
                 doc_date="2024-03-14"),
    "agricola": dict(type="nota_credito", department="amministrazione", supplier_name="SOCIETA' AGRICOLA SRL",
                     supplier_vat=AGRI_VAT, doc_date="2024-05-02"),
    "studio": dict(type="proforma", department="commerciale", supplier_name="Studio Ré & C.", doc_date="2023-12-01"),
    "undated": dict(type="fattura", department="acquisti", supplier_name="Caffè Sociale",  # dated by its archiving
                    archived_at="2024-06-30T18:00:00+00:00"),
    "ddt": dict(type="ddt", department="acquisti", supplier_name="Società Café", supplier_vat=CAFE_VAT,
                doc_date="2024-03-20"),  # not an invoice: in neither
}
FILTERS = {
    "accents left out": (dict(supplier="societa"), {"cafe", "agricola"}),
    "accents written": (dict(supplier="Società"), {"cafe", "agricola"}),
    "upper case, inner words": (dict(supplier="CAFE"), {"cafe"}),
    "accent on a word the name folds": (dict(supplier="caffe"), {"undated"}),
    "a P.IVA with IT": (dict(supplier=f"IT {AGRI_VAT}"), {"agricola"}),
    "a P.IVA alone": (dict(supplier=CAFE_VAT), {"cafe"}),
    "a name part with a symbol": (dict(supplier="ré &"), {"studio"}),
    "from a date": (dict(date_from=dt.date(2024, 5, 2)), {"agricola", "undated"}),
    "up to a date": (dict(date_to=dt.date(2024, 3, 14)), {"studio", "cafe"}),
    "the archiving day counts": (dict(date_from=dt.date(2024, 6, 30), date_to=dt.date(2024, 6, 30)), {"undated"}),
    "departments": (dict(departments=("commerciale", "acquisti")), {"studio", "undated"}),
    "all together": (dict(supplier="soc", date_to=dt.date(2024, 12, 31), departments=("amministrazione",)),
                     {"cafe", "agricola"}),
    "nothing matches": (dict(supplier="zzz"), set()),
}


@pytest.fixture
def archive(backend):  # noqa: F811
    catalog = backend.catalog
    with catalog.transaction():
        ids = {name: archive_document(catalog, f"Documento {name}", **values) for name, values in INVOICES.items()}
        backend.documents_changed(list(ids.values()))
    backend.flush()
    return backend, ids


def searched(engine, scope: ExportFilters) -> set[int]:
    page = engine.search(SearchQuery(types=list(INVOICE_LABELS), departments=list(scope.departments),
                                     supplier=scope.supplier, date_from=scope.date_from, date_to=scope.date_to,
                                     page_size=100, facets=False))
    return {hit.id for hit in page.hits}


def exported(catalog, scope: ExportFilters) -> set[int]:
    out = io.BytesIO()
    export_invoices(catalog, scope, "json", out)
    return {row["document_id"] for row in json.loads(out.getvalue())}


@pytest.mark.parametrize("name", FILTERS)
def test_a_filter_selects_the_same_invoices_in_search_and_in_export(archive, name):
    engine, ids = archive
    given, expected = FILTERS[name]
    scope = ExportFilters(**given)
    want = {ids[n] for n in expected}
    assert searched(engine, scope) == want
    assert exported(engine.catalog, scope) == want


def test_the_supplier_filter_is_read_once():
    assert supplier("  ") is None
    assert supplier("IT 00934061003").vat == "00934061003"
    plan = supplier(" Società CAFÉ ")
    assert (plan.vat, plan.name) == (None, "societa cafe")
