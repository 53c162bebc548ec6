"""Nothing lost, nothing archived twice: crashes at each durable step, and kill -9.

The in-process tests stop the runner at a chosen point with an exception that
nothing in demat catches (like a power cut would), then start a fresh App on
the same home, as the next `demat watch` would.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.pipeline.app import App
from helpers import demat, restart, samples_of, wait_for


class PowerCut(BaseException):
    """Not an Exception: the runner's error handling must not see it."""


def archive_folders(home: Path) -> list[Path]:
    return [p.parent for p in (home / "archive").rglob("document.json")]


@pytest.mark.parametrize("crash_point", ["documents_changed", "flush"])
def test_a_crash_while_archiving_ends_with_exactly_one_archived_copy(home: Path, crash_point: str):
    sample = samples_of("born_digital", "fattura")[0]
    with App(load_config(home)) as app:
        job = app.copy_in(sample, sample.name)

        def cut(*_args):
            raise PowerCut()

        setattr(app.search, crash_point, cut)
        with pytest.raises(PowerCut):
            app.runner.process(job)

    redo, outcomes, counts, documents = restart(home)
    if crash_point == "documents_changed":  # before the catalog commit: done again
        assert [j.id for j in redo] == [job.id]
        assert [o.status for o in outcomes] == ["archived"]
    else:  # after the commit: only the clean-up was left
        assert redo == []
    assert counts == {"archived": 1}
    assert documents == 1
    assert len(archive_folders(home)) == 1
    assert list((home / "processing").iterdir()) == []
    archived = next(archive_folders(home)[0].glob(sample.name))
    assert archived.read_bytes() == sample.read_bytes()


def test_a_crash_between_claim_and_job_row_is_picked_up(home: Path):
    sample = samples_of("born_digital", "fattura")[0]
    config = load_config(home)
    config.ensure_folders()
    orphan = config.processing / "0123456789abcdef" / "sub" / sample.name
    orphan.parent.mkdir(parents=True)
    shutil.copyfile(sample, orphan)  # the rename happened, the job row did not
    redo, outcomes, counts, documents = restart(home)
    assert [j.original_name for j in redo] == [f"sub/{sample.name}"]
    assert counts == {"archived": 1} and documents == 1


def test_kill_9_in_the_middle_then_restart_archives_every_file_exactly_once(home: Path, watch):
    files = samples_of("scan")[:2] + samples_of("born_digital")[:6]  # the scans keep OCR busy at the kill
    inbox = home / "inbox"
    first = watch()
    for f in files:
        shutil.copyfile(f, inbox / f.name)
    catalog_path = home / "catalog.sqlite3"
    wait_for(lambda: catalog_path.exists() and Catalog(catalog_path).state_counts().get("archived", 0) >= 1,
             240, "the first document archived")
    first.kill_hard()  # mid-way: some archived, some claimed or half-archived
    counts_at_kill = Catalog(catalog_path).state_counts()
    assert counts_at_kill.get("archived", 0) < len(files), "killed too late to test anything"
    second = watch()
    wait_for(lambda: Catalog(catalog_path).state_counts().get("archived", 0) == len(files), 300,
             lambda: f"all {len(files)} files archived after the restart (at kill: {counts_at_kill}); "
                     f"the second watcher said:\n{second.output()}")
    second.stop()
    catalog = Catalog(catalog_path)
    assert catalog.document_count() == len(files)
    assert catalog.state_counts() == {"archived": len(files)}
    assert len(archive_folders(home)) == len(files)
    assert list(inbox.iterdir()) == [] and list((home / "processing").iterdir()) == []
    assert list((home / "quarantine").iterdir()) == []


def test_two_watchers_on_one_inbox_take_each_file_once(home: Path, watch):
    files = samples_of("born_digital")[:8]
    watch()
    watch()
    time.sleep(2)  # both are up and scanning
    for f in files:
        shutil.copyfile(f, home / "inbox" / f.name)
    catalog_path = home / "catalog.sqlite3"
    wait_for(lambda: Catalog(catalog_path).state_counts().get("archived", 0) == len(files), 300,
             "every file archived")
    time.sleep(2)  # give a double take the chance to show up
    catalog = Catalog(catalog_path)
    assert catalog.state_counts() == {"archived": len(files)}
    assert len(catalog.jobs()) == len(files)
    assert sorted(f.name for f in files) == sorted(j.original_name for j in catalog.jobs())


def test_the_same_content_twice_is_recorded_as_a_duplicate(home: Path):
    sample = samples_of("born_digital", "fattura")[0]
    copy = home / "copia di fattura.pdf"
    shutil.copyfile(sample, copy)
    first = demat(home, "ingest", str(sample), "--json").stdout
    second = demat(home, "ingest", str(copy), "--json").stdout
    assert '"status": "archived"' in first
    assert '"status": "duplicate"' in second and '"duplicate_of": 1' in second
    catalog = Catalog(home / "catalog.sqlite3")
    assert catalog.document_count() == 1
    assert catalog.state_counts() == {"archived": 1, "duplicate": 1}
    assert len(archive_folders(home)) == 1


def test_a_file_that_stopped_demat_too_many_times_is_held_for_a_person(home: Path):
    """A file that kills the process at each attempt (a crash in a library) must not do so for ever."""
    sample = samples_of("born_digital", "lettera")[0]
    (home / "demat.toml").write_text("[pipeline]\nmax_attempts = 3\n")
    with App(load_config(home)) as app:
        job = app.copy_in(sample, sample.name)
        app.catalog.update_job(job.id, "started", "attempt 3", attempts=3)  # and then the process died
    redo, outcomes, counts, documents = restart(home)
    assert redo == [] and counts == {"held": 1} and documents == 0
    held = Catalog(home / "catalog.sqlite3").job(job.id)
    assert held.error_message == "demat stopped 3 times while working on this file"
    assert held.held_until is None and f"demat retry {job.id}" in held.error_action
    assert "document" in demat(home, "retry", str(job.id)).stdout
    assert Catalog(home / "catalog.sqlite3").state_counts() == {"archived": 1}
