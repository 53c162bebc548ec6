"""The catalog on SQLite and on PostgreSQL: archiving and reading a document, and `demat migrate`.

    .venv/bin/python -m bench.catalog [--documents 2000]

Synthetic documents (three pages, eight fields each) are archived one
transaction each, as the runner does, into a SQLite file and into a private
PostgreSQL 15 (tests/servers.py, on a loopback port, stopped at the end); then
each is read back whole, and the SQLite catalog is moved into a second
PostgreSQL database as `demat migrate` moves it. Prints milliseconds per
document and rows per second; the figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import tempfile
import time
from pathlib import Path

from demat.indexer.catalog import Catalog
from demat.indexer.catalog.transfer import move
from tests.servers import PostgresServer

PAGE = "Fattura n. {n} del 12/03/2024. Fornitura di energia elettrica, periodo febbraio. " * 20
FIELDS = ("supplier_name", "supplier_vat", "doc_number", "doc_date", "taxable", "vat", "total", "iban")


def archive(catalog: Catalog, n: int) -> None:
    with catalog.transaction():
        job = catalog.add_job(f"token-{n}", f"scansioni/{n}.pdf")
        catalog.insert_document(
            dict(id=job.id, sha256=f"{n:064d}", part=0, original_name=f"scansioni/{n}.pdf",
                 media_type="application/pdf", extractor="ocr", page_count=3, title=f"Fattura {n}", type="fattura",
                 department="amministrazione", review_state="auto", doc_date="2024-03-12",
                 supplier_name="Enel Energia S.p.A.", total="1220.00", archive_dir=f"archive/{n}",
                 original_path=f"archive/{n}/o.pdf", sidecar_path=f"archive/{n}/d.json",
                 received_at="2024-03-13T10:00:00+00:00", archived_at="2024-03-13T10:00:00+00:00"),
            [dict(document_id=job.id, number=p, text=PAGE.format(n=n), source="ocr", confidence=0.9)
             for p in (1, 2, 3)],
            [dict(document_id=job.id, name=name, value=json.dumps(f"{name}-{n}"), raw=name, confidence=0.9,
                  page=1, box=None, checks="[]") for name in FIELDS])
        catalog.update_job(job.id, "archived", state="archived")


def timed(action, count: int) -> list[float]:
    times = []
    for n in range(1, count + 1):
        started = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(what: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"  {what:<28} median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()
    server = PostgresServer()
    try:
        home = Path(tempfile.mkdtemp(prefix="demat-bench-catalog-"))
        catalogs = {"sqlite": Catalog(home / "catalog.sqlite3"),
                    "postgresql": Catalog(server.new_database(), home=home)}
        print(f"{args.documents} documents, 3 pages and {len(FIELDS)} fields each")
        for name, catalog in catalogs.items():
            print(name)
            report("archive (one transaction)", timed(functools.partial(archive, catalog), args.documents))
            report("read a document whole", timed(catalog.document, args.documents))
        target = Catalog(server.new_database(), home=home)
        started = time.perf_counter()
        checks = move(catalogs["sqlite"], target, lambda *_: None)
        seconds = time.perf_counter() - started
        rows = sum(c.rows for c in checks)
        same = all(c.same for c in checks)
        print(f"demat migrate's copy and check: {rows} rows in {seconds:.1f} s, {rows / seconds:,.0f} rows/s, "
              f"{args.documents / seconds:,.0f} documents/s; tables the same on both sides: {same}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
