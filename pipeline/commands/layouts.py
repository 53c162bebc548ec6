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
    from pipeline.app import App
    from pipeline.errors import UsageError
    from pipeline.layout_memory import export_layouts, import_layouts

    if args.action != "list" and args.file is None:
        raise UsageError(f"demat layouts {args.action} needs a {'SUPPLIER' if args.action == 'delete' else 'FILE'}")
    with App(config, with_runner=False) as app:
        if args.action == "export":
            print(f"{export_layouts(app.catalog, Path(args.file))} supplier layouts written to {args.file}")
        elif args.action == "import":
            imported = import_layouts(app.catalog, Path(args.file), args.user)
            print(f"{imported} supplier layouts imported from {args.file}")
        elif args.action == "delete":
            with app.catalog.transaction():
                deleted = app.catalog.delete_layouts(args.file)
                if not deleted:
                    raise UsageError(f"no layout learnt for {args.file}", "`demat layouts list` shows the suppliers.")
                app.catalog.record_audit(args.user, "delete_layout", None, {"supplier": args.file})
            print(f"{deleted} layouts of {args.file} deleted")
        else:
            for row in app.catalog.layouts():
                print(f"{row['supplier']}\t{row['page_size']}\t{', '.join(row['layout']['fields'])}\t"
                      f"learnt {row['learnt_at']} from document {row['document_id'] or '(imported)'}\t"
                      f"used {row['uses']} times, {row['failures']} not matching")
    return 0
