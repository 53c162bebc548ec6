"""The filter and facet values of every indexed document, as numpy columns in memory.

Counting facets over 40,000 matches row by row in SQLite means 40,000 b-tree
lookups; over arrays indexed by document id it is one gather and a bincount.
The arrays follow `search_docs` through its `seq` column (raised on every
write) and `search_deleted`, so each search reads only what changed since the
last one; a rebuild (new generation) reloads everything.
"""

from __future__ import annotations

import threading

import numpy as np

from demat.indexer.search import FACET_SIZE, filters
from demat.indexer.search.analysis import fold

NO_DATE = 0
NO_AMOUNT = np.iinfo(np.int64).min


class Codes:
    """Small integers for the distinct values of one column; 0 is 'none'."""

    def __init__(self) -> None:
        self.values: list[str | None] = [None]
        self.folded: list[str] = [""]  # for the supplier filter's substring match
        self.index: dict[str, int] = {}

    def code(self, value: str | None) -> int:
        if value is None or value == "":
            return 0
        found = self.index.get(value)
        if found is None:
            found = self.index[value] = len(self.values)
            self.values.append(value)
            self.folded.append(fold(value))
        return found

    # A table by code, looked up for each document: faster than np.isin. The table is made after
    # the CODES were read, so that it covers a value another thread added meanwhile.
    def among(self, codes: np.ndarray, values) -> np.ndarray:
        """For each of CODES, whether it is the code of one of VALUES."""
        table = np.zeros(len(self.values), dtype=bool)
        table[[self.index[v] for v in values if v in self.index]] = True
        return table[codes]

    def containing(self, codes: np.ndarray, needle: str) -> np.ndarray:
        """For each of CODES, whether its value contains the folded NEEDLE."""
        return np.array([bool(f) and needle in f for f in self.folded], dtype=bool)[codes]


class Columns:
    NAMES = ("type", "department", "supplier", "vat", "review")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation: str | None = None
        self._reset()

    def _reset(self) -> None:
        self.seq = 0
        self.codes = {name: Codes() for name in self.NAMES}
        self.code = {name: np.zeros(0, dtype=np.int32) for name in self.NAMES}
        self.date = np.zeros(0, dtype=np.int32)  # yyyymmdd
        self.cents = np.zeros(0, dtype=np.int64)
        self.live = np.zeros(0, dtype=bool)

    def _grow(self, size: int) -> None:
        if size <= len(self.live):
            return
        size = max(size, len(self.live) * 2, 1024)
        for name in self.NAMES:
            self.code[name] = np.resize(self.code[name], size)
            self.code[name][len(self.live):] = 0
        old = len(self.live)
        self.date = np.resize(self.date, size)
        self.date[old:] = NO_DATE
        self.cents = np.resize(self.cents, size)
        self.cents[old:] = NO_AMOUNT
        self.live = np.resize(self.live, size)
        self.live[old:] = False

    def refresh(self, conn) -> None:
        """Take in the documents written or deleted since the last call."""
        with self.lock:
            row = conn.execute("SELECT value FROM search_meta WHERE key = 'generation'").fetchone()
            generation = row[0] if row else ""
            if generation != self.generation:
                self.generation = generation
                self._reset()
            rows = conn.execute(
                "SELECT doc_id, type, department, supplier_name, supplier_vat, review_state, date, total_cents, seq"
                " FROM search_docs WHERE seq > ?", (self.seq,)).fetchall()
            gone = conn.execute("SELECT doc_id, seq FROM search_deleted WHERE seq > ?", (self.seq,)).fetchall()
            if not rows and not gone:
                return
            self._grow(max([r[0] for r in rows] + [r[0] for r in gone]) + 1)
            self.seq = max([self.seq] + [r[-1] for r in rows] + [r[-1] for r in gone])
            self.live[[r[0] for r in gone]] = False  # before the rows: a document can be back since
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            for column, name in enumerate(self.NAMES, start=1):
                code = self.codes[name].code
                self.code[name][ids] = [code(r[column]) for r in rows]
            self.date[ids] = [int(r[6].replace("-", "")) if r[6] else NO_DATE for r in rows]
            self.cents[ids] = [NO_AMOUNT if r[7] is None else r[7] for r in rows]
            self.live[ids] = True

    def all_ids(self) -> np.ndarray:
        return np.flatnonzero(self.live)

    def select(self, ids: np.ndarray, plan: filters.Plan) -> np.ndarray:
        """The ids that pass the filters of PLAN."""
        ids = ids[ids < len(self.live)]
        keep = self.live[ids]
        if plan.types:
            keep &= self.codes["type"].among(self.code["type"][ids], plan.types)
        if plan.departments:
            keep &= self.codes["department"].among(self.code["department"][ids], plan.departments)
        if plan.supplier and plan.supplier.vat:
            keep &= self.codes["vat"].among(self.code["vat"][ids], [plan.supplier.vat])
        elif plan.supplier:
            keep &= self.codes["supplier"].containing(self.code["supplier"][ids], plan.supplier.name)
        if plan.date_from:
            keep &= self.date[ids] >= int(plan.date_from.strftime("%Y%m%d"))
        if plan.date_to:
            day = self.date[ids]
            keep &= (day <= int(plan.date_to.strftime("%Y%m%d"))) & (day != NO_DATE)
        if plan.amount_min is not None:
            keep &= self.cents[ids] >= int((plan.amount_min * 100).to_integral_value())
        if plan.amount_max is not None:
            cents = self.cents[ids]
            keep &= (cents <= int((plan.amount_max * 100).to_integral_value())) & (cents != NO_AMOUNT)
        if plan.review_state:
            keep &= self.codes["review"].among(self.code["review"][ids], [plan.review_state])
        return ids[keep]

    def facets(self, ids: np.ndarray) -> dict[str, dict[str, int]]:
        found = {}
        for facet, name in (("type", "type"), ("department", "department"), ("supplier", "supplier")):
            counts = np.bincount(self.code[name][ids], minlength=len(self.codes[name].values))
            counts[0] = 0
            top = [i for i in np.argsort(-counts, kind="stable")[:FACET_SIZE] if counts[i]]
            values = self.codes[name].values
            found[facet] = dict(sorted(((values[i], int(counts[i])) for i in top), key=lambda kv: (-kv[1], kv[0])))
        counts = np.bincount(self.date[ids] // 10000)  # by year: a count, not a sort of 40,000 dates
        found["year"] = {str(year): int(counts[year]) for year in np.flatnonzero(counts)[::-1] if year}
        return found

    def newest_first(self, ids: np.ndarray, count: int) -> np.ndarray:
        """The `count` ids with the latest dates (then highest ids), in that order."""
        key = self.date[ids].astype(np.int64) * (1 << 32) + ids
        if count < len(ids):
            ids = ids[np.argpartition(-key, count - 1)[:count]]
            key = self.date[ids].astype(np.int64) * (1 << 32) + ids
        return ids[np.argsort(-key, kind="stable")]
