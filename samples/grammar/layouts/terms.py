"""What the Italian families G13-G16 share: how a payment is worded, when its
instalments fall due, amounts with the euro sign, and sums an invoice makes
besides its goods (line discounts, collection and shipping charges), long names set smaller.

The expected `payment_method` is one of the schema's words (bonifico, RiBa,
carta, contanti, SDD); the printed wordings are the grammar's own. A due date is
expected only where a date is printed: terms alone (`RIBA 60 gg f.m.`) expect none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from decimal import Decimal

from demat.samples.generator.formats import cents
from demat.samples.grammar import parts, values

WORDINGS = {
    "bonifico": ["Bonifico bancario", "BONIFICO", "Bonifico vista fattura", "B/B - Bonifico"],
    "RiBa": ["RIBA", "Ri.Ba.", "Ricevuta bancaria", "R.B."],
    "carta": ["Carta di credito", "Pagamento con carta di credito", "CARTA DI CREDITO/DEBITO"],
    "contanti": ["Contanti", "Contanti alla consegna", "Contrassegno in contanti"],
    "SDD": ["SEPA SDD", "Addebito SEPA (SDD)", "Addebito diretto SEPA SDD Core"],
}
BANKS = ["Banca Popolare dell'Adda", "Cassa Rurale Val di Sole", "Banca di Credito Cooperativo del Sannio",
         "Credito Emiliano Padano", "Banca Alta Marca"]


def money(amount: Decimal, euro: str) -> str:
    """euro: 'before' (€ 1.234,56), 'after' (1.234,56 €) or 'none'; a minus always opens the text."""
    text = values.number(amount)
    return {"before": f"€ {text}" if amount >= 0 else f"-€ {text[1:]}", "after": f"{text} €", "none": text}[euro]


def fit(sheet, texts: list[str], size: float, room: float, bold: bool = False) -> float:
    """The type size at which the widest of TEXTS fits in ROOM mm, SIZE at most: a long name set smaller."""
    return min([size] + [size * room / sheet.width(text, size, bold) for text in texts])


def end_of_month(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def instalments(day: dt.date, days: list[int], month_end: bool) -> list[dt.date]:
    """The due dates of terms like `30/60/90 gg d.f.` or, with month_end, `... f.m.` (the month's last day)."""
    dates = [day + dt.timedelta(days=n) for n in days]
    return [end_of_month(d) for d in dates] if month_end else dates


def split(total: Decimal, parts_count: int) -> list[Decimal]:
    """A total shared among instalments; the cents left over go to the last one."""
    share = cents(total / parts_count)
    return [share] * (parts_count - 1) + [total - share * (parts_count - 1)]


def terms_text(days: list[int], month_end: bool) -> str:
    return "/".join(str(n) for n in days) + (" gg f.m." if month_end else " gg d.f.")


def charge(inv: parts.Invoice, description: str, amount: Decimal) -> parts.Invoice:
    """The invoice with a charge at 22% added to its taxable rows (collection or shipping costs)."""
    line = {"description": description, "quantity": Decimal(1), "price": amount, "amount": amount,
            "rate": Decimal(22)}
    return _recount(inv, inv.lines + [line])


def discounted(inv: parts.Invoice, rng: random.Random) -> tuple[parts.Invoice, list[int]]:
    """Some lines with a percent discount, as a distributor's price list gives them; returns the discounts."""
    rates = [rng.choice([0, 0, 5, 10, 15]) for _ in inv.lines]
    lines = [{**line, "amount": cents(line["quantity"] * line["price"] * (100 - off) / 100)}
             for line, off in zip(inv.lines, rates)]
    return _recount(inv, lines), rates


def _recount(inv: parts.Invoice, lines: list[dict]) -> parts.Invoice:
    rows = values.vat_rows(lines, inv.sign)
    return parts.Invoice(lines, rows, *values.totals(rows), inv.sign)
