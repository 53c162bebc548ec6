"""demat search: find archived documents by words, dates, type, supplier, amount."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from demat.indexer.search import filters
from demat.kernel.document import DEPARTMENTS, LABELS
from demat.kernel.errors import N_, InputError, UsageError


def register(sub, common) -> None:
    p = sub.add_parser(
        "search", parents=[common], help="search the archive",
        description='Words match in Italian (fattura finds fatture), forgive OCR typos, and combine: '
                    'fattura enel, fattura OR proforma, fattura NOT enel, "nota di credito", forn*.')
    p.add_argument("query", nargs="?", default="", metavar="QUERY", help="words to look for (empty: everything)")
    p.add_argument("--type", action="append", default=[], choices=LABELS, metavar="TYPE",
                   help="only this document type (repeatable)")
    p.add_argument("--department", action="append", default=[], choices=DEPARTMENTS, metavar="DEPT",
                   help="only this department (repeatable)")
    p.add_argument("--supplier", default="", metavar="NAME|P.IVA", help="supplier name (or part of it) or P.IVA")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="document date on or after (dd/mm/yyyy)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="document date on or before")
    p.add_argument("--min-amount", metavar="N", help="total at least (1.234,56 or 1234.56)")
    p.add_argument("--max-amount", metavar="N", help="total at most")
    p.add_argument("--review", action="store_true", help="only documents waiting for review")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--page", type=int, default=1)
    p.add_argument("--page-size", type=int, default=20)
    p.add_argument("--json", action="store_true", help="print the page as JSON")
    p.set_defaults(handler=run)


def parse_date(text: str | None, option: str) -> dt.date | None:
    """dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd."""
    return _parsed(filters.parse_date, text, option)


def parse_amount(text: str | None, option: str) -> Decimal | None:
    """1.234,56 (Italian), 1234,56, 1234.56 or 1,234.56."""
    return _parsed(filters.parse_amount, text, option)


def _parsed(parse, text: str | None, option: str):
    if text is None or not text.strip():
        return None
    try:
        return parse(text)
    except InputError as exc:
        raise UsageError(N_("option %(option)s: %(problem)s"), option=option, problem=exc) from None


def run(args, config) -> int:
    from demat.indexer.catalog import open_catalog
    from demat.indexer.search import SearchQuery, open_search

    query = SearchQuery(
        text=args.query, types=args.type, departments=args.department, supplier=args.supplier,
        date_from=parse_date(args.date_from, "--from"), date_to=parse_date(args.date_to, "--to"),
        amount_min=parse_amount(args.min_amount, "--min-amount"),
        amount_max=parse_amount(args.max_amount, "--max-amount"),
        review_state="review" if args.review else None, sort=args.sort, page=args.page, page_size=args.page_size)
    page = open_search(config, open_catalog(config)).search(query)
    print(json.dumps(as_json(page), ensure_ascii=False, indent=2) if args.json else render(page, query))
    return 0


def as_json(page) -> dict:
    return {
        "total": page.total, "estimated": page.estimated, "took_ms": page.took_ms, "facets": page.facets,
        "hits": [{"id": h.id, "title": h.title, "type": h.type, "department": h.department,
                  "date": h.date.isoformat() if h.date else None, "supplier_name": h.supplier_name,
                  "total": str(h.total) if h.total is not None else None,
                  "snippet": h.snippet, "snippet_html": h.snippet_html} for h in page.hits],
    }


def render(page, query) -> str:
    first = (query.page - 1) * query.page_size
    lines = [f"{'about ' if page.estimated else ''}{page.total} documents found ({page.took_ms:.0f} ms)"
             + (f", showing {first + 1}-{first + len(page.hits)}" if page.hits else "")]
    for hit in page.hits:
        amount = f"{hit.total:,.2f} €".replace(",", "X").replace(".", ",").replace("X", ".") if hit.total else ""
        facts = [hit.type or "?", hit.department or "-", hit.date.strftime("%d/%m/%Y") if hit.date else "",
                 hit.supplier_name or "", amount]
        lines += [f"\n#{hit.id}  {hit.title}", "    " + "  ".join(f for f in facts if f), f"    {hit.snippet}"]
    for name, counts in page.facets.items():
        if counts:
            lines.append(f"\n{name}: " + ", ".join(f"{value} ({n})" for value, n in counts.items()))
    return "\n".join(lines)
