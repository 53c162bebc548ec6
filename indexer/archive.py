"""The archive on disk, laid out for a person with a file browser.

    archive/<department>/<year>/<month>/<id>-<name>/
        <original file, byte for byte>
        searchable.pdf      (scans: the page images with an invisible text layer)
        document.json       (everything extracted)
        allegati/           (files that came inside the original: a FatturaPA's attachments)

Every file is written to a temporary name, flushed to disk, then renamed, so
a crash never leaves a half-written file under its real name.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

UNROUTED = "non_assegnati"  # documents with no department yet
SIDECAR = "document.json"
# A name we store gets at most ".", "-<id>", ".error.json" and ".tmp" added, and
# must stay within the 255 bytes most file systems allow for one name.
MAX_NAME_BYTES = 255 - 32
EXTENSION = re.compile(r"(\.[A-Za-z0-9]{1,5}){1,2}$")


@dataclass
class ArchivedFiles:
    folder: Path
    original: Path
    searchable_pdf: Path | None
    sidecar: Path


def folder_for(root: Path, department: str | None, date: dt.date, doc_id: int, original_name: str) -> Path:
    return root / (department or UNROUTED) / f"{date:%Y}" / f"{date:%m}" / f"{doc_id}-{slug(original_name)}"


def slug(name: str, limit: int = 60) -> str:
    """A file-system-safe, readable short form of a file name."""
    stem = Path(name).name
    for suffix in (".p7m", ".xml", ".pdf", ".tiff", ".tif", ".jpeg", ".jpg", ".png"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    ascii_ = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_).strip("-.")
    return cleaned[:limit] or "documento"


def store(folder: Path, original: Path, original_name: str, searchable_pdf: Path | None,
          sidecar: dict[str, Any]) -> ArchivedFiles:
    """Write one document's files into its archive folder, each one atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    original_dest = folder / safe_file_name(Path(original_name).name)
    copy_atomic(original, original_dest)
    pdf_dest = None
    if searchable_pdf is not None:
        pdf_dest = folder / "searchable.pdf"
        copy_atomic(searchable_pdf, pdf_dest)
    sidecar_dest = folder / SIDECAR
    write_atomic(sidecar_dest, json.dumps(sidecar, ensure_ascii=False, indent=2).encode("utf-8"))
    fsync_dir(folder)
    return ArchivedFiles(folder, original_dest, pdf_dest, sidecar_dest)


ATTACHMENTS = "allegati"


def store_attachments(folder: Path, attachments: list[Path]) -> None:
    """Copy a document's attachments into FOLDER/allegati/, each one atomically, under its own name."""
    if not attachments:
        return
    (folder / ATTACHMENTS).mkdir(exist_ok=True)
    for path in attachments:
        copy_atomic(path, folder / ATTACHMENTS / safe_file_name(path.name))
    fsync_dir(folder / ATTACHMENTS)


def attachment_names(folder: Path) -> list[str]:
    """The attachments archived in FOLDER, by name."""
    found = folder / ATTACHMENTS
    return sorted(p.name for p in found.iterdir() if p.is_file() and not p.name.startswith(".")) if found.is_dir() else []


def safe_file_name(name: str) -> str:
    """Keep the user's name (accents, spaces, quotes) but never a path separator,
    and short enough for the file system with what we add to it."""
    name = name.replace("/", "_").replace("\\", "_").replace("\x00", "")
    name = name if name not in ("", ".", "..", SIDECAR, "searchable.pdf") else f"originale-{name or 'file'}"
    return shortened(name, MAX_NAME_BYTES)


def shortened(name: str, limit: int) -> str:
    """NAME cut to LIMIT bytes of UTF-8 (never inside a character), its extension kept, "~" where it was cut."""
    if len(name.encode("utf-8", "surrogateescape")) <= limit:
        return name
    match = EXTENSION.search(name)
    extension = match[0] if match else ""
    stem = name[: len(name) - len(extension)].encode("utf-8", "surrogateescape")
    room = limit - len(extension.encode()) - 1
    return stem[:room].decode("utf-8", "ignore") + "~" + extension


def copy_atomic(src: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.tmp")
    with open(src, "rb") as fin, open(tmp, "wb") as fout:
        shutil.copyfileobj(fin, fout, 1024 * 1024)
        fout.flush()
        os.fsync(fout.fileno())
    shutil.copystat(src, tmp)
    os.replace(tmp, dest)


def copy_folder(source: Path, dest: Path, skip: tuple[str, ...] = ()) -> None:
    """Give DEST the files of SOURCE (but SKIP), each linked or copied atomically; SOURCE stays whole.

    Whatever a crashed earlier attempt left in DEST is dropped first.
    """
    remove_folder(dest)
    dest.mkdir(parents=True)
    for path in sorted(source.iterdir()):
        if path.is_file() and path.name not in skip and not path.name.startswith("."):
            link_or_copy(path, dest / path.name)


def link_or_copy(src: Path, dest: Path) -> None:
    """A second name for an archived file (never modified, so sharing its data is safe), or a copy."""
    tmp = dest.with_name(f".{dest.name}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:  # another file system, or one without hard links
        copy_atomic(src, dest)
        return
    os.replace(tmp, dest)


def write_atomic(dest: Path, data: bytes) -> None:
    tmp = dest.with_name(f".{dest.name}.tmp")
    with open(tmp, "wb") as fout:
        fout.write(data)
        fout.flush()
        os.fsync(fout.fileno())
    os.replace(tmp, dest)


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_folder(folder: Path) -> None:
    """Drop what a crashed attempt half-wrote, before it is done again."""
    shutil.rmtree(folder, ignore_errors=True)
