"""One searchable PDF from tesseract's one-page PDFs and the pages that had text already.

The archive keeps the original untouched; this copy is what an archivist opens
to select and find words in a scan. Written to a temporary name and renamed,
so a crash never leaves half a PDF behind.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import pikepdf

from demat.kernel.errors import CorruptFile

BATCH = 250  # pages merged at once, each from its own open file

# (PDF file, 0-based page index in it, degrees to turn the page clockwise so it stands upright)
PagePart = tuple[Path, int, int]


def write(parts: Sequence[PagePart], target: Path) -> Path:
    """Merge PARTS, in order, into TARGET.

    Each source stays open until the merged file is saved, so long documents
    are merged in batches: a 2000-page scan never needs 2000 open files.
    """
    if len(parts) > BATCH:
        batches = [_merge(parts[i:i + BATCH], target.with_name(f"{target.stem}-{i // BATCH:03d}.pdf"))
                   for i in range(0, len(parts), BATCH)]
        _merge([(batch, i, 0) for batch, count in batches for i in range(count)], target)
        for batch, _ in batches:
            batch.unlink()
        return target
    _merge(parts, target)
    return target


def _merge(parts: Sequence[PagePart], target: Path) -> tuple[Path, int]:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with ExitStack() as stack, pikepdf.new() as merged:
        sources: dict[Path, pikepdf.Pdf] = {}
        for path, index, rotation in parts:
            if path not in sources:
                sources[path] = stack.enter_context(_open(path))
            merged.pages.append(sources[path].pages[index])
            if rotation:
                merged.pages[-1].rotate(rotation, relative=True)
        merged.save(partial)
    os.replace(partial, target)
    return target, len(parts)


def _open(path: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except pikepdf.PdfError as exc:
        raise CorruptFile(f"{path.name} cannot be copied into the searchable PDF: {exc}") from exc
