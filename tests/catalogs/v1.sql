BEGIN TRANSACTION;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,                 -- correct, view, download, export, route, ...
    document_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'     -- JSON: for a correction {"field", "old", "new"}
);
INSERT INTO "audit" VALUES(1,'2026-12-02T15:39:44+00:00','anna','view',1,'{"via": "web"}');
CREATE TABLE documents (
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
INSERT INTO "documents" VALUES(1,'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',0,'scans/fattura 1.pdf','application/pdf','ocr',2,'Fattura 12/2024 Rossi','fattura',0.93,'[["ddt", 0.04]]','model','acquisti','review','new','["nuovo fornitore"]','2024-01-15','Rossi S.r.l.','01234567890','1220.00','/srv/demat/var/archive/acquisti/2024/01/000001','/srv/demat/var/archive/acquisti/2024/01/000001/fattura 1.pdf','/srv/demat/var/archive/acquisti/2024/01/000001/fattura 1.searchable.pdf','/srv/demat/var/archive/acquisti/2024/01/000001/fattura 1.json','2024-01-16T08:00:00+00:00','2024-01-16T08:01:00+00:00');
CREATE TABLE fields (
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
INSERT INTO "fields" VALUES(1,'total','"1220.00"','1.220,00',0.9,1,NULL,'[]');
INSERT INTO "fields" VALUES(1,'doc_date','"2024-01-15"','15/01/2024',0.95,1,NULL,'[]');
INSERT INTO "fields" VALUES(1,'supplier_vat','"01234567890"','IT01234567890',0.99,1,NULL,'[]');
CREATE TABLE job_events (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    at TEXT NOT NULL,
    step TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
INSERT INTO "job_events" VALUES(1,1,'2026-12-02T15:39:44+00:00','claimed','scans/fattura 1.pdf');
INSERT INTO "job_events" VALUES(2,1,'2026-12-02T15:39:44+00:00','archived','');
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,           -- its folder in processing/
    original_name TEXT NOT NULL,          -- path relative to the inbox
    state TEXT NOT NULL,                  -- claimed, archiving, archived, duplicate, quarantined
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
INSERT INTO "jobs" VALUES(1,'tok1','scans/fattura 1.pdf','archived',NULL,0,0,'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',NULL,'/srv/demat/var/archive/acquisti/2024/01/000001',NULL,NULL,NULL,NULL,'2026-12-02T15:39:44+00:00','2026-12-02T15:39:44+00:00');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "meta" VALUES('schema_version','1');
CREATE TABLE pages (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (document_id, number)
);
INSERT INTO "pages" VALUES(1,1,'FATTURA n. 12 del 15/01/2024
Rossi S.r.l.','ocr',0.91);
INSERT INTO "pages" VALUES(1,2,'Totale documento € 1.220,00','ocr',0.88);
CREATE TABLE suppliers (
    vat TEXT PRIMARY KEY,
    name TEXT,
    iban TEXT,
    confirmed_by TEXT NOT NULL,
    confirmed_at TEXT NOT NULL
);
INSERT INTO "suppliers" VALUES('09876543210','Bianchi S.p.A.',NULL,'anna','2026-12-02T15:39:44+00:00');
CREATE INDEX jobs_state ON jobs(state);
CREATE INDEX documents_department ON documents(department, archived_at);
CREATE INDEX documents_review ON documents(review_state);
CREATE INDEX audit_document ON audit(document_id, id);
COMMIT;
