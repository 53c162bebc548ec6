"""The documents each full-text expression matched, kept for the next search.

Listing the 45,000 matches of a common word costs SQLite about 5 ms, and
archivists search the same common words all day. Like Elasticsearch's query
cache, an entry holds for one state of the index only: the first search after
any write starts afresh. The cache is bounded by the ids it holds, oldest use
dropped first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np

BUDGET = 4_000_000  # ids kept (32 MB): every match of 40 words found in half of 200,000 documents


class MatchCache:
    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.lock = threading.Lock()  # web threads share one cache
        self.state: Hashable = None
        self.entries: OrderedDict[str, np.ndarray] = OrderedDict()
        self.held = 0

    def get(self, state: Hashable, expression: str, load: Callable[[], np.ndarray]) -> np.ndarray:
        """The ids EXPRESSION matches in index STATE: from the cache, or from `load()` (then kept)."""
        with self.lock:
            if state != self.state:
                self.state, self.entries, self.held = state, OrderedDict(), 0
            found = self.entries.get(expression)
            if found is not None:
                self.entries.move_to_end(expression)
                return found
        ids = load()
        ids.flags.writeable = False  # shared between searches: nobody may change it in place
        with self.lock:
            if state == self.state and expression not in self.entries and len(ids) <= self.budget:
                self.entries[expression] = ids
                self.held += len(ids)
                while self.held > self.budget:
                    _, dropped = self.entries.popitem(last=False)
                    self.held -= len(dropped)
        return ids
