"""Quarantine: where a file that cannot be processed waits, with its reason beside it.

`quarantine/NAME` is the file exactly as it was dropped; `quarantine/NAME.error.json`
says what was wrong, what to do, and the command that puts it through again.
A file a person gives up on is set aside in `quarantine/scartati/`, never
deleted: nothing that reached demat is lost, and it can be dropped in the inbox again.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from demat.indexer.archive import safe_file_name, write_atomic
from demat.indexer.catalog import Catalog, Job, now
from demat.kernel.config import Config
from demat.kernel.errors import N_, DematError
from demat.pipeline.inbox import file_system_name

REASON_SUFFIX = ".error.json"
DISCARDED = "scartati"  # quarantine/scartati/: set aside by a person, with who, when and why


def move(config: Config, catalog: Catalog, job: Job, path: Path, error: DematError) -> Path:
    """Record the reason in the job, then write the reason file and move the file.

    A crash after the job row changed is finished by `complete` at the next start.
    """
    dest = free_name(config.quarantine, safe_file_name(Path(job.original_name).name), job.id)
    catalog.update_job(job.id, "quarantined", str(error), state="quarantined", quarantine_path=str(dest),
                       error_kind=error.kind, error_message=str(error), error_action=error.action)
    complete(config, catalog.job(job.id), path)
    return dest


def complete(config: Config, job: Job, path: Path) -> None:
    """Write NAME.error.json from the job row, move the file beside it, drop the processing folder."""
    dest = Path(job.quarantine_path)
    reason = {
        "id": job.id,
        "file": job.original_name,
        "error": job.error_kind,
        "reason": job.error_message,
        "what_to_do": job.error_action,
        "retry": f"demat retry {job.id}",
        "quarantined_at": job.updated_at,
    }
    write_atomic(reason_path(dest), json.dumps(reason, ensure_ascii=False, indent=2).encode("utf-8"))
    os.replace(path, dest)
    shutil.rmtree(config.processing / job.token, ignore_errors=True)


def reason_path(quarantined: Path) -> Path:
    return quarantined.with_name(quarantined.name + REASON_SUFFIX)


def free_name(folder: Path, name: str, job_id: int) -> Path:
    """NAME if free, else NAME with the job id before its extension."""
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / name
    if not dest.exists() and not reason_path(dest).exists():
        return dest
    stem, dot, ext = name.partition(".")
    return folder / f"{stem}-{job_id}{dot}{ext}"


def restore(config: Config, catalog: Catalog, job: Job) -> Job:
    """Put a quarantined file back in processing, or release a held one, for another attempt now."""
    if job.state == "held":
        catalog.update_job(job.id, "retry", "released by a person", state="claimed", attempts=0, held_until=None,
                           error_kind=None, error_message=None, error_action=None)
        return catalog.job(job.id)
    src = _quarantined_file(job)
    dest = config.processing / job.token / file_system_name(job.original_name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.replace(src, dest)
    reason_path(src).unlink(missing_ok=True)
    catalog.update_job(job.id, "retry", "put back from quarantine", state="claimed", quarantine_path=None,
                       error_kind=None, error_message=None, error_action=None)
    return catalog.job(job.id)


def discard(config: Config, catalog: Catalog, job: Job, who: str, why: str) -> Path:
    """Set a quarantined file aside for good: into quarantine/scartati/ with its reason file, and who and why."""
    src = _quarantined_file(job)
    dest = free_name(config.quarantine / DISCARDED, src.name, job.id)
    old_reason = reason_path(src)
    reason = json.loads(old_reason.read_text(encoding="utf-8")) if old_reason.exists() else {"id": job.id}
    reason.pop("retry", None)
    reason.update(discarded_by=who, discarded_at=now(), why_discarded=why,
                  what_to_do="Set aside by a person. To archive it after all, drop it into the inbox again.")
    write_atomic(reason_path(dest), json.dumps(reason, ensure_ascii=False, indent=2).encode("utf-8"))
    os.replace(src, dest)
    catalog.update_job(job.id, "discard", f"set aside by {who}: {why}".strip().rstrip(":"), state="discarded",
                       quarantine_path=str(dest))
    old_reason.unlink(missing_ok=True)
    return dest


def _quarantined_file(job: Job) -> Path:
    """The file of a job in quarantine; an error that says where to look when there is none."""
    if job.state != "quarantined" or not job.quarantine_path:
        raise DematError(N_("document %(id)s is not in quarantine (state: %(state)s)"),
                         N_("`demat status` lists the quarantined and held files with their ids."),
                         id=job.id, state=job.state)
    src = Path(job.quarantine_path)
    if not src.exists():
        raise DematError(N_("%(file)s is no longer in the quarantine folder"),
                         N_("Drop the file into the inbox again instead."), file=src.name)
    return src
