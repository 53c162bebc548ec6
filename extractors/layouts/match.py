"""Which supplier a document is from, in the keys its layouts are kept under:
the P.IVA, else the IBAN, else the name (a foreign supplier may print neither);
and, where OCR read none of them right (or read a P.IVA the confirmation said is another's),
by its template's words in place and its name printed on the first page."""

from __future__ import annotations

import re
from typing import Any

from demat.extractors.fields.identifiers import find_ibans, find_vats
from demat.extractors.fields.layout import Layout, box_of, overlaps_x, text_of
from demat.extractors.fields.patterns import one_character_apart
from demat.extractors.layouts.model import SupplierLayout, page_key
from demat.extractors.layouts.placement import IN_PLACE, find_placement
from demat.extractors.layouts.places import find_label
from demat.kernel.document import Box, Page, Word

COUNTRY_MISREAD = 2  # characters OCR may make of a P.IVA's "IT" ("1754416660360", "154416660360")
COUNTRY_AS_DIGITS = re.compile(rf"(?<!\d)\d{{1,{COUNTRY_MISREAD}}}(\d{{11}})(?!\d)")  # its last 11: the P.IVA
LEADING_LETTERS = re.compile(r"^\D+")  # "IT", or what OCR made of it, before a P.IVA's digits
DIGIT_RUNS = re.compile(r"(?<!\d)\d{10,12}(?!\d)")  # a P.IVA with a digit lost or doubled, or as printed
NAME_LIKENESS = 0.9  # a name OCR misread by a letter or two; names that share their legal form ("S.R.L.") differ more
KNOWN_NAME_LIKENESS = 0.8  # of the name of a supplier its P.IVA or template already tells: a fax's
# "flettromeccanica Testa 5 r.ì." for Elettromeccanica Testa S.r.l.


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
    """The known supplier whose P.IVA this document prints with one digit misread by OCR, lost or
    doubled ("6295570047" for 62955700471, a fax's "629555700471"), or with its "IT" read as a digit or
    two ("(104212620878"), or both ("1777368950956" for IT77368950950): the only known P.IVA one digit
    away from a run of 10 to 12 digits printed here (or an 11-digit number a P.IVA parser reads), or ending
    a number of 12 or 13 digits, as read or with one digit misread (None if none is, or if several are:
    then the misread cannot tell them apart)."""
    numbers = _printed_numbers(text)
    near = {key for key in known if key.startswith("vat:") and _misread_as(key[4:], numbers)}
    return near.pop() if len(near) == 1 else None


def misread_vat(known: str, text: str) -> str | None:
    """The number TEXT prints that is the P.IVA KNOWN misread as `misread_supplier` tells; None if none is."""
    return _misread_as(known, _printed_numbers(text))


def _printed_numbers(text: str) -> tuple[set[str], set[str]]:
    """The numbers TEXT prints that may be a misread P.IVA, and the last 11 digits of those of 12 or 13."""
    return {f.value for f in find_vats(text) if f.value.isdigit()} | set(DIGIT_RUNS.findall(text)), \
        set(COUNTRY_AS_DIGITS.findall(text))


def _misread_as(known: str, numbers: tuple[set[str], set[str]]) -> str | None:
    printed, ending = numbers
    return known if known in ending else next((value for value in printed | ending if _one_digit_apart(known, value)),
                                               None)


def _one_digit_apart(known: str, read: str) -> bool:
    """Whether READ is KNOWN with one digit misread, lost or added."""
    shorter, longer = sorted((known, read), key=len)
    return one_character_apart(known, read) or len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def recognised_supplier(layouts: list[SupplierLayout], pages: list[Page]) -> tuple[SupplierLayout, str] | None:
    """The one layout whose template words are in place on the first of PAGES and whose supplier's
    name is printed there, and the name as read (None if none is, or several are: suppliers of one
    print shop share a template, not a name)."""
    first = pages[0]
    if not first.words or not first.width or not first.height:
        return None
    in_place = [layout for layout in layouts if _name_words(layout)
                and find_placement(layout.anchors, first, page_key(first.number, len(pages))).template == IN_PLACE]
    lines, found = Layout([first]) if in_place else None, []
    for layout in in_place:
        name = _printed_name(lines, first.number, _name_words(layout))
        if name:
            found.append((layout, name))
    return found[0] if len({layout.supplier for layout, _ in found}) == 1 else None


def printed_name(layout: SupplierLayout, pages: list[Page]) -> str | None:
    """LAYOUT's confirmed supplier name as read on the first of PAGES, the supplier already told by other
    signs (a few letters misread, or wrapped onto a second line); None if it is not printed there."""
    first, words = pages[0], _name_words(layout)
    return _printed_name(Layout([first]), first.number, words, KNOWN_NAME_LIKENESS) if words and first.words else None


def _printed_name(lines: Layout, page: int, words: list[str], likeness: float = NAME_LIKENESS) -> str | None:
    """The name of WORDS as read on PAGE: on one line, or wrapped onto the next, its second line
    right under its first ("ELETTROMECCANICA FERRI S.A.S." / "DI FERRI LUCIA & C."; a line of another
    column may come between them in reading order); None if not printed."""
    runs = find_label(lines, page, words, likeness)
    if runs:
        return text_of(runs[0])
    for split in range(1, len(words)):
        heads = find_label(lines, page, words[:split], likeness)
        tails = find_label(lines, page, words[split:], likeness) if heads else []
        for head, tail in ((head, tail) for head in heads for tail in tails):
            if _under(box_of(tail), box_of(head)):
                return f"{text_of(head)} {text_of(tail)}"
    return None


def _name_words(layout: SupplierLayout) -> list[str]:
    return (layout.name or (layout.supplier[5:] if layout.supplier.startswith("name:") else "")).split()


def printed_at(known: str, page: Page, box: Box) -> Word | None:
    """The word read at BOX of PAGE that is the P.IVA KNOWN as no P.IVA parser reads it: with its "IT"
    misread as other characters (twelve or thirteen digits), a digit of it maybe misread too, or with a
    digit lost or doubled ("IT6295570047"); None if none is."""
    return next((word for word in page.words if word.box[1] < box[3] and word.box[3] > box[1]
                 and overlaps_x(word.box, box) and len(word.text) <= len(known) + COUNTRY_MISREAD + 1  # a digit doubled
                 and _printed_as(known, word.text)), None)


def _printed_as(known: str, text: str) -> bool:
    tail = text[-len(known):]
    return tail == known or one_character_apart(known, tail) or _one_digit_apart(known, LEADING_LETTERS.sub("", text))


def _under(tail: Box, head: Box) -> bool:
    """Whether TAIL is the line right under HEAD, in its column: no further below than a line's height."""
    return overlaps_x(tail, head) and head[1] < tail[1] and tail[1] - head[3] <= head[3] - head[1]
