"""What ties the files of one invoice together, whatever order they arrive in.

An invoice and its SdI notifications share the name the invoice was sent
under (`sent_name`) and its SdI identifier; a FatturaPA and the PDF copy of the
same invoice share the supplier's P.IVA, the number and the date
(`invoice_identity`). The runner hands these to the catalog, which links the
files so that an invoice counted in the accounting totals is counted once: the
types linked are the schema's counted ones.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from demat.extractors.sdi_messages import LABEL as NOTIFICATION
from demat.kernel.document import Document
from demat.kernel.schema import SCHEMA

LINKED_TYPES = SCHEMA.counted_labels
SPACES_RE = re.compile(r"\s+")


def sent_name(file_name: str) -> str:
    """The name an invoice travelled under, as notifications and received files both
    write it: no folder, no `.p7m`, no `.xml`, lower case (it01234567890_00001)."""
    name = PurePosixPath(file_name.replace("\\", "/")).name.lower()
    for suffix in (".p7m", ".xml"):
        name = name.removesuffix(suffix)
    return name


def sdi_link(doc: Document) -> tuple[str, str | None, str | None] | None:
    """(kind, SdI identifier, sent name) of a FatturaPA invoice ('invoice') or of an SdI
    notification (its code; a customer's rejected outcome, SE, names no file but the
    identifier); None for any other document."""
    if doc.label == NOTIFICATION:
        file_name = doc.field_value("invoice_file")
        return doc.field_value("notification"), doc.field_value("sdi_identifier"), file_name and sent_name(file_name)
    if doc.extractor == "fatturapa" and doc.label != NOTIFICATION:
        return "invoice", None, sent_name(doc.original_name)
    return None


def invoice_identity(doc: Document) -> str | None:
    """Supplier P.IVA, number and date of an invoice, the same for its FatturaPA and its PDF
    copy; None when one of them is missing."""
    vat, number, date = (doc.field_value(name) for name in ("supplier_vat", "number", "date"))
    if doc.label not in LINKED_TYPES or not (vat and number and date):
        return None
    return f"{vat}|{SPACES_RE.sub('', str(number)).upper()}|{date.isoformat()}"
