"""Parsers that find one kind of value at the start of the text after a label.

Each returns (value, start, end) of the first acceptable value, or None; they
are given the words right of a label or the cell below it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from demat.extractors.fields.amounts import AMOUNT_RE, find_amounts, has_cents
from demat.extractors.fields.dates import find_dates, parse_date
from demat.extractors.fields.identifiers import find_boxed_tax_codes, find_ibans, find_supply_points, find_tax_codes, find_vats
from demat.extractors.fields.patterns import patterns

Found = tuple[Any, int, int] | None

# A code with a digit; an upper-case series prefix may stand before it ("NC 2070").
NUMBER_RE = re.compile(r"(?<![\w/.-])((?:[A-Z]{1,4} (?=\S*\d))?[A-Za-z0-9][A-Za-z0-9/_.\-]*)")
NUMBER_PREFIX_RE = re.compile(r"^\s*(?:[:#°º.-]|(?:n|nr|num|numero|no)[.°º:]|(?:n|nr|num|numero|no)(?=\s))\s*",
                              re.IGNORECASE)
# A series after the number that OCR or the issuer set apart with spaces: "123 / A", "2024 / 118", "460/ FE".
SPACED_SERIES_RE = re.compile(r"\s*/\s*([A-Z]{1,3}|\d{1,6})(?![\w/.-])")
# A word naming the document, dotted or elided as well: "FATTURA", "DOC.", "D.d.T.", "D'ORDINE"; its last period
# a scan may read as a comma ("D.d.T, 5314").
TYPE_WORD_RE = re.compile(r"\s*([^\W\d_]+(?:['’.][^\W\d_]+)*)[.,]?(?=\s)\s*")


@lru_cache(maxsize=1)
def type_words() -> frozenset[str]:
    """The words of the number labels in the data file ("fattura", "nota", "credito", "di", "trasporto", ...)."""
    return frozenset(w for phrase in patterns().fields["number"] for w in re.findall(r"[^\W\d_]+", phrase.lower()))


RATE_RE = re.compile(r"(?<![\d,.N])(\d{1,2}(?:[.,]\d{1,2})?)\s?%?(?![\d])")  # not the 3.1 of nature "N3.1"
NATURE_RE = re.compile(r"\bN\d(?:[.,]\d)?\b")  # "N2,2": a scan reads the point as a comma
RATE_BASE_RE = re.compile(r"%\s*(?:su|on|sur|auf)\s*(?:€|EUR)?\s*$", re.IGNORECASE)  # "22% su": the base follows


def amount(text: str) -> Found:
    """The first amount with cents (money is written with cents: `12,00`) that is no base of a rate
    printed before it ("IVA 22% su 1.040,00 | 228,80": the IVA is the second figure)."""
    for value, raw, start in find_amounts(text):
        if has_cents(raw) and not RATE_BASE_RE.search(text[:start]):
            return value, start, start + len(raw)
    return None


def date(text: str) -> Found:
    found = find_dates(text)
    if not found:
        return None
    value, raw, start = found[0]
    return value, start, start + len(raw)


def document_number(text: str) -> Found:
    """A document number such as `2024/118`, `FT-00123`, `A/12`: the first code
    with a digit in it that is not a date, after an optional `n.`, `nr.`, `:` and
    the words that name the document ("NOTA CREDITO 2025-5849", "DOC. DI TRASPORTO V25-5551");
    its series set apart by spaces joined again ("123 / A" is 123/A)."""
    skipped = 0
    while True:
        prefix = NUMBER_PREFIX_RE.match(text[skipped:])
        if not prefix or not prefix.group(0):
            word = TYPE_WORD_RE.match(text, skipped)
            if not word or not set(re.findall(r"[^\W\d_]+", word.group(1).lower())) <= type_words():
                break
            prefix_end = word.end() - skipped
        else:
            prefix_end = prefix.end()
        skipped += prefix_end
    match = NUMBER_RE.match(text, skipped) or NUMBER_RE.search(text, skipped)
    if not match or match.start() - skipped > 2:
        return None
    code = match.group(1).rstrip(".,-/")
    if not any(c.isdigit() for c in code) or parse_date(code) or AMOUNT_RE.fullmatch(code) and has_cents(code):
        return None
    if any(start == match.start(1) for _, _, start in find_dates(text)):
        return None  # "7 febbraio 2023": the day of a date, not a number
    end = match.start(1) + len(code)
    series = SPACED_SERIES_RE.match(text, end)
    if series and series.group(0) != text[end:end + 1 + len(series.group(1))] and code[-1:].isalnum():
        return f"{code}/{series.group(1)}", match.start(1), series.end()
    return code, end - len(code), end


def rest_of_line(text: str) -> Found:
    """Free text such as a subject: everything after `:` and spaces."""
    stripped = text.lstrip(" :.-–")
    if not any(c.isalnum() for c in stripped):
        return None  # "(RE)": a province code read as "Re:", nothing after it
    start = len(text) - len(stripped)
    return stripped.strip(), start, start + len(stripped.rstrip())


def vat_number(text: str) -> Found:
    """The first 11-digit P.IVA, checksum or not (a failed check is flagged later)."""
    found = find_vats(text)
    return (found[0].value, found[0].start, found[0].start + len(found[0].raw)) if found else None


def tax_code(text: str) -> Found:
    """A person's 16-character codice fiscale, or a company's 11 digits, also a character a box."""
    people = find_tax_codes(text)
    companies = find_vats(text)
    found = sorted(people + companies + find_boxed_tax_codes(text), key=lambda f: f.start)
    return (found[0].value, found[0].start, found[0].start + len(found[0].raw)) if found else None


def iban(text: str) -> Found:
    found = find_ibans(text)
    return (found[0].value, found[0].start, found[0].start + len(found[0].raw)) if found else None


def supply_point(text: str) -> Found:
    found = find_supply_points(text)
    return (found[0].value, found[0].start, found[0].start + len(found[0].raw)) if found else None


def vat_rate(text: str) -> Found:
    """A VAT rate such as `22%`, `22,00`, `10`: a number from 0 to 99."""
    match = RATE_RE.search(text)
    if not match:
        return None
    return Decimal(match.group(1).replace(",", ".")), match.start(1), match.end(0)


def vat_nature(text: str) -> Found:
    """The FatturaPA nature code of a 0% line: N1 ... N7, N2.2, N3.1 ..."""
    match = NATURE_RE.search(text.upper())
    return (match.group(0).replace(",", "."), match.start(), match.end()) if match else None


def last_date(text: str) -> Found:
    """The end of a period such as `01/12/2022 - 31/12/2022` (or its only date)."""
    found = find_dates(text)[:2]
    if not found:
        return None
    value, raw, start = found[-1]
    return value, start, start + len(raw)


PERSON_RE = re.compile(r"^\s*[:\-]?\s*((?:[A-ZÀ-Ý][a-zà-ÿ']+|D[aei]|De|Del|Della|Lo|La)(?: (?:[A-ZÀ-Ý][a-zà-ÿ']+|D[aei]|De|Del|"
                       r"Della|Lo|La)){1,3})\s*$")


def person_name(text: str) -> Found:
    """A person's name: two to four capitalised words ("Maria De Luca"), nothing else."""
    match = PERSON_RE.match(text)
    return (match.group(1), match.start(1), match.end(1)) if match else None
