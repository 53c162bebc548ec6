"""The web pages and HTTP API of demat: search, documents, review, queues, accounting, inbox, audit.

`web.app.create_app(config)` builds the app; `demat serve` runs it.
"""
