"""`demat watch`: take every complete file from the inbox, forever.

watchdog's events wake us at once; a full rescan every `rescan_seconds`
catches what no event announced (network shares send none: `--polling` uses
watchdog's polling observer there). Claimed files are worked on by a few
threads; their OCR pages share one process pool.

Nothing one file does may stop the watcher: a failure while taking a file or
looking after the processing folder is logged and tried again at the next
rescan, a little later each time it repeats (a full disk is fixed by a person).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from demat.pipeline.app import App
from demat.pipeline.faults import machine_fault
from demat.pipeline.inbox import SettleTracker, claim, is_ignored, not_regular, survey
from demat.pipeline.runner import Outcome

log = logging.getLogger("demat.watch")
TICK_SECONDS = 0.5
MAX_PAUSE_SECONDS = 60.0  # the longest wait after a failed round


class Watcher:
    def __init__(self, app: App, on_outcome: Callable[[Outcome], None] | None = None):
        self.app = app
        self.config = app.config
        self.on_outcome = on_outcome
        self.tracker = SettleTracker(self.config.watch.settle_seconds)
        self._wake = threading.Event()
        self._events: set[Path] = set()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(self.config.pipeline.documents_in_parallel or 1,
                                        thread_name_prefix="document")
        self.in_flight: set[int] = set()  # job ids queued or running here
        self._left_alone: set[Path] = set()  # inbox entries already reported as never taken

    def run(self, stop: threading.Event) -> None:
        try:
            for job in self.app.runner.recover():
                log.warning("finishing job %s (%s) left by a previous run", job.id, job.original_name)
                self._submit(job)
        except Exception as exc:
            self._report(exc, "recovering the previous run's jobs (tried again at the next rescan)")
        observer = self._observer()
        observer.start()
        last_scan, pause = 0.0, TICK_SECONDS
        try:
            while not stop.is_set():
                try:
                    candidates = set(self.tracker.pending)
                    if time.monotonic() - last_scan >= self.config.watch.rescan_seconds:
                        last_scan = time.monotonic()
                        candidates.update(self._rescan())
                    with self._lock:
                        candidates.update(self._events)
                        self._events.clear()
                    self._take(self.tracker.ready(sorted(candidates)))
                    pause = TICK_SECONDS
                except Exception as exc:
                    self._report(exc, "watching the inbox")
                    pause = min(pause * 2, MAX_PAUSE_SECONDS)
                self._wake.wait(pause)
                self._wake.clear()
        finally:
            observer.stop()
            observer.join()
            self._pool.shutdown(wait=True)

    def _rescan(self) -> list[Path]:
        """The inbox's candidate files; jobs left unfinished (or held until now) are picked up."""
        candidates = []
        for path, reason in survey(self.config.inbox):
            if reason is None:
                candidates.append(path)
            elif reason != "gone" and path not in self._left_alone:
                self._left_alone.add(path)
                log.warning("%s is left in the inbox: %s (`demat status` lists these)", path, reason)
        self._resubmit_unfinished()
        return candidates

    def _take(self, ready: list[Path]) -> None:
        for path in ready:
            self.tracker.forget(path)
            try:
                claimed = claim(path, self.config.inbox, self.config.processing)
                if claimed is None:
                    continue  # another watcher took it
                try:
                    job = self.app.catalog.add_job(claimed.token, claimed.original_name)
                finally:
                    claimed.lock.release()
            except Exception as exc:  # a claimed file without its job row is taken up by the next rescan
                self._report(exc, f"taking {path}")
                continue
            log.info("took %s as job %s", claimed.original_name, job.id)
            self._submit(job)

    def _report(self, exc: Exception, doing: str) -> None:
        reason = machine_fault(exc)
        if reason:
            log.error("%s: %s; waiting for it to be fixed", doing, reason)
        else:
            log.exception("%s failed", doing)

    def _resubmit_unfinished(self) -> None:
        """Jobs a crash or a retry left in processing/ that are not queued here already."""
        with self._lock:
            queued = frozenset(self.in_flight)
        for job in self.app.runner.unfinished(queued):
            self._submit(job)

    def _submit(self, job) -> None:
        with self._lock:
            self.in_flight.add(job.id)
        self._pool.submit(self._work, job)

    def _work(self, job) -> None:
        try:
            outcome = self.app.runner.process(job)
        except Exception as exc:
            self._report(exc, f"job {job.id} (picked up again at a later rescan)")
            return
        finally:
            with self._lock:
                self.in_flight.discard(job.id)
        if outcome is not None and self.on_outcome:
            self.on_outcome(outcome)

    def _observer(self):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.is_directory:
                    return
                for raw in (event.src_path, getattr(event, "dest_path", "")):
                    if raw:
                        watcher._notice(Path(raw))

        observer = PollingObserver(timeout=2) if self.config.watch.polling else Observer()
        observer.schedule(Handler(), str(self.config.inbox), recursive=True)
        return observer

    def _notice(self, path: Path) -> None:
        try:
            relative = path.relative_to(self.config.inbox)
        except ValueError:
            return
        if is_ignored(relative) or not_regular(path):
            return
        with self._lock:
            self._events.add(path)
        self._wake.set()
