"""G16, "modulo": a stationer's pre-printed form filled in on a typewriter. The form's
captions are small, in a sans face, in boxes; what was typed is in a monospaced face,
off the captions' baselines as a typewriter leaves it. The supplier's stamp top left;
the number pre-printed top right (`N° 004512`, sometimes with a series `Serie B`);
the payment a row of check boxes (`[X] Contanti  [ ] Assegno  [ ] Bonifico  [ ] Ri.Ba.`);
the totals in a row of boxes at the foot. Invoices and delivery notes."""

from __future__ import annotations

import datetime as dt
import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms
from demat.samples.grammar.sheet import Sheet

TYPES = ("fattura", "ddt", "fattura")
TITLES = {"fattura": "FATTURA", "ddt": "DOCUMENTO DI TRASPORTO (D.d.T.)"}
CHOICES = [("Contanti", "contanti"), ("Assegno", None), ("Bonifico", "bonifico"), ("Ri.Ba.", "RiBa")]
# A sheet has one face: here the form's is Helvetica, and its bold slot holds the typewriter's Courier
FORM = "Helvetica+typewriter"


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=FORM)
    sheet = draft.page()
    typed = Typewriter(sheet, rng.choice([-1.2, -0.6, 0.8]))
    supplier, customer = values.company(rng, two_lines=False), values.company(rng, two_lines=False)
    day = values.issue_date(rng)
    # the supplier's rubber stamp, in its own box
    sheet.box(12, 10, 88, 30, 0.4)
    sheet.text(14, 13, "Timbro del fornitore", 5.5, grey=0.4)
    lines = parts.name_lines(draft, "supplier_name", supplier)
    y = typed.lines(16, 19, lines, terms.fit(sheet, lines, 11, 80, bold=True))
    y = typed.lines(16, y, [supplier.street, supplier.place], 8)
    typed.text(16, y, "P.IVA " + draft.show("supplier_vat", supplier.vat, supplier.vat), 8)
    # the form's title and its pre-printed number
    sheet.text(196, 16, TITLES[doc_type], 13 if doc_type == "fattura" else 10, align="r")
    series = rng.choice(["", "", "A", "B"])
    number = f"{rng.randrange(1, 9999):06d}"
    sheet.text(196, 25, ("Serie " + series + "   " if series else "") + "N° " + draft.show("number", number, number),
               13, align="r", grey=0.3)
    style = rng.choice(["slash", "dot", "short"])
    printed_day = f"{day.day:02d}/{day.month:02d}/{day.year % 100:02d}" if style == "short" else values.date(day, style)
    sheet.text(130, 36, "Data", 7)
    sheet.rule(138, 37, 196, 37, 0.3)
    typed.text(142, 36, draft.show("date", day.isoformat(), printed_day), 10)
    # the customer's box
    sheet.box(108, 44, 88, 30, 0.4)
    sheet.text(110, 47, "Spett.le / Destinatario" if doc_type == "ddt" else "Cliente", 5.5, grey=0.4)
    lines = parts.name_lines(draft, "customer_name", customer)
    y = typed.lines(112, 53, lines, terms.fit(sheet, lines, 9.5, 82, bold=True))
    y = typed.lines(112, y, [customer.street, customer.place], 8.5)
    if doc_type == "fattura":
        sheet.text(110, 71, "P.IVA / C.F.", 5.5, grey=0.4)
        typed.text(128, 71, draft.show("customer_vat", customer.vat, customer.vat), 8.5)
        _invoice(draft, sheet, typed, rng, day, printed_day if style == "short" else None, style)
    else:
        _delivery(sheet, typed, rng, day, style)
    return draft


class Typewriter:
    """Typed text: the FORM face's second slot (Courier), every line off the form's baseline by one offset."""

    def __init__(self, sheet: Sheet, offset: float):
        self.sheet, self.offset = sheet, offset

    def text(self, x: float, y: float, text: str, size: float, align: str = "l") -> None:
        self.sheet.text(x, y + self.offset, text, size, True, align)

    def width(self, text: str, size: float) -> float:
        return self.sheet.width(text, size, True)

    def lines(self, x: float, y: float, texts: list[str], size: float) -> float:
        for line in texts:
            self.text(x, y, line, size)
            y += size * 1.35 * 0.3528
        return y


