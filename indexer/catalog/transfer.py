"""Moving a SQLite catalog into PostgreSQL without losing a row (`demat migrate`).

Every table of the SQLite file goes over but the embedded search index's
(`search_*`: PostgreSQL indexes the documents anew) and the schema's records
(each catalog keeps its own). Tables are copied parents first, in batches
that each commit; a row already there is left alone, so a move that stopped
half-way continues where it was. At the end each table is compared on both
sides: its row count and a hash of its content, independent of row order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from demat.indexer.catalog import Catalog
from demat.kernel.errors import N_, DematError

BATCH = 1000
NOT_MOVED = ("meta", "schema_migrations", "sqlite_sequence")
NOT_MOVED_PREFIXES = ("search_", "sqlite_stat")


class TransferError(DematError):
    """The SQLite catalog cannot be moved into this PostgreSQL database as it is."""

    action = N_("Point [catalog] url (or --to) at an empty database, or at the one an earlier "
                "`demat migrate` of this same home filled, and run it again.")


@dataclass
class TableCheck:
    table: str
    rows: int
    digest: str
    same: bool


def tables_to_move(source: Catalog) -> list[str]:
    """The source's tables that carry data, each after the tables its rows point at."""
    names = sorted(t for t in source.dialect.tables(source.conn)
                   if t not in NOT_MOVED and not t.startswith(NOT_MOVED_PREFIXES))
    parents = {t: {r["table"] for r in source.conn.execute(f"PRAGMA foreign_key_list({t})")} - {t} for t in names}
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [t for t in names if t not in ordered and parents[t] <= set(ordered)]
        if not ready:  # a cycle: keep the rest in name order, the target checks no order within a batch
            ready = [t for t in names if t not in ordered]
        ordered += ready
    return ordered


def move(source: Catalog, target: Catalog, progress: Callable[[str, int, int], None]) -> list[TableCheck]:
    """Copy every table of SOURCE into TARGET, then compare them; the comparison, table by table."""
    tables = tables_to_move(source)
    missing = [t for t in tables if t not in target.dialect.tables(target.conn)]
    if missing:
        raise TransferError(N_("the PostgreSQL catalog has no table %(tables)s for the SQLite one's rows"),
                            N_("Upgrade demat on this machine to the version that wrote the SQLite catalog, "
                               "or newer."), tables=", ".join(missing))
    for table in tables:
        _refuse_other_data(source, target, table)
    for table in tables:
        _copy(source, target, table, progress)
        _continue_numbering(target, table, _columns(source, table))
    return [check(source, target, t) for t in tables]


def _columns(source: Catalog, table: str) -> list[str]:
    return source.dialect.columns(source.conn, table)


def _key(source: Catalog, table: str) -> list[str]:
    """The table's primary key columns; all of them when it has none."""
    info = sorted((r["pk"], r["name"]) for r in source.conn.execute(f"PRAGMA table_info({table})"))
    return [name for pk, name in info if pk] or [name for _, name in info]


def _quoted(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _refuse_other_data(source: Catalog, target: Catalog, table: str) -> None:
    """Rows in the target that the source lacks or holds otherwise: another home's data, which a move
    would mix in (a move that stopped half-way left only rows equal to the source's)."""
    key, columns = _key(source, table), _quoted(_columns(source, table))
    width = len(key)
    there = {tuple(r[:width]): _row_hash(r[width:])
             for r in target.conn.execute(f"SELECT {_quoted(key)}, {columns} FROM {table}")}
    if not there:
        return
    for row in source.conn.execute(f"SELECT {_quoted(key)}, {columns} FROM {table}"):
        if there.get(tuple(row[:width])) == _row_hash(row[width:]):
            del there[tuple(row[:width])]
    if there:
        raise TransferError(N_("the PostgreSQL catalog is not empty: table %(table)s holds %(count)s rows that "
                               "this home's SQLite catalog does not have (for example %(example)s)"),
                            table=table, count=len(there), example=sorted(there)[0])


def _copy(source: Catalog, target: Catalog, table: str, progress: Callable[[str, int, int], None]) -> None:
    columns = _columns(source, table)
    total = source.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    keyed = any(r["pk"] for r in source.conn.execute(f"PRAGMA table_info({table})"))
    insert = (f"INSERT INTO {table} ({_quoted(columns)}) VALUES ({', '.join('?' * len(columns))})"
              " ON CONFLICT DO NOTHING")
    if not keyed:  # nothing tells a row already copied from a new one: the table goes over whole, at once
        with target.transaction() as conn:
            conn.execute(f"DELETE FROM {table}")
            conn.executemany(insert, [row[1:] for row in _rows(source, table, columns)])
        progress(table, total, total)
        return
    done, batch = 0, []
    for row in _rows(source, table, columns):  # in rowid order, as SQLite wrote them: fields keep their order
        batch.append(row[1:])
        if len(batch) == BATCH:
            done = _insert(target, insert, batch, done)
            progress(table, done, total)
    _insert(target, insert, batch, done)
    progress(table, total, total)


def _insert(target: Catalog, insert: str, batch: list[tuple], done: int) -> int:
    """One batch in one transaction; the rows copied so far."""
    with target.transaction() as conn:
        conn.executemany(insert, batch)
    done += len(batch)
    batch.clear()
    return done


def _rows(source: Catalog, table: str, columns: list[str]) -> Iterator[tuple]:
    """(rowid, *columns) of every row in the order SQLite wrote them, read a batch at a time."""
    last = -(2 ** 63)
    while True:
        rows = source.conn.execute(f"SELECT rowid, {_quoted(columns)} FROM {table} WHERE rowid > ?"
                                   " ORDER BY rowid LIMIT ?", (last, BATCH)).fetchall()
        if not rows:
            return
        yield from (tuple(r) for r in rows)
        last = rows[-1][0]


def _continue_numbering(target: Catalog, table: str, columns: list[str]) -> None:
    """Identity columns given explicit ids: the next row PostgreSQL numbers comes after them."""
    generated = [r[0] for r in target.conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = ? AND is_identity = 'YES'", (table,))]
    for column in generated:
        if column in columns:
            target.conn.execute(f"SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(\"{column}\"), 0) + 1,"
                                f" false) FROM {table}", (table, column))


def check(source: Catalog, target: Catalog, table: str) -> TableCheck:
    """TABLE's row count and content hash on both sides (the source's columns)."""
    columns = _quoted(_columns(source, table))
    mine = _digest(source.conn.execute(f"SELECT {columns} FROM {table}"))
    theirs = _digest(target.conn.execute(f"SELECT {columns} FROM {table}"))
    return TableCheck(table, mine[0], mine[1], mine == theirs)


def _digest(rows) -> tuple[int, str]:
    """(count, hash) of a table's rows in any order: the sum of each row's SHA-256."""
    count, total = 0, 0
    for row in rows:
        total += _row_hash(row)
        count += 1
    return count, f"{total % 2 ** 256:064x}"[:16]


def _row_hash(row) -> int:
    """A row's SHA-256, of its values as both databases give them back (floats to the last digit)."""
    values = [None if v is None else repr(v) if isinstance(v, float) else str(v) for v in row]
    return int.from_bytes(hashlib.sha256(json.dumps(values).encode()).digest(), "big")
