"""demat queue: what was routed to one department."""

from __future__ import annotations

from pipeline.document import DEPARTMENTS
from pipeline.errors import UsageError


def register(sub, common) -> None:
    p = sub.add_parser("queue", parents=[common], help="list the documents routed to a department",
                       description=f"Departments: {', '.join(DEPARTMENTS)}.")
    p.add_argument("department", metavar="DEPARTMENT")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from indexer.catalog import Catalog

    if args.department not in DEPARTMENTS:
        raise UsageError(f"unknown department {args.department!r}; known: {', '.join(DEPARTMENTS)}")
    rows = Catalog(config.catalog_path).queue(args.department, args.limit)
    if not rows:
        print(f"The {args.department} queue is empty.")
    for r in rows:
        print(f"{r['id']:>6}  {r['archived_at'][:10]}  {r['type'] or '-':<14} {r['doc_date'] or '':<10}  "
              f"{(r['supplier_name'] or '')[:30]:<30} {r['total'] or '':>12}  {r['original_name']}")
    return 0
