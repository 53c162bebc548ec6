"""The attachments of a FatturaPA body (`Allegati`): often the supplier's PDF copy, or a ZIP of PDFs.

Each is decoded from base64 (a ZIP unpacked into its files), written to the
work folder to be archived beside the invoice, and read by the extractor for
what it is, so that its text is searchable with the invoice. An attachment
that cannot be decoded or read does not stop the invoice: a check says what
went wrong with it. A ZIP is bounded (number of files, unpacked size, no
nested folders kept) since its content is as untrusted as the XML around it.
"""

from __future__ import annotations

import base64
import binascii
import io
import zipfile
from pathlib import PurePosixPath

from demat.extractors.sdi_xml import children, text
from demat.kernel.document import Attachment, Check, Document, Page, StageContext
from demat.kernel.errors import DocumentError

MAX_ZIP_FILES = 100


def read_attachments(body, ctx: StageContext, where: str) -> tuple[list[Attachment], list[Page], list[Check]]:
    """The files in BODY's Allegati, the pages of their text, and a check per problem."""
    attachments, checks = [], []
    for allegato in children(body, "Allegati"):
        name = _safe_name(text(allegato, "NomeAttachment") or "allegato")
        try:
            data = base64.b64decode(b"".join((text(allegato, "Attachment") or "").encode("ascii", "ignore").split()),
                                    validate=True)
        except (binascii.Error, ValueError):
            checks.append(Check("attachment", False, f"{where}: attachment {name} is not valid base64: not kept"))
            continue
        description = text(allegato, "DescrizioneAttachment") or ""
        if data.startswith(b"PK\x03\x04") or (text(allegato, "AlgoritmoCompressione") or "").upper() == "ZIP":
            files, problem = _unzip(data, name, ctx.config.limits.max_file_mb * 1024 * 1024)
            if problem:
                checks.append(Check("attachment", False, f"{where}: {problem}"))
        else:
            files = [(name, data)]
        for file_name, content in files:
            if file_name in {a.name for a in attachments}:  # names must differ in the archive folder
                file_name = f"{len(attachments) + 1}-{file_name}"
            attachments.append(_write(file_name, content, description, ctx, len(attachments)))
    pages = []
    for attachment in attachments:
        try:
            pages += _pages(attachment, ctx)
        except DocumentError as exc:
            checks.append(Check("attachment", False, f"{where}: the text of attachment {attachment.name} "
                                                     f"could not be read: {exc}"))
    return attachments, pages, checks


def _safe_name(name: str) -> str:
    """A plain file name: no folders, nothing hidden, never empty."""
    base = PurePosixPath(name.replace("\\", "/")).name.replace("\x00", "").lstrip(".")
    return base or "allegato"


def _unzip(data: bytes, name: str, max_bytes: int) -> tuple[list[tuple[str, bytes]], str]:
    """The files of a ZIP attachment, and what was wrong with it ('' when nothing)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_ZIP_FILES:
            return [], f"attachment {name} holds {len(members)} files, more than {MAX_ZIP_FILES}: not unpacked"
        if sum(m.file_size for m in members) > max_bytes:
            return [], f"attachment {name} unpacks to more than limits.max_file_mb: not unpacked"
        return [(_safe_name(m.filename), archive.read(m)) for m in members], ""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        return [], f"attachment {name} is not a readable ZIP ({exc}): not unpacked"


def _write(name: str, content: bytes, description: str, ctx: StageContext, index: int) -> Attachment:
    from demat.extractors.sniff import sniff_bytes

    folder = ctx.work_dir / "allegati" / str(index)  # one folder each: lotto bodies may share names
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content)
    return Attachment(name=name, path=path, media_type=sniff_bytes(content[:4096]), description=description)


def _pages(attachment: Attachment, ctx: StageContext) -> list[Page]:
    """The attachment's text, each page headed by its name, when demat reads its type."""
    from demat.extractors import text as text_stage

    if not attachment.path.stat().st_size:
        return []
    try:
        text_stage.choose(attachment.media_type, attachment.name)
    except DocumentError:
        return []  # kept as it is; demat reads no text from it
    doc = text_stage.run(Document(path=attachment.path, original_name=attachment.name), ctx)
    return [Page(number=page.number, text=f"Allegato {attachment.name} - pagina {page.number}\n{page.text}",
                 source="attachment", confidence=page.confidence) for page in doc.pages]
