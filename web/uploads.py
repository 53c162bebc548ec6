"""Files uploaded from the browser, checked, then put into the inbox whole.

A file is checked before it reaches the inbox: not empty, not over the size
limit, of a type the text stage can read (told by its first bytes, not its
name), and under a name the watcher takes (checked by the watcher's own rule,
so an upload is never accepted and then left in the inbox forever). It is
written under a hidden temporary name, flushed, then linked to its real name,
which never replaces a file already waiting there: the watcher ignores
dot-names, so it never takes a half-written upload.
"""

from __future__ import annotations

import functools
import os
import secrets
from pathlib import Path
from typing import BinaryIO

from demat.extractors.sniff import HEAD_BYTES, describe, sniff_bytes
from demat.indexer.archive import safe_file_name
from demat.kernel.config import Config
from demat.kernel.errors import N_, EmptyFile, TooLarge, UnsupportedFile, UsageError
from demat.pipeline.inbox import is_ignored

CHUNK = 1024 * 1024
# A file name holds 255 bytes; this leaves room for the "-NN" of a name taken twice and for the
# "<id>-" in front of the archive folder named after the file.
MAX_NAME_BYTES = 200


@functools.cache
def readable_types() -> frozenset[str]:
    """The media types some text extractor takes."""
    from demat.extractors.text import registry

    return frozenset(t for extractor in registry() for t in extractor.media_types)


def put_in_inbox(config: Config, name: str, source: BinaryIO) -> Path:
    """Check an uploaded file and write it into the inbox; the path it got there."""
    name = inbox_name(name)
    limit = config.limits.max_file_mb * 1024 * 1024
    head = source.read(HEAD_BYTES)
    if not head:
        raise EmptyFile(N_("%(name)s is empty (0 bytes)"), name=name)
    media_type = sniff_bytes(head)
    if media_type not in readable_types():
        raise UnsupportedFile(N_("%(name)s is %(kind)s (%(media_type)s), which demat cannot read"),
                              N_("Upload PDF, TIFF, JPEG or PNG scans and FatturaPA XML (.xml, .xml.p7m) files."),
                              name=name, kind=describe(media_type), media_type=media_type)
    config.inbox.mkdir(parents=True, exist_ok=True)
    tmp = config.inbox / f".upload-{secrets.token_hex(8)}.tmp"
    try:
        with open(tmp, "wb") as out:
            size = 0
            block = head
            while block:
                size += len(block)
                if size > limit:
                    raise TooLarge(N_("%(name)s is larger than the limit of %(mb)s MB (limits.max_file_mb)"),
                                   name=name, mb=config.limits.max_file_mb)
                out.write(block)
                block = source.read(CHUNK)
            out.flush()
            os.fsync(out.fileno())
        return _link_free_name(tmp, config.inbox, name)
    finally:
        tmp.unlink(missing_ok=True)


def inbox_name(sent: str) -> str:
    """The name the browser sent, whole ("scans/a.pdf" becomes "scans_a.pdf"), if the watcher will take it."""
    name = safe_file_name(sent).lstrip(".") or "upload"
    if is_ignored(Path(name)):
        raise UsageError(N_("%(name)s: the inbox watcher leaves files named like this alone (temporary, hidden or "
                            "system files: .part, .tmp, ~$..., Thumbs.db), so it would never be processed"),
                         N_("Rename the file and upload it again."), name=name)
    if len(name.encode()) > MAX_NAME_BYTES:
        raise UsageError(N_("the file name is %(bytes)s bytes long, more than the %(most)s an archived file may "
                            "have: %(name)s…"), N_("Rename the file and upload it again."),
                         bytes=len(name.encode()), most=MAX_NAME_BYTES, name=name[:60])
    return name


def _link_free_name(tmp: Path, folder: Path, name: str) -> Path:
    """Give TMP the name NAME in FOLDER, or NAME-2, NAME-3... if taken (link never overwrites)."""
    stem, dot, ext = name.partition(".")
    for n in range(1, 10_000):
        dest = folder / (name if n == 1 else f"{stem}-{n}{dot}{ext}")
        try:
            os.link(tmp, dest)
        except FileExistsError:
            continue
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        return dest
    raise FileExistsError(f"no free name for {name} in {folder}")
