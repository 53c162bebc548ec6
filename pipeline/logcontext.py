"""Every log line says which job and which stage it comes from.

The runner names the job and the stages name themselves in context variables;
a log record factory copies both into every record as `job` and `stage`
("-" outside them), whatever logger writes it (ours or a library's), so
`FORMAT` can print them and a test can read them. Context variables follow
the code into the thread or task that runs it, so concurrent jobs never mix
their tags.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager

FORMAT = "%(asctime)s %(levelname)s %(name)s [job %(job)s, %(stage)s]: %(message)s"
NONE = "-"

_job: contextvars.ContextVar[str] = contextvars.ContextVar("demat_job", default=NONE)
_stage: contextvars.ContextVar[str] = contextvars.ContextVar("demat_stage", default=NONE)


@contextmanager
def job(job_id: int) -> Iterator[None]:
    """Tag the log lines written inside with JOB_ID."""
    with _set(_job, str(job_id)):
        yield


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Tag the log lines written inside with the stage NAME."""
    with _set(_stage, name):
        yield


@contextmanager
def _set(var: contextvars.ContextVar[str], value: str) -> Iterator[None]:
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def _tagging(make_record):
    def make(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        record.job, record.stage = _job.get(), _stage.get()
        return record

    make.tags_job_and_stage = True
    return make


def install() -> None:
    """Tag every log record from now on (once, however often it is called)."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, "tags_job_and_stage", False):
        logging.setLogRecordFactory(_tagging(factory))


install()  # at import: whoever runs a stage or a job has imported this module
