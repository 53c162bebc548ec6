"""Bug: one file whose name is not UTF-8 stopped `demat watch` for good.

`f-\\xff.pdf` (a Latin-1 name from an old scanner or share) raised
UnicodeEncodeError when its job row was written; the file was already in
processing/, so every restart died in recover(), and `demat ingest` crashed
the same way. Names are now stored with their odd bytes escaped, and a retry
puts the file back under its exact name.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.pipeline import quarantine
from demat.pipeline.inbox import catalog_name, claimed_file, file_system_name
from helpers import demat, demat_json_lines, restart, samples_of, wait_for

ODD = b"f-\xff \xe8.pdf"  # Latin-1 bytes: not UTF-8


def odd_path(folder: Path, raw: bytes = ODD) -> Path:
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + raw))


def test_names_are_escaped_for_the_catalog_and_given_back_exactly():
    for raw in (ODD, b"sub/a\\b.pdf", "città «Rossi».pdf".encode(), b"\\xff literally.pdf"):
        text = catalog_name(os.fsdecode(raw))
        text.encode("utf-8")  # what SQLite and JSON need
        assert os.fsencode(file_system_name(text)) == raw
    assert catalog_name(os.fsdecode(ODD)) == "f-\\xff \\xe8.pdf"
    assert catalog_name("città.pdf") == "città.pdf"  # UTF-8 names are untouched


def test_the_watcher_archives_it_and_restarts_cleanly(home: Path, watch):
    sample = samples_of("born_digital", "fattura")[0]
    shutil.copyfile(sample, odd_path(home / "inbox"))
    first = watch()
    catalog_path = home / "catalog.sqlite3"
    wait_for(lambda: catalog_path.exists() and Catalog(catalog_path).state_counts().get("archived") == 1, 240,
             lambda: f"the file archived; the watcher said:\n{first.output()}")
    assert first.stop() == 0
    job = Catalog(catalog_path).jobs()[0]
    assert job.original_name == "f-\\xff \\xe8.pdf"
    assert demat(home, "status").returncode == 0


def test_a_crash_between_claim_and_job_row_is_recovered(home: Path):
    """The state every restart used to die on: the file in processing/, no job row."""
    config = load_config(home)
    config.ensure_folders()
    claimed = odd_path(config.processing / "0123456789abcdef")
    claimed.parent.mkdir()
    claimed.write_bytes(b"not a document at all")
    redo, outcomes, counts, _ = restart(home)
    assert [o.status for o in outcomes] == ["quarantined"]
    assert counts == {"quarantined": 1}
    job = Catalog(home / "catalog.sqlite3").jobs()[0]
    assert job.original_name == "f-\\xff \\xe8.pdf"
    assert Path(job.quarantine_path).read_bytes() == b"not a document at all"
    restored = quarantine.restore(config, Catalog(home / "catalog.sqlite3"), job)
    path, _ = claimed_file(config.processing / restored.token)
    assert os.fsencode(path.name) == ODD  # back under its exact name


def test_ingest_takes_it(home: Path, tmp_path: Path):
    source = odd_path(tmp_path)
    shutil.copyfile(samples_of("born_digital", "lettera")[0], source)
    [record] = demat_json_lines(home, "ingest", str(source))
    assert record["status"] == "archived" and record["file"] == "f-\\xff \\xe8.pdf"
