"""The words of the index, in memory, for typo tolerance and highlighting.

FTS5 matches stems exactly; an OCR'd `fatlura` has to be turned into the
indexed `fattura` first. The table `search_words` holds every distinct word
seen (folded, with its stem); this class keeps a copy in memory, grows it with
the rows added since the last look, and finds the words within one or two
edits with rapidfuzz (C speed: a scan of the words of similar length).
"""

from __future__ import annotations

import threading
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MAX_EXPANSIONS = 50  # like Elasticsearch's fuzzy max_expansions


class Vocabulary:
    def __init__(self) -> None:
        self.lock = threading.Lock()  # web threads share one vocabulary
        self.generation: str | None = None
        self.last_id = 0
        self.by_length: dict[int, list[str]] = defaultdict(list)
        self.by_stem: dict[str, list[str]] = defaultdict(list)
        self.stem_of: dict[str, str] = {}

    def refresh(self, conn) -> None:
        """Take in the words added since the last call (all of them after a rebuild)."""
        with self.lock:
            row = conn.execute("SELECT value FROM search_meta WHERE key = 'generation'").fetchone()
            generation = row[0] if row else ""
            if generation != self.generation:
                self.generation, self.last_id = generation, 0
                self.by_length, self.by_stem, self.stem_of = defaultdict(list), defaultdict(list), {}
            for word_id, word, stem in conn.execute(
                    "SELECT id, word, stem FROM search_words WHERE id > ? ORDER BY id", (self.last_id,)):
                self.last_id = word_id
                if word in self.stem_of:
                    continue
                self.stem_of[word] = stem
                self.by_stem[stem].append(word)
                self.by_length[len(word)].append(word)

    def similar(self, word: str, edits: int) -> list[str]:
        """Known words at most `edits` edits away from `word`, nearest first."""
        if edits <= 0:
            return []
        found = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            candidates = self.by_length.get(length)
            if candidates:
                found += process.extract(word, candidates, scorer=Levenshtein.distance,
                                         score_cutoff=edits, limit=None)
        found.sort(key=lambda match: (match[1], match[0]))
        return [match[0] for match in found[:MAX_EXPANSIONS]]

    def forms(self, stem: str) -> list[str]:
        """Every known word with this stem (fattur -> fattura, fatture, ...)."""
        return self.by_stem.get(stem, [])
