"""demat layouts: the supplier layouts learnt from confirmations, listed, exported, imported."""

from __future__ import annotations

import getpass
import os
from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser("layouts", parents=[common], help="list, export or import the supplier layouts learnt",
                       description="Each confirmed invoice teaches where its supplier prints each field. "
                                   "`export FILE` writes them all as JSON, `import FILE` adds them to this "
                                   "installation (replacing a supplier's layout of the same page size), "
                                   "`delete SUPPLIER` forgets a supplier's layouts (SUPPLIER as `list` shows it, "
                                   "e.g. vat:01234567890).")
    p.add_argument("action", choices=("list", "export", "import", "delete"))
    p.add_argument("file", nargs="?", metavar="FILE|SUPPLIER")
    p.add_argument("--user", default=os.environ.get("USER") or getpass.getuser(),
                   help="who imports or deletes (default: the login name)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.kernel.errors import N_, UsageError
    from demat.pipeline.app import App
    from demat.pipeline.layout_memory import export_layouts, forget_layouts, import_layouts
    from demat.web.i18n import cli_language, translate

    if args.action != "list" and args.file is None:
        raise UsageError(N_("`demat layouts %(command)s` needs %(argument)s"), command=args.action,
                         argument="SUPPLIER" if args.action == "delete" else "FILE")
    language = cli_language()
    with App(config, with_runner=False) as app:
        if args.action == "export":
            print(translate(language, "Supplier layouts written to %(file)s: %(count)s",
                            file=args.file, count=export_layouts(app.catalog, Path(args.file))))
        elif args.action == "import":
            print(translate(language, "Supplier layouts imported from %(file)s: %(count)s",
                            file=args.file, count=import_layouts(app.catalog, Path(args.file), args.user)))
        elif args.action == "delete":
            deleted = forget_layouts(app.catalog, args.file, args.user)
            print(translate(language, "Layouts of %(supplier)s deleted: %(count)s", supplier=args.file, count=deleted))
        else:
            for row in app.catalog.layouts():
                learnt = translate(language, "learnt %(when)s from document %(document)s", when=row["learnt_at"],
                                   document=row["document_id"] or translate(language, "(imported)"))
                used = translate(language, "used %(uses)s times, %(failures)s not matching", uses=row["uses"],
                                 failures=row["failures"])
                print(f"{row['supplier']}\t{row['page_size']}\t{', '.join(row['layout']['fields'])}\t{learnt}\t{used}")
    return 0
