"""FTS5 expressions as trees: their text for SQLite, their matches combined from their phrases'.

A search lists the documents its expression matches (for totals and facets)
and ranks a page of them with bm25. Listing is done phrase by phrase: each
phrase's matches come from the match cache or from SQLite, and AND, OR and
NOT are set operations on them in numpy. Archivists combine the same common
words in ever new ways (typo variants, booleans, filters), so their words
repeat far more often than their whole queries do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

NOTHING = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Phrase:
    """One FTS5 phrase: "stem", "stem stem" or the prefix "lead stem"*."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class AllOf:
    parts: tuple

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.parts)) + ")"


@dataclass(frozen=True)
class AnyOf:
    parts: tuple

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.parts)) + ")"


@dataclass(frozen=True)
class Without:
    keep: object
    drop: object

    def __str__(self) -> str:
        return f"({self.keep} NOT {self.drop})"


Expression = Phrase | AllOf | AnyOf | Without


def matching(node: Expression, phrase_ids: Callable[[str], np.ndarray]) -> np.ndarray:
    """The ids NODE matches, ascending, from `phrase_ids(text)` (the ascending ids of one phrase)."""
    if isinstance(node, Phrase):
        return phrase_ids(node.text)
    if isinstance(node, Without):
        keep = matching(node.keep, phrase_ids)
        return keep[~_found_in(keep, matching(node.drop, phrase_ids))]
    parts = sorted((matching(part, phrase_ids) for part in node.parts), key=len)
    if isinstance(node, AllOf):
        found = parts[0]
        for other in parts[1:]:
            found = found[_found_in(found, other)]
        return found
    parts = [p for p in parts if len(p)]
    if len(parts) <= 1:
        return parts[0] if parts else NOTHING
    union = np.zeros(max(int(p[-1]) for p in parts) + 1, dtype=bool)
    for part in parts:
        union[part] = True
    return np.flatnonzero(union)


def _found_in(ids: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each of IDS, whether OTHERS hold it (both ascending): one mask, no sorting."""
    if not len(ids) or not len(others):
        return np.zeros(len(ids), dtype=bool)
    present = np.zeros(max(int(ids[-1]), int(others[-1])) + 1, dtype=bool)
    present[others] = True
    return present[ids]
