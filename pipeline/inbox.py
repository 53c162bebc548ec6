"""The inbox: which files are ready, and taking them so that no one else does.

A scanner writes slowly over SMB or NFS, so a file is taken only when its size
and modification time have not changed for `settle_seconds`. Taking it is one
rename into `processing/<token>/`: on one file system a rename is atomic, so of
two watchers on the same inbox exactly one succeeds.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

WORK_DIR = ".work"  # inside a token folder: a document's scratch files
IGNORED_NAMES = {"thumbs.db", "desktop.ini"}
IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".swp")
IGNORED_PREFIXES = (".", "~$", ".~lock")


def is_ignored(relative: Path) -> bool:
    """Temporary, hidden and system files are never taken (nor anything in a hidden folder)."""
    for part in relative.parts:
        if part.startswith(IGNORED_PREFIXES):
            return True
    name = relative.name.lower()
    return name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES)


def scan(inbox: Path) -> Iterator[Path]:
    """Every candidate file below the inbox, subfolders included."""
    for dirpath, dirnames, filenames in os.walk(inbox):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            if not is_ignored(path.relative_to(inbox)):
                yield path


@dataclass
class _Seen:
    size: int
    mtime_ns: int
    since: float


class SettleTracker:
    """Remembers each file's size and mtime; says when one stopped changing."""

    def __init__(self, settle_seconds: float, clock=time.monotonic):
        self.settle_seconds = settle_seconds
        self.clock = clock
        self._seen: dict[Path, _Seen] = {}

    def ready(self, paths: list[Path]) -> list[Path]:
        now = self.clock()
        ready = []
        for path in paths:
            try:
                st = path.stat()
            except FileNotFoundError:
                self._seen.pop(path, None)
                continue
            seen = self._seen.get(path)
            if seen is None or (seen.size, seen.mtime_ns) != (st.st_size, st.st_mtime_ns):
                self._seen[path] = _Seen(st.st_size, st.st_mtime_ns, now)
            elif now - seen.since >= self.settle_seconds:
                ready.append(path)
        return ready

    def forget(self, path: Path) -> None:
        self._seen.pop(path, None)

    @property
    def pending(self) -> list[Path]:
        return list(self._seen)


@dataclass
class Claimed:
    token: str
    path: Path  # the file, now under processing/<token>/
    original_name: str  # relative to the inbox
    lock: JobLock  # release once the job row is written


def claim(path: Path, inbox: Path, processing: Path) -> Claimed | None:
    """Move a ready file out of the inbox; None if another process took it first.

    The token folder keeps the file's subfolder, so that after a crash between
    the rename and the job row the original name can still be recovered.
    """
    relative = path.relative_to(inbox)
    token, dest, lock = new_token_folder(processing, relative)
    try:
        os.rename(path, dest)
    except FileNotFoundError:
        lock.release()
        shutil.rmtree(processing / token, ignore_errors=True)
        return None
    return Claimed(token, dest, relative.as_posix(), lock)


def new_token_folder(processing: Path, relative: Path) -> tuple[str, Path, JobLock]:
    """A fresh processing folder, locked until its job row exists (see JobLock)."""
    token = uuid.uuid4().hex
    dest = processing / token / relative
    dest.parent.mkdir(parents=True)
    lock = JobLock(processing / token)
    lock.acquire()
    return token, dest, lock


def claimed_file(token_dir: Path) -> tuple[Path, str] | None:
    """The one file of a token folder and its name relative to the inbox."""
    for dirpath, dirnames, filenames in os.walk(token_dir):
        dirnames[:] = [d for d in dirnames if d != WORK_DIR]
        for name in filenames:
            path = Path(dirpath, name)
            return path, path.relative_to(token_dir).as_posix()
    return None



class JobLock:
    """An exclusive lock on one claimed file while a process works on it.

    Held with flock, so the kernel drops it when the process dies: after a
    `kill -9` the next start can take the job over, while a job that a live
    watcher is working on is left alone by the others.
    """

    def __init__(self, token_dir: Path):
        self.path = token_dir / WORK_DIR / "lock"
        self._fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
