"""demat migrate: move this home's SQLite catalog and search index into PostgreSQL."""

from __future__ import annotations

from pipeline.errors import UsageError


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
    from indexer.catalog import Catalog
    from indexer.catalog.dialects import without_password
    from indexer.catalog.transfer import TransferError, move
    from indexer.search import open_search
    from pipeline.config import load_config
    from web.sessions import LoginLimiter
    from web.users import Users

    url = args.to or config.catalog.url
    if not url:
        raise UsageError("no PostgreSQL database to move the catalog into",
                         'Set [catalog] url = "postgresql://user:password@host/database" in demat.toml, '
                         "or give --to URL.")
    if not config.catalog_path.exists():
        raise UsageError(f"{config.catalog_path}: there is no SQLite catalog to move",
                         "Run `demat migrate` in the home (--home) whose catalog.sqlite3 holds the documents.")
    moved = load_config(config.home, overrides={"catalog": {"url": url}})  # the settings once moved
    source = Catalog(config.catalog_path)
    target = Catalog(url, home=config.home)
    Users(target)  # the web's tables, as `demat serve` makes them
    LoginLimiter(target)

    def progress(table: str, done: int, total: int) -> None:
        print(f"{table}: {done}/{total} rows", flush=True)

    checks = move(source, target, progress)
    print("verification (rows, content hash):")
    for check in checks:
        print(f"  {check.table:<20} {check.rows:>9}  {check.digest}  {'same' if check.same else 'DIFFERENT'}")
    different = [c.table for c in checks if not c.same]
    if different:
        raise TransferError(f"after the copy, {', '.join(different)} differ between SQLite and PostgreSQL",
                            "Something changed the SQLite catalog or the database meanwhile: stop every demat "
                            "process of this home and run `demat migrate` again.")
    count = open_search(moved, target).reindex(
        lambda done, total: print(f"search index: {done}/{total} documents", flush=True))
    print(f"moved: {sum(c.rows for c in checks)} rows in {len(checks)} tables, {count} documents indexed "
          f"({moved.search.backend})")
    if not config.catalog.url:
        print(f'Now set [catalog] url = "{without_password(url)}" in demat.toml, then start demat again.')
    return 0
