"""demat status: how many files are where; what is in quarantine or held, and why; what the inbox leaves alone."""

from __future__ import annotations

STATES = ("claimed", "archiving", "archived", "duplicate", "quarantined", "held", "discarded")


def register(sub, common) -> None:
    p = sub.add_parser("status", parents=[common],
                       help="count jobs per state; list the quarantined, held and ignored files with reasons")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.pipeline.inbox import left_alone, scan

    catalog = open_catalog(config) if config.has_catalog() else None
    waiting = len(list(scan(config.inbox))) if config.inbox.exists() else 0
    ignored = left_alone(config.inbox) if config.inbox.exists() else []
    counts = catalog.state_counts() if catalog else {}
    print(f"home: {config.home}")
    print(f"  waiting in inbox:   {waiting}")
    print(f"  ignored in inbox:   {len(ignored)}")
    for state in STATES:
        print(f"  {state + ':':<19} {counts.get(state, 0)}")
    if catalog:
        print(f"  in review:          {catalog.review_count()}")
        for state, title in (("quarantined", "quarantine (demat retry ID puts a file through again, "
                                             "demat discard ID sets it aside):"),
                             ("held", "held: not the file's fault, tried again later (demat retry ID: now):")):
            jobs = catalog.jobs((state,))
            if jobs:
                print(title)
                for job in jobs:
                    print(f"  {job.id:>5}  {job.original_name}\n         {job.error_message}\n"
                          f"         → {job.error_action}")
    if ignored:
        print("ignored in the inbox, never taken (rename or replace them):")
        for name, reason in ignored:
            print(f"         {name}: {reason}")
    return 0
