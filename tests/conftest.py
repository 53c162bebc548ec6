"""Fixtures: a demat home in a temporary folder, watchers running on it, the context a stage gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from demat.kernel.config import load_config
from demat.kernel.document import StageContext
from demat.pipeline.executor import SerialExecutor
from helpers import FAST_WATCH, WatchProcess

pytest_plugins = ["servers"]  # private Redis and PostgreSQL, started once per session


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A demat home whose watcher settles files in half a second."""
    home = tmp_path / "home"
    (home / "inbox").mkdir(parents=True)
    (home / "demat.toml").write_text(FAST_WATCH, encoding="utf-8")
    return home


@pytest.fixture
def watch(home: Path):
    """Start watchers on the test's home; all are stopped at the end."""
    started: list[WatchProcess] = []

    def start(*extra: str) -> WatchProcess:
        started.append(WatchProcess(home, *extra))
        return started[-1]

    yield start
    for w in started:
        w.stop()


@pytest.fixture
def ctx(tmp_path: Path) -> StageContext:
    """What a stage gets, on a fresh home, with the serial executor."""
    return StageContext(config=load_config(tmp_path), executor=SerialExecutor(), work_dir=tmp_path)
