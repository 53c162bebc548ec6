"""demat correct: a person fixes a document's type, fields or department."""

from __future__ import annotations

import getpass
import os


def register(sub, common) -> None:
    p = sub.add_parser("correct", parents=[common], help="correct a document's type, fields or department",
                       description="Records who changed what (audit trail), checks the document again, routes "
                                   "and indexes it again. A document left with no doubt is confirmed: it is "
                                   "training data for `demat train` and its supplier becomes known.")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--type", dest="doc_type", metavar="LABEL", help="the right document type")
    p.add_argument("--field", action="append", default=[], metavar="NAME=VALUE",
                   help="a field's right value, e.g. --field total=1.471,60 (repeatable)")
    p.add_argument("--department", metavar="D", help="send it to this department (else the routing rules decide)")
    p.add_argument("--user", default=os.environ.get("USER") or getpass.getuser(),
                   help="who makes the correction (default: the login name)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.kernel.errors import N_, UsageError
    from demat.pipeline.app import App
    from demat.pipeline.commands.show import render
    from demat.pipeline.corrections import correct

    fields = field_values(args.field, "--field")
    if not (args.doc_type or fields or args.department):
        raise UsageError(N_("nothing to correct: give --type, --field or --department"))
    with App(config, with_runner=False) as app:
        doc = correct(app, args.id, args.user, doc_type=args.doc_type, fields=fields, department=args.department)
        doc["history"] = [dict(e) for e in app.catalog.events(args.id)]
    print(render(doc))
    return 0


def field_values(items: list[str], option: str) -> dict[str, str]:
    """NAME=VALUE arguments as a dict."""
    from demat.kernel.errors import N_, UsageError

    fields = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(N_("%(option)s %(item)s: write it as NAME=VALUE, e.g. total=1.471,60"),
                             option=option, item=repr(item))
        fields[name.strip()] = value
    return fields
