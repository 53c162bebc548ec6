"""The catalog: one database that knows every job and every archived document.

It holds the durable job table (what happened to each file taken from the
inbox), the documents with their pages' text, fields, type and route, and the
search backend's outbox. It is a SQLite file in the home (WAL, so readers never
wait), or a PostgreSQL database that several machines share (dialects.py); its
schema is a list of migrations (migrations.py). One connection per thread.
Other code never writes SQL against these tables: it calls this module.

Paths are stored relative to the home (the catalog's folder), so a home copied
or restored elsewhere still finds its files; this module hands them out whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from demat.indexer.catalog import migrations
from demat.indexer.catalog.dialects import Row, dialect_for

# Documents that count on their own: not the copy of an invoice another file already holds.
COUNTED_ONCE = "d.id NOT IN (SELECT document_id FROM invoice_files WHERE copy_of IS NOT NULL)"
WORK_STATES = ("new", "in_progress", "done")
JOB_PATHS = ("archive_dir", "quarantine_path")
DOCUMENT_PATHS = ("archive_dir", "original_path", "searchable_pdf_path", "sidecar_path")


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def open_catalog(config) -> Catalog:
    """The catalog the settings name: [catalog] url, else the SQLite file in the home."""
    return Catalog(config.catalog.url or config.catalog_path, home=config.home)


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
    """The catalog of one demat home. Safe to share between threads."""

    def __init__(self, location: str | Path, home: Path | None = None):
        """LOCATION: the SQLite file (its folder is the home), or a PostgreSQL URL and the HOME it serves."""
        self.dialect = dialect_for(location)
        self.home = Path(home) if home is not None else Path(location).parent
        self._local = threading.local()
        migrations.apply(self)

    def schema_version(self) -> int:
        return migrations.applied(self)

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

    def _job(self, row: Row | None) -> Job | None:
        if row is None:
            return None
        job = Job(**row)
        for column in JOB_PATHS:
            setattr(job, column, self.full_path(getattr(job, column)))
        return job

    # -- connections -------------------------------------------------------
    @property
    def conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self.dialect.connect()
        return conn

    def add_schema(self, sql: str) -> None:
        """Create tables (idempotent DDL); other parts of the indexer keep theirs here too.

        Written for SQLite; PostgreSQL gets its types (dialects.py). SQLite's executescript
        commits on its own, so this never runs inside a transaction.
        """
        self.conn.executescript(self.dialect.ddl(sql))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """BEGIN ... COMMIT: all or nothing, one writer at a time (each dialect says how)."""
        conn = self.conn
        if conn.in_transaction:  # nested: the outer transaction decides
            yield conn
            return
        conn.execute(self.dialect.begin)
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
            [job_id] = conn.execute(
                "INSERT INTO jobs (token, original_name, state, parent_id, part, created_at, updated_at)"
                " VALUES (?, ?, 'claimed', ?, ?, ?, ?) RETURNING id",
                (token, original_name, parent_id, part, stamp, stamp)).fetchone()
            self.log_event(job_id, "claimed", original_name)
        return self.job(job_id)

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

    def latest_job(self, original_name: str) -> Job | None:
        """The newest job of a file dropped as ORIGINAL_NAME: a name comes back, the newest is the one asked about."""
        return self._job(self.conn.execute("SELECT * FROM jobs WHERE original_name = ? AND parent_id IS NULL"
                                           " ORDER BY id DESC LIMIT 1", (original_name,)).fetchone())

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

    def events(self, job_id: int) -> list[Row]:
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
            f"SELECT d.type, (SELECT {self.dialect.join_lines.format('text')} FROM"
            "  (SELECT text FROM pages WHERE document_id = d.id ORDER BY number) AS p)"
            " FROM documents d WHERE d.review_state = 'confirmed' AND d.type IS NOT NULL ORDER BY d.id")
        return [(text, label) for label, text in rows]

    # -- suppliers ---------------------------------------------------------
    def confirm_supplier(self, vat: str, name: str | None, iban: str | None, user: str) -> None:
        self.conn.execute(
            "INSERT INTO suppliers VALUES (?, ?, ?, ?, ?) ON CONFLICT (vat) DO UPDATE SET"
            " name = coalesce(excluded.name, suppliers.name), iban = coalesce(excluded.iban, suppliers.iban),"
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
        previous = json.dumps({k: old[k] for k in old.keys() if k != "previous"}) if old else None  # noqa: SIM118 (a Row iterates its values)
        self.conn.execute("INSERT INTO supplier_layouts (supplier, page_size, layout, document_id, learnt_by,"
                          " learnt_at, previous) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (supplier, page_size)"
                          " DO UPDATE SET layout = excluded.layout, document_id = excluded.document_id,"
                          " learnt_by = excluded.learnt_by, learnt_at = excluded.learnt_at, used_at = NULL,"
                          " uses = 0, failures = 0, previous = excluded.previous",
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

    def delete_layouts(self, supplier: str, page_size: str | None = None) -> int:
        """An archivist deletes what was learnt about a supplier, on one PAGE_SIZE or all (inside the
        caller's transaction); how many."""
        if page_size is None:
            return self.conn.execute("DELETE FROM supplier_layouts WHERE supplier = ?", (supplier,)).rowcount
        return self.conn.execute("DELETE FROM supplier_layouts WHERE supplier = ? AND page_size = ?",
                                 (supplier, page_size)).rowcount

    def edit_layout(self, supplier: str, page_size: str, layout: dict[str, Any]) -> None:
        """An archivist's change to a layout, in place: who taught it and its uses stay (inside the caller's
        transaction)."""
        self.conn.execute("UPDATE supplier_layouts SET layout = ? WHERE supplier = ? AND page_size = ?",
                          (json.dumps(layout, ensure_ascii=False), supplier, page_size))

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
            for r in self.conn.execute(f"SELECT * FROM fields WHERE document_id = ? ORDER BY {self.dialect.insertion_order}",
                                       (doc_id,))
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
        self.conn.execute("INSERT INTO sdi_files VALUES (?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET"
                          " kind = excluded.kind, sdi_identifier = excluded.sdi_identifier,"
                          " sent_name = excluded.sent_name",
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
        conn.execute("INSERT INTO invoice_files VALUES (?, ?, ?, NULL) ON CONFLICT (document_id) DO UPDATE SET"
                     " invoice_key = excluded.invoice_key, electronic = excluded.electronic, copy_of = NULL",
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

    def queue(self, department: str, limit: int = 100) -> list[Row]:
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
            conn.execute("INSERT INTO audit (at, \"user\", action, document_id, detail) VALUES (?, ?, ?, ?, ?)",
                         (now(), user, action, document_id, json.dumps(detail or {}, ensure_ascii=False)))

    def audit_trail(self, document_id: int | None = None, limit: int = 200) -> list[dict[str, Any]]:
        if document_id is None:
            rows = self.conn.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?", (limit,))
        else:
            rows = self.conn.execute("SELECT * FROM audit WHERE document_id = ? ORDER BY id DESC LIMIT ?",
                                     (document_id, limit))
        return [{**dict(r), "detail": json.loads(r["detail"])} for r in rows]

    def review_queue(self, limit: int = 100, departments: tuple[str, ...] | None = None,
                     offset: int = 0) -> list[Row]:
        """Documents waiting for a person, oldest first; only those of DEPARTMENTS when given."""
        where, args = _in_review(departments)
        return self.conn.execute(
            "SELECT id, original_name, type, type_confidence, department, review_reasons, archived_at"
            f" FROM documents WHERE {where} ORDER BY id LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()

    def review_count(self, departments: tuple[str, ...] | None = None) -> int:
        """How many documents wait for a person, counted by the database rather than read one by one."""
        where, args = _in_review(departments)
        return self.conn.execute(f"SELECT COUNT(*) FROM documents WHERE {where}", args).fetchone()[0]


def _in_review(departments: tuple[str, ...] | None) -> tuple[str, list[str]]:
    """The WHERE clause of the review queue, narrowed to DEPARTMENTS when given."""
    if departments is None:
        return "review_state = 'review'", []
    return f"review_state = 'review' AND department IN ({','.join('?' * len(departments))})", list(departments)

