"""Italian identifiers found in text: P.IVA, codice fiscale, IBAN, POD, PDR.

Finders return candidates with their checksum verdict, validated with
python-stdnum; the caller decides whether an invalid one is kept (and flagged)
or skipped. Spaces inside an IBAN are allowed, an `IT` before a P.IVA too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum import iban as stdnum_iban
from stdnum.it import codicefiscale, iva


@dataclass(frozen=True)
class Found:
    value: str  # compact form: no spaces, no IT prefix for a P.IVA
    raw: str
    start: int
    valid: bool


VAT_RE = re.compile(r"(?<![\w])(?:IT\s?)?(\d{11})(?!\d)", re.IGNORECASE)
_OMOCODE_DIGIT = r"[0-9LMNPQRSTUV]"
PERSON_CF_RE = re.compile(
    rf"(?<![A-Z0-9])([A-Z]{{6}}{_OMOCODE_DIGIT}{{2}}[A-EHLMPRST]{_OMOCODE_DIGIT}{{2}}[A-Z]{_OMOCODE_DIGIT}{{3}}[A-Z])(?![A-Z0-9])",
    re.IGNORECASE,
)
# An Italian IBAN by its structure (IT, 2 check digits, CIN letter, ABI+CAB, account),
# spaces allowed between any characters; other countries: letters and digits.
_S = r"[ ]?"
IT_IBAN_RE = re.compile(rf"(?<![A-Z0-9])(IT{_S}\d{_S}\d{_S}[A-Z](?:{_S}\d){{10}}(?:{_S}[A-Z0-9]){{12}})(?![A-Z0-9])",
                        re.IGNORECASE)
# A lookahead, so that a candidate that swallowed its neighbours does not hide them.
IBAN_RE = re.compile(rf"(?<![A-Z0-9])(?=([A-Z]{{2}}\d{{2}}(?:{_S}[A-Z0-9]){{11,30}}))", re.IGNORECASE)
POD_RE = re.compile(r"(?<![A-Z0-9])(IT\d{3}E\d{8}[A-Z]?)(?![A-Z0-9])", re.IGNORECASE)
PDR_RE = re.compile(r"(?<!\d)(\d{14})(?!\d)")


def find_vats(text: str) -> list[Found]:
    """P.IVA candidates: 11 digits, optionally after `IT`."""
    return [Found(m.group(1), m.group(0), m.start(), iva.is_valid(m.group(1))) for m in VAT_RE.finditer(text)]


def find_tax_codes(text: str) -> list[Found]:
    """Codici fiscali of people (16 characters); companies use their 11-digit P.IVA form."""
    found = []
    for m in PERSON_CF_RE.finditer(text):
        code = m.group(1).upper()
        found.append(Found(code, m.group(0), m.start(), codicefiscale.is_valid(code)))
    return found


def find_ibans(text: str) -> list[Found]:
    """IBANs, spaces removed. Italian ones are kept even when the check fails
    (flagged); a foreign one must pass mod-97 to be told apart from other codes."""
    found = [Found(_compact(m.group(1)), m.group(1), m.start(), stdnum_iban.is_valid(_compact(m.group(1))))
             for m in IT_IBAN_RE.finditer(text)]
    for m in IBAN_RE.finditer(text):
        compact = _compact(m.group(1))
        if compact.startswith("IT") or any(f.start == m.start() for f in found):
            continue
        for length in range(len(compact), 14, -1):
            if stdnum_iban.is_valid(compact[:length]):
                found.append(Found(compact[:length], m.group(1), m.start(), True))
                break
    return sorted(found, key=lambda f: f.start)


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text).upper()


def find_supply_points(text: str) -> list[Found]:
    """POD (electricity, IT001E...) and PDR (gas, 14 digits) codes."""
    found = [Found(m.group(1).upper(), m.group(0), m.start(), True) for m in POD_RE.finditer(text)]
    found += [Found(m.group(1), m.group(0), m.start(), True) for m in PDR_RE.finditer(text)]
    return sorted(found, key=lambda f: f.start)


def is_valid_vat(value: str) -> bool:
    return iva.is_valid(value)


def is_valid_tax_code(value: str) -> bool:
    """A person's 16-character code or a company's 11-digit one."""
    return codicefiscale.is_valid(value) if len(value) == 16 else iva.is_valid(value)


def is_valid_iban(value: str) -> bool:
    return stdnum_iban.is_valid(value)
