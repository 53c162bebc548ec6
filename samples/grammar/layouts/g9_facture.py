"""G9, "facture": French and Belgian suppliers, some billing in dollars or Swiss
francs. The title and number centred ("FACTURE N° F2025/042"), the supplier on the
left with SIRET and intra-community VAT number, the client in a box on the right,
amounts as "1 234,56 €", and "Montant TTC" in a shaded box."""

from __future__ import annotations

import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import abroad

TYPES = ("fattura",)


def build(doc_type: str, rng: random.Random) -> Draft:
    f = abroad.draw(rng, ("FR", "BE"))
    if rng.random() < 0.35:  # an export priced in another currency
        f.country = abroad.Country(f.country.code, "fr", *rng.choice([("USD", "USD"), ("CHF", "CHF")]), f.country.rate,
                                   "fr", f.country.dates, f.country.forms)
    draft = Draft("fattura", font=rng.choice(["Times", "DejaVuSerif"]))
    sheet = draft.page()
    w = f.words
    y = sheet.lines(15, 16, [draft.show("supplier_name", f.supplier, f.supplier.upper())], 12, bold=True)
    y = sheet.lines(15, y, [f.street, f.city, f"SIRET {rng.randrange(10**13, 10**14)}",
                            f"{w['vat_id']} : " + draft.show("supplier_vat", f.supplier_vat, f.supplier_vat)], 8.5)
    sheet.box(118, 30, 77, 32, 0.6)
    sheet.text(121, 35, "Client", 8, bold=True)
    sheet.lines(121, 41, [draft.show("customer_name", f.customer.name, f.customer.name), f.customer.street,
                          f"{f.customer.cap} {f.customer.city} - Italie",
                          "TVA : " + draft.show("customer_vat", f.customer.vat, "IT" + f.customer.vat)], 9)
    sheet.text(105, 78, f"{w['title']} N° " + draft.show("number", f.number, f.number), 15, bold=True, align="c")
    sheet.text(105, 85, f"{f.city.split()[-1]}, le " + draft.show("date", f.day.isoformat(), f.date(f.day)), 10,
               align="c")
    y = parts.table(sheet, 15, 95, abroad.item_columns(f), abroad.item_rows(f), 9, ruled="grid", head_bold=False)
    rows = [(w["taxable"], "taxable_amount", f.inv.taxable),
            (f"{w['vat']} {values.number(f.inv.rows[0]['rate'], 'fr')} %", "vat_amount", f.inv.vat)]
    for caption, field, amount in rows:
        y += 6
        sheet.text(135, y, caption, 10)
        sheet.text(195, y, draft.show(field, str(amount), f.money(amount)), 10, align="r")
    sheet.box(120, y + 4, 75, 11, 0.6, fill=0.85)
    sheet.text(123, y + 11, w["total"], 11, bold=True)
    sheet.text(193, y + 11, draft.show("total", str(f.inv.total), f.money(f.inv.total)), 11, bold=True, align="r")
    sheet.lines(15, y + 26, [f"{w['due']} : " + draft.show("due_date", f.due.isoformat(), f.date(f.due)),
                             "Règlement par virement - IBAN : " + draft.show("iban", f.iban, f.iban),
                             "En cas de retard, pénalités au taux légal et indemnité forfaitaire de 40 €."], 9)
    abroad.record(draft, f)
    return draft
