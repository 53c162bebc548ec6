"""G1, "header grid": a wholesaler's management software. Logo and letterhead top
left, the customer under "Spett.le" top right, then a boxed grid of captions
(Tipo documento | N. documento | Data documento | Codice cliente) with the values
on the row below, sometimes the type word and the number in one cell."""

from __future__ import annotations

import datetime as dt
import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

TYPES = ("fattura", "nota_credito", "proforma", "ddt", "ordine")
TITLES = {"fattura": ["FATTURA", "FATTURA IMMEDIATA", "FATTURA ACCOMPAGNATORIA"], "nota_credito": ["NOTA CREDITO"],
          "proforma": ["PROFORMA", "FATTURA PRO FORMA"], "ddt": ["D.d.T.", "DOC. DI TRASPORTO"],
          "ordine": ["CONFERMA D'ORDINE"]}


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font="Helvetica")
    sheet = draft.page()
    supplier, customer = values.company(rng), values.company(rng)
    day = values.issue_date(rng)
    style = rng.choice(["dot", "slash"])
    # letterhead: a logo, the name beside it, the identifiers under it
    x = 15 + sheet.logo(15, 12, supplier.acronym, 11) + 4 if rng.random() < 0.7 else 15
    y = sheet.lines(x, 16, parts.name_lines(draft, "supplier_name", supplier), 12, bold=True)
    y = sheet.lines(x, y, [supplier.street, supplier.place, f"Tel. {supplier.phone}"], 8)
    sheet.text(x, y, "C.F./P.I. " + draft.show("supplier_vat", supplier.vat, supplier.vat), 8)
    draft.known("supplier_tax_code", supplier.tax_code)
    # customer block
    caption = rng.choice(["Spett.le", "Cliente", "Destinatario"] if doc_type == "ddt" else ["Spett.le", "Cliente"])
    sheet.text(112, 40, caption, 8, bold=True)
    y = sheet.lines(112, 45, parts.name_lines(draft, "customer_name", customer), 10, bold=True)
    y = sheet.lines(112, y, [customer.street, customer.place], 9)
    if doc_type in parts.INVOICE_TYPES:
        sheet.text(112, y, "C.F./P.I. " + draft.show("customer_vat", customer.vat, customer.vat), 9)
    # the header grid
    title = rng.choice(TITLES[doc_type])
    number = rng.choice(["{y}-{n}", "{n}/{y}", "V{yy}-{n}", "{n}"]).format(n=rng.randrange(100, 9000), y=day.year,
                                                                           yy=day.year % 100)
    draft.show("number", number, number)
    draft.show("date", day.isoformat(), values.date(day, style))
    together = rng.random() < 0.5
    captions = ["N. documento", "Data documento", "Codice cliente", "Pagina"] if together else \
        ["Tipo documento", "N. documento", "Data documento", "Codice cliente"]
    cells = [f"{title} {number}", values.date(day, style), f"C{rng.randrange(1000, 99999)}", "1"] if together else \
        [title, number, values.date(day, style), f"{rng.randrange(1000, 99999)}"]
    _grid(sheet, rng, 15, 72, [58, 42, 40, 40] if together else [45, 45, 45, 45], captions, cells)
    if doc_type in parts.INVOICE_TYPES + ("ordine",):
        _priced(draft, sheet, rng, doc_type, day, style)
    else:
        _transport(draft, sheet, rng, day, style)
    return draft


def _grid(sheet, rng, x, y, widths, captions, cells) -> None:
    """Captions in small capitals, the values one row below, sometimes pushed right of the caption; a value
    too long for its box is set smaller, as on a printed form, instead of running over the next box's value."""
    for width, caption, cell in zip(widths, captions, cells):
        sheet.box(x, y, width, 12, 0.4)
        sheet.text(x + 1.5, y + 3.5, caption, 6.5)
        room = width - 3
        size = min(9.5, 9.5 * room / sheet.width(cell, 9.5, bold=True))
        push = min(rng.choice([0, 0, 3, 8]), room - sheet.width(cell, size, bold=True))
        sheet.text(x + 1.5 + push, y + 9.5, cell, size, bold=True)
        x += width


