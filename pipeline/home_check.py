"""Does a home agree with its catalog? `demat check` repairs what it can and reports the rest.

Run it after restoring a home from a backup or copying it to another machine,
or after a crash. Every document row must have its folder and files, every
archive folder its row, every quarantined job its file. What can be repaired
without guessing is: a spare copy of a document left by an interrupted
correction (removed), a row whose folder was moved (pointed at it again), a
missing document.json (written again from the catalog), the search index.
The rest is reported with what a person can do.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from demat.indexer import archive, repository
from demat.indexer.catalog import Catalog
from demat.kernel.config import Config
from demat.pipeline.quarantine import REASON_SUFFIX

LOCK_NAME = ".demat-check.lock"


@dataclass
class Finding:
    problem: str
    repaired: str = ""  # what demat did about it; empty: left to a person
    action: str = ""  # what a person can do


@contextlib.contextmanager
def home_lock(config: Config, exclusive: bool) -> Iterator[None]:
    """Corrections moving folders hold it shared, `demat check` alone: check never
    takes a correction's half-made copy for a spare one."""
    fd = os.open(config.home / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def check_home(config: Config, catalog: Catalog, search, repair: bool = True) -> list[Finding]:
    with home_lock(config, exclusive=True):
        findings: list[Finding] = []
        rows = {row["id"]: row for row in catalog.archived_files()}
        in_progress = {Path(j.archive_dir) for j in catalog.jobs(("archiving",)) if j.archive_dir}
        spare = set(archive_folders(config.archive)) - {Path(r["archive_dir"]) for r in rows.values()} - in_progress
        for row in rows.values():
            findings += _check_document(catalog, row, spare, repair)
        for folder in sorted(spare):
            findings.append(_spare_folder(folder, rows.get(folder_id(folder)), repair))
        findings += _check_quarantine(config, catalog)
        if repair and (fixed := search.repair()):
            findings.append(Finding(f"the search index disagreed with the catalog on {fixed} documents",
                                    "indexed again"))
        return findings


def archive_folders(root: Path) -> Iterator[Path]:
    """Every document folder: archive/<department>/<year>/<month>/<id>-<name>/."""
    return (p for p in root.glob("*/*/*/*") if p.is_dir())


def folder_id(folder: Path) -> int | None:
    head = folder.name.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def sidecar_sha(folder: Path) -> str | None:
    try:
        return json.loads((folder / archive.SIDECAR).read_text(encoding="utf-8")).get("sha256")
    except (OSError, ValueError, AttributeError):
        return None


def _check_document(catalog: Catalog, row: dict, spare: set[Path], repair: bool) -> list[Finding]:
    doc_id, folder = row["id"], Path(row["archive_dir"])
    if not folder.is_dir():
        moved = [f for f in spare if folder_id(f) == doc_id and sidecar_sha(f) == row["sha256"]]
        if not (repair and len(moved) == 1):
            return [Finding(f"document {doc_id}: its archive folder {folder} is missing", "",
                            "Restore the folder from a backup, then run `demat check` again.")]
        spare.discard(moved[0])
        catalog.move_document(doc_id, folder, moved[0])
        row = catalog.archived_files(doc_id)[0]
        found = [Finding(f"document {doc_id}: the catalog named {folder}, which is gone",
                         f"pointed at {moved[0]}, where its files are")]
    else:
        found = []
    for column in ("original_path", "searchable_pdf_path"):
        if row[column] and not Path(row[column]).is_file():
            found.append(Finding(f"document {doc_id}: {row[column]} is missing", "",
                                 "Restore it from a backup; the catalog still has the text and fields."))
    if not Path(row["sidecar_path"]).is_file():
        if repair:
            _write_sidecar(catalog, doc_id, Path(row["sidecar_path"]))
        found.append(Finding(f"document {doc_id}: {row['sidecar_path']} is missing",
                             "written again from the catalog" if repair else ""))
    return found


def _write_sidecar(catalog: Catalog, doc_id: int, path: Path) -> None:
    archive.write_atomic(path, repository.sidecar_bytes(doc_id, repository.load(catalog, doc_id)))


def _spare_folder(folder: Path, row: dict | None, repair: bool) -> Finding:
    """A folder no row names: a spare copy of a document archived elsewhere, or one the catalog lost."""
    if row is not None and sidecar_sha(folder) == row["sha256"] and Path(row["archive_dir"]).is_dir():
        if repair:
            archive.remove_folder(folder)
        return Finding(f"{folder}: a spare copy of document {row['id']} (an interrupted correction), "
                       f"which is in {row['archive_dir']}", "removed" if repair else "")
    return Finding(f"{folder}: no document in the catalog is archived there", "",
                   "An older catalog was restored? Copy the original file from this folder into the inbox "
                   "to archive it again, then delete the folder.")


def _check_quarantine(config: Config, catalog: Catalog) -> list[Finding]:
    found = []
    known = set()
    for job in catalog.jobs(("quarantined",)):
        path = Path(job.quarantine_path)
        known.add(path)
        if not path.is_file():
            found.append(Finding(f"job {job.id} ({job.original_name}): {path} is missing from the quarantine", "",
                                 "Drop the file into the inbox again if you still have it."))
    for path in sorted(config.quarantine.glob("*")):
        if path.is_file() and not path.name.endswith(REASON_SUFFIX) and not path.name.startswith(".") \
                and path not in known:
            found.append(Finding(f"{path}: in the quarantine, but no job is", "",
                                 "Move it into the inbox to put it through again."))
    return found
