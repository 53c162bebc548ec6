"""Documents worked on by Celery workers, through a broker (Redis; RabbitMQ by its URL).

With `executor.kind = "celery"`, `demat watch` claims files as always (into
`processing/<token>/` of the shared home, with a job row) and then sends one
task per job instead of working on it; `demat worker` runs those tasks. A job
is done at least once and archived at most once:

- a task is acknowledged only when its document is archived or quarantined,
  and a worker that dies gives it back (at once for a lost pool process; with
  Redis, after `executor.redelivery_seconds` for a whole worker);
- running a task again is harmless: the job lock admits one process at a time,
  a finished job is left alone, a half-written archive is undone first, and
  the catalog keeps one document per sha256;
- a task whose job another live process holds is tried again later;
- a document that stopped workers `executor.max_attempts` times goes to
  quarantine with that reason instead of stopping the next one.
"""

from __future__ import annotations

import logging
import os
import socket

from demat.indexer.catalog import Job
from demat.kernel.config import Config
from demat.kernel.errors import N_, ConfigError, DematError, DocumentError
from demat.pipeline import quarantine
from demat.pipeline.app import App
from demat.pipeline.inbox import JobLock, claimed_file
from demat.pipeline.watcher import Watcher

log = logging.getLogger("demat.broker")
TASK = "demat.process_job"
QUEUE = "demat"
BUSY_RETRY_SECONDS = 10  # a job another process holds is looked at again after this
ERROR_RETRY_SECONDS = 60  # settings or model broken: the job waits, claimed, until they are fixed
UNFINISHED = ("claimed", "archiving")
QUEUED = "queued"  # the job event of a task sent to the broker
WORKER_ERROR = "worker error"  # the job event of an attempt that ended in an error outside the document
HAS_TASK = (QUEUED, "started", WORKER_ERROR)  # a job whose last event is one of these has a task in the broker


def celery_app(config: Config):
    """The Celery application of a demat home: the same settings for watchers and workers."""
    from celery import Celery

    settings = config.executor
    if not settings.broker_url:
        raise ConfigError(N_("executor.kind is celery but no broker URL is set"),
                          N_("Set executor.broker_url in demat.toml (redis://host:6379/0), or DEMAT_BROKER_URL."))
    app = Celery("demat", broker=settings.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,  # acknowledged when the document is archived, not when it is received
        task_reject_on_worker_lost=True,  # a pool process killed mid-document gives its task back
        worker_prefetch_multiplier=1,  # a worker holds no more documents than it works on
        task_ignore_result=True,
        task_default_queue=QUEUE,
        task_serializer="json",
        accept_content=["json"],
        broker_transport_options={"visibility_timeout": settings.redelivery_seconds},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,  # outcome lines as `demat watch` prints them
    )
    return app


def broker_address(config: Config) -> str:
    """The broker's URL without the user and password, for messages."""
    scheme, _, rest = config.executor.broker_url.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


def send(celery, job: Job) -> None:
    """One task for one claimed job; raises when the broker cannot be reached (after a few tries)."""
    celery.send_task(TASK, args=[job.id, job.token], queue=QUEUE, retry=True,
                     retry_policy={"max_retries": 3, "interval_start": 0.5, "interval_step": 1})


class BrokerWatcher(Watcher):
    """`demat watch` that sends the jobs it claims to the workers instead of working on them."""

    def __init__(self, app: App, on_outcome=None):
        super().__init__(app, on_outcome)
        self.celery = celery_app(app.config)

    def _submit(self, job: Job) -> None:
        try:
            send(self.celery, job)
        except Exception as exc:  # the broker is down: the sweep sends it again
            log.warning("job %s (%s): the broker did not take it (%s); sent again later",
                        job.id, job.original_name, exc)
            return
        self.app.catalog.log_event(job.id, QUEUED, broker_address(self.config))
        log.info("job %s (%s) sent to the workers", job.id, job.original_name)

    def _resubmit_unfinished(self) -> None:
        """Send the jobs no task stands for: never sent (broker down), or put back from quarantine.

        A job whose last event is `queued` or `started` has a task in the
        broker, which gives it back if its worker dies, and one that ended in
        a worker error has a task that tries again by itself; parts of a lotto
        are run by their parent's task.
        """
        catalog = self.app.catalog
        for job in catalog.jobs(("claimed",)):
            events = catalog.events(job.id)
            if job.parent_id is None and (not events or events[-1]["step"] not in HAS_TASK):
                self._submit(job)


