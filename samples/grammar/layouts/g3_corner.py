"""G3, "corner number": a workshop's template. The name centred at the top in
capitals (often over two lines), the share capital printed before any amount, the
number alone in the top right corner ("n. 460/FE"), the customer under
"Intestato a", a delivery address beside it, dates that are not the issue date."""

from __future__ import annotations

import datetime as dt
import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

TYPES = ("fattura", "proforma", "ordine", "ddt")
TITLES = {"fattura": "FATTURA", "proforma": "FATTURA PROFORMA", "ordine": "CONFERMA D'ORDINE",
          "ddt": "DOCUMENTO DI TRASPORTO"}
SUFFIX = {"fattura": "FE", "proforma": "PF", "ordine": "OC", "ddt": "DDT"}


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font="DejaVuCondensed")
    sheet = draft.page()
    supplier = values.company(rng, caps=True, two_lines=rng.random() < 0.6)
    customer = values.company(rng)
    day = values.issue_date(rng)
    style = rng.choice(["slash", "dash", "it_long"])
    y = sheet.lines(105, 14, parts.name_lines(draft, "supplier_name", supplier), 14, bold=True, align="c")
    capital = rng.choice(["10.000,00", "50.000,00", "100.000,00"])
    y = sheet.lines(105, y, [f"{supplier.street} - {supplier.place} - Tel. {supplier.phone}",
                             f"Cap. Soc. € {capital} i.v. - Cod. Fisc. e P. IVA "
                             + draft.show("supplier_vat", supplier.vat, supplier.vat)
                             + f" - REA {supplier.province}-{rng.randrange(100000, 999999)}"], 7.5, align="c")
    sheet.rule(15, y, 195, y, 1.0)
    number = f"{rng.randrange(1, 999)}/{SUFFIX[doc_type]}"
    sheet.text(15, y + 12, TITLES[doc_type], 15, bold=True)
    sheet.text(195, y + 12, "n. " + draft.show("number", number, number), 15, bold=True, align="r")
    sheet.text(195, y + 18, "del " + draft.show("date", day.isoformat(), values.date(day, style)), 10, align="r")
    top = y + 28
    sheet.box(15, top, 88, 34, 0.5)
    sheet.text(18, top + 5, "Intestato a:", 7.5)
    y = sheet.lines(18, top + 10, parts.name_lines(draft, "customer_name", customer), 10, bold=True)
    y = sheet.lines(18, y, [customer.street, customer.place], 8.5)
    if doc_type in parts.INVOICE_TYPES:
        sheet.text(18, y, "Cod. Fisc. / P. IVA " + draft.show("customer_vat", customer.vat, customer.vat), 8.5)
    other = values.company(rng)
    sheet.box(107, top, 88, 34, 0.5)
    sheet.text(110, top + 5, "Luogo di consegna:", 7.5)
    sheet.lines(110, top + 10, [f"c/o {rng.choice(values.TRADES)} {rng.choice(values.SURNAMES)}", other.street,
                                other.place], 8.5)
    delivery = day + dt.timedelta(days=rng.randrange(1, 20))
    y = top + 42
    sheet.text(15, y, f"Data consegna: {values.date(delivery, style)}    Vs. rif.: ordine n. {rng.randrange(10, 900)} "
                      f"del {values.date(day - dt.timedelta(days=rng.randrange(5, 40)), style)}", 8.5)
    if doc_type == "ddt":
        rows = [[description, "PZ", str(rng.randrange(1, 50))] for description, _, _ in rng.sample(values.GOODS, 3)]
        y = parts.table(sheet, 15, y + 8, [("Descrizione", 130, "l"), ("U.M.", 20, "c"), ("Quantità", 30, "r")], rows, 9)
        sheet.lines(15, y + 6, [f"Causale: {rng.choice(['vendita', 'conto riparazione'])}   Porto: franco   "
                                f"Colli: {rng.randrange(1, 9)}   Peso kg: {rng.randrange(5, 900)}",
                                "Firma conducente __________________   Firma destinatario __________________"], 8.5)
        return draft
    inv = parts.invoice(rng, doc_type)
    inv.lines[-1]["description"] = f"Intervento del {values.date(day - dt.timedelta(days=rng.randrange(2, 15)), style)}"
    y = parts.table(sheet, 15, y + 8, [("Descrizione", 90, "l"), ("Qtà", 16, "r"), ("Prezzo unit.", 26, "r"),
                                       ("Totale", 30, "r"), ("IVA", 18, "c")], parts.item_rows(inv, "it"), 9)
    y = max(y + 10, 190)
    lines = [("Imponibile", "taxable_amount", inv.taxable)]
    lines += [(f"IVA {values.rate(r['rate'])}", None, r["vat"]) for r in inv.rows]
    lines += [({"fattura": "TOTALE FATTURA", "proforma": "TOTALE PROFORMA", "ordine": "TOTALE ORDINE"}[doc_type],
               "total", inv.total)]
    for caption, field, amount in lines:
        text = values.number(amount)
        sheet.text(140, y, caption, 10, bold=field == "total")
        sheet.text(195, y, "€ " + (draft.show(field, str(amount), text) if field else text), 10,
                   bold=field == "total", align="r")
        y += 6
    if len(inv.rows) == 1 and doc_type != "ordine":
        draft.show("vat_amount", str(inv.vat), values.number(inv.vat))
    if doc_type == "ordine":
        draft.known("currency", "EUR")
    else:
        draft.known("vat_lines", values.vat_lines_json(inv.rows))
        draft.known("currency", "EUR")
        if len(inv.rows) > 1:
            draft.known("vat_amount", str(inv.vat))
        due = day + dt.timedelta(days=30)
        sheet.text(15, y + 6, "Modalità di pagamento: " + draft.show("payment_method", "RiBa", "RIBA") + " 30 gg d.f. "
                   "scadenza " + draft.show("due_date", due.isoformat(), values.date(due, style)), 9)
    if doc_type == "proforma":
        sheet.text(15, y + 14, "Il presente documento non costituisce fattura ai sensi dell'art. 21 DPR 633/72.", 8.5)
    return draft
