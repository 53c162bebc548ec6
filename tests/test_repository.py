"""The repository: a Document written to the catalog and the archive reads back equal, on SQLite and PostgreSQL.

The documents are made by the real stages from real files: a scanned invoice
(OCR), the second invoice of a FatturaPA lotto, a letter, and a signed FatturaPA
that had to be repaired (checks about the file, a failed one among them, and
review reasons with values).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from demat.indexer import archive, repository
from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.kernel.document import Document, Field, Reason, StageContext, reason_to_dict
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.runner import file_sha256
from demat.pipeline.stages import default_pipeline
from demat.samples.generator import make_spec, write_fatturapa
from helpers import SAMPLES


def read(path: Path, catalog: Catalog, work: Path) -> list[Document]:
    """PATH's documents as the runner makes them, before they are archived."""
    ctx = StageContext(load_config(work / "home"), SerialExecutor(), work)
    doc = Document(path=path, original_name=f"scansioni/{path.name}", sha256=file_sha256(path))
    return default_pipeline(catalog).run(doc, ctx)


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, Document]:
    """The four documents, read once for both catalogs."""
    work = tmp_path_factory.mktemp("read")
    catalog = Catalog(work / "catalog.sqlite3")
    lotto = work / "IT01234567890_00031.xml"
    write_fatturapa(make_spec("fattura", 31), lotto, lotto=[make_spec("nota_credito", 32)])
    repaired = work / "IT01234567890_00032.xml.p7m"
    write_fatturapa(make_spec("fattura", 33), repaired, signed="pem", quirks=("bom", "stray_quote_in_namespace"))
    scan = shutil.copy(SAMPLES / "fattura-L1-s0164-scan0.tif", work)
    letter = shutil.copy(SAMPLES / "lettera-L1-s0007.pdf", work)
    return {"scan": read(Path(scan), catalog, work)[0], "lotto part": read(lotto, catalog, work)[1],
            "letter": read(Path(letter), catalog, work)[0], "checks and reasons": read(repaired, catalog, work)[0]}


@pytest.fixture(params=["sqlite", "postgresql"])
def catalog(request, tmp_path):
    location = tmp_path / "catalog.sqlite3" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    catalog = Catalog(location, home=tmp_path)
    yield catalog
    catalog.close()


def archived(catalog: Catalog, doc: Document, root: Path) -> tuple[int, archive.ArchivedFiles]:
    """DOC archived as the runner does it: its files in a folder, its rows in the catalog."""
    job = catalog.add_job(f"token-{doc.sha256[:8]}", doc.original_name)
    folder = archive.folder_for(root, doc.department, repository.archive_date(doc), job.id, doc.original_name)
    files = archive.store(folder, doc.path, doc.original_name, doc.searchable_pdf, repository.sidecar(job.id, doc))
    archive.store_attachments(folder, [a.path for a in doc.attachments])
    with catalog.transaction():
        repository.insert(catalog, job.id, job.part, doc, files)
    return job.id, files


def as_stored(doc: Document, files: archive.ArchivedFiles) -> Document:
    """DOC where its files are now, without its parts and what is not kept of a page read from a text layer
    (words, size, rotation); an OCR'd page is kept whole, its confidences to three decimals."""
    pages = [dataclasses.replace(p, words=[dataclasses.replace(w, confidence=round(w.confidence, 3)) for w in p.words],
                                 confidence=round(p.confidence, 3)) if p.source == "ocr"
             else dataclasses.replace(p, words=[], width=0.0, height=0.0, rotation=0) for p in doc.pages]
    attachments = [dataclasses.replace(a, path=files.folder / archive.ATTACHMENTS / a.name) for a in doc.attachments]
    return dataclasses.replace(doc, path=files.original, searchable_pdf=files.searchable_pdf, pages=pages,
                               attachments=attachments, parts=[])


@pytest.mark.parametrize("kind", ["scan", "lotto part", "letter", "checks and reasons"])
def test_a_document_reads_back_equal(catalog, documents, kind, tmp_path):
    doc = documents[kind]
    doc_id, files = archived(catalog, doc, tmp_path / "archive")
    back = repository.load(catalog, doc_id)
    assert back == as_stored(doc, files)
    # a Reason equals its text: its code and values are compared apart
    assert [reason_to_dict(r) for r in back.review_reasons] == [reason_to_dict(r) for r in doc.review_reasons]
    assert all(isinstance(r, Reason) for r in back.review_reasons)


def test_the_documents_are_the_kinds_they_stand_for(documents):
    """So that the round trip above covers what it says."""
    scan, part, letter, repaired = documents.values()
    assert scan.extractor == "image" and scan.searchable_pdf and scan.pages[0].source == "ocr" and scan.pages[0].words
    assert any(f.source_box for f in scan.fields.values()) and any(f.checks for f in scan.fields.values())
    assert part.label == "nota_credito" and part.extractor == "fatturapa"
    assert letter.label == "lettera" and letter.fields
    assert {c.name for c in repaired.checks} >= {"signature", "xml_repaired"}
    assert {r.code for r in repaired.review_reasons} >= {"check_failed", "unknown_supplier"}


def test_a_corrected_document_reads_back_equal(catalog, documents, tmp_path):
    doc = documents["checks and reasons"]
    doc_id, files = archived(catalog, doc, tmp_path / "archive")
    name = Field("Rossi S.r.l.", raw="Rossi S.r.l.")
    corrected = dataclasses.replace(doc, fields={**doc.fields, "supplier_name": name}, review_reasons=[],
                                    reviewed_by_person=True)
    with catalog.transaction():
        repository.update(catalog, doc_id, corrected, files)
    assert catalog.document(doc_id)["review_state"] == "confirmed"
    assert repository.load(catalog, doc_id) == as_stored(corrected, files)
