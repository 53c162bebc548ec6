"""Invoice pages drawn here with what real invoices carry and the tuned grammar families may lack.

Each value sits in one kind of print, named by its `feature`, so that a bench
can tell which kind a low-resolution scan or a fax loses: small print (6-7 pt)
beside 10-12 pt body text, values in framed boxes whose rules nearly touch the
letters, figures on a grey fill, bold figures, a ruled table of figures, a
supplier's name beside a large logo, in a condensed face on some pages; and
below them a payment summary in the print clean scans still lose: the total due
in white on a dark band, a VAT summary in zebra rows of light fill, figures in
grey print, a dense 7-8 pt table of instalments with the euro sign in a column
of its own, figures over a large pale watermark, black figures on a mid-grey
(coloured, once scanned grey) fill. The pages are drawn with the grammar's own `Sheet` (reportlab), so they are PDFs
with a text layer that damage recipes rasterise and spoil like the corpus's.

`courtesy_page` draws another kind of page: a courtesy copy as a browser
prints it from a public stylesheet, every block a tightly ruled table of
6.5-8 pt print under a grey header row. Scanned flatbed (200-240 dpi) or
faint, demat read 0.989-0.994 of its values (seeds 311-318); at 100-120 dpi,
0.908, its figures' words 0.770: small dense print at low resolution is what it
loses, down to whole small tables (a grey header row over one row of values,
ruled a pixel from the print) that tesseract's layout analysis reads as noise.
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
DARK_BAND = (0.1, 0.45)  # fill of a band printed in white: a black, dark blue or red total box, scanned grey
MID_FILL = (0.5, 0.68)  # fill of a coloured header band (a blue, green or orange one, scanned grey), black print on it
ZEBRA = (0.84, 0.93)  # every other row of a table on a light fill
GREY_PRINT = (0.35, 0.6)  # grey print (a letterhead's secondary text, a coloured figure scanned grey)
DENSE = (7.0, 8.0)  # points: a dense table's print
WATERMARK = (0.8, 0.9)  # a large pale word behind the figures ("COPIA", "PAGATO")


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


def stress_page(seed: int, summary: bool = True) -> StressPage:
    """Page SEED: one invoice, its features' sizes and greys drawn from the seed; with its payment SUMMARY
    (the print clean scans lose) or, as the pages were first drawn, without."""
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
    if summary:
        _summary(sheet, rng, y + 6, body, show)
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


def _summary(sheet: Sheet, rng: random.Random, y: float, body: float, show) -> None:
    """A payment summary below the totals, each figure in one of the kinds of print clean scans lose."""
    amount = lambda: Decimal(rng.randrange(1_000, 2_500_000)) / 100  # noqa: E731 - one draw per figure
    # the VAT summary, every other row on a light fill, its header and its totals on a mid-grey fill
    row = body * 0.3528 + 2.2
    fill, zebra = rng.uniform(*MID_FILL), rng.uniform(*ZEBRA)
    sheet.box(15, y, 110, row, 0.3, fill=fill)
    for x, caption, align in ((17, "Aliquota", "l"), (75, "Imponibile", "r"), (123, "Imposta", "r")):
        sheet.text(x, y + row - 1.2, caption, body, bold=True, align=align)
    for n, caption in enumerate(("IVA 22%", "IVA 10%", "IVA 4%", "Totali")):
        y += row
        if n == 3:
            sheet.box(15, y, 110, row, 0.3, fill=fill)
        elif n % 2 == 0:
            sheet.box(15, y, 110, row, 0.01, fill=zebra)
        sheet.text(17, y + row - 1.2, caption, body, bold=n == 3)
        for x in (75, 123):
            sheet.text(x, y + row - 1.2, show("mid fill" if n == 3 else "zebra rows", "total", str(a := amount()),
                                              values.number(a)), body, bold=n == 3, align="r")
    # the total due in white on a dark band
    y += row + 4
    size = rng.uniform(10, 13)
    band = size * 0.3528 + 4
    sheet.box(15, y, 180, band, 0.3, fill=rng.uniform(*DARK_BAND))
    sheet.text(18, y + band - 2, "TOTALE DA PAGARE", size, bold=True, grey=1.0)
    sheet.text(192, y + band - 2, show("dark band", "total", str(a := amount()), "€ " + values.number(a)), size,
               bold=True, align="r", grey=1.0)
    # the instalments in a dense table, the euro sign in a column of its own, over a pale watermark
    y += band + 5
    small = rng.uniform(*DENSE)
    sheet.text(60, y + 22, rng.choice(("COPIA", "PAGATO", "BOZZA")), rng.uniform(60, 80), bold=True,
               grey=rng.uniform(*WATERMARK))
    step = small * 0.3528 + 1.0
    for n in range(rng.randrange(4, 7)):
        y += step
        day = values.issue_date(rng)
        sheet.text(17, y, f"Rata {n + 1}", small)
        sheet.text(45, y, values.date(day, "slash"), small)
        sheet.text(80, y, "€", small)
        feature = "watermark" if n % 2 else "dense table"
        sheet.text(110, y, show(feature, "total", str(a := amount()), values.number(a)), small, align="r")
    # a note in grey print, a figure in it
    y += step + 4
    sheet.text(15, y, "Spese di incasso addebitate: € " + show("grey print", "total", str(a := amount()),
                                                                 values.number(a)),
               body, grey=rng.uniform(*GREY_PRINT))


# --- a courtesy copy as a stylesheet prints it: all of it small and dense ---------------------------------------
COURTESY_PRINT = (6.5, 8.0)  # points: the print of a courtesy copy rendered by a browser from a public stylesheet
HEADER_FILL = (0.72, 0.9)  # the grey of a table's header row
ROW_HEIGHT = (1.35, 1.8)  # a table row's height in the print's sizes: a cell's padding of a pixel or two, or more
COLOURED_PRINT = (0.0, 0.4)  # the grey a stylesheet's coloured values (dark blue, dark red) scan to
COURTESY_FACES = ("Helvetica", "DejaVuCondensed", "DejaVuSans")  # a browser's sans serif, in turn


def courtesy_page(seed: int) -> StressPage:
    """Page SEED: an invoice's courtesy copy as a browser prints it from a stylesheet: every block a ruled table
    of 6.5-8 pt print under a grey header row, the columns condensed, the cells padded by as little as a pixel
    or two, the values in the rows below the headers, sometimes in a colour that scans grey.
    Its features: `party block` (the parties' tax ids and names), `data row` (a table of one row: number, dates,
    total, IBAN), `dense rows` (the goods' and the VAT summary's many rows)."""
    rng = random.Random(f"courtesy:{seed}")
    sheet = Sheet(COURTESY_FACES[seed % len(COURTESY_FACES)])
    found: list[Value] = []
    size, fill = rng.uniform(*COURTESY_PRINT), rng.uniform(*HEADER_FILL)
    height, ink = rng.uniform(*ROW_HEIGHT), rng.uniform(*COLOURED_PRINT)

    def show(feature: str, field: str, value, text: str) -> str:
        found.append(Value(feature, field, value))
        return text

    def table(y: float, columns: list[tuple[str, float, str]], rows: list[list[str]]) -> float:
        """Captions on the grey header row, every cell ruled; returns the y below it."""
        step, left = size * 0.3528 * height, 12.0
        sheet.box(left, y, sum(width for _, width, _ in columns), step, 0.3, fill=fill)
        for row_index, row in enumerate([[caption for caption, _, _ in columns], *rows]):
            x = left
            for (_, width, align), cell in zip(columns, row):
                tx = {"l": x + 1.0, "r": x + width - 1.0, "c": x + width / 2}[align]
                sheet.text(tx, y + step / 2 + size * 0.3528 * 0.36, cell, size, bold=row_index == 0, align=align,
                           grey=0.0 if row_index == 0 else ink)
                sheet.box(x, y, width, step, 0.3)
                x += width
            y += step
        return y + 3

    supplier, customer = values.company(rng, two_lines=False), values.company(rng, two_lines=False)
    day = values.issue_date(rng)
    sheet.text(105, 12, "FATTURA ELETTRONICA - copia di cortesia", size + 2, bold=True, align="c")
    y = 18.0
    for caption, party, role in (("Cedente/prestatore (fornitore)", supplier, "supplier"),
                                 ("Cessionario/committente (cliente)", customer, "customer")):
        y = table(y, [(caption, 186, "l")], [
            ["Identificativo fiscale ai fini IVA: IT" + show("party block", f"{role}_vat", party.vat, party.vat)],
            [f"Codice fiscale: {party.tax_code}"],
            ["Denominazione: " + show("party block", f"{role}_name", party.name, party.name)],
            [f"Indirizzo: {party.street} - {party.place}"]])
    number = f"{rng.randrange(1, 3000)}/{day.year}"
    y = table(y, [("Tipologia documento", 40, "l"), ("Art. 73", 14, "c"), ("Numero documento", 36, "l"),
                  ("Data documento", 30, "l"), ("Codice destinatario", 36, "l"), ("Divisa", 30, "l")],
              [["TD01 fattura", "", show("data row", "number", number, number),
                show("data row", "date", day.isoformat(), values.date(day, "dash")), "0000000", "EUR"]])
    lines = values.goods_lines(rng, rng.randrange(4, 10), [Decimal(22), Decimal(10)])
    y = table(y, [("Cod. articolo", 22, "l"), ("Descrizione", 66, "l"), ("Quantità", 16, "r"),
                  ("Prezzo unitario", 22, "r"), ("UM", 10, "c"), ("Sconto", 18, "r"), ("%IVA", 12, "r"),
                  ("Prezzo totale", 20, "r")],
              [[f"{rng.choice('ABKRT')}{rng.randrange(1000, 99999)}", line["description"],
                f"{line['quantity']:.2f}".replace(".", ","), values.number(line["price"]), "PZ", "",
                f"{line['rate']:.2f}".replace(".", ","),
                show("dense rows", "total", str(line["amount"]), values.number(line["amount"]))] for line in lines])
    rows = values.vat_rows(lines)
    y = table(y, [("Esigibilità", 40, "l"), ("%IVA", 16, "r"), ("Spese accessorie", 28, "r"),
                  ("Arr.", 14, "r"), ("Totale imponibile", 44, "r"), ("Totale imposta", 44, "r")],
              [["I - immediata", f"{row['rate']:.2f}".replace(".", ","), "", "",
                show("dense rows", "total", str(row["taxable"]), values.number(row["taxable"])),
                show("dense rows", "total", str(row["vat"]), values.number(row["vat"]))] for row in rows])
    taxable, vat, total = values.totals(rows)
    y = table(y, [("Importo bollo", 30, "r"), ("Sconto/Maggiorazione", 40, "r"), ("Arr.", 20, "r"),
                  ("Totale imponibile", 32, "r"), ("Totale imposta", 30, "r"), ("Totale documento", 34, "r")],
              [["", "", "", show("data row", "taxable_amount", str(taxable), values.number(taxable)),
                show("data row", "vat_amount", str(vat), values.number(vat)),
                show("data row", "total", str(total), values.number(total))]])
    due, iban = day + dt.timedelta(days=rng.choice((30, 60, 90))), values.italian_iban(rng)
    table(y, [("Modalità pagamento", 36, "l"), ("IBAN", 66, "l"), ("Data scadenza", 28, "l"),
              ("Importo", 28, "r"), ("Istituto finanziario", 28, "l")],
          [["MP05 bonifico", show("data row", "iban", iban, iban),
            show("data row", "due_date", due.isoformat(), values.date(due, "dash")),
            values.number(total), "Banca"]])
    return StressPage(f"courtesy-{sheet.font}-s{seed:04d}", pdf_bytes([sheet], f"courtesy {seed}"), tuple(found))
