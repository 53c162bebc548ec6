"""G8, "DIN letter invoice": German, Austrian, Swiss and Dutch suppliers. A one-line
sender above the address window, the customer in the window, an information block
on the right (Rechnungsnummer, Rechnungsdatum, Kundennummer), and the supplier's
VAT number and bank only in the three-column footer."""

from __future__ import annotations

import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.layouts import abroad

TYPES = ("fattura",)


def build(doc_type: str, rng: random.Random):
    f, draft = abroad.start(rng, ("DE", "AT", "CH", "NL"), ["DejaVuSans", "Helvetica"])
    sheet = draft.page()
    w = f.words
    sheet.text(195, 18, draft.show("supplier_name", f.supplier, f.supplier), 16, bold=True, align="r")
    sheet.text(20, 48, f"{f.supplier} · {f.street} · {f.city}", 6.5)
    sheet.rule(20, 49.5, 105, 49.5, 0.3)
    sheet.lines(20, 56, [draft.show("customer_name", f.customer.name, f.customer.name), f.customer.street,
                         f"IT-{f.customer.cap} {f.customer.city}", "ITALIEN" if f.country.language == "de" else "ITALIË"], 10)
    info = [(w["number"], draft.show("number", f.number, f.number)),
            (w["date"], draft.show("date", f.day.isoformat(), f.date(f.day))),
            ("Kundennummer" if f.country.language == "de" else "Klantnummer", str(rng.randrange(10000, 99999))),
            ("Ihre USt-IdNr." if f.country.language == "de" else "Uw BTW-nummer",
             draft.show("customer_vat", f.customer.vat, "IT" + f.customer.vat))]
    for i, (caption, value) in enumerate(info):
        sheet.text(125, 52 + 5 * i, caption, 8)
        sheet.text(195, 52 + 5 * i, value, 8, align="r")
    sheet.text(20, 98, f"{w['title'].capitalize()} {f.number}", 12, bold=True)
    y = parts.table(sheet, 20, 106, abroad.item_columns(f)[:3] + [(w["amount"], 30, "r")], abroad.item_rows(f), 9)
    rows = [(w["taxable"], "taxable_amount", f.inv.taxable),
            (f"{w['vat']} {values.rate(f.inv.rows[0]['rate']).replace('%', ' %')}", "vat_amount", f.inv.vat),
            (w["total"], "total", f.inv.total)]
    for caption, field, amount in rows:
        y += 5.5
        sheet.text(130, y, caption, 9, bold=field == "total")
        sheet.text(195, y, draft.show(field, str(amount), f.money(amount)), 9, bold=field == "total", align="r")
    sheet.text(20, y + 14, ("Zahlbar ohne Abzug bis " if f.country.language == "de" else "Te betalen vóór ")
               + draft.show("due_date", f.due.isoformat(), f.date(f.due)), 9)
    sheet.rule(20, 268, 195, 268, 0.3)
    footer = [[f.supplier, f.street, f.city],
              ["Bank", f"IBAN {draft.show('iban', f.iban, f.iban)}" if f.iban else "PostFinance", "BIC XXXXXX2X"],
              [f"{w['vat_id']} " + (draft.show("supplier_vat", f.supplier_vat, f.supplier_vat) if f.supplier_vat
                                    else f"CHE-{rng.randrange(100, 999)}.{rng.randrange(100, 999)}."
                                         f"{rng.randrange(100, 999)} MWST"),
               "Geschäftsführer: " + rng.choice(abroad.WORDS), f"HRB {rng.randrange(1000, 99999)}"]]
    for column, lines in enumerate(footer):
        sheet.lines(20 + 60 * column, 273, lines, 6.5)
    abroad.record(draft, f)
    return draft