class DocumentTasks:
    """The worker's side: runs one job to its end, whatever happened to it before."""

    def __init__(self, app: App, max_attempts: int, report=print):
        self.app, self.max_attempts, self.report = app, max_attempts, report

    def run(self, job_id: int, token: str) -> bool:
        """True when the job is finished (here or before); False when another process holds it."""
        catalog, config = self.app.catalog, self.app.config
        job = catalog.job(job_id)
        if job is None or job.token != token:
            raise DematError(N_("job %(id)s (%(token)s) is not in the catalog of %(home)s"),
                             N_("Start every worker with --home on the shared folder that the watchers use."),
                             id=job_id, token=token, home=config.home)
        if job.state not in UNFINISHED:
            return True
        token_dir = config.processing / token
        if not token_dir.is_dir():
            raise DematError(N_("job %(id)s: its folder %(folder)s is missing"),
                             N_("Check that the workers see the same shared folder as the watchers."),
                             id=job_id, folder=token_dir)
        if job.state == "archiving":  # its worker died writing the archive: undo the half-written folders
            job = self.app.runner.recover_job(token_dir)
            if job is None:
                return self._finished(job_id)
        stopped = self._stopped_workers(job_id)
        if stopped >= self.max_attempts:
            return self._give_up(job, token_dir, stopped)
        try:
            outcome = self.app.runner.process(job)
        except DematError as exc:  # an attempt that ended, not a worker stopped by the document
            self.app.catalog.log_event(job_id, WORKER_ERROR, str(exc))
            raise
        if outcome is None:
            return self._finished(job_id)
        self.report(outcome)
        return True

    def _finished(self, job_id: int) -> bool:
        return self.app.catalog.job(job_id).state not in UNFINISHED

    def _stopped_workers(self, job_id: int) -> int:
        """Attempts started since the file last came back from quarantine, none of which ended."""
        steps = [e["step"] for e in self.app.catalog.events(job_id)]
        since = len(steps) - steps[::-1].index("retry") if "retry" in steps else 0
        return steps[since:].count("started") - steps[since:].count(WORKER_ERROR)

    def _give_up(self, job: Job, token_dir, stopped: int) -> bool:
        lock = JobLock(token_dir)
        if not lock.acquire():
            return False
        try:
            job = self.app.catalog.job(job.id)
            found = claimed_file(token_dir)
            if job.state not in UNFINISHED or found is None:
                return True
            error = DocumentError(N_("it stopped the worker %(times)s times"),
                                  N_("The file may be damaged or too large for a worker's memory: check it, "
                                     "then `demat retry %(id)s`."), times=stopped, id=job.id)
            quarantine.move(self.app.config, self.app.catalog, job, found[0], error)
        finally:
            lock.release()
        log.error("job %s (%s) quarantined: %s", job.id, job.original_name, error)
        return True


def run_worker(config: Config, concurrency: int) -> int:
    """Run a Celery worker on the broker until it is stopped (SIGTERM: after the current documents)."""
    from demat.pipeline.report import outcome_line

    celery = celery_app(config)
    with App(config) as app:
        tasks = DocumentTasks(app, config.executor.max_attempts,
                              report=lambda outcome: print(outcome_line(outcome), flush=True))

        @celery.task(name=TASK, bind=True, max_retries=None)
        def process_job(task, job_id: int, token: str) -> None:
            try:
                finished = tasks.run(job_id, token)
            except DematError as exc:  # settings, model, a missing folder: not the document's fault
                log.error("job %s: %s %s", job_id, exc, exc.action)
                raise task.retry(countdown=ERROR_RETRY_SECONDS) from exc
            if not finished:
                raise task.retry(countdown=BUSY_RETRY_SECONDS)

        print(f"Worker on {broker_address(config)} for {config.home}, "
              f"{concurrency} document(s) at a time. Ctrl-C stops after the current ones.", flush=True)
        celery.worker_main(["worker", "--pool=threads", f"--concurrency={concurrency}", f"--queues={QUEUE}",
                            f"--hostname=demat-{os.getpid()}@{socket.gethostname()}", "--loglevel=WARNING",
                            "--without-gossip", "--without-mingle"])
    return 0
