"""demat check: does the home agree with its catalog? Repairs what it can, reports the rest."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser("check", parents=[common], help="verify a home after a restore or a crash, and repair it",
                       description="Every catalog row must have its archive folder and files, every archive "
                                   "folder its row, every quarantined job its file. Spare copies left by an "
                                   "interrupted correction are removed, moved folders found again, missing "
                                   "document.json files written again, the search index repaired; the rest "
                                   "is reported. Exit code 1 when something is left for a person.")
    p.add_argument("--dry-run", action="store_true", help="only report, change nothing")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.pipeline.app import App
    from demat.pipeline.home_check import check_home

    with App(config, with_runner=False) as app:
        findings = check_home(config, app.catalog, app.search, repair=not args.dry_run)
    for f in findings:
        print(f"{'REPAIRED' if f.repaired else 'PROBLEM '}  {f.problem}")
        print(f"          → {f.repaired or f.action}")
    left = [f for f in findings if not f.repaired]
    print(f"{config.home}: {len(findings) - len(left)} repaired, {len(left)} left for a person"
          if findings else f"{config.home}: the catalog and the files agree")
    return 1 if left else 0
