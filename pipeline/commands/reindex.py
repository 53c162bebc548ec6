"""demat reindex: rebuild the search index from the catalog."""

from __future__ import annotations

import sys


def register(sub, common) -> None:
    p = sub.add_parser("reindex", parents=[common], help="rebuild the search index from the catalog",
                       description="Throws the search index away and indexes every archived document again "
                                   "(after an upgrade, or when search and catalog disagree).")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.indexer.search import open_search

    def progress(done: int, total: int) -> None:
        print(f"\rindexed {done}/{total} documents", end="", file=sys.stderr, flush=True)

    count = open_search(config, open_catalog(config)).reindex(progress if sys.stderr.isatty() else None)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{count} documents indexed ({config.search.backend})")
    return 0
