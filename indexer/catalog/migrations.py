"""The catalog's schema as numbered migrations, applied in order and recorded.

A catalog holds in `schema_migrations` every version applied to it; opening
it applies the missing ones, each in one transaction with the writer's lock,
so two processes opening an old catalog at once upgrade it once. A migration
is SQL written for SQLite (PostgreSQL gets the same with its types, see
dialects.py), SQL for one dialect only, and a Python step, each optional.
Catalogs written before this module recorded one number, meta.schema_version:
they count as having had the migrations up to it.

To change the schema, add a migration at the end; never edit one that shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from demat.indexer.catalog import Catalog

HOME_FOLDERS = ("archive", "quarantine", "processing")

RECORD = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""

BASE = """
-- One row per file claimed from the inbox (and per extra invoice of a FatturaPA lotto).
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,           -- its folder in processing/
    original_name TEXT NOT NULL,          -- path relative to the inbox
    state TEXT NOT NULL,                  -- claimed, archiving, archived, duplicate, quarantined, held
    parent_id INTEGER REFERENCES jobs(id),
    part INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT,
    duplicate_of INTEGER,
    archive_dir TEXT,
    quarantine_path TEXT,
    error_kind TEXT,
    error_message TEXT,
    error_action TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state);

CREATE TABLE IF NOT EXISTS job_events (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    at TEXT NOT NULL,
    step TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);

-- An archived document; its id is its job's id, so one number names both.
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY REFERENCES jobs(id),
    sha256 TEXT NOT NULL,
    part INTEGER NOT NULL DEFAULT 0,
    original_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    extractor TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    title TEXT NOT NULL,
    type TEXT,
    type_confidence REAL,
    type_alternatives TEXT NOT NULL DEFAULT '[]',
    type_source TEXT,
    department TEXT,
    review_state TEXT NOT NULL,          -- auto, review, confirmed
    work_state TEXT NOT NULL DEFAULT 'new',  -- in its department's queue: new, in_progress, done
    review_reasons TEXT NOT NULL DEFAULT '[]',
    doc_date TEXT,
    supplier_name TEXT,
    supplier_vat TEXT,
    total TEXT,
    archive_dir TEXT NOT NULL,
    original_path TEXT NOT NULL,
    searchable_pdf_path TEXT,
    sidecar_path TEXT NOT NULL,
    received_at TEXT NOT NULL,
    archived_at TEXT NOT NULL,
    UNIQUE (sha256, part)
);
CREATE INDEX IF NOT EXISTS documents_department ON documents(department, archived_at);
CREATE INDEX IF NOT EXISTS documents_review ON documents(review_state);

CREATE TABLE IF NOT EXISTS pages (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, number)
);

CREATE TABLE IF NOT EXISTS fields (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,                  -- JSON, as in the sidecar
    raw TEXT NOT NULL DEFAULT '',
    confidence REAL NOT NULL,
    page INTEGER,
    box TEXT,
    checks TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (document_id, name)
);
"""
UNVERSIONED_TABLES = """
-- Who did what to which document, and when: corrections, views, downloads, exports.
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    "user" TEXT NOT NULL,
    action TEXT NOT NULL,                 -- correct, view, download, export, route, ...
    document_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'     -- JSON: for a correction {"field", "old", "new"}
);
CREATE INDEX IF NOT EXISTS audit_document ON audit(document_id, id);

-- The files of one invoice as the SdI names them: the invoice and its notifications,
-- tied by the name the invoice was sent under or by its SdI identifier, whichever arrived first.
CREATE TABLE IF NOT EXISTS sdi_files (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                   -- invoice, or the notification's code: RC, NS, MC, NE, DT, AT, MT, ...
    sdi_identifier TEXT,
    sent_name TEXT                        -- the invoice's file name without folder, .p7m and .xml, lower case
);
CREATE INDEX IF NOT EXISTS sdi_files_name ON sdi_files(sent_name);
CREATE INDEX IF NOT EXISTS sdi_files_identifier ON sdi_files(sdi_identifier);

-- One invoice, several files: a FatturaPA and the PDF copy of the same invoice (same supplier
-- P.IVA, number and date), in either order, count once. The one that counts is the first
-- FatturaPA (else the first archived); the others point at it with copy_of.
CREATE TABLE IF NOT EXISTS invoice_files (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    invoice_key TEXT NOT NULL,            -- supplier P.IVA, number and date
    electronic INTEGER NOT NULL,          -- 1 for a FatturaPA
    copy_of INTEGER
);
CREATE INDEX IF NOT EXISTS invoice_files_key ON invoice_files(invoice_key);

