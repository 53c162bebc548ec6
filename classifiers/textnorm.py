"""Text folding shared by the classifier and the routing keywords.

Scans and born-digital files spell the same word differently (È, e', E, è):
folding case and accents first lets one rule or one learned weight cover all.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"\d")
_SPACES = re.compile(r"[ \t\r\f\v]+")


def fold(text: str) -> str:
    """Lower case, accents removed, runs of blanks collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", plain)


def for_classifier(text: str, max_chars: int = 6000) -> str:
    """The text the type model sees: folded, digits masked, the start of the document.

    Digits say little about the type but make every number a new word, and the
    first pages carry the title and the clues: the tail only costs time.
    """
    return _DIGITS.sub("0", fold(text[:max_chars]))
