"""The one place parallel work goes through.

OCR is CPU-bound, and tesseract's own threads fight each other on a small
machine: we run one single-threaded tesseract per core instead
(`OMP_THREAD_LIMIT=1`, set in each worker before tesseract starts). Tests and
debugging use `SerialExecutor`, which runs the same functions in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def _start_worker(demat_pid: int) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    threading.Thread(target=_exit_with, args=(demat_pid,), daemon=True).start()


def _exit_with(demat_pid: int) -> None:
    """End this worker when the demat process that started it ends, even by `kill -9`.

    Otherwise the worker waits for work forever, and the forkserver, which
    waits for its workers, stays too: orphans left after every crash.
    """
    try:
        fd = os.pidfd_open(demat_pid)
    except ProcessLookupError:
        os._exit(1)
    select.select([fd], [], [])  # readable once that process has ended
    os._exit(1)


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
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: forking a process that runs watcher threads is unsafe.
        return ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker, initargs=(os.getpid(),),
                                   mp_context=multiprocessing.get_context("forkserver"))

    def _live_pool(self) -> ProcessPoolExecutor:
        """The pool, made again if a worker died (killed for lack of memory): a broken pool stays broken."""
        with self._lock:
            if getattr(self._pool, "_broken", False):
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            return self._pool

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        # Submit lazily, a bounded number of items ahead, so a 200-page PDF never
        # has all its results in memory at once; wide enough that a slow page
        # does not leave the other workers idle while results wait in order.
        return _bounded_map(self._live_pool(), fn, items, ahead=self.workers * 8)

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
