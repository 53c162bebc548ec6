"""The web pages and HTTP API of demat: search, documents, review, queues, accounting, inbox, audit.

    demat user add anna --role archivist
    demat user add carlo --role accounting --department amministrazione
    demat user token carlo          # for the accounting system: Authorization: Bearer <token>
    demat serve                     # http://127.0.0.1:8000/

`app.create_app(config)` builds the app: `pages` (people) and `api` (machines,
/api/openapi.json) call `actions`, where every rule about who may see what is
applied once (`access`), and every view, download, correction and export is
written to the audit trail.
"""
