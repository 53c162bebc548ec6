"""The one place parallel work goes through.

OCR is CPU-bound, and tesseract's own threads fight each other on a small
machine: we run one single-threaded tesseract per core instead
(`OMP_THREAD_LIMIT=1`, set in each worker before tesseract starts). Tests and
debugging use `SerialExecutor`, which runs the same functions in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def _single_threaded_worker() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


class SerialExecutor:
    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return map(fn, items)

    def shutdown(self) -> None:
        pass


class ProcessExecutor:
    """A process pool shared by every document in flight, one worker per core."""

    def __init__(self, workers: int):
        self.workers = workers
        os.environ["OMP_THREAD_LIMIT"] = "1"  # also for tesseract run from this process
        # forkserver: forking a process that runs watcher threads is unsafe.
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=_single_threaded_worker,
                                         mp_context=multiprocessing.get_context("forkserver"))

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        # Submit lazily, a bounded number of items ahead, so a 200-page PDF never
        # has all its results in memory at once; wide enough that a slow page
        # does not leave the other workers idle while results wait in order.
        return _bounded_map(self._pool, fn, items, ahead=self.workers * 8)

    def shutdown(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def _bounded_map(pool: ProcessPoolExecutor, fn: Callable[[Any], Any], items: Iterable[Any],
                 ahead: int) -> Iterator[Any]:
    pending = []
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= ahead:
            yield pending.pop(0).result()
    for future in pending:
        yield future.result()


def make_executor(workers: int) -> SerialExecutor | ProcessExecutor:
    return SerialExecutor() if workers <= 1 else ProcessExecutor(workers)
