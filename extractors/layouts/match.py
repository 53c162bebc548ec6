"""Which supplier a document is from, in the keys its layouts are kept under:
the P.IVA, else the IBAN, else the name (a foreign supplier may print neither)."""

from __future__ import annotations

import re
from typing import Any

from demat.extractors.fields.identifiers import find_ibans, find_vats


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


def misread_supplier(text: str, known: list[str]) -> str | None:
    """The known supplier whose P.IVA this document prints with one digit misread by OCR:
    the only known P.IVA one digit away from an 11-digit number printed here (None if
    none is, or if several are: then the misread cannot tell them apart)."""
    printed = {f.value for f in find_vats(text) if f.value.isdigit()}
    near = {key for key in known for value in printed if key.startswith("vat:") and one_digit_apart(key[4:], value)}
    return near.pop() if len(near) == 1 else None


def one_digit_apart(known: str, read: str) -> bool:
    """READ is KNOWN with exactly one digit changed."""
    return len(known) == len(read) and sum(a != b for a, b in zip(known, read)) == 1
