"""The NAME.json written next to every sample: what a perfect pipeline would find."""

from __future__ import annotations

import json
import re
from pathlib import Path

from demat.samples.generator.spec import SampleSpec, spec_text

# A word that says the type, searched for in the document's own text.
TYPE_WORDS = {
    "fattura": ["fattura"], "nota_credito": ["credito"], "proforma": ["proforma", "pro-forma"],
    "ddt": ["trasporto", "ddt"], "ordine": ["ordine"], "preventivo": ["preventivo", "offerta"],
    "f24": ["f24"], "bolletta": ["bolletta", "fornitura"], "estratto_conto": ["estratto", "saldo"],
    "nota_spese": ["spese", "rimborso"], "cv": ["curriculum"], "contratto": ["contratto"], "lettera": ["oggetto"],
}
NAME_KEYS = ("supplier_name", "sender", "customer_name", "recipient")


def search_words(spec: SampleSpec) -> list[str]:
    """Two words an archivist could search for that are surely in the document."""
    text = spec_text(spec).lower()
    words = []
    for key in NAME_KEYS:
        name = spec.fields.get(key)
        if name:
            words += [w for w in re.findall(r"[A-Za-zÀ-ù]{4,}", name) if w.lower() in text][:1]
            break
    words += [w for w in TYPE_WORDS[spec.doc_type] if w in text][:1]
    return words


def expected(spec: SampleSpec, kind: str, file_name: str, rotation: int = 0,
             invoices: list[dict] | None = None, pages: int | None = None) -> dict:
    data = {"file": file_name, "type": spec.doc_type, "department": spec.department, "kind": kind,
            "layout": spec.layout, "seed": spec.seed, "split": spec.split, "rotation": rotation,
            "pages": pages if pages is not None else spec.page_count}
    if invoices is not None:
        data["invoices"] = invoices
    else:
        data["fields"] = spec.fields
    words = search_words(spec)
    data["search_words"] = words[:1] if kind == "fatturapa" else words  # the XML has no printed title
    return data


def write_expected(spec: SampleSpec, path: Path, kind: str, file_name: str, rotation: int = 0,
                   invoices: list[dict] | None = None, pages: int | None = None) -> None:
    """invoices: the bodies of a FatturaPA lotto (then there is no "fields")."""
    data = expected(spec, kind, file_name, rotation, invoices, pages)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
