"""demat queue: what was routed to one department."""

from __future__ import annotations

from demat.kernel.document import DEPARTMENTS
from demat.kernel.errors import N_, UsageError


def register(sub, common) -> None:
    p = sub.add_parser("queue", parents=[common], help="list the documents routed to a department",
                       description=f"Departments: {', '.join(DEPARTMENTS)}.")
    p.add_argument("department", metavar="DEPARTMENT")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.web.i18n import cli_language, translate
    from demat.web.i18n_formats import amount, date, when
    from demat.web.i18n_labels import label

    if args.department not in DEPARTMENTS:
        raise UsageError(N_("unknown department %(department)r; known: %(known)s"), department=args.department,
                         known=", ".join(DEPARTMENTS))
    language = cli_language()
    rows = open_catalog(config).queue(args.department, args.limit)
    if not rows:
        print(translate(language, "The %(department)s queue is empty.",
                        department=label("department", args.department, language)))
    for r in rows:
        print(f"{r['id']:>6}  {when(r['archived_at'])[:10]}  {label('type', r['type'], language) or '-':<22} "
              f"{date(r['doc_date']):<10}  {(r['supplier_name'] or '')[:30]:<30} "
              f"{amount(r['total'], language, doc_type=r['type']):>14}  {r['original_name']}")
    return 0