def _invoice(draft: Draft, sheet, typed: Typewriter, rng, day, short, style) -> None:
    """Goods typed in the form's ruled rows, the payment's check boxes, the totals' boxes at the foot."""
    inv = parts.invoice(rng, "fattura", rates=[rng.choice(parts.RATES)])  # the form's boxes hold one rate's sums
    _rows(sheet, typed, [("Descrizione", 96), ("Q.tà", 16), ("Prezzo", 24), ("Importo", 28), ("IVA %", 20)],
          [[line["description"], f"{line['quantity']}", values.number(line["price"]), values.number(line["amount"]),
            f"{line['rate']:.0f}"] for line in inv.lines])
    # payment: a row of check boxes, one crossed; a due date typed or left blank
    payment_label, payment = rng.choice([c for c in CHOICES if c[1]])
    sheet.text(14, 214, "Pagamento", 7)
    x = 34
    for label, _ in CHOICES:
        sheet.box(x, 211.5, 3.2, 3.2, 0.4)
        if label == payment_label:
            typed.text(x + 0.5, 214.6 - typed.offset, "X", 9)
            draft.show("payment_method", payment, label)
        x += 4.5 + sheet.text(x + 4.5, 214, label, 7) + 6
    sheet.text(140, 214, "Scadenza", 7)
    sheet.rule(152, 215, 196, 215, 0.3)
    if payment == "bonifico" or rng.random() < 0.6:
        due = day + dt.timedelta(days=rng.choice([30, 60]))
        printed = f"{due.day:02d}/{due.month:02d}/{due.year % 100:02d}" if short else values.date(due, style)
        typed.text(156, 214, draft.show("due_date", due.isoformat(), printed), 9.5)
    else:
        draft.known("due_date", None)
    if payment == "bonifico":
        iban = values.italian_iban(rng)
        sheet.text(14, 221, "Coordinate bancarie", 7)
        typed.text(42, 221, "IBAN " + draft.show("iban", iban, iban), 9)
    else:
        draft.known("iban", None)
    # the totals' boxes: caption on top, typed value below
    x = 14
    for caption, field, amount in (("Imponibile", "taxable_amount", inv.taxable), ("Imposta", "vat_amount", inv.vat),
                                   ("Totale fattura", "total", inv.total)):
        sheet.box(x, 232, 45, 14, 0.5)
        sheet.text(x + 1.5, 235, caption, 6.5)
        typed.text(x + 43, 242, draft.show(field, str(amount), values.number(amount)), 10.5, align="r")
        x += 45
    sheet.box(x, 232, 47, 14, 0.5)
    sheet.text(x + 1.5, 235, "Aliquota IVA", 6.5)
    typed.text(x + 2, 242, values.rate(inv.rows[0]["rate"]), 9)
    parts.show_amounts(draft, inv)
    sheet.text(105, 285, "Mod. F/50 - copia per il cliente", 6, align="c", grey=0.4)


def _delivery(sheet, typed: Typewriter, rng, day, style) -> None:
    """A delivery note's goods, reason and carrier: no amounts."""
    _rows(sheet, typed, [("Codice", 26), ("Descrizione dei beni", 110), ("U.M.", 16), ("Quantità", 32)],
          [[f"{rng.randrange(100, 9999)}", d, "PZ", f"{rng.randrange(1, 200)}"]
           for d, _, _ in rng.sample(values.GOODS, rng.choice([2, 3, 5]))])
    captions = [("Causale del trasporto", rng.choice(["Vendita", "Conto visione", "Reso"])),
                ("Trasporto a cura del", rng.choice(["Mittente", "Destinatario", "Vettore"])),
                ("Data ritiro", values.date(day + dt.timedelta(days=rng.choice([0, 1])), "slash" if style == "short" else style)),
                ("N. colli", str(rng.randrange(1, 30)))]
    x = 14
    for caption, value in captions:
        sheet.box(x, 212, 45.5, 14, 0.4)
        sheet.text(x + 1.5, 215, caption, 6.5)
        typed.text(x + 2, 222, value, 9)
        x += 45.5
    sheet.text(14, 240, "Firma del conducente ____________________      Firma del destinatario ____________________", 7)


def _rows(sheet, typed: Typewriter, columns: list[tuple[str, float]], rows: list[list[str]]) -> None:
    """The form's ruled table (twelve rows, most left blank) with the typed rows in it."""
    x0, y0, step = 14, 82, 8.5
    sheet.box(x0, y0, sum(w for _, w in columns), step * 13, 0.5)
    x = x0
    for caption, width in columns:
        sheet.text(x + 1.2, y0 + 5.5, caption, 7)
        sheet.rule(x, y0, x, y0 + step * 13, 0.3)
        x += width
    for i in range(1, 13):
        sheet.rule(x0, y0 + step * i, x, y0 + step * i, 0.2)
    for i, row in enumerate(rows):
        x = x0
        for (_, width), cell in zip(columns, row):
            right = cell[:1].isdigit() and width < 40
            size = min(8.5, 8.5 * (width - 2.5) / typed.width(cell, 8.5))
            typed.text(x + width - 1.2 if right else x + 1.2, y0 + step * (i + 1) + 5.5, cell, size,
                       "r" if right else "l")
            x += width
