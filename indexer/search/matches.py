"""The documents each full-text phrase matched, kept for the next search.

Listing the 65,000 matches of a common phrase costs SQLite 15 to 30 ms, and
archivists search the same common words all day. Like Elasticsearch's query
cache, an entry holds for one state of the index only: the first search after
any write starts afresh. The cache is bounded by the ids it holds, oldest use
dropped first; it keeps them as 32-bit numbers, half the room of numpy's
usual 64.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np

BUDGET = 8_000_000  # ids kept (32 MB): every match of 80 phrases found in half of 200,000 documents
SMALL = np.uint32  # document ids stay far below 2**32; larger ones are kept as they come


class MatchCache:
    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self.lock = threading.Lock()  # web threads share one cache
        self.state: Hashable = None
        self.entries: OrderedDict[str, np.ndarray] = OrderedDict()
        self.held = 0

    def get(self, state: Hashable, expression: str, load: Callable[[], np.ndarray]) -> np.ndarray:
        """The ids EXPRESSION matches in index STATE (ascending int64): from the cache, or from `load()`."""
        with self.lock:
            if state != self.state:
                self.state, self.entries, self.held = state, OrderedDict(), 0
            found = self.entries.get(expression)
            if found is not None:
                self.entries.move_to_end(expression)
                return found.astype(np.int64)
        ids = load()
        with self.lock:
            if state == self.state and expression not in self.entries and len(ids) <= self.budget:
                small = not len(ids) or ids[-1] <= np.iinfo(SMALL).max
                self.entries[expression] = ids.astype(SMALL) if small else ids.copy()
                self.held += len(ids)
                while self.held > self.budget:
                    _, dropped = self.entries.popitem(last=False)
                    self.held -= len(dropped)
        return ids
