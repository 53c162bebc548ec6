"""The inbox: which files are ready, and taking them so that no one else does.

A scanner writes slowly over SMB or NFS, so a file is taken only when its size
and modification time have not changed for `settle_seconds`. Taking it is one
rename into `processing/<token>/`: on one file system a rename is atomic, so of
two watchers on the same inbox exactly one succeeds.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import stat
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
    return ignored_name(relative) is not None


def ignored_name(relative: Path) -> str | None:
    """Why a file is left alone for its name alone, or None."""
    for part in relative.parts:
        if part.startswith(IGNORED_PREFIXES):
            return "hidden or lock file (its name starts with . or ~$)"
    name = relative.name.lower()
    if name in IGNORED_NAMES:
        return "a system file (Thumbs.db, desktop.ini)"
    if name.endswith(IGNORED_SUFFIXES):
        return "a file still being written (.part, .tmp, ...)"
    return None


def not_regular(path: Path) -> str | None:
    """Why PATH is not something demat reads (a link, a pipe, a device...), or None.

    Links are never followed: one could make the server archive any file it can read.
    A named pipe would block whoever opens it.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "gone"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link: demat takes only regular files, never what a link points to"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    return "not a regular file (a socket or device)"


def survey(inbox: Path) -> Iterator[tuple[Path, str | None]]:
    """Every entry below the inbox with why it is left alone (None: it is a candidate)."""
    for dirpath, dirnames, filenames in os.walk(inbox):
        hidden = [d for d in dirnames if d.startswith(".")]
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in hidden:
            yield Path(dirpath, name), "a hidden folder: nothing in it is taken"
        for name in filenames:
            path = Path(dirpath, name)
            yield path, ignored_name(path.relative_to(inbox)) or not_regular(path)


def scan(inbox: Path) -> Iterator[Path]:
    """Every candidate file below the inbox, subfolders included: regular files only."""
    return (path for path, reason in survey(inbox) if reason is None)


def left_alone(inbox: Path) -> list[tuple[str, str]]:
    """(name, reason) of every inbox entry the watcher will never take, for `demat status`."""
    return [(catalog_name(path.relative_to(inbox)), reason) for path, reason in survey(inbox)
            if reason not in (None, "gone")]


_ESCAPED = re.compile(r"\\\\|\\x[89a-f][0-9a-f]")


def catalog_name(relative: Path | str) -> str:
    """A file-system name as text that SQLite and JSON keep: bytes that are not
    UTF-8 are written \\xNN and a backslash \\\\, so `file_system_name` gives back
    the exact name."""
    raw = os.fsencode(relative.as_posix() if isinstance(relative, Path) else relative)
    return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def file_system_name(text: str) -> str:
    """The name `catalog_name` was given (odd bytes as Python's surrogate escapes)."""
    return _ESCAPED.sub(lambda m: "\\" if m[0] == "\\\\" else chr(0xDC00 + int(m[0][2:], 16)), text)


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
    return Claimed(token, dest, catalog_name(relative), lock)


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
            return path, catalog_name(path.relative_to(token_dir))
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
