"""Bug: a named pipe in the inbox hung both document threads; a symbolic link was followed.

The watcher claimed the pipe and `file_sha256` blocked on it for ever, so
every later file waited; a link was archived with the content of whatever it
pointed at (any file the server could read). Only regular files are taken now;
the others stay in the inbox, listed by `demat status`. Should one reach
processing/ anyway (swapped in after the scan), it is read without following
links or waiting, and quarantined.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from helpers import demat, restart, samples_of, wait_for


def test_the_watcher_leaves_pipes_and_links_and_takes_the_rest(home: Path, watch, tmp_path: Path):
    inbox = home / "inbox"
    secret = tmp_path / "secret.pdf"
    shutil.copyfile(samples_of("born_digital", "cv")[0], secret)
    os.mkfifo(inbox / "pipe.pdf")
    (inbox / "link.pdf").symlink_to(secret)
    good = samples_of("born_digital", "lettera")[0]
    watcher = watch()
    shutil.copyfile(good, inbox / good.name)
    catalog_path = home / "catalog.sqlite3"
    wait_for(lambda: catalog_path.exists() and Catalog(catalog_path).state_counts() == {"archived": 1}, 240,
             lambda: f"the good file archived; the watcher said:\n{watcher.output()}")
    assert [j.original_name for j in Catalog(catalog_path).jobs()] == [good.name]
    assert sorted(p.name for p in inbox.iterdir()) == ["link.pdf", "pipe.pdf"]
    status = demat(home, "status").stdout
    assert "ignored in inbox:   2" in status
    assert "link.pdf: a symbolic link" in status and "pipe.pdf: a named pipe" in status


def test_a_pipe_or_link_in_processing_is_quarantined_without_blocking(home: Path, tmp_path: Path):
    config = load_config(home)
    config.ensure_folders()
    pipe = config.processing / "aaaa" / "pipe.pdf"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    link = config.processing / "bbbb" / "link.pdf"
    link.parent.mkdir()
    link.symlink_to(samples_of("born_digital", "cv")[0])
    _, outcomes, counts, documents = restart(home)
    assert sorted(o.status for o in outcomes) == ["quarantined", "quarantined"]
    assert documents == 0
    reasons = sorted(str(o.error) for o in outcomes)
    assert "link.pdf is a symbolic link" in reasons[0] and "pipe.pdf is not a regular file" in reasons[1]
