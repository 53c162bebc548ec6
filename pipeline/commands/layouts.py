"""demat layouts: the supplier layouts learnt from confirmations, listed, exported, imported, edited."""

from __future__ import annotations

import getpass
import os
from pathlib import Path


def register(sub, common) -> None:
    p = sub.add_parser("layouts", parents=[common], help="list, export, import or edit the supplier layouts learnt",
                       description="Each confirmed invoice teaches where its supplier prints each field. "
                                   "`export FILE` writes them all as JSON, `import FILE` adds them to this "
                                   "installation (replacing a supplier's layout of the same page size), "
                                   "`delete SUPPLIER` forgets a supplier's layouts (one with --page-size), "
                                   "`forget SUPPLIER FIELD` leaves one field (vat_lines: the VAT split) to the "
                                   "general extractor again, as the supplier's web page does; SUPPLIER and the "
                                   "page sizes as `list` shows them, e.g. vat:01234567890 600x840. Deleting and "
                                   "forgetting are in the audit trail.")
    p.add_argument("action", choices=("list", "export", "import", "delete", "forget"))
    p.add_argument("file", nargs="?", metavar="FILE|SUPPLIER")
    p.add_argument("field", nargs="?", metavar="FIELD", help="with forget: the field the layout should no longer read")
    p.add_argument("--page-size", metavar="SIZE",
                   help="the layout of this page size only (forget: needed when the supplier has several)")
    p.add_argument("--user", default=os.environ.get("USER") or getpass.getuser(),
                   help="who imports, deletes or forgets (default: the login name)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.kernel.errors import N_, UsageError
    from demat.pipeline.app import App
    from demat.pipeline.layout_memory import export_layouts, forget_layouts, import_layouts
    from demat.web.i18n import cli_language, translate

    if args.action != "list" and args.file is None:
        raise UsageError(N_("`demat layouts %(command)s` needs %(argument)s"), command=args.action,
                         argument="SUPPLIER" if args.action in ("delete", "forget") else "FILE")
    if (args.action == "forget") != (args.field is not None):
        raise UsageError(N_("`demat layouts %(command)s` needs %(argument)s"), command=args.action,
                         argument="SUPPLIER FIELD" if args.action == "forget" else "FILE|SUPPLIER")
    language = cli_language()
    with App(config, with_runner=False) as app:
        if args.action == "export":
            print(translate(language, "Supplier layouts written to %(file)s: %(count)s",
                            file=args.file, count=export_layouts(app.catalog, Path(args.file))))
        elif args.action == "import":
            print(translate(language, "Supplier layouts imported from %(file)s: %(count)s",
                            file=args.file, count=import_layouts(app.catalog, Path(args.file), args.user)))
        elif args.action == "delete":
            deleted = forget_layouts(app.catalog, args.file, args.user, args.page_size)
            print(translate(language, "Layouts of %(supplier)s deleted: %(count)s", supplier=args.file, count=deleted))
        elif args.action == "forget":
            print(forget(app.catalog, args, language))
        else:
            for row in app.catalog.layouts():
                learnt = translate(language, "learnt %(when)s from document %(document)s", when=row["learnt_at"],
                                   document=row["document_id"] or translate(language, "(imported)"))
                used = translate(language, "used %(uses)s times, %(failures)s not matching", uses=row["uses"],
                                 failures=row["failures"])
                print(f"{row['supplier']}\t{row['page_size']}\t{', '.join(row['layout']['fields'])}\t{learnt}\t{used}")
    return 0


def forget(catalog, args, language: str) -> str:
    """Leave field ARGS.field of the supplier's layout (the only one, or that of --page-size) to the general
    extractor; what happened, to print."""
    from demat.kernel.errors import N_, UsageError
    from demat.pipeline.layout_memory import forget_field
    from demat.web.i18n import translate
    from demat.web.i18n_labels import label

    sizes = [row["page_size"] for row in catalog.layouts([args.file])]
    size = args.page_size or (sizes[0] if len(sizes) == 1 else None)
    if size is None and sizes:
        raise UsageError(N_("%(supplier)s has layouts for several page sizes (%(sizes)s): choose one with "
                            "--page-size"), supplier=args.file, sizes=", ".join(sizes))
    if not forget_field(catalog, args.file, size or "", args.field, args.user):
        return translate(language, "The layout for pages of %(size)s points is forgotten.", size=size)
    return translate(language, "%(field)s is no longer read through the layout for pages of %(size)s points.",
                     field=label("field", args.field, language), size=size)
