"""A new catalog opened by several processes at once: each of them opens it.

Seen once in `make test` (tests/test_catalog.py, four threads opening a new
catalog at once): one failed with "database is locked" while turning the file to
write-ahead logging. SQLite answers that change at once, without waiting its
timeout, while another connection holds a lock on the file; the watcher and the
workers starting together on a new home meet the same. About one round in ten
failed so before the fix: sixty rounds make the old code fail all but surely.
"""

from __future__ import annotations

import sqlite3
import threading

from demat.indexer.catalog.dialects import SqliteDialect

ROUNDS = 60
OPENERS = 8


def _open_and_write(dialect: SqliteDialect, errors: list[str]) -> None:
    try:
        conn = dialect.connect()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE IF NOT EXISTS opened (n INTEGER)")
        conn.execute("INSERT INTO opened VALUES (1)")
        conn.execute("COMMIT")
        conn.close()
    except sqlite3.OperationalError as exc:
        errors.append(str(exc))


def test_every_opener_of_a_new_catalog_opens_it(tmp_path):
    for round_ in range(ROUNDS):
        dialect = SqliteDialect(tmp_path / f"catalog-{round_}.sqlite3")
        errors: list[str] = []
        threads = [threading.Thread(target=_open_and_write, args=(dialect, errors)) for _ in range(OPENERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], f"round {round_}: {errors}"
        conn = dialect.connect()
        assert conn.execute("SELECT count(*) FROM opened").fetchone()[0] == OPENERS
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
