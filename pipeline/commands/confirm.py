"""demat confirm: a person says a document's values are right (after corrections, if any)."""

from __future__ import annotations

import getpass
import os


def register(sub, common) -> None:
    p = sub.add_parser("confirm", parents=[common],
                       help="confirm a document's values (and learn its supplier's layout)",
                       description="Applies the corrections given with --set, --type and --department (audited and "
                                   "routed again, as `demat correct`), then "
                                   "confirms the document: it leaves review, its supplier becomes known and the "
                                   "place of each value on the page is remembered for the supplier's next "
                                   "invoices. --undo takes a wrong confirmation back.")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--set", dest="fields", action="append", default=[], metavar="NAME=VALUE",
                   help="a field's right value, e.g. --set total=1.471,60 (repeatable)")
    p.add_argument("--type", dest="doc_type", metavar="LABEL", help="the right document type (routed again)")
    p.add_argument("--department", metavar="D", help="send it to this department (else the routing rules decide)")
    p.add_argument("--undo", action="store_true",
                   help="take back the last confirmation: forget what it taught, put the document back in review")
    p.add_argument("--user", default=os.environ.get("USER") or getpass.getuser(),
                   help="who confirms (default: the login name)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.kernel.errors import N_, UsageError
    from demat.pipeline.app import App
    from demat.pipeline.commands.correct import field_values
    from demat.pipeline.commands.show import render
    from demat.pipeline.confirmation import confirm, undo

    fields = field_values(args.fields, "--set")
    if args.undo and (fields or args.doc_type or args.department):
        raise UsageError(N_("--undo takes no --set: undo first, then confirm again with the right values"))
    with App(config, with_runner=False) as app:
        doc = undo(app, args.id, args.user) if args.undo else \
            confirm(app, args.id, args.user, fields, args.doc_type, args.department)
        doc["history"] = [dict(e) for e in app.catalog.events(args.id)]
    print(render(doc))
    return 0
