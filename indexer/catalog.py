"""The catalog: one SQLite file that knows every job and every archived document.

It holds the durable job table (what happened to each file taken from the
inbox), the documents with their pages' text, fields, type and route, and the
search backend's outbox. One connection per thread; WAL so readers never wait.
Other code never writes SQL against these tables: it calls this module.

Paths are stored relative to the home (the catalog's folder), so a home copied
or restored elsewhere still finds its files; this module hands them out whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2  # 2: paths relative to the home, jobs.held_until
# Documents that count on their own: not the copy of an invoice another file already holds.
COUNTED_ONCE = "d.id NOT IN (SELECT document_id FROM invoice_files WHERE copy_of IS NOT NULL)"
WORK_STATES = ("new", "in_progress", "done")
JOB_PATHS = ("archive_dir", "quarantine_path")
DOCUMENT_PATHS = ("archive_dir", "original_path", "searchable_pdf_path", "sidecar_path")
HOME_FOLDERS = ("archive", "quarantine", "processing")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

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
    updated_at TEXT NOT NULL,
    held_until TEXT                       -- held: when it is tried again (NULL: only `demat retry`)
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

-- Who did what to which document, and when: corrections, views, downloads, exports.
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
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

-- >>> supplier layouts (issue 14; to become a versioned migration)
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
-- <<< supplier layouts
"""


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class Job:
    id: int
    token: str
    original_name: str
    state: str
    parent_id: int | None
    part: int
    attempts: int
    sha256: str | None
    duplicate_of: int | None
    archive_dir: str | None
    quarantine_path: str | None
    error_kind: str | None
    error_message: str | None
    error_action: str | None
    created_at: str
    updated_at: str
    held_until: str | None = None