-- Suppliers whose details a person confirmed: their next invoices need no review for being new.
CREATE TABLE IF NOT EXISTS suppliers (
    vat TEXT PRIMARY KEY,
    name TEXT,
    iban TEXT,
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL
);
"""
# PostgreSQL has no rowid: a document's fields are read back in the order they were written by this.
FIELDS_ORDER = "ALTER TABLE fields ADD COLUMN seq BIGINT GENERATED BY DEFAULT AS IDENTITY"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str = ""  # for both, written for SQLite
    only: dict[str, str] = field(default_factory=dict)  # dialect name: SQL for that one only
    step: Callable[[Catalog], None] | None = None


def relative_paths(catalog: Catalog) -> None:
    """jobs.held_until, and absolute paths (from wherever the home was) made relative to it."""
    conn = catalog.conn
    if "held_until" not in catalog.dialect.columns(conn, "jobs"):
        conn.execute("ALTER TABLE jobs ADD COLUMN held_until TEXT")  # held: when it is tried again
    for table, columns in (("jobs", ("archive_dir", "quarantine_path")),
                           ("documents", ("archive_dir", "original_path", "searchable_pdf_path", "sidecar_path"))):
        _make_paths_relative(conn, table, columns)


def _make_paths_relative(conn, table: str, columns: tuple[str, ...]) -> None:
    absolute = " OR ".join(f"{c} LIKE '/%'" for c in columns)
    rows = conn.execute(f"SELECT id, {', '.join(columns)} FROM {table} WHERE {absolute}").fetchall()
    updates: dict[tuple[str, ...], list[tuple]] = {}  # by the columns to change: one executemany each
    for row in rows:
        values = {c: relative_to_old_home(row[c]) for c in columns if row[c] and row[c].startswith("/")}
        updates.setdefault(tuple(values), []).append((*values.values(), row["id"]))
    for changed, params in updates.items():
        sets = ", ".join(f"{c} = ?" for c in changed)
        conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", params)


def relative_to_old_home(path: str) -> str:
    """An absolute path written by an older demat, relative to the home it was in.

    The home is the folder above the first archive/, quarantine/ or processing/
    met going up from the file: below them demat names every folder itself.
    (Plain string work: an upgrade goes through every row of a large archive.)
    """
    parts = path.split("/")
    for i in range(len(parts) - 2, 0, -1):
        if parts[i] in HOME_FOLDERS:
            return "/".join(parts[i:])
    return path


SUPPLIER_LAYOUTS = """
-- Where a supplier's invoices print each field, learnt when a person confirmed one of them:
-- one row per supplier (vat:..., iban:... or name:...) and page size; the layout is JSON
-- (extractors/layouts/model.py). PREVIOUS is the row it replaced, brought back if that
-- confirmation is undone.
CREATE TABLE IF NOT EXISTS supplier_layouts (
    supplier TEXT NOT NULL,
    page_size TEXT NOT NULL,              -- width x height in points, e.g. 590x840
    layout TEXT NOT NULL,
    document_id INTEGER,                  -- the confirmed document it was learnt from (NULL: imported)
    learnt_by TEXT NOT NULL,
    learnt_at TEXT NOT NULL,
    used_at TEXT,
    uses INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,  -- documents it no longer matched
    previous TEXT,
    PRIMARY KEY (supplier, page_size)
);
"""

MIGRATIONS = [
    Migration(1, "jobs and their events, documents with pages and fields", sql=BASE, only={"postgresql": FIELDS_ORDER}),
    Migration(2, "paths relative to the home, jobs.held_until", step=relative_paths),
    # Older demats made these at every start, whatever their version: a catalog may have them or not.
    Migration(3, "audit trail, suppliers, SdI files, invoice copies", sql=UNVERSIONED_TABLES),
    Migration(4, "supplier layouts learnt from confirmations", sql=SUPPLIER_LAYOUTS),
]
LATEST = MIGRATIONS[-1].version


def applied(catalog: Catalog) -> int:
    """The last version applied to the catalog (0: none)."""
    return catalog.conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def apply(catalog: Catalog) -> None:
    """Bring the catalog to the latest version: the missing migrations in order, each recorded."""
    if "schema_migrations" in catalog.dialect.tables(catalog.conn) and applied(catalog) >= LATEST:
        return
    with catalog.transaction() as conn:  # the writer's lock: one process upgrades, the others wait and see
        conn.execute(RECORD)
        _record_older_demat(catalog)
        done = applied(catalog)
        for migration in MIGRATIONS:
            if migration.version <= done:
                continue
            for sql in (migration.sql, migration.only.get(catalog.dialect.name, "")):
                for statement in statements(catalog.dialect.ddl(sql)):
                    conn.execute(statement)
            if migration.step:
                migration.step(catalog)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                         (migration.version, migration.description, _now()))


def _record_older_demat(catalog: Catalog) -> None:
    """A catalog from before this module: the migrations up to its meta.schema_version count as applied."""
    conn = catalog.conn
    if "meta" not in catalog.dialect.tables(conn) or applied(catalog):
        return
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    for migration in MIGRATIONS[:int(row[0]) if row else 0]:
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                     (migration.version, f"{migration.description} (older demat)", _now()))


def statements(sql: str) -> list[str]:
    """SQL split into whole statements (the drivers run one at a time with parameters)."""
    found, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        found.append(current.strip())
    return [s for s in found if s.rstrip(";").strip()]


def _now() -> str:
    from demat.indexer.catalog import now
    return now()
