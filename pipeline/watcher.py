"""`demat watch`: take every complete file from the inbox, forever.

watchdog's events wake us at once; a full rescan every `rescan_seconds`
catches what no event announced (network shares send none: `--polling` uses
watchdog's polling observer there). Claimed files are worked on by a few
threads; their OCR pages share one process pool.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline.app import App
from pipeline.inbox import SettleTracker, claim, is_ignored, scan
from pipeline.runner import Outcome

log = logging.getLogger("demat.watch")
TICK_SECONDS = 0.5


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

    def run(self, stop: threading.Event) -> None:
        for job in self.app.runner.recover():
            log.warning("finishing job %s (%s) left by a previous run", job.id, job.original_name)
            self._submit(job)
        observer = self._observer()
        observer.start()
        last_scan = 0.0
        try:
            while not stop.is_set():
                candidates = set(self.tracker.pending)
                if time.monotonic() - last_scan >= self.config.watch.rescan_seconds:
                    candidates.update(scan(self.config.inbox))
                    self._resubmit_unfinished()
                    last_scan = time.monotonic()
                with self._lock:
                    candidates.update(self._events)
                    self._events.clear()
                self._take(self.tracker.ready(sorted(candidates)))
                self._wake.wait(TICK_SECONDS)
                self._wake.clear()
        finally:
            observer.stop()
            observer.join()
            self._pool.shutdown(wait=True)

    def _take(self, ready: list[Path]) -> None:
        for path in ready:
            self.tracker.forget(path)
            claimed = claim(path, self.config.inbox, self.config.processing)
            if claimed is None:
                continue  # another watcher took it
            try:
                job = self.app.catalog.add_job(claimed.token, claimed.original_name)
            finally:
                claimed.lock.release()
            log.info("took %s as job %s", claimed.original_name, job.id)
            self._submit(job)

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
        except Exception:
            log.exception("job %s failed outside its stages; it will be picked up again", job.id)
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
        if is_ignored(relative) or not path.is_file():
            return
        with self._lock:
            self._events.add(path)
        self._wake.set()
