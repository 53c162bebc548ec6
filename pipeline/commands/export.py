"""demat export invoices: the invoice data for the accounting system."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from demat.kernel.document import DEPARTMENTS
from demat.kernel.errors import N_, UsageError
from demat.pipeline.commands.search import parse_date

FORMATS = ("csv", "csv-plain", "xlsx", "json")


def register(sub, common) -> None:
    p = sub.add_parser(
        "export", parents=[common], help="export invoice data for accounting",
        description="One row per invoice (fattura, nota di credito, proforma) with its VAT lines and a check flag "
                    "on every value. csv: for Italian spreadsheets (; and decimal comma); csv-plain: comma and "
                    "decimal point; xlsx: real numbers and dates; json: decimals as strings.")
    p.add_argument("what", choices=("invoices",))
    p.add_argument("--from", dest="date_from", metavar="DATE", help="document date on or after (dd/mm/yyyy)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="document date on or before")
    p.add_argument("--supplier", default="", metavar="NAME|P.IVA")
    p.add_argument("--department", choices=DEPARTMENTS, metavar="DEPT", action="append", default=[],
                   help="only this department's invoices (repeatable)")
    p.add_argument("--format", choices=FORMATS, default="csv")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output; needed for xlsx)")
    p.set_defaults(handler=run)


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.indexer.exports import ExportFilters, export_invoices

    filters = ExportFilters(date_from=parse_date(args.date_from, "--from"), date_to=parse_date(args.date_to, "--to"),
                            supplier=args.supplier, departments=tuple(args.department))
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise UsageError(N_("--from %(first)s is after --to %(last)s"), first=args.date_from, last=args.date_to)
    catalog = open_catalog(config)
    if not args.output:
        if args.format == "xlsx":
            raise UsageError(N_("an XLSX file cannot go to the terminal"), N_("Name the file with -o fatture.xlsx."))
        count = export_invoices(catalog, filters, args.format, sys.stdout.buffer)
        sys.stdout.flush()
    else:
        target = Path(args.output)
        if not target.parent.is_dir():
            raise UsageError(N_("-o %(file)s: the folder %(folder)s does not exist"), file=args.output,
                             folder=target.parent)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                count = export_invoices(catalog, filters, args.format, out)
            os.replace(temp, target)
        except BaseException:
            os.unlink(temp)
            raise
    print(f"{count} invoices exported", file=sys.stderr)
    return 0
