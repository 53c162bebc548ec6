"""A short piece of a document's text around its best cluster of matches.

The matches are found again in the original text (case and accents folded
without moving any character), so the snippet shows what the page says, with
the matched words flagged for the front end to mark.
"""

from __future__ import annotations

import bisect
import functools
import os
import re

from demat.indexer.search.analysis import fold

WIDTH = 220  # characters of text in a snippet
LEAD = 60  # characters shown before the first match
SPACES = re.compile(r"\s+")
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def pattern(words: set[str], prefixes: set[str]) -> re.Pattern | None:
    """One regex for the folded words and prefixes to highlight (the same words, the same regex)."""
    return _pattern(frozenset(words), frozenset(prefixes))


@functools.lru_cache(maxsize=1024)
def _pattern(words: frozenset[str], prefixes: frozenset[str]) -> re.Pattern | None:
    """Built from the words and prefixes, a few hundred microseconds that the cache saves.

    The words go in as a letter tree (fattur(?:a|e)), which the regex engine
    walks in one pass instead of trying hundreds of alternatives at each letter;
    a look at the first letter in front lets it skip the other letters at half
    the cost.
    """
    alternatives = [_tree(sorted(words))] if words else []
    alternatives += [re.escape(p) + r"[^\W_]*" for p in sorted(prefixes)]
    if not alternatives:
        return None
    firsts = "".join(re.escape(first) for first in sorted({w[0] for w in words | prefixes if w}))
    return re.compile(rf"(?=[{firsts}])(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


def _tree(words: list[str]) -> str:
    """A regex matching exactly these words, shared beginnings factored out.

    A run of letters every word shares is taken in one step, so the depth of
    recursion is the number of places where the words part, not their length
    (one level per letter overflowed Python's stack on a word of 490 letters).
    """
    shared = os.path.commonprefix(words)
    branches: dict[str, list[str]] = {}
    for word in words:
        rest = word[len(shared):]
        if rest:
            branches.setdefault(rest[0], []).append(rest[1:])
    parts = [re.escape(first) + _tree(rests) for first, rests in branches.items()]
    if not parts:
        return re.escape(shared)
    if len(parts) == 1:  # the words part after SHARED: one of them ends there, the others go on
        return re.escape(shared) + "(?:" + parts[0] + ")?"
    return re.escape(shared) + "(?:" + "|".join(parts) + ")" + ("?" if shared in words else "")


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else "\ufffd"


def fold_in_place(text: str) -> str:
    """fold(), but every character stays where it was, so offsets hold in the original."""
    if text.isascii():
        return text.lower()
    return NON_ASCII.sub(lambda found: _fold_char(found.group()), text).lower()


def make(pages: list[str], regex: re.Pattern | None) -> list[tuple[str, bool]]:
    """(text, is_match) pieces of the best window over the pages."""
    best: tuple[int, str, list[tuple[int, int]], int] | None = None
    if regex is not None:
        for text in pages:
            spans = [m.span() for m in regex.finditer(fold_in_place(text))]
            starts = [s for s, _ in spans]
            for i, (start, _) in enumerate(spans):
                count = bisect.bisect_left(starts, start + WIDTH - LEAD) - i
                if best is None or count > best[0]:
                    best = (count, text, spans, start)
    if best is None:
        text = next((p for p in pages if p.strip()), "")
        return _pieces(text, [], 0, min(len(text), WIDTH))
    _, text, spans, first = best
    start = max(0, first - LEAD)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + WIDTH)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return _pieces(text, spans, start, end)


def _pieces(text: str, spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = start
    for s, e in spans:
        if s < at or e > end:
            continue
        pieces.append((text[at:s], False))
        pieces.append((text[s:e], True))
        at = e
    pieces.append((text[at:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return [(SPACES.sub(" ", piece), hit) for piece, hit in pieces if piece]