def _priced(draft: Draft, sheet, rng, doc_type, day, style) -> None:
    inv = parts.invoice(rng, doc_type)
    if doc_type == "nota_credito" or rng.random() < 0.3:
        ref = "(rif. fattura n. {n} del {d})" if doc_type == "nota_credito" else "(rif. Vs. ordine {n})"
        inv.lines[0]["description"] = ref.format(n=rng.randrange(10, 999), d=values.date(
            day - dt.timedelta(days=rng.randrange(3, 60)), style)) + " " + inv.lines[0]["description"][:24]
    payment = rng.choice(["bonifico", "RiBa"])
    due = day + dt.timedelta(days=rng.choice([30, 60, 90]))
    grid_captions, grid_cells = ["Pagamento", "Scadenza"], [
        draft.show("payment_method", payment, {"bonifico": "Bonifico 30 gg d.f.", "RiBa": "Ri.Ba. 60 gg f.m."}[payment]),
        draft.show("due_date", due.isoformat(), values.date(due, style))]
    if payment == "bonifico":
        iban = values.italian_iban(rng)
        grid_captions.append("IBAN")
        grid_cells.append(draft.show("iban", iban, iban))
    else:
        draft.known("iban", None)
    if doc_type == "ordine":
        grid_captions, grid_cells = ["Consegna prevista", "Resa"], [values.date(due, style), "Franco ns. magazzino"]
        for key in ("payment_method", "due_date", "iban"):
            draft.fields.pop(key, None), draft.printed.pop(key, None)
    _grid(sheet, rng, 15, 88, [58, 32, 90][:len(grid_captions)], grid_captions, grid_cells)
    columns = [("Codice", 22, "l"), ("Descrizione", 78, "l"), ("Q.tà", 14, "r"), ("Prezzo", 22, "r"),
               ("Importo", 24, "r"), ("IVA", 12, "c")]
    y = parts.table(sheet, 15, 106, columns, parts.item_rows(inv, "it", code=rng), 8)
    # VAT summary left, totals box right; the amounts carry "EUR" right-aligned
    y = max(y + 6, 200)
    y_left = parts.table(sheet, 15, y, [("Aliquota", 22, "l"), ("Imponibile", 30, "r"), ("Imposta", 28, "r")],
                         [[values.rate(r["rate"]), values.number(r["taxable"]), values.number(r["vat"])] for r in inv.rows],
                         8, ruled="grid")
    sheet.box(118, y, 77, 26, 0.6)
    captions = [("Totale imponibile", "taxable_amount", inv.taxable), ("Totale IVA", "vat_amount", inv.vat),
                (rng.choice(["Totale documento", "TOTALE DOCUMENTO", "Totale fattura"]), "total", inv.total)]
    if doc_type == "ordine":
        captions = [("Totale merce", "taxable_amount", inv.taxable), ("IVA", None, inv.vat),
                    ("Totale ordine", "total", inv.total)]
    for i, (caption, field, amount) in enumerate(captions):
        text = values.number(amount)
        sheet.text(120, y + 7 + 8 * i, caption, 9, bold=i == 2)
        sheet.text(193, y + 7 + 8 * i, "EUR " + (draft.show(field, str(amount), text) if field else text), 9,
                   bold=i == 2, align="r")
    if doc_type == "ordine":
        draft.known("currency", "EUR")
    else:
        parts.show_amounts(draft, inv)
    if doc_type == "proforma":
        sheet.text(15, max(y_left, y + 30) + 6, "Documento non valido ai fini fiscali: la fattura sarà emessa al "
                   "ricevimento del pagamento.", 8)
    sheet.text(105, 285, "Contributo CONAI assolto ove dovuto - Pag. 1 di 1", 7, align="c")


def _transport(draft: Draft, sheet, rng, day, style) -> None:
    start = day + dt.timedelta(days=rng.choice([0, 1, 2]))
    captions = ["Causale del trasporto", "Inizio trasporto", "Vettore", "Colli"]
    cells = [rng.choice(["Vendita", "C/lavorazione", "Reso"]), f"{values.date(start, style)} {rng.randrange(7, 18)}:00",
             rng.choice(["Mittente", "Destinatario", "BRT S.p.A."]), str(rng.randrange(1, 30))]
    _grid(sheet, rng, 15, 88, [50, 45, 50, 35], captions, cells)
    rows = [[f"{rng.choice('ABCM')}{rng.randrange(1000, 99999)}", description, "PZ", str(rng.randrange(1, 300))]
            for description, _, _ in rng.sample(values.GOODS, rng.choice([2, 4, 6]))]
    y = parts.table(sheet, 15, 106, [("Articolo", 30, "l"), ("Descrizione", 110, "l"), ("U.M.", 15, "c"),
                                     ("Quantità", 25, "r")], rows, 8.5)
    sheet.text(15, y + 10, "Firma vettore ____________________    Firma destinatario ____________________", 8)
