"""Puts the parts together for one demat home: catalog, search, executor, runner.

Commands and the web app open one `App`, use it, and close it; nothing else
builds these objects, so there is one place that says how they fit.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from demat.indexer.catalog import Job, open_catalog
from demat.kernel.config import Config
from demat.pipeline.executor import make_executor
from demat.pipeline.inbox import catalog_name, new_token_folder
from demat.pipeline.runner import Outcome, Runner


class App:
    def __init__(self, config: Config, with_runner: bool = True):
        from demat.indexer.search import open_search

        config.ensure_folders()
        self.config = config
        self.catalog = open_catalog(config)
        self.search = open_search(config, self.catalog)
        self.executor = make_executor(config.ocr_workers) if with_runner else None
        self.runner = Runner(config, self.catalog, self.search, self.executor) if with_runner else None

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()
        self.catalog.close()

    def copy_in(self, path: Path, original_name: str) -> Job:
        """Take a file that must stay where it is (demat ingest): copy, don't move.

        ORIGINAL_NAME is the file system's name, whatever its bytes."""
        token, dest, lock = new_token_folder(self.config.processing, Path(original_name))
        try:
            shutil.copyfile(path, dest)
            return self.catalog.add_job(token, catalog_name(original_name))
        finally:
            lock.release()

    def run_jobs(self, jobs: list[Job], on_outcome=None) -> list[Outcome]:
        """Run jobs, several documents at once, reporting each as it ends."""
        outcomes = []
        with ThreadPoolExecutor(self.config.pipeline.documents_in_parallel or 1) as pool:
            for outcome in pool.map(self.runner.process, jobs):
                if outcome is None:  # another process is on it
                    continue
                outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
        return outcomes
