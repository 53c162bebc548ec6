"""The company that owns the brand a page is printed under.

An online shop heads its page with a brand ("LagoShop") and names the company
that issues the document only in a footer's legal statement ("LagoShop è un
marchio di Rossi S.r.l. - Sede legale ..."): that company is the issuer, the
brand no one's name.
"""

from __future__ import annotations

from demat.extractors.fields.labels import PATTERN, Candidate, Label
from demat.extractors.fields.layout import Token
from demat.extractors.fields.names import name_candidate, read_name
from demat.extractors.fields.patterns import look_alike

# The words that say a brand belongs to the company named after them ("è" left out: a scan reads it as "e", "é").
OWNER_PHRASES = (("un", "marchio", "di"), ("un", "marchio", "registrato", "di"), ("marchio", "di", "proprietà", "di"),
                 ("a", "trademark", "of"), ("a", "brand", "of"), ("a", "trading", "name", "of"))


def brand_owner(cells: list[list[Token]], labels: list[Label], field_words: set[int]) -> Candidate | None:
    """The company (a name with a legal form) that a cell of CELLS says owns the brand."""
    forms = {id(lb.last) for lb in labels if lb.kind == "legal_form"}
    for cell in cells:
        after = _after_owner_phrase(cell)  # a scan may take its short words for specks
        if after and any(id(t) in forms for t in after):
            name = read_name(after, labels, field_words)
            if name:
                return name_candidate(name[1], PATTERN)
    return None


def names_an_owner(cells: list[list[Token]]) -> bool:
    """A cell of CELLS says the page's brand is a company's ("... è un marchio di ..."), however that company's
    name was read: the brand at the top is then no one's name, and the issuer is not to be guessed from it."""
    return any(_after_owner_phrase(cell) for cell in cells)


def _after_owner_phrase(tokens: list[Token]) -> list[Token]:
    """The words after an owner's phrase in TOKENS, none where it prints none; its words as a scan may read
    them, through OCR's look-alikes ("un marchio dt")."""
    words = [look_alike(t.text.lower()) for t in tokens]
    for phrase in OWNER_PHRASES:
        spelt = tuple(map(look_alike, phrase))
        for start in range(len(words) - len(phrase) + 1):
            if tuple(words[start:start + len(phrase)]) == spelt:
                return tokens[start + len(phrase):]
    return []
