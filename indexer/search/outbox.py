"""Documents reach a search server through an outbox in the catalog.

`documents_changed` records the ids in the catalog, in the caller's
transaction, and `flush` (after the commit) sends them in batches, so a crash
in between only delays them: `repair` at start-up sends what is left and
compares the server's signatures with the catalog's. The Elasticsearch and
PostgreSQL backends share this half and say how to send, list and recreate.
"""

from __future__ import annotations

from collections.abc import Callable

from demat.indexer.search import records
from demat.kernel.errors import N_, DematError

OUTBOX = """
CREATE TABLE IF NOT EXISTS search_outbox (
    doc_id INTEGER PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 1     -- bumped on every change, so a send never drops a newer one
);
"""
BATCH = 500


class SearchServerError(DematError):
    """The search server cannot be reached or refused a request."""

    action = N_("Check that the server runs at the configured URL, or set search.backend = \"sqlite\".")


class OutboxBackend:
    """The writing half of a backend whose index lives on a server."""

    server = "the search server"  # for messages

    def __init__(self, catalog):
        self.catalog = catalog
        catalog.add_schema(OUTBOX)

    def _send(self, ids: list[int]) -> set[int]:
        """Index these documents (delete those no longer in the catalog); the ids the server took."""
        raise NotImplementedError

    def _indexed_signatures(self) -> dict[int, str | None]:
        """{id: signature} of every document the server holds."""
        raise NotImplementedError

    def _recreate(self) -> None:
        """Drop the server's index and make it again, empty."""
        raise NotImplementedError

    def documents_changed(self, doc_ids: list[int]) -> None:
        with self.catalog.transaction() as conn:
            conn.executemany("INSERT INTO search_outbox (doc_id) VALUES (?)"
                             " ON CONFLICT (doc_id) DO UPDATE SET version = search_outbox.version + 1",
                             [(i,) for i in doc_ids])

    def flush(self) -> None:
        """Send the outbox in batches; what was sent leaves it, unless it changed again meanwhile."""
        conn = self.catalog.conn
        while True:
            pending = conn.execute("SELECT doc_id, version FROM search_outbox ORDER BY doc_id LIMIT ?",
                                   (BATCH,)).fetchall()
            if not pending:
                return
            sent = self._send([row[0] for row in pending])
            with self.catalog.transaction() as conn:
                conn.executemany("DELETE FROM search_outbox WHERE doc_id = ? AND version = ?",
                                 [tuple(row) for row in pending if row[0] in sent])
            if len(sent) < len(pending):
                raise DematError(N_("%(server)s refused %(refused)s of %(count)s documents"),
                                 N_("They stay in the outbox; check the server, then run `demat reindex`."),
                                 server=self.server, refused=len(pending) - len(sent), count=len(pending))

    def repair(self) -> int:
        self.flush()
        current = records.signatures(self.catalog.conn)
        indexed = self._indexed_signatures()
        fix = [i for i, sig in current.items() if indexed.get(i) != sig] + [i for i in indexed if i not in current]
        if fix:
            self.documents_changed(fix)
            self.flush()
        return len(fix)

    def reindex(self, progress: Callable[[int, int], None] | None = None) -> int:
        self._recreate()
        ids = records.all_ids(self.catalog.conn)
        for i in range(0, len(ids), BATCH):
            self._send(ids[i:i + BATCH])
            if progress:
                progress(min(i + BATCH, len(ids)), len(ids))
        with self.catalog.transaction() as conn:
            conn.execute("DELETE FROM search_outbox")
        return len(ids)
