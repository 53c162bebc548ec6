"""The cache of full-text matches: one index state at a time, within its budget."""

from __future__ import annotations

import numpy as np

from demat.indexer.search.matches import MatchCache


def loader(calls: list, ids: list[int]):
    def load():
        calls.append(ids)
        return np.array(ids, dtype=np.int64)
    return load


def test_an_expression_is_read_once_per_index_state():
    cache, calls = MatchCache(), []
    assert list(cache.get(1, '("fattur")', loader(calls, [1, 2]))) == [1, 2]
    assert list(cache.get(1, '("fattur")', loader(calls, [9]))) == [1, 2]
    assert list(cache.get(2, '("fattur")', loader(calls, [1, 2, 3]))) == [1, 2, 3]  # a write came in between
    assert calls == [[1, 2], [1, 2, 3]]


def test_the_least_recently_used_go_first_when_over_budget():
    cache, calls = MatchCache(budget=4), []
    cache.get(1, "a", loader(calls, [1, 2]))
    cache.get(1, "b", loader(calls, [3, 4]))
    cache.get(1, "a", loader(calls, []))  # a is used again: b is now the oldest
    cache.get(1, "c", loader(calls, [5]))
    assert list(cache.entries) == ["a", "c"] and cache.held == 3
    cache.get(1, "huge", loader(calls, [1, 2, 3, 4, 5]))  # larger than the budget: answered, not kept
    assert "huge" not in cache.entries


def test_ids_are_kept_in_32_bits_and_given_back_in_64():
    cache = MatchCache()
    ids = cache.get(1, "a", loader([], [1, 2]))
    ids[0] = 7  # the caller's copy: the cache keeps its own
    assert cache.entries["a"].dtype == np.uint32
    again = cache.get(1, "a", loader([], [9]))
    assert again.dtype == np.int64 and list(again) == [1, 2]


def test_ids_beyond_32_bits_are_kept_whole():
    cache = MatchCache()
    cache.get(1, "a", loader([], [1, 2**40]))
    assert list(cache.get(1, "a", loader([], []))) == [1, 2**40]
