"""What a document page shows of a FatturaPA and of the files that belong with an invoice.

The FatturaPA itself (and the content of a `.p7m`) read as an invoice in
demat's own template (`templates/fatturapa.html`), the checks on the file (who
signed it, what was repaired), its attachments, its SdI notifications and the
other file of the same invoice (the FatturaPA or its PDF copy), each listed
only if the user may see it.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

from demat.extractors.sdi_view import readable
from demat.indexer.archive import ATTACHMENTS, attachment_names
from demat.kernel.errors import N_, DematError, NotFound
from demat.web import actions
from demat.web.access import archived_file
from demat.web.users import User


def linked(web, user: User, doc: dict[str, Any]) -> dict[str, Any]:
    """The readable FatturaPA (None for other files), attachments and the invoice's other files."""
    catalog = web.app.catalog
    return {
        "fatturapa": _readable(web, doc),
        "file_checks": _file_checks(web, doc),
        "attachments": attachment_names(Path(doc["archive_dir"])),
        "sdi_files": [f for f in catalog.sdi_related(doc["id"]) if user.may_see(f["department"])],
        "invoice_files": [f for f in catalog.invoice_files(doc["id"]) if user.may_see(f["department"])],
    }


def _file_checks(web, doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The checks on the whole file (its signature, what was repaired to read it), from its sidecar."""
    if doc["extractor"] != "fatturapa":
        return []
    sidecar = archived_file(web.config.archive, doc["sidecar_path"])
    return json.loads(sidecar.read_text(encoding="utf-8")).get("checks", [])


def _readable(web, doc: dict[str, Any]):
    if doc["extractor"] != "fatturapa":
        return None
    path = archived_file(web.config.archive, doc["original_path"])
    try:
        return readable(path.read_bytes(), doc["original_name"], doc["part"])
    except DematError:  # it was read once; a file changed since then is shown as the raw download only
        return None


def attachment(web, user: User, doc_id: int, name: str) -> actions.ArchivedFile:
    """One archived attachment of a document USER may see; the download is audited."""
    doc = actions.visible(web, user, doc_id)
    if name not in attachment_names(Path(doc["archive_dir"])):
        raise NotFound(N_("document %(id)s has no attachment %(name)s"), id=doc_id, name=repr(name))
    path = archived_file(web.config.archive, str(Path(doc["archive_dir"]) / ATTACHMENTS / name))
    web.app.catalog.record_audit(user.name, "download", doc_id, {"file": f"{ATTACHMENTS}/{name}"})
    media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return actions.ArchivedFile(path, media_type, name, media_type in actions.INLINE_TYPES)
