"""The text stage: find out what the file is, and let the extractor for that type read it.

Extractors are modules with `name`, `media_types` and `extract(doc, ctx)`.
They are chosen by what the file IS (its first bytes, see `sniff`), never by
its extension, and imported only when the stage first runs, so start-up stays
fast. Adding a file type is one line in `EXTRACTOR_MODULES`.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

from demat.extractors.sniff import describe, sniff
from demat.kernel.document import Document, StageContext
from demat.kernel.errors import EmptyFile, TooLarge, UnsupportedFile

EXTRACTOR_MODULES = (
    "demat.extractors.pdf",
    "demat.extractors.images",
    "demat.extractors.fatturapa",
)


def run(doc: Document, ctx: StageContext) -> Document:
    size = doc.path.stat().st_size
    if size == 0:
        raise EmptyFile(f"{doc.original_name} is empty (0 bytes)")
    max_mb = ctx.config.limits.max_file_mb
    if size > max_mb * 1024 * 1024:
        raise TooLarge(f"{doc.original_name} is {size / 1024 / 1024:.1f} MB, "
                       f"more than the limit of {max_mb} MB (limits.max_file_mb)")
    media_type = sniff(doc.path)
    extractor = choose(media_type, doc.original_name)
    doc.media_type = media_type
    doc.extractor = extractor.name
    ctx.log.info("%s: %s, read by the %s extractor", doc.original_name, media_type, extractor.name)
    return extractor.extract(doc, ctx)


def choose(media_type: str, file_name: str = "the file") -> ModuleType:
    """The extractor that takes MEDIA_TYPE."""
    for extractor in registry():
        if media_type in extractor.media_types:
            return extractor
    raise UnsupportedFile(f"{file_name} is {describe(media_type)} ({media_type}), "
                          "which demat cannot read")


@functools.cache
def registry() -> tuple[ModuleType, ...]:
    """The extractor modules, imported on first use."""
    return tuple(importlib.import_module(name) for name in EXTRACTOR_MODULES)
