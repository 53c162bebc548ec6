"""Which supplier a document is from, in the keys its layouts are kept under:
the P.IVA, else the IBAN, else the name (a foreign supplier may print neither)."""

from __future__ import annotations

import re
from typing import Any

from extractors.fields.identifiers import find_ibans, find_vats


def supplier_key(fields: dict[str, Any]) -> str | None:
    """The key a confirmed document's layout is learnt under (FIELDS: name -> value)."""
    for name, kind in (("supplier_vat", "vat"), ("iban", "iban"), ("supplier_name", "name")):
        if fields.get(name):
            return _key(kind, fields[name])
    return None


def supplier_keys(fields: dict[str, Any], text: str) -> list[str]:
    """Every key a new document may be known by: the supplier the general extractor read,
    then each valid P.IVA and IBAN printed on it (the extractor may have taken the
    supplier's for the customer's), then the name."""
    keys = [_key("vat", fields["supplier_vat"])] if fields.get("supplier_vat") else []
    keys += [_key("vat", f.value) for f in find_vats(text) if f.valid]
    keys += [_key("iban", fields["iban"])] if fields.get("iban") else []
    keys += [_key("iban", f.value) for f in find_ibans(text) if f.valid]
    keys += [_key("name", fields["supplier_name"])] if fields.get("supplier_name") else []
    return list(dict.fromkeys(keys))


def _key(kind: str, value: str) -> str:
    if kind == "name":
        value = re.sub(r"[^\w]+", " ", value.lower()).strip()
    return f"{kind}:{value}"
