"""The XLSX invoices export: our hand-written writer (indexer/xlsx.py) against XlsxWriter.

    .venv/bin/python -m bench.xlsx [--rows 10000 100000]

Synthetic invoices (every exported field, two VAT lines each, one failed check)
go through the export's own XLSX path (`demat.indexer.exports._write_xlsx`) into a
file, once with each writer, each run in a fresh process so that its peak
memory is its own. XlsxWriter (the `bench` extra) writes in constant-memory
mode, the way it would replace ours. Prints seconds and the peak resident
memory the writing added on top of the invoices already in memory; times move
with the machine's load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from demat.indexer import exports
from demat.indexer.exports import Invoice, VatLine
from demat.kernel.schema import SCHEMA

ROOT = Path(__file__).resolve().parent.parent


def invoice(n: int) -> Invoice:
    values: dict = {}
    for name in exports.INVOICE_FIELDS:
        kind = SCHEMA.fields[name].kind
        if kind == "amount":
            values[name] = Decimal(1000 + n % 977) + Decimal("0.45")
        elif kind == "date":
            values[name] = dt.date(2024, 1, 1) + dt.timedelta(days=n % 366)
        else:
            values[name] = f"{name} {n} Società Café"
    checks = {name: "ok" for name in values}
    checks["total"] = "FAILED: 1000.00 + 220.00 != 1230.00"
    lines = [VatLine(Decimal("22.00"), Decimal("800.00"), Decimal("176.00"), ""),
             VatLine(Decimal("0"), Decimal("10.00"), Decimal("0.00"), "N3")]
    return Invoice(n, "fattura", "auto", f"archive/2024/{n}/original.pdf", values, checks, lines)


def xlsxwriter_write(out: BinaryIO, sheets: dict[str, Iterable[list[Any]]]) -> None:
    """`demat.indexer.xlsx.write` done with XlsxWriter: same cells, same formats, rows streamed."""
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    amount = book.add_format({"num_format": "#,##0.00"})
    date = book.add_format({"num_format": "DD/MM/YYYY"})
    not_xml = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for number, row in enumerate(rows):
            for column, value in enumerate(row):
                kind = type(value)
                if value is None or value == "":
                    continue
                if kind is Decimal and value.is_finite():
                    sheet.write_number(number, column, value, amount)
                elif kind is dt.date:
                    sheet.write_datetime(number, column, value, date)
                elif kind is int:
                    sheet.write_number(number, column, value)
                else:
                    sheet.write_string(number, column, not_xml.sub("", str(value)))
    book.close()


def measure(writer: str, rows: int) -> dict:
    """In this process: build ROWS invoices, then write them with WRITER; seconds and added peak MB."""
    if writer == "XlsxWriter":
        exports.xlsx.write = xlsxwriter_write
    invoices = [invoice(n) for n in range(rows)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fatture.xlsx"
        start = time.perf_counter()
        with path.open("wb") as out:
            exports._write_xlsx(invoices, out)
        seconds = time.perf_counter() - start
        size = path.stat().st_size
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": (after - before) / 1024, "file_mb": size / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", nargs=2, metavar=("WRITER", "ROWS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return
    print(f"{'writer':<14}{'rows':>9}{'seconds':>10}{'peak MB added':>15}{'file MB':>9}")
    for rows in args.rows:
        for writer in ("hand-written", "XlsxWriter"):
            child = [sys.executable, "-m", "bench.xlsx", "--child", writer, str(rows)]
            done = subprocess.run(child, cwd=ROOT, capture_output=True, text=True)
            if done.returncode:
                print(f"{writer:<14}{rows:>9}  failed: {done.stderr.strip().splitlines()[-1]}")
                continue
            r = json.loads(done.stdout)
            print(f"{writer:<14}{rows:>9}{r['seconds']:>10.2f}{r['peak_mb']:>15.1f}{r['file_mb']:>9.1f}")


if __name__ == "__main__":
    main()
