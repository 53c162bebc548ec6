"""Bug: a graceful stop left `processing/<token>/.work/lock` behind (the kill -9 durability test, once under load).

The watcher's rescan listed processing/, then took the lock of a job its own worker had queued; the
worker had meanwhile archived the job and removed its folder, and taking the lock made the folder
again, which nobody removed once the watcher stopped. The rescan now leaves its own queued jobs alone
without locking them.
"""

from __future__ import annotations

from pathlib import Path

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.pipeline.app import App
from helpers import samples_of


def test_a_rescan_while_a_worker_tidies_its_job_leaves_no_folder(home: Path, monkeypatch):
    """The watcher's rescan lists processing/, then a worker of the same watcher archives its job and
    removes the folder: the rescan must leave that job alone, not make its folder again (a graceful stop
    right after left processing/<token>/.work/lock behind in the kill -9 test, once under load)."""
    sample = samples_of("born_digital", "lettera")[0]
    with App(load_config(home)) as app:
        job = app.copy_in(sample, sample.name)
        processing = app.config.processing
        listing = type(processing).iterdir
        worker_done = []

        def worker_finishes_just_after_the_listing(folder: Path):
            yield from listing(folder)
            if folder == processing and not worker_done:
                worker_done.append(app.runner.process(job))

        monkeypatch.setattr(type(processing), "iterdir", worker_finishes_just_after_the_listing)
        assert app.runner.unfinished(skip=frozenset({job.id})) == []
        monkeypatch.undo()
    assert [o.status for o in worker_done] == ["archived"]
    assert Catalog(home / "catalog.sqlite3").state_counts() == {"archived": 1}
    assert list((home / "processing").iterdir()) == []
