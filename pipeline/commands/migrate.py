"""demat migrate: move this home's SQLite catalog and search index into PostgreSQL."""

from __future__ import annotations

from demat.kernel.errors import N_, UsageError


def register(sub, common) -> None:
    p = sub.add_parser("migrate", parents=[common], help="move the SQLite catalog into PostgreSQL",
                       description="Copies every job, document, user and audit entry of the home's SQLite "
                                   "catalog into the PostgreSQL database of [catalog] url (or --to), builds the "
                                   "search index there, and compares both sides table by table. Stop demat on "
                                   "this home first. Run it again to continue after an interruption; the SQLite "
                                   "file is left as it was.")
    p.add_argument("--to", metavar="URL", help="the PostgreSQL database, postgresql://user:password@host/db "
                                               "(default: [catalog] url in demat.toml)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import Catalog
    from demat.indexer.catalog.dialects import without_password
    from demat.indexer.catalog.transfer import TransferError, move
    from demat.indexer.search import open_search
    from demat.kernel.config import load_config
    from demat.web.i18n import cli_language, translate
    from demat.web.sessions import LoginLimiter
    from demat.web.users import Users

    url = args.to or config.catalog.url
    if not url:
        raise UsageError(N_("no PostgreSQL database to move the catalog into"),
                         N_('Set [catalog] url = "postgresql://user:password@host/database" in demat.toml, '
                            "or give --to URL."))
    if not config.catalog_path.exists():
        raise UsageError(N_("%(path)s: there is no SQLite catalog to move"),
                         N_("Run `demat migrate` in the home (--home) whose catalog.sqlite3 holds the documents."),
                         path=config.catalog_path)
    language = cli_language()
    moved = load_config(config.home, overrides={"catalog": {"url": url}})  # the settings once moved
    source = Catalog(config.catalog_path)
    target = Catalog(url, home=config.home)
    Users(target)  # the web's tables, as `demat serve` makes them
    LoginLimiter(target)

    def progress(table: str, done: int, total: int) -> None:
        print(translate(language, "%(table)s: %(done)s/%(total)s rows", table=table, done=done, total=total),
              flush=True)

    checks = move(source, target, progress)
    print(translate(language, "verification (rows, content hash):"))
    for check in checks:
        verdict = translate(language, "same") if check.same else translate(language, "DIFFERENT")
        print(f"  {check.table:<20} {check.rows:>9}  {check.digest}  {verdict}")
    different = [c.table for c in checks if not c.same]
    if different:
        raise TransferError(N_("after the copy, %(tables)s differ between SQLite and PostgreSQL"),
                            N_("Something changed the SQLite catalog or the database meanwhile: stop every demat "
                               "process of this home and run `demat migrate` again."), tables=", ".join(different))
    count = open_search(moved, target).reindex(lambda done, total: print(
        translate(language, "search index: %(done)s/%(total)s documents", done=done, total=total), flush=True))
    print(translate(language, "moved: %(rows)s rows in %(tables)s tables, %(documents)s documents indexed "
                              "(%(backend)s)", rows=sum(c.rows for c in checks), tables=len(checks),
                    documents=count, backend=moved.search.backend))
    if not config.catalog.url:
        print(translate(language, 'Now set [catalog] url = "%(url)s" in demat.toml, then start demat again.',
                        url=without_password(url)))
    return 0
