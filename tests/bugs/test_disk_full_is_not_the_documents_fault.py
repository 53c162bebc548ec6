"""Bug: a full disk was treated as the document's fault, and stopped `demat watch`.

With 1.5 MB free, good scans were quarantined as "internal error ... a bug in
demat"; with the disk full, `demat watch` died with a raw sqlite3 traceback.
A fault of the machine now holds the job (state `held`, with its reason) and it
is tried again after a wait that doubles, up to `pipeline.max_attempts`, then
waits for `demat retry`. Two ways to fill a disk: ENOSPC injected at the write
seam (runs everywhere), and a real size-limited tmpfs (needs root to mount).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from demat.indexer import archive
from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.pipeline.app import App
from helpers import FAST_WATCH, demat, samples_of, wait_for


def no_space(*_args):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_enospc_while_archiving_holds_the_job_until_retried(home: Path, monkeypatch):
    sample = samples_of("born_digital", "lettera")[0]
    with App(load_config(home)) as app:
        job = app.copy_in(sample, sample.name)
        with monkeypatch.context() as patch:
            patch.setattr(archive, "copy_atomic", no_space)
            outcome = app.runner.process(job)
        assert outcome.status == "held" and "the disk is full" in str(outcome.error)
        held = app.catalog.job(job.id)
        assert held.state == "held" and held.held_until and "demat retry" in held.error_action
        assert app.catalog.document_count() == 0
        assert list((home / "archive").rglob("document.json")) == []  # the half-written folder is gone
        assert (home / "processing" / job.token / sample.name).read_bytes() == sample.read_bytes()
        assert app.runner.unfinished() == []  # it waits for its time
    status = demat(home, "status").stdout
    assert re.search(r"held:\s+1\n", status) and "the disk is full" in status and "quarantined:        0" in status
    assert "document" in demat(home, "retry", str(job.id)).stdout
    assert Catalog(home / "catalog.sqlite3").state_counts() == {"archived": 1}


def test_attempts_are_capped_then_a_person_decides(home: Path, monkeypatch):
    (home / "demat.toml").write_text(FAST_WATCH + "[pipeline]\nmax_attempts = 2\nhold_seconds = 0\n")
    sample = samples_of("born_digital", "lettera")[0]
    with App(load_config(home)) as app:
        job = app.copy_in(sample, sample.name)
        monkeypatch.setattr(archive, "copy_atomic", no_space)
        assert app.runner.process(job).status == "held"
        [again] = app.runner.unfinished()  # its wait (0 s) is over
        assert app.runner.process(again).status == "held"
        assert app.runner.unfinished() == []  # two attempts: no more without a person
        held = app.catalog.job(job.id)
        assert held.held_until is None and f"demat retry {job.id}" in held.error_action


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 24 MB tmpfs: a disk that really fills up."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the ENOSPC injection tests cover the same path")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(disk: Path, leave: int) -> Path:
    """Fill DISK until only about LEAVE bytes are free."""
    filler = disk / "filler"
    with open(filler, "wb") as out:
        stat = os.statvfs(disk)
        out.write(b"\0" * max(stat.f_bavail * stat.f_frsize - leave, 0))
    return filler


def test_a_full_disk_holds_the_scan_and_the_watcher_carries_on(small_disk: Path, watch, home: Path):
    disk_home = small_disk / "home"
    (disk_home / "inbox").mkdir(parents=True)
    (disk_home / "demat.toml").write_text(FAST_WATCH + "[pipeline]\nhold_seconds = 1\n")
    shutil.rmtree(home)
    home.symlink_to(disk_home)  # the watch fixture starts its watchers on `home`
    watcher = watch()
    catalog_path = disk_home / "catalog.sqlite3"
    wait_for(lambda: catalog_path.exists() and "Watching" in watcher.output(), 120, "the watcher up")
    scan = samples_of("scan", "fattura")[0]
    filler = fill(small_disk, leave=scan.stat().st_size + 150_000)
    shutil.copyfile(scan, disk_home / "inbox" / scan.name)  # 150 KB left: too little to archive it
    wait_for(lambda: Catalog(catalog_path).state_counts().get("held") == 1, 180,
             lambda: f"the scan held; the watcher said:\n{watcher.output()}")
    [job] = Catalog(catalog_path).jobs()
    assert "disk is full" in job.error_message or "cannot be written" in job.error_message, job.error_message
    assert watcher.proc.poll() is None, watcher.output()
    filler.unlink()  # a person frees some space
    wait_for(lambda: Catalog(catalog_path).state_counts() == {"archived": 1}, 180,
             lambda: f"the scan archived once there is room; the watcher said:\n{watcher.output()}")
    assert watcher.proc.poll() is None
    assert list((disk_home / "quarantine").iterdir()) == []
    assert "Traceback" not in watcher.output()
