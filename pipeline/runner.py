"""The runner: takes one claimed file through every stage to the archive or quarantine.

Order of durable steps, so that a crash at any point is finished or redone
on the next start and no file is lost or archived twice:

1. the file is in `processing/<token>/` and has a job row (state `claimed`);
2. stages run in memory; scratch files go to `processing/<token>/.work/`;
3. the job records its archive folder (state `archiving`), then the files are
   written there atomically;
4. one catalog transaction inserts the documents, their index rows and marks
   the job `archived`;
5. only then the processing folder (the inbox's copy) is removed.

A stage that raises a `DocumentError` sends the file to quarantine with a
reason file instead. Whatever else goes wrong ends the job too, so that no
file is retried forever: a fault of the machine (disk full, out of memory, a
dead helper, bad settings) holds it in `processing/` to be tried again later,
with a wait that doubles each time and a cap on attempts (state `held`); any
other error is a bug, and the file goes to quarantine saying so.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from demat.extractors import sdi_links
from demat.indexer import archive, repository
from demat.indexer.catalog import Catalog, Job
from demat.indexer.catalog import now as catalog_now
from demat.kernel.config import Config
from demat.kernel.document import Document, StageContext
from demat.kernel.errors import DematError, DocumentError, UnsupportedFile
from demat.pipeline import logcontext, quarantine
from demat.pipeline.faults import machine_fault
from demat.pipeline.inbox import WORK_DIR, JobLock, claimed_file
from demat.pipeline.stages import Pipeline, default_pipeline

log = logging.getLogger("demat.runner")
RUNNABLE = ("claimed", "archiving")
MAX_HOLD_SECONDS = 3600


@dataclass
class Outcome:
    """What became of one job, for the CLI and the tests."""

    job_id: int
    file: str
    status: str  # archived, duplicate, quarantined, held
    documents: list[tuple[int, Document]]
    duplicate_of: int | None = None
    error: DematError | None = None


def preflight(config: Config) -> None:
    """Load the rules files and the type model now, so that a bad routing.toml,
    pattern file or model stops the start with its message instead of
    quarantining every file."""
    from demat.classifiers.model import load_model
    from demat.classifiers.routing import load_rules
    from demat.extractors.fields.patterns import patterns

    load_rules(config.routing_path())
    patterns()
    load_model(config.model_path())


class Runner:
    def __init__(self, config: Config, catalog: Catalog, search, executor, pipeline: Pipeline | None = None):
        self.config = config
        self.catalog = catalog
        self.search = search
        self.executor = executor
        if pipeline is None:
            preflight(config)
            pipeline = default_pipeline(catalog)
        self.pipeline = pipeline

    # -- one job -----------------------------------------------------------
    def process(self, job: Job) -> Outcome | None:
        """Run a job to its end; None when another process is working on it."""
        lock = JobLock(self.config.processing / job.token)
        if not lock.acquire():
            return None
        try:
            job = self.catalog.job(job.id)
            if job.state not in RUNNABLE:
                return None  # finished by another process meanwhile
            with logcontext.job(job.id):
                try:
                    return self._process(job)
                except Exception as exc:
                    return self._fail(job, exc)
        finally:
            lock.release()

    def _process(self, job: Job) -> Outcome:
        token_dir = self.config.processing / job.token
        found = claimed_file(token_dir)
        if found is None:
            return self.hold(job, f"its file is gone from {token_dir}: drop it into the inbox again", retry=False)
        path, _ = found
        self.catalog.update_job(job.id, "started", f"attempt {job.attempts + 1}", attempts=job.attempts + 1)
        try:
            sha256 = file_sha256(path)
        except DocumentError as exc:
            return self._quarantine(job, path, exc)
        self.catalog.update_job(job.id, "read", sha256, sha256=sha256)
        original = self.catalog.document_with_sha(sha256)
        if original is not None:
            return self._duplicate(job, token_dir, original)
        doc = Document(path=path, original_name=job.original_name, sha256=sha256)
        ctx = StageContext(self.config, self.executor, token_dir / WORK_DIR, log)
        ctx.work_dir.mkdir(exist_ok=True)
        try:
            documents = self.pipeline.run(doc, ctx)
        except DocumentError as exc:
            if machine_fault(exc):
                raise  # e.g. tesseract killed for lack of memory: not this file's fault
            return self._quarantine(job, path, exc)
        return self._archive(job, token_dir, documents)

    # -- endings -----------------------------------------------------------
    def _duplicate(self, job: Job, token_dir: Path, original: int) -> Outcome:
        self.catalog.update_job(job.id, "duplicate", f"same content as document {original}",
                                state="duplicate", duplicate_of=original)
        shutil.rmtree(token_dir, ignore_errors=True)
        return Outcome(job.id, job.original_name, "duplicate", [], duplicate_of=original)

    def _quarantine(self, job: Job, path: Path, error: DematError) -> Outcome:
        quarantine.move(self.config, self.catalog, job, path, error)
        return Outcome(job.id, job.original_name, "quarantined", [], error=error)

    def _fail(self, job: Job, exc: Exception) -> Outcome:
        """End a job that failed outside the document's own faults: held or quarantined, never left running."""
        self._undo_archive(job)
        reason = machine_fault(exc)
        if reason is None and isinstance(exc, DematError) and not isinstance(exc, DocumentError):
            reason = f"{exc} {exc.action}".strip()  # bad settings, a missing model: fixed by a person
        if reason is not None:
            log.error("job %s (%s) held: %s", job.id, job.original_name, reason)
            return self.hold(job, reason)
        log.exception("job %s (%s): unexpected error", job.id, job.original_name, exc_info=exc)
        error = DocumentError(f"internal error: {type(exc).__name__}: {exc}",
                              f"This is a bug in demat: report it with the file, then `demat retry {job.id}`.")
        found = claimed_file(self.config.processing / job.token)
        if found is None:
            return self.hold(job, str(error))
        try:
            return self._quarantine(job, found[0], error)
        except Exception as move_error:
            return self.hold(job, f"{error}; it could not be moved to quarantine either: {move_error}")

    def hold(self, job: Job, reason: str, retry: bool = True) -> Outcome:
        """Keep the file in processing/ and try again after a wait that doubles each time, up to the
        cap; without RETRY (or past the cap) only a person's `demat retry` starts it again."""
        attempts = self.catalog.job(job.id).attempts
        settings = self.config.pipeline
        if attempts >= settings.max_attempts or not retry:
            until = None
            action = (f"Fix the cause, then `demat retry {job.id}` (tried {attempts} times; "
                      "the file waits in the processing folder meanwhile).")
        else:
            wait = min(settings.hold_seconds * 2 ** max(attempts - 1, 0), MAX_HOLD_SECONDS)
            until = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait)).isoformat(timespec="seconds")
            action = (f"demat tries again at {until}; fix the cause (free disk space or memory) "
                      f"or try now with `demat retry {job.id}`.")
        self.catalog.update_job(job.id, "held", reason, state="held", held_until=until, error_kind="held",
                                error_message=reason, error_action=action)
        return Outcome(job.id, job.original_name, "held", [], error=DematError(reason, action))

    def _archive(self, job: Job, token_dir: Path, documents: list[Document]) -> Outcome:
        jobs = [job] + [self._part_job(job, i) for i in range(1, len(documents))]
        folders = [archive.folder_for(self.config.archive, d.department, repository.archive_date(d), j.id,
                                      d.original_name)
                   for j, d in zip(jobs, documents)]
        for j, folder in zip(jobs, folders):
            self.catalog.update_job(j.id, "archiving", str(folder), state="archiving", archive_dir=str(folder))
        stored = []
        for j, doc, folder in zip(jobs, documents, folders):
            # each part of a lotto has its own copy: moved, corrected or downloaded on its own
            files = archive.store(folder, doc.path, doc.original_name, doc.searchable_pdf,
                                  repository.sidecar(j.id, doc))
            archive.store_attachments(folder, [a.path for a in doc.attachments])
            stored.append(files)
        try:
            with self.catalog.transaction():
                relinked = []
                for j, doc, files in zip(jobs, documents, stored):
                    repository.insert(self.catalog, j.id, j.part, doc, files)
                    relinked += self._link(j.id, doc)
                self.search.documents_changed([j.id for j in jobs] + relinked)
                for j in jobs:
                    self.catalog.update_job(j.id, "archived", str(folders[0]), state="archived")
        except self.catalog.dialect.integrity_error:
            # Same content archived meanwhile by another worker: keep theirs.
            for folder in folders:
                archive.remove_folder(folder)
            return self._duplicate(job, token_dir, self.catalog.document_with_sha(documents[0].sha256))
        try:  # archived now: what is left is tidying up, redone at the next start if it fails
            self.search.flush()
        except Exception:
            log.exception("job %s: the search index is behind; it is repaired at the next start", job.id)
        shutil.rmtree(token_dir, ignore_errors=True)
        return Outcome(job.id, job.original_name, "archived", list(zip((j.id for j in jobs), documents)))

    def _link(self, doc_id: int, doc: Document) -> list[int]:
        """Tie DOC to the other files of its invoice (its SdI notifications; the FatturaPA or PDF
        copy of the same invoice); the ids of documents that became or stopped being a copy."""
        if link := sdi_links.sdi_link(doc):
            self.catalog.add_sdi_file(doc_id, *link)
        if identity := sdi_links.invoice_identity(doc):
            return self.catalog.add_invoice_file(doc_id, identity, doc.extractor == "fatturapa")
        return []

    def _part_job(self, parent: Job, part: int) -> Job:
        existing = self.catalog.part_job(parent.id, part)
        return existing or self.catalog.add_job(f"{parent.token}-{part}", parent.original_name, parent.id, part)

    # -- crash recovery ----------------------------------------------------
    def recover(self) -> list[Job]:
        """At start: make the index agree with the catalog, then pick up unfinished jobs."""
        self.search.repair()
        return self.unfinished()

    def unfinished(self, skip: frozenset[int] = frozenset()) -> list[Job]:
        """Finish what a crash left half-done; return the jobs to run (again).

        Also called periodically by the watcher: it picks up files put back
        from quarantine and jobs of a watcher that died; jobs a live process
        holds the lock of, and those in `skip` (queued here already), are left alone.
        """
        redo = []
        for token_dir in sorted(p for p in self.config.processing.iterdir() if p.is_dir()):
            try:
                job = self.recover_job(token_dir, skip)
            except Exception as exc:  # one folder must not stop the others, nor the start
                self._recovery_failed(token_dir, exc)
                continue
            if job is not None:
                redo.append(job)
        return redo

    def _recovery_failed(self, token_dir: Path, exc: Exception) -> None:
        log.error("processing/%s could not be recovered: %s: %s", token_dir.name, type(exc).__name__, exc)
        job = self.catalog.job_by_token(token_dir.name)
        if job is not None and job.state != "held":
            self.hold(job, f"recovery after a crash failed: {type(exc).__name__}: {exc}")

    def recover_job(self, token_dir: Path, skip: frozenset[int] = frozenset()) -> Job | None:
        """`unfinished` for one token folder (also a broker's redelivered job); None if locked, skipped or done."""
        job = self.catalog.job_by_token(token_dir.name)
        if job is not None and job.id in skip:
            # Not even locked: taking the lock makes the folder again, and the job's own
            # worker may have tidied it away since it was listed; nobody would remove it then.
            return None
        lock = JobLock(token_dir)
        if not lock.acquire():
            return None  # a live process is working on it
        try:
            return self._recover_one(token_dir)
        finally:
            lock.release()

    def _recover_one(self, token_dir: Path) -> Job | None:
        """Clean up after one token folder; the job if it must run again."""
        job = self.catalog.job_by_token(token_dir.name)
        found = claimed_file(token_dir)
        if job is None:
            if found is None:  # crashed between mkdir and rename
                shutil.rmtree(token_dir, ignore_errors=True)
                return None
            job = self.catalog.add_job(token_dir.name, found[1])
        if job.state == "held":
            return self._release_if_due(job)
        if job.state in ("archived", "duplicate"):
            shutil.rmtree(token_dir, ignore_errors=True)
            return None
        if job.state == "quarantined":
            if found is not None:
                quarantine.complete(self.config, job, found[0])
            shutil.rmtree(token_dir, ignore_errors=True)
            return None
        if job.attempts >= self.config.pipeline.max_attempts:
            self._undo_archive(job)
            self.hold(job, f"demat stopped {job.attempts} times while working on this file")
            return None
        return self._reset(job)

    def _release_if_due(self, job: Job) -> Job | None:
        """A held job whose wait is over, put back to run; None while it waits (or waits for a person)."""
        if job.held_until is None or job.held_until > catalog_now():
            return None
        self.catalog.update_job(job.id, "retry", "the wait is over", state="claimed", held_until=None,
                                error_kind=None, error_message=None, error_action=None)
        return self.catalog.job(job.id)

    def _reset(self, job: Job) -> Job:
        """Undo a half-written archive folder so the job can run again from the start."""
        self._undo_archive(job)
        self.catalog.update_job(job.id, "recovered", f"state was {job.state}", state="claimed")
        return self.catalog.job(job.id)

    def _undo_archive(self, job: Job) -> None:
        """Remove the folders an unfinished archiving wrote (its own and its lotto parts')."""
        if self.catalog.job(job.id).state != "archiving":
            return
        for j in [self.catalog.job(job.id), *self.catalog.unfinished_parts(job.id)]:
            if j.state == "archiving" and j.archive_dir:
                archive.remove_folder(Path(j.archive_dir))
        self.catalog.drop_unfinished_parts(job.id)  # made again when the lotto is archived
        self.catalog.update_job(job.id, "undone", "half-written archive folders removed", archive_dir=None)


def file_sha256(path: Path) -> str:
    """The file's digest, read without following a link and without waiting on a pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsupportedFile(f"{path.name} is a symbolic link", "Drop the file itself, not a link to it.") from exc
        raise
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise UnsupportedFile(f"{path.name} is not a regular file (a named pipe or a device)",
                                  "Drop a PDF, image or FatturaPA file instead.")
        digest = hashlib.sha256()
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()
