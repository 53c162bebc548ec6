"""Invoice pages drawn here with what real invoices carry and the tuned grammar families may lack.

Each value sits in one kind of print, named by its `feature`, so that a bench
can tell which kind a low-resolution scan or a fax loses: small print (6-7 pt)
beside 10-12 pt body text, values in framed boxes whose rules nearly touch the
letters, figures on a grey fill, bold figures, a ruled table of figures, a
supplier's name beside a large logo, in a condensed face on some pages. The
pages are drawn with the grammar's own `Sheet` (reportlab), so they are PDFs
with a text layer that damage recipes rasterise and spoil like the corpus's.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from demat.samples.grammar import values
from demat.samples.grammar.sheet import Sheet, pdf_bytes

FACES = ("Helvetica", "DejaVuCondensed", "Times", "DejaVuSans")  # one per page, in turn
SMALL = (6.0, 7.0)  # points: a letterhead's and a footer's fine print
PADDING = (0.5, 1.0)  # mm between a framed value and its box's rules
GREYS = (0.72, 0.88)  # fill behind the totals' figures (0 black, 1 white)


@dataclass(frozen=True)
class Value:
    feature: str  # the kind of print it is in
    field: str  # the field it is an instance of, for `bench.legible.Text.holds`
    value: object  # as the expected JSON holds it


@dataclass(frozen=True)
class StressPage:
    name: str
    pdf: bytes
    values: tuple[Value, ...]


def stress_page(seed: int) -> StressPage:
    """Page SEED: one invoice, its features' sizes and greys drawn from the seed."""
    rng = random.Random(f"stress:{seed}")
    sheet = Sheet(FACES[seed % len(FACES)])
    found: list[Value] = []

    def show(feature: str, field: str, value, text: str) -> str:
        found.append(Value(feature, field, value))
        return text

    supplier, customer = values.company(rng, two_lines=False), values.company(rng, two_lines=False)
    day, small = values.issue_date(rng), rng.uniform(*SMALL)
    style = rng.choice(("dot", "slash"))
    # a large logo, the supplier's name beside it, its particulars in fine print
    x = 15 + sheet.logo(15, 10, supplier.acronym, rng.uniform(16, 24)) + 5
    sheet.text(x, 17, show("logo", "supplier_name", supplier.name, supplier.name), rng.uniform(11, 14), bold=True)
    sheet.text(x, 21, f"{supplier.street} - {supplier.place} - Tel. {supplier.phone}", small)
    sheet.text(x, 24, "P.IVA " + show("small print", "supplier_vat", supplier.vat, supplier.vat)
               + f" - C.F. {supplier.tax_code} - REA MI-{rng.randrange(100000, 999999)}", small)
    # the document's particulars, each in its own tight frame
    number = f"{rng.randrange(1, 999)}/{rng.choice(('A', 'FE', 'V'))}"
    due = day + dt.timedelta(days=rng.choice((30, 60, 90)))
    left = 15.0
    for caption, field, value, text in (("Fattura n.", "number", number, number),
                                        ("Data", "date", day.isoformat(), values.date(day, style)),
                                        ("Scadenza", "due_date", due.isoformat(), values.date(due, style))):
        left += _framed(sheet, rng, left, 40, caption, show("tight box", field, value, text)) + 3
    # the customer, framed as tightly
    body = rng.uniform(9, 11)
    pad = rng.uniform(*PADDING)
    sheet.text(112 + pad, 40 + pad + body * 0.3528, show("tight box", "customer_name", customer.name, customer.name),
               body, bold=True)
    sheet.text(112 + pad, 40 + pad + 2.3 * body * 0.3528, f"{customer.street}, {customer.place}", body)
    sheet.text(112 + pad, 40 + pad + 3.6 * body * 0.3528,
               "P.IVA " + show("tight box", "customer_vat", customer.vat, customer.vat), body)
    sheet.box(112, 40, 85, 2 * pad + 3.9 * body * 0.3528, rng.uniform(0.5, 1.0))
    # a ruled table of figures
    lines = values.goods_lines(rng, rng.randrange(4, 8), [Decimal(22)])
    y = _table(sheet, rng, 70, lines, lambda amount: show("ruled table", "total", amount, values.number(amount)))
    # the totals on a grey fill, the total due in bold
    taxable, vat, total = values.totals(values.vat_rows(lines))
    grey = rng.uniform(*GREYS)
    y += 8
    for caption, field, amount, bold in (("Imponibile", "taxable_amount", taxable, False),
                                         ("IVA 22%", "vat_amount", vat, False), ("TOTALE EURO", "total", total, True)):
        size = rng.uniform(11, 13) if bold else body
        sheet.box(120, y, 77, size * 0.3528 + 2 * pad, 0.3, fill=grey)
        sheet.text(122, y + pad + size * 0.3528, caption, size, bold=bold)
        sheet.text(195, y + pad + size * 0.3528,
                   show("bold figure" if bold else "grey fill", field, str(amount), values.number(amount)),
                   size, bold=bold, align="r")
        y += size * 0.3528 + 2 * pad + 1
    # the payment terms in the footer's fine print
    iban = values.italian_iban(rng)
    sheet.rule(15, 280, 195, 280, 0.3)
    sheet.text(15, 284, "Pagamento: bonifico bancario a 30 gg d.f. - IBAN "
               + show("small print", "iban", iban, " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))), small)
    sheet.text(15, 288, f"{supplier.name} - Capitale sociale Euro 10.000,00 i.v. - "
               f"Registro Imprese di {supplier.city} n. {supplier.tax_code}", small)
    return StressPage(f"stress-{sheet.font}-s{seed:04d}", pdf_bytes([sheet], f"stress {seed}"), tuple(found))


def _framed(sheet: Sheet, rng: random.Random, x: float, y: float, caption: str, text: str) -> float:
    """A caption in fine print over its value, in a frame padded by a millimetre at most; returns its width."""
    size, small, pad = rng.uniform(9, 11), rng.uniform(*SMALL), rng.uniform(*PADDING)
    width = max(sheet.width(text, size, True), sheet.width(caption, small)) + 2 * pad
    sheet.text(x + pad, y + pad + small * 0.3528, caption, small)
    sheet.text(x + pad, y + pad + small * 0.3528 + size * 0.3528 + 0.4, text, size, bold=True)
    sheet.box(x, y, width, 2 * pad + (small + size) * 0.3528 + 0.8, rng.uniform(0.5, 1.2))
    return width


def _table(sheet: Sheet, rng: random.Random, y: float, lines: list[dict], show) -> float:
    """Goods rows between rules, a white-on-black caption row, the figures right-aligned; returns the y below it."""
    size = rng.uniform(8, 9.5)
    row = size * 0.3528 + rng.uniform(1.2, 2.2)
    columns = ((17, "Descrizione", "l"), (120, "Q.ta", "r"), (150, "Prezzo", "r"), (193, "Importo", "r"))
    sheet.box(15, y, 180, row, 0.5, fill=0.1)
    for x, caption, align in columns:
        sheet.text(x, y + row - 1.0, caption, size, bold=True, align=align, grey=1.0)
    for line in lines:
        y += row
        cells = (line["description"], f"{line['quantity']}", values.number(line["price"]),
                 show(line["amount"]))
        for (x, _, align), cell in zip(columns, cells):
            sheet.text(x, y + row - 1.0, cell, size, align=align)
        sheet.rule(15, y + row, 195, y + row, rng.uniform(0.3, 0.8))
    for x in (15, 100, 122, 152, 195):
        sheet.rule(x, y - row * len(lines), x, y + row, rng.uniform(0.3, 0.8))
    return y + row
