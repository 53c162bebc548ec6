"""G5, "boxed": an ERP print-out where everything sits in boxes. Both parties print
C.F./P.I.; the supplier's box stands beside a large logo, the customer's is headed
"Cessionario/Committente". The document data are a caption row over a value row (the type word and
the number sometimes in one cell),
the totals too ("Imponibile | IVA | Totale documento"). A PAGATO stamp carries its
own date, and an item line refers to the customer's order."""

from __future__ import annotations

import datetime as dt
import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

TYPES = ("fattura", "nota_credito", "proforma")
TITLES = {"fattura": ["FATTURA ACCOMPAGNATORIA", "FATTURA DIFFERITA", "Fattura"], "nota_credito": ["Nota di credito"],
          "proforma": ["Fattura proforma"]}


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["DejaVuSans", "Helvetica"]))
    sheet = draft.page()
    supplier, customer = values.company(rng), values.company(rng, caps=rng.random() < 0.5)
    day = values.issue_date(rng)
    style = rng.choice(["slash", "dot"])
    width = sheet.logo(12, 12, supplier.acronym, 18, round_=True)
    sheet.box(16 + width, 10, 100 - width, 34, 0.5)
    y = sheet.lines(19 + width, 16, parts.name_lines(draft, "supplier_name", supplier), 10, bold=True)
    y = sheet.lines(19 + width, y, [supplier.street, supplier.place], 8)
    sheet.text(19 + width, y, "C.F./P.I. " + draft.show("supplier_vat", supplier.vat, supplier.vat), 8)
    sheet.box(118, 10, 80, 34, 0.5)
    sheet.text(121, 15, "Cessionario/Committente", 7, bold=True)
    y = sheet.lines(121, 20, parts.name_lines(draft, "customer_name", customer), 9.5, bold=True)
    y = sheet.lines(121, y, [customer.street, customer.place], 8)
    sheet.text(121, y, "C.F./P.I. " + draft.show("customer_vat", customer.vat, customer.vat), 8)
    number = rng.choice(["{y}/{n:06d}", "{n}/{y}", "FV{n:05d}"]).format(n=rng.randrange(1, 5000), y=day.year)
    title = rng.choice(TITLES[doc_type])
    cells = [("Documento", 58, title), ("Numero", 40, draft.show("number", number, number))]
    if rng.random() < 0.5:  # the type word and the number share one cell
        cells = [("N. documento", 98, f"{title} {number}")]
    _caption_row(sheet, 12, 50, cells + [("Data", 32, draft.show("date", day.isoformat(), values.date(day, style))),
                                         ("Agente", 56, rng.choice(values.SURNAMES).upper())])
    inv = parts.invoice(rng, doc_type, count=rng.choice([2, 3, 5]))
    inv.lines[0]["description"] += f" (rif. Vs. ordine {rng.randrange(100, 999)})"
    y = parts.table(sheet, 12, 70, [("Descrizione", 96, "l"), ("Q.tà", 14, "r"), ("Prezzo", 26, "r"),
                                    ("Importo", 28, "r"), ("C.IVA", 22, "c")], parts.item_rows(inv, "it"), 8.5,
                    ruled="grid", head_bold=False)
    if doc_type == "fattura" and rng.random() < 0.7:
        paid = day + dt.timedelta(days=rng.randrange(3, 40))
        sheet.box(120, y + 8, 60, 12, 1.2)
        sheet.text(150, y + 16, f"PAGATO il {values.date(paid, style)}", 11, bold=True, align="c", grey=0.45)
    parts.show_amounts(draft, inv)
    _caption_row(sheet, 12, 236, [("Imponibile", 50, draft.show("taxable_amount", str(inv.taxable), values.number(inv.taxable))),
                                  ("IVA", 42, draft.show("vat_amount", str(inv.vat), values.number(inv.vat))),
                                  ("Spese incasso", 34, "0,00"),
                                  ("Totale documento", 60, "€ " + draft.show("total", str(inv.total), values.number(inv.total)))])
    due = day + dt.timedelta(days=rng.choice([30, 60]))
    iban = values.italian_iban(rng)
    _caption_row(sheet, 12, 254, [("Pagamento", 50, draft.show("payment_method", "bonifico", "BONIFICO BANCARIO")),
                                  ("Scadenza", 32, draft.show("due_date", due.isoformat(), values.date(due, style))),
                                  ("IBAN", 104, draft.show("iban", iban, " ".join(iban[i:i + 4] for i in range(0, 27, 4))))])
    if doc_type == "proforma":
        sheet.text(105, 278, "Documento non valido ai fini fiscali - la fattura sarà emessa al pagamento", 8, align="c")
    return draft


def _caption_row(sheet, x, y, cells) -> None:
    """Boxes with a small caption on top and the value underneath, right-aligned."""
    for caption, width, value in cells:
        sheet.box(x, y, width, 13, 0.5)
        sheet.text(x + 1.5, y + 3.5, caption, 6.5)
        sheet.text(x + width - 1.5, y + 10, value, 9, bold=True, align="r")
        x += width