class Catalog:
    """The SQLite catalog of one demat home. Safe to share between threads."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.home = self.path.parent
        self._local = threading.local()
        fresh = not self.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'jobs'").fetchone()
        self.add_schema(SCHEMA)
        self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                          (str(SCHEMA_VERSION if fresh else 1),))
        self._upgrade()

    def _upgrade(self) -> None:
        """Bring a catalog written by an older demat up to this schema, once."""
        if self.schema_version() >= SCHEMA_VERSION:
            return
        with self.transaction() as conn:
            if self.schema_version() >= SCHEMA_VERSION:
                return  # another process did it meanwhile
            if "held_until" not in {r["name"] for r in conn.execute("PRAGMA table_info(jobs)")}:
                conn.execute("ALTER TABLE jobs ADD COLUMN held_until TEXT")
            for table, columns in (("jobs", JOB_PATHS), ("documents", DOCUMENT_PATHS)):
                self._make_paths_relative(table, columns)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    def _make_paths_relative(self, table: str, columns: tuple[str, ...]) -> None:
        """Absolute paths, from wherever the home was when they were written, made relative to it."""
        absolute = " OR ".join(f"{c} LIKE '/%'" for c in columns)
        rows = self.conn.execute(f"SELECT id, {', '.join(columns)} FROM {table} WHERE {absolute}").fetchall()
        updates: dict[tuple[str, ...], list[tuple]] = {}  # by the columns to change: one executemany each
        for row in rows:
            values = {c: relative_to_old_home(row[c]) for c in columns if row[c] and row[c].startswith("/")}
            updates.setdefault(tuple(values), []).append((*values.values(), row["id"]))
        for changed, params in updates.items():
            sets = ", ".join(f"{c} = ?" for c in changed)
            self.conn.executemany(f"UPDATE {table} SET {sets} WHERE id = ?", params)

    # -- paths -------------------------------------------------------------
    def stored_path(self, path: str | Path | None) -> str | None:
        """PATH as the catalog keeps it: relative to the home when it lies inside it."""
        if not path:
            return None
        path = Path(path)
        if path.is_absolute() and path.is_relative_to(self.home):
            path = path.relative_to(self.home)
        return path.as_posix()

    def full_path(self, stored: str | None) -> str | None:
        return str(self.home / stored) if stored else None

    def _stored(self, values: dict[str, Any], columns: tuple[str, ...]) -> dict[str, Any]:
        return {k: self.stored_path(v) if k in columns else v for k, v in values.items()}

    def _job(self, row: sqlite3.Row | None) -> Job | None:
        if row is None:
            return None
        job = Job(**row)
        for column in JOB_PATHS:
            setattr(job, column, self.full_path(getattr(job, column)))
        return job

    # -- connections -------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
        return conn

    def add_schema(self, sql: str) -> None:
        """Create tables (idempotent DDL); other parts of the indexer keep theirs here too.

        executescript commits on its own, so this never runs inside a transaction.
        """
        self.conn.executescript(sql)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: all or nothing, one writer at a time."""
        conn = self.conn
        if conn.in_transaction:  # nested: the outer transaction decides
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- jobs --------------------------------------------------------------
    def add_job(self, token: str, original_name: str, parent_id: int | None = None, part: int = 0) -> Job:
        with self.transaction() as conn:
            stamp = now()
            cur = conn.execute(
                "INSERT INTO jobs (token, original_name, state, parent_id, part, created_at, updated_at)"
                " VALUES (?, ?, 'claimed', ?, ?, ?, ?)",
                (token, original_name, parent_id, part, stamp, stamp))
            self.log_event(cur.lastrowid, "claimed", original_name)
        return self.job(cur.lastrowid)

    def job(self, job_id: int) -> Job | None:
        return self._job(self.conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone())

    def job_by_token(self, token: str) -> Job | None:
        return self._job(self.conn.execute("SELECT * FROM jobs WHERE token = ?", (token,)).fetchone())

    def part_job(self, parent_id: int, part: int) -> Job | None:
        return self._job(self.conn.execute("SELECT * FROM jobs WHERE parent_id = ? AND part = ?",
                                           (parent_id, part)).fetchone())

    def jobs(self, states: tuple[str, ...] | None = None) -> list[Job]:
        if states:
            marks = ",".join("?" * len(states))
            rows = self.conn.execute(f"SELECT * FROM jobs WHERE state IN ({marks}) ORDER BY id", states)
        else:
            rows = self.conn.execute("SELECT * FROM jobs ORDER BY id")
        return [self._job(r) for r in rows]

    def unfinished_parts(self, parent_id: int) -> list[Job]:
        """The extra invoices of a lotto whose archiving has not been committed."""
        rows = self.conn.execute("SELECT * FROM jobs WHERE parent_id = ? AND state IN ('claimed', 'archiving')",
                                 (parent_id,))
        return [self._job(r) for r in rows]

    def drop_unfinished_parts(self, parent_id: int) -> None:
        with self.transaction() as conn:
            ids = [j.id for j in self.unfinished_parts(parent_id)]
            conn.executemany("DELETE FROM job_events WHERE job_id = ?", [(i,) for i in ids])
            conn.executemany("DELETE FROM jobs WHERE id = ?", [(i,) for i in ids])

    def update_job(self, job_id: int, step: str, detail: str = "", **values: Any) -> None:
        values = self._stored({**values, "updated_at": now()}, JOB_PATHS)
        sets = ", ".join(f"{k} = ?" for k in values)
        with self.transaction() as conn:
            conn.execute(f"UPDATE jobs SET {sets} WHERE id = ?", (*values.values(), job_id))
            self.log_event(job_id, step, detail)

    def log_event(self, job_id: int, step: str, detail: str = "") -> None:
        self.conn.execute("INSERT INTO job_events (job_id, at, step, detail) VALUES (?, ?, ?, ?)",
                          (job_id, now(), step, detail))

    def events(self, job_id: int) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT at, step, detail FROM job_events WHERE job_id = ? ORDER BY id",
                                 (job_id,)).fetchall()

    def state_counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT state, COUNT(*) FROM jobs GROUP BY state")
        return {state: n for state, n in rows}

    # -- documents ---------------------------------------------------------
    def document_with_sha(self, sha256: str) -> int | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ? AND part = 0", (sha256,)).fetchone()
        return row[0] if row else None

    def insert_document(self, record: dict[str, Any], pages: list[dict[str, Any]],
                        fields: list[dict[str, Any]]) -> None:
        """Write one document with its pages and fields (call inside a transaction)."""
        conn = self.conn
        record = self._stored(record, DOCUMENT_PATHS)
        cols = ", ".join(record)
        conn.execute(f"INSERT INTO documents ({cols}) VALUES ({', '.join('?' * len(record))})",
                     tuple(record.values()))
        conn.executemany("INSERT INTO pages VALUES (:document_id, :number, :text, :source, :confidence)", pages)
        conn.executemany(
            "INSERT INTO fields VALUES (:document_id, :name, :value, :raw, :confidence, :page, :box, :checks)",
            fields)

    def update_document(self, doc_id: int, record: dict[str, Any], fields: list[dict[str, Any]]) -> None:
        """Replace a document's row values and fields (call inside a transaction)."""
        record = self._stored(record, DOCUMENT_PATHS)
        sets = ", ".join(f"{k} = ?" for k in record)
        self.conn.execute(f"UPDATE documents SET {sets} WHERE id = ?", (*record.values(), doc_id))
        self.conn.execute("DELETE FROM fields WHERE document_id = ?", (doc_id,))
        self.conn.executemany(
            "INSERT INTO fields VALUES (:document_id, :name, :value, :raw, :confidence, :page, :box, :checks)",
            fields)

    def confirmed_documents(self) -> list[tuple[str, str]]:
        """(text, type) of every document a person confirmed or corrected: training data."""
        rows = self.conn.execute(
            "SELECT d.type, (SELECT group_concat(text, char(10)) FROM"
            "  (SELECT text FROM pages WHERE document_id = d.id ORDER BY number))"
            " FROM documents d WHERE d.review_state = 'confirmed' AND d.type IS NOT NULL ORDER BY d.id")
        return [(text, label) for label, text in rows]

    # -- suppliers ---------------------------------------------------------
    def confirm_supplier(self, vat: str, name: str | None, iban: str | None, user: str) -> None:
        self.conn.execute(
            "INSERT INTO suppliers VALUES (?, ?, ?, ?, ?) ON CONFLICT (vat) DO UPDATE SET"
            " name = coalesce(excluded.name, name), iban = coalesce(excluded.iban, iban),"
            " confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at",
            (vat, name, iban, user, now()))

    def supplier(self, vat: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM suppliers WHERE vat = ?", (vat,)).fetchone()
        return dict(row) if row else None

    def forget_supplier(self, vat: str) -> None:
        """Undo a supplier's confirmation (inside the caller's transaction)."""
        self.conn.execute("DELETE FROM suppliers WHERE vat = ?", (vat,))

    # -- supplier layouts (issue 14) -----------------------------------------
    def save_layout(self, supplier: str, page_size: str, layout: dict[str, Any], document_id: int | None,
                    user: str) -> None:
        """Remember a supplier's layout, keeping the one it replaces (inside the caller's transaction)."""
        old = self.conn.execute("SELECT * FROM supplier_layouts WHERE supplier = ? AND page_size = ?",
                                (supplier, page_size)).fetchone()
        previous = json.dumps({k: old[k] for k in old.keys() if k != "previous"}) if old else None
        self.conn.execute("INSERT OR REPLACE INTO supplier_layouts (supplier, page_size, layout, document_id,"
                          " learnt_by, learnt_at, previous) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          (supplier, page_size, json.dumps(layout, ensure_ascii=False), document_id, user, now(),
                           previous))

    def layouts(self, suppliers: list[str] | None = None) -> list[dict[str, Any]]:
        """The layouts of SUPPLIERS in their order (every layout without it), the JSON read."""
        if suppliers is None:
            rows = self.conn.execute("SELECT * FROM supplier_layouts ORDER BY supplier, page_size").fetchall()
        else:
            marks = ",".join("?" * len(suppliers))
            rows = self.conn.execute(f"SELECT * FROM supplier_layouts WHERE supplier IN ({marks}) ORDER BY page_size",
                                     suppliers).fetchall()
            rows.sort(key=lambda r: suppliers.index(r["supplier"]))
        return [{**dict(r), "layout": json.loads(r["layout"])} for r in rows]

    def layout_used(self, supplier: str, page_size: str, failed: bool) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE supplier_layouts SET used_at = ?, uses = uses + 1, failures = failures + ?"
                         " WHERE supplier = ? AND page_size = ?", (now(), int(failed), supplier, page_size))

    def delete_layouts(self, supplier: str) -> int:
        """An archivist deletes what was learnt about a supplier (inside the caller's transaction); how many."""
        return self.conn.execute("DELETE FROM supplier_layouts WHERE supplier = ?", (supplier,)).rowcount

    def forget_layouts(self, document_id: int) -> list[str]:
        """Take back what document DOCUMENT_ID taught: each layout learnt from it goes back to the one
        it replaced, or goes (inside the caller's transaction); the suppliers concerned."""
        rows = self.conn.execute("SELECT supplier, page_size, previous FROM supplier_layouts WHERE document_id = ?",
                                 (document_id,)).fetchall()
        for row in rows:
            self.conn.execute("DELETE FROM supplier_layouts WHERE supplier = ? AND page_size = ?",
                              (row["supplier"], row["page_size"]))
            if row["previous"]:
                old = json.loads(row["previous"])
                self.conn.execute(f"INSERT INTO supplier_layouts ({', '.join(old)}) VALUES"
                                  f" ({', '.join('?' * len(old))})", tuple(old.values()))
        return [row["supplier"] for row in rows]
    # -- end of supplier layouts ---------------------------------------------

    def return_to_review(self, doc_id: int) -> None:
        """A confirmation taken back: the document waits for a person again (inside the caller's transaction)."""
        self.conn.execute("UPDATE documents SET review_state = 'review' WHERE id = ?", (doc_id,))

    def document(self, doc_id: int) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        doc = dict(row)
        for key in DOCUMENT_PATHS:
            doc[key] = self.full_path(doc[key])
        for key in ("type_alternatives", "review_reasons"):
            doc[key] = json.loads(doc[key])
        doc["fields"] = {
            r["name"]: {"value": json.loads(r["value"]), "raw": r["raw"], "confidence": r["confidence"],
                        "page": r["page"], "box": json.loads(r["box"]) if r["box"] else None,
                        "checks": json.loads(r["checks"])}
            for r in self.conn.execute("SELECT * FROM fields WHERE document_id = ? ORDER BY rowid", (doc_id,))
        }
        doc["pages"] = [dict(r) for r in self.conn.execute(
            "SELECT number, text, source, confidence FROM pages WHERE document_id = ? ORDER BY number", (doc_id,))]
        return doc

    def archived_files(self, doc_id: int | None = None) -> list[dict[str, Any]]:
        """Where each document's files are (or one document's), for checking a home."""
        where, args = ("WHERE id = ?", (doc_id,)) if doc_id is not None else ("", ())
        rows = self.conn.execute(f"SELECT id, sha256, {', '.join(DOCUMENT_PATHS)} FROM documents {where} ORDER BY id",
                                 args)
        return [{**dict(r), **{c: self.full_path(r[c]) for c in DOCUMENT_PATHS}} for r in rows]

    def move_document(self, doc_id: int, old_folder: Path, new_folder: Path) -> None:
        """Point a document's paths at NEW_FOLDER, where its files are now."""
        [row] = self.archived_files(doc_id)
        paths = {c: str(new_folder / Path(row[c]).relative_to(old_folder)) for c in DOCUMENT_PATHS if row[c]}
        with self.transaction() as conn:
            stored = self._stored(paths, DOCUMENT_PATHS)
            conn.execute(f"UPDATE documents SET {', '.join(f'{c} = ?' for c in stored)} WHERE id = ?",
                         (*stored.values(), doc_id))
            self.update_job(doc_id, "moved", str(new_folder), archive_dir=str(new_folder))

    def lotto_departments(self, doc_id: int) -> set[str | None]:
        """The departments of every invoice in the file document DOC_ID came from (one, unless a
        FatturaPA lotto): its original shows them all, so only who sees them all may download it."""
        rows = self.conn.execute("SELECT department FROM documents WHERE sha256 ="
                                 " (SELECT sha256 FROM documents WHERE id = ?)", (doc_id,))
        return {r[0] for r in rows}

    # -- the files of one invoice -------------------------------------------
    def add_sdi_file(self, document_id: int, kind: str, sdi_identifier: str | None, sent_name: str | None) -> None:
        """Record what ties a FatturaPA invoice or an SdI notification to the others (inside the archiving transaction)."""
        self.conn.execute("INSERT OR REPLACE INTO sdi_files VALUES (?, ?, ?, ?)",
                          (document_id, kind, sdi_identifier, sent_name))

    def sdi_related(self, document_id: int) -> list[dict[str, Any]]:
        """The other files of the same invoice, oldest first: an invoice's notifications, a
        notification's invoice and sibling notifications. A notification that names no file
        (SE) is found by its SdI identifier, through another that names both."""
        rows = self.conn.execute(
            "WITH mine AS (SELECT sent_name, sdi_identifier FROM sdi_files WHERE document_id = :id),"
            " names AS (SELECT sent_name FROM mine UNION SELECT sent_name FROM sdi_files"
            "  WHERE sdi_identifier IN (SELECT sdi_identifier FROM mine)),"
            " ids AS (SELECT sdi_identifier FROM mine UNION SELECT sdi_identifier FROM sdi_files"
            "  WHERE sent_name IN (SELECT sent_name FROM names))"
            " SELECT s.document_id AS id, s.kind, s.sdi_identifier, d.title, d.doc_date, d.department,"
            "  d.original_name, d.archived_at FROM sdi_files s JOIN documents d ON d.id = s.document_id"
            " WHERE (s.sent_name IN (SELECT sent_name FROM names) OR s.sdi_identifier IN (SELECT sdi_identifier FROM ids))"
            "  AND s.document_id != :id"
            " ORDER BY s.kind != 'invoice', d.doc_date, s.document_id", {"id": document_id})
        return [dict(r) for r in rows]

    def add_invoice_file(self, document_id: int, invoice_key: str, electronic: bool) -> list[int]:
        """Record an invoice's identity (inside the archiving transaction), and decide again which
        of the files with that identity counts; the ids of the others whose role changed."""
        conn = self.conn
        conn.execute("INSERT OR REPLACE INTO invoice_files VALUES (?, ?, ?, NULL)",
                     (document_id, invoice_key, int(electronic)))
        rows = conn.execute("SELECT document_id, electronic, copy_of FROM invoice_files WHERE invoice_key = ?"
                            " ORDER BY electronic DESC, document_id", (invoice_key,)).fetchall()
        counted = rows[0]["document_id"]
        changed = []
        for row in rows:
            copy_of = None if row["document_id"] == counted else counted
            if row["document_id"] != document_id and row["copy_of"] != copy_of:
                changed.append(row["document_id"])
            conn.execute("UPDATE invoice_files SET copy_of = ? WHERE document_id = ?", (copy_of, row["document_id"]))
        return changed

    def invoice_files(self, document_id: int) -> list[dict[str, Any]]:
        """The other files of the same invoice (a FatturaPA and its PDF copy), the one that counts first."""
        rows = self.conn.execute(
            "SELECT d.id, d.title, d.original_name, d.media_type, d.department, other.copy_of"
            " FROM invoice_files mine JOIN invoice_files other ON other.invoice_key = mine.invoice_key"
            " JOIN documents d ON d.id = other.document_id"
            " WHERE mine.document_id = ? AND other.document_id != mine.document_id"
            " ORDER BY other.copy_of IS NOT NULL, d.id", (document_id,))
        return [dict(r) for r in rows]

    def document_count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def queue(self, department: str, limit: int = 100) -> list[sqlite3.Row]:
        """What was routed to a department, newest first (documents in review are not in it)."""
        return self.conn.execute(
            "SELECT id, original_name, type, type_confidence, doc_date, supplier_name, total, archived_at, work_state"
            " FROM documents WHERE department = ? AND review_state != 'review'"
            " ORDER BY archived_at DESC, id DESC LIMIT ?", (department, limit)).fetchall()

    def set_work_state(self, doc_id: int, state: str) -> None:
        if state not in WORK_STATES:
            raise ValueError(f"work state must be one of {', '.join(WORK_STATES)}")
        with self.transaction() as conn:
            conn.execute("UPDATE documents SET work_state = ? WHERE id = ?", (state, doc_id))

    def confirm_document(self, doc_id: int) -> None:
        """A person accepted the document's values: it leaves review (inside the caller's transaction)."""
        self.conn.execute("UPDATE documents SET review_state = 'confirmed' WHERE id = ?", (doc_id,))

    def record_audit(self, user: str, action: str, document_id: int | None = None,
                     detail: dict[str, Any] | None = None) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT INTO audit (at, user, action, document_id, detail) VALUES (?, ?, ?, ?, ?)",
                         (now(), user, action, document_id, json.dumps(detail or {}, ensure_ascii=False)))

    def audit_trail(self, document_id: int | None = None, limit: int = 200) -> list[dict[str, Any]]:
        if document_id is None:
            rows = self.conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self.conn.execute("SELECT * FROM audit WHERE document_id = ? ORDER BY id DESC LIMIT ?",
                                     (document_id, limit))
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]

    def review_queue(self, limit: int = 100, departments: tuple[str, ...] | None = None) -> list[sqlite3.Row]:
        """Documents waiting for a person; only those of DEPARTMENTS when given."""
        where, args = "review_state = 'review'", []
        if departments is not None:
            where += f" AND department IN ({','.join('?' * len(departments))})"
            args = list(departments)
        return self.conn.execute(
            "SELECT id, original_name, type, type_confidence, department, review_reasons, archived_at"
            f" FROM documents WHERE {where} ORDER BY id LIMIT ?", (*args, limit)).fetchall()


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
