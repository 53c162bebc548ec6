"""Bug: the catalog kept absolute paths.

A home copied or restored elsewhere answered "the archived file is missing"
for every download, and a correction in the copy moved a folder out of the
original home. The catalog now stores paths relative to the home, and a
catalog written by an older demat is upgraded when it is opened.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from demat.indexer.catalog import DOCUMENT_PATHS, Catalog
from demat.indexer.catalog.migrations import LATEST
from helpers import demat, demat_json_lines, samples_of


def test_a_copied_home_finds_its_files_and_corrections_stay_inside(home: Path, tmp_path: Path):
    [record] = demat_json_lines(home, "ingest", str(samples_of("born_digital", "fattura")[0]))
    copy = tmp_path / "restored"
    shutil.copytree(home, copy)
    shutil.rmtree(home / "archive")  # the old place is gone: nothing may still point there
    doc = Catalog(copy / "catalog.sqlite3").document(record["id"])
    for column in ("archive_dir", "original_path", "sidecar_path"):
        assert Path(doc[column]).is_relative_to(copy) and Path(doc[column]).exists(), column
    demat(copy, "correct", str(record["id"]), "--department", "acquisti")
    moved = Catalog(copy / "catalog.sqlite3").document(record["id"])
    assert Path(moved["original_path"]).is_relative_to(copy / "archive" / "acquisti")
    assert not (home / "archive").exists()
    assert "the catalog and the files agree" in demat(copy, "check").stdout


def test_an_older_catalog_with_absolute_paths_is_upgraded_at_open(home: Path):
    [record] = demat_json_lines(home, "ingest", str(samples_of("born_digital", "lettera")[0]))
    with sqlite3.connect(home / "catalog.sqlite3") as conn:  # as demat 1 wrote it, on another machine
        conn.execute("ALTER TABLE jobs DROP COLUMN held_until")
        for column in DOCUMENT_PATHS:
            conn.execute(f"UPDATE documents SET {column} = '/srv/demat/var/' || {column} WHERE {column} IS NOT NULL")
        conn.execute("UPDATE jobs SET archive_dir = '/srv/demat/var/' || archive_dir")
        conn.execute("DROP TABLE schema_migrations")  # demat 1 kept its version in meta
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    catalog = Catalog(home / "catalog.sqlite3")
    assert catalog.schema_version() == LATEST
    doc = catalog.document(record["id"])
    assert Path(doc["original_path"]).is_relative_to(home) and Path(doc["original_path"]).exists()
    assert Path(catalog.job(record["id"]).archive_dir) == Path(doc["archive_dir"])
    stored = catalog.conn.execute("SELECT original_path FROM documents").fetchone()[0]
    assert stored.startswith("archive/")
    assert "the catalog and the files agree" in demat(home, "check").stdout
