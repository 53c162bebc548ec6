"""demat status: how many files are where, and what is in quarantine and why."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("status", parents=[common], help="count jobs per state and list the quarantine with reasons")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from indexer.catalog import Catalog
    from pipeline.inbox import scan

    catalog = Catalog(config.catalog_path) if config.catalog_path.exists() else None
    waiting = len(list(scan(config.inbox))) if config.inbox.exists() else 0
    counts = catalog.state_counts() if catalog else {}
    print(f"home: {config.home}")
    print(f"  waiting in inbox:   {waiting}")
    for state in ("claimed", "archiving", "archived", "duplicate", "quarantined"):
        print(f"  {state + ':':<19} {counts.get(state, 0)}")
    if catalog:
        print(f"  in review:          {len(catalog.review_queue(limit=1_000_000))}")
        quarantined = catalog.jobs(("quarantined",))
        if quarantined:
            print("quarantine (demat retry ID puts a file through again):")
            for job in quarantined:
                print(f"  {job.id:>5}  {job.original_name}\n         {job.error_message}\n         → {job.error_action}")
    return 0
