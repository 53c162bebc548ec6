"""Documents through a real Redis broker: `demat watch` sends, `demat worker`s archive.

Watchers and workers are the real commands, in processes of their own on one
shared home, and the broker is a private redis-server (tests/servers.py). The
crashes are real: kill -9 of a worker (with its OCR processes) in the middle of
a document, and of the broker; what is asserted is the archive and catalog
afterwards, so a document lost or archived twice shows.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import redis

from demat.indexer.catalog import Catalog
from demat.pipeline.quarantine import REASON_SUFFIX
from helpers import FAST_WATCH, WatchProcess, samples_of, wait_for
from test_durability import archive_folders

SCANS = samples_of("scan")  # OCR keeps a worker busy for seconds: time to kill it mid-document


@pytest.fixture
def broker_home(home: Path, redis_server):
    """A home whose watchers send their jobs to the session's Redis, emptied first."""
    redis.Redis.from_url(redis_server.url).flushall()

    def configure(**executor) -> Path:
        settings = {"kind": "celery", "broker_url": redis_server.url, "redelivery_seconds": 5, **executor}
        lines = [f"{key} = {value!r}" if isinstance(value, str) else f"{key} = {value}"
                 for key, value in settings.items()]
        (home / "demat.toml").write_text(FAST_WATCH + "[executor]\n" + "\n".join(lines).replace("'", '"') + "\n",
                                         encoding="utf-8")
        return home

    return configure


@pytest.fixture
def worker(home: Path):
    """Start `demat worker`s on the test's home; all are stopped at the end."""
    started: list[WatchProcess] = []

    def start(*extra: str) -> WatchProcess:
        started.append(WatchProcess(home, "--concurrency", "1", *extra, command="worker"))
        return started[-1]

    yield start
    for w in started:
        w.stop()


def steps(catalog_path: Path, step: str) -> int:
    """How many times any job reached STEP (started, queued, ...)."""
    catalog = Catalog(catalog_path)
    try:
        return catalog.conn.execute("SELECT count(*) FROM job_events WHERE step = ?", (step,)).fetchone()[0]
    finally:
        catalog.close()


def finished(catalog_path: Path, files: int) -> bool:
    """Every file's job has ended (lotto parts are jobs of their own)."""
    if not catalog_path.exists():
        return False
    catalog = Catalog(catalog_path)
    try:
        jobs = catalog.jobs()
        return (len([j for j in jobs if j.parent_id is None]) == files
                and all(j.state not in ("claimed", "archiving") for j in jobs))
    finally:
        catalog.close()


def assert_archived_exactly_once(home: Path, files: list[Path]) -> None:
    catalog = Catalog(home / "catalog.sqlite3")
    shas = [r[0] for r in catalog.conn.execute("SELECT sha256 FROM documents WHERE part = 0")]
    assert sorted(shas) == sorted(hashlib.sha256(f.read_bytes()).hexdigest() for f in files)
    assert catalog.state_counts() == {"archived": catalog.document_count()}
    assert len(archive_folders(home)) == catalog.document_count()  # no half-written folder left behind
    assert [p for p in (home / "inbox").rglob("*") if p.is_file()] == []
    assert list((home / "processing").iterdir()) == []
    catalog.close()


def log_of(*processes: WatchProcess) -> str:
    return "\n".join(p.output() for p in processes)


def test_two_watchers_and_two_workers_archive_every_file_exactly_once(broker_home, watch, worker):
    home = broker_home()
    files = samples_of("born_digital")[:6] + samples_of("fatturapa")[:2] + SCANS[:1]
    processes = [worker(), worker(), watch(), watch()]
    for i, f in enumerate(files):  # two stations, each dropping into its own subfolder
        station = home / "inbox" / f"station{i % 2 + 1}"
        station.mkdir(exist_ok=True)
        shutil.copyfile(f, station / f.name)
    wait_for(lambda: finished(home / "catalog.sqlite3", len(files)), 300,
             lambda: "every file archived; the watchers and workers said:\n" + log_of(*processes))
    assert_archived_exactly_once(home, files)
    outcome_lines = [line for line in log_of(*processes[:2]).splitlines() if ": document " in line]
    assert len(outcome_lines) == Catalog(home / "catalog.sqlite3").document_count()  # each printed by one worker


def test_kill_9_of_a_worker_mid_document_then_of_the_broker_loses_nothing(broker_home, watch, worker,
                                                                         redis_server):
    home = broker_home()
    catalog_path = home / "catalog.sqlite3"
    first = worker()
    watcher = watch()
    shutil.copyfile(SCANS[0], home / "inbox" / SCANS[0].name)
    wait_for(lambda: catalog_path.exists() and steps(catalog_path, "started") == 1, 120,
             lambda: "the worker starting on the scan:\n" + log_of(first, watcher))
    first.kill_hard()
    assert finished(catalog_path, 1) is False, "the worker finished before it was killed: nothing tested"
    redis_server.kill()  # kill -9 of the broker too; its append-only file keeps the unacknowledged task
    later = samples_of("born_digital")[0]
    shutil.copyfile(later, home / "inbox" / later.name)  # claimed while the broker is down: sent once it is back
    wait_for(lambda: len(Catalog(catalog_path).jobs()) == 2, 60, lambda: "the later file claimed:\n" + log_of(watcher))
    redis_server.start()
    second = worker()
    wait_for(lambda: finished(catalog_path, 2), 240,
             lambda: "both files archived after the kills:\n" + log_of(first, second, watcher))
    assert_archived_exactly_once(home, [SCANS[0], later])
    assert steps(catalog_path, "started") >= 3  # the scan twice (killed, then redone), the later file once


def test_a_document_that_keeps_stopping_workers_goes_to_quarantine(broker_home, watch, worker):
    home = broker_home(max_attempts=2)
    catalog_path = home / "catalog.sqlite3"
    watcher = watch()
    shutil.copyfile(SCANS[0], home / "inbox" / SCANS[0].name)
    for attempt in (1, 2):
        victim = worker()
        wait_for(lambda attempt=attempt: catalog_path.exists() and steps(catalog_path, "started") == attempt, 120,
                 lambda attempt=attempt, victim=victim: f"attempt {attempt} started:\n" + log_of(victim, watcher))
        victim.kill_hard()
    last = worker()
    reason_file = home / "quarantine" / (SCANS[0].name + REASON_SUFFIX)
    # The job row changes first, then the reason file is written and the file moved (quarantine.move).
    wait_for(lambda: finished(catalog_path, 1) and (home / "quarantine" / SCANS[0].name).exists(), 120,
             lambda: "the document quarantined:\n" + log_of(last, watcher))
    catalog = Catalog(catalog_path)
    job, = catalog.jobs()
    assert job.state == "quarantined" and job.error_message == "it stopped the worker 2 times"
    reason = reason_file.read_text(encoding="utf-8")
    assert "it stopped the worker 2 times" in reason and f"demat retry {job.id}" in reason
    assert (home / "quarantine" / SCANS[0].name).read_bytes() == SCANS[0].read_bytes()
    assert steps(catalog_path, "started") == 2 and catalog.document_count() == 0
