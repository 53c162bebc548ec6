"""One searchable PDF from tesseract's one-page PDFs and the pages that had text already.

The archive keeps the original untouched; this copy is what an archivist opens
to select and find words in a scan. Written to a temporary name and renamed,
so a crash never leaves half a PDF behind. The words a second read of a page
found (`dropped_figures`) are added to tesseract's invisible text layer of that
page (`add_words`): a figure read on a photo is found by a search too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

import pikepdf
from reportlab.pdfbase.pdfmetrics import stringWidth

from demat.kernel.document import Word
from demat.kernel.errors import CorruptFile

BATCH = 250  # pages merged at once, each from its own open file
FONT = "/DematText"  # the added words' font in the page's resources: Helvetica, Windows-1252 (Italian's accents)

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


def add_words(pdf: Path, words: Sequence[Word], points_per_pixel: float) -> None:
    """Add WORDS (boxes in the pixels of the image on PDF's one page) to the page's invisible text, each
    stretched over its box as tesseract's own words are, so that a search or a selection finds them.
    Raises CorruptFile where PDF cannot be opened."""
    if not words:
        return
    try:
        document = pikepdf.open(pdf, allow_overwriting_input=True)
    except pikepdf.PdfError as exc:
        raise CorruptFile(f"{pdf.name}: the words read again cannot be added to its text: {exc}") from exc
    with document:
        page = document.pages[0]
        height = float(page.mediabox[3])
        if "/Font" not in page.obj.Resources:
            page.obj.Resources.Font = pikepdf.Dictionary()
        page.obj.Resources.Font[FONT] = document.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding))
        commands = [pikepdf.ContentStreamInstruction([], pikepdf.Operator("BT")),
                    pikepdf.ContentStreamInstruction([3], pikepdf.Operator("Tr"))]  # invisible
        for word in words:
            left, top, right, bottom = (v * points_per_pixel for v in word.box)
            size = max(bottom - top, 1.0)
            natural = stringWidth(word.text, "Helvetica", size) or 1.0
            commands += [pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator)) for operands, operator in (
                ([pikepdf.Name(FONT), round(size, 2)], "Tf"),
                ([round(100 * (right - left) / natural, 2)], "Tz"),
                ([1, 0, 0, 1, round(left, 2), round(height - bottom, 2)], "Tm"),
                ([pikepdf.String(word.text.encode("cp1252", errors="replace"))], "Tj"))]
        commands.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("ET")))
        page.contents_add(pikepdf.Stream(document, pikepdf.unparse_content_stream(commands)))
        document.save(pdf)
