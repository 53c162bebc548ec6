"""Finding things among a page's words: a value that a parser reads from a run of
tokens, the label just before or above it, a remembered label on a new page."""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from demat.extractors.fields import values
from demat.extractors.fields.labels import Parser, tokens_in
from demat.extractors.fields.layout import Layout, Line, Token, box_of, overlaps_x

PARSERS: dict[str, Parser] = {
    "number": values.document_number, "date": values.date, "due_date": values.date,
    "supplier_vat": values.vat_number, "iban": values.iban,
    **dict.fromkeys(("taxable_amount", "vat_amount", "total"), values.amount),
}
MAX_LABEL_WORDS = 4
LINES_ABOVE = 3  # how far above a value its column caption may be
DIGIT_GROUP = re.compile(r"\d{1,3}")
THOUSANDS = re.compile(r"\d{3}(?:[.,]\d{2})?(?!\d)")


def parser_for(name: str) -> Parser:
    """The parser of a learnt field, or of a part of a row of the VAT split (an amount)."""
    return values.amount if name.startswith("vat_lines.") else PARSERS[name]


def read_run(tokens: list[Token], parse: Parser) -> tuple[object, list[Token]] | None:
    """The value a parser finds starting in the first of TOKENS, and the tokens it spans."""
    if parse is values.amount:
        tokens = join_digit_groups(tokens)
    text = " ".join(t.text for t in tokens)
    found = parse(text)
    if found is None or found[1] >= len(tokens[0].text):
        return None
    value, start, end = found
    return value, tokens_in(tokens, start, end)


def join_digit_groups(tokens: list[Token]) -> list[Token]:
    """Thousands set apart by a space ("10 379,04", "1 234.56 €") as one token, as they are one amount."""
    joined: list[Token] = []
    for token in tokens:
        last = joined[-1] if joined else None
        if last is not None and DIGIT_GROUP.fullmatch(last.text.lstrip("-")) and THOUSANDS.match(token.text) \
                and token.box[0] - last.box[2] <= 0.5 * (token.box[3] - token.box[1]):
            joined[-1] = replace(last, text=last.text + token.text, box=box_of([last, token]))
        else:
            joined.append(token)
    return joined


def is_word(token: Token) -> bool:
    """A word of a label: letters without digits, or a rate ("IVA 22%")."""
    text = token.text.rstrip(":.")
    return (any(c.isalpha() for c in text) and not any(c.isdigit() for c in text)) or text.endswith("%")


def label_left(line: Line, first: Token) -> list[Token]:
    """The words right before a value on its line (symbols such as € skipped), up to a number."""
    before = [t for t in line.tokens if t.box[0] < first.box[0]]
    while before and not any(c.isalnum() for c in before[-1].text):
        before.pop()
    label: list[Token] = []
    for token in reversed(before):
        if not is_word(token) or len(label) == MAX_LABEL_WORDS or (label and label[0].cell - token.cell > 0):
            break
        label.insert(0, token)
    return label


def label_above(layout: Layout, line: Line, used: list[Token]) -> list[Token]:
    """The caption over a value: a cell of words on a line just above that overlaps it."""
    box = box_of(used)
    for above in reversed(layout.lines[max(0, line.index - LINES_ABOVE):line.index]):
        if above.page != line.page:
            break
        for cell in above.cells():
            if overlaps_x(box_of(cell), box) and all(is_word(t) for t in cell) and len(cell) <= MAX_LABEL_WORDS:
                return cell
    return []


def normal(words: list[str]) -> str:
    return " ".join(w.lower().strip(".:;,") for w in words).strip()


def find_label(layout: Layout, page: int, words: list[str], likeness: float = 0.8) -> list[list[Token]]:
    """Every run of tokens on PAGE that reads like WORDS (OCR may miss a letter: LIKENESS, from 0 to 1)."""
    wanted, size = normal(words), len(words)
    found = []
    for line in layout.lines:
        if line.page != page:
            continue
        for i in range(len(line.tokens) - size + 1):
            run = line.tokens[i:i + size]
            if SequenceMatcher(None, normal([t.text for t in run]), wanted).ratio() >= likeness:
                found.append(run)
    return found
