"""Faults of the machine, not of the document: the disk is full, memory ran out, a helper died.

A document that meets one of them is held and tried again later, never
quarantined: the same file goes through once the machine has recovered.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from concurrent.futures.process import BrokenProcessPool

RESOURCE_ERRNOS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENOMEM: "out of memory",
    errno.EMFILE: "too many open files",
    errno.ENFILE: "too many open files on the system",
    errno.EIO: "an input/output error of the disk",
    errno.EROFS: "the file system is read-only",
}


def machine_fault(exc: BaseException) -> str | None:
    """Why EXC (or what caused it) is the machine's fault, or None when it may be the document's."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        reason = _reason(exc)
        if reason:
            return f"{reason} ({type(exc).__name__}: {exc})" if str(exc) else reason
        exc = exc.__cause__ or exc.__context__
    return None


def _reason(exc: BaseException) -> str | None:
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, BrokenProcessPool):
        return "a worker process died (killed for lack of memory?)"
    if isinstance(exc, OSError) and exc.errno in RESOURCE_ERRNOS:
        return RESOURCE_ERRNOS[exc.errno]
    if isinstance(exc, sqlite3.OperationalError) and ("full" in str(exc) or "disk I/O" in str(exc)):
        return "the catalog cannot be written (disk full?)"
    psycopg = sys.modules.get("psycopg")  # loaded only when the catalog is on PostgreSQL
    if psycopg is not None and isinstance(exc, psycopg.OperationalError):
        return "the catalog's PostgreSQL server cannot be reached or written"
    status = getattr(exc, "status", None)  # pytesseract.TesseractError: the program's exit status
    if isinstance(status, int) and status < 0:
        return f"tesseract was killed (signal {-status}; out of memory?)"
    return None
