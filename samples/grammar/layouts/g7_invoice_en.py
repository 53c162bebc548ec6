"""G7, "English SaaS invoice": British, Irish, American and Indian suppliers.
INVOICE in large type top left, the supplier top right, the metadata as
"Invoice number / Invoice date / Due date" pairs, "Bill to", English number
formats (1,234.56), pounds, dollars, rupees; "Amount due" under the total."""

from __future__ import annotations

import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.layouts import abroad

TYPES = ("fattura",)


def build(doc_type: str, rng: random.Random):
    f, draft = abroad.start(rng, ("GB", "IE", "US", "IN"), ["Helvetica", "DejaVuSans"])
    sheet = draft.page()
    w = f.words
    sheet.text(15, 22, w["title"], 24, bold=True)
    y = sheet.lines(195, 15, [draft.show("supplier_name", f.supplier, f.supplier)], 11, bold=True, align="r")
    y = sheet.lines(195, y, [f.street, f.city], 8.5, align="r")
    if f.supplier_vat:
        sheet.text(195, y, f"{w['vat_id']} " + draft.show("supplier_vat", f.supplier_vat, f.supplier_vat), 8.5, align="r")
    pairs = [(w["number"], draft.show("number", f.number, f.number)),
             (w["date"], draft.show("date", f.day.isoformat(), f.date(f.day))),
             (w["due"], draft.show("due_date", f.due.isoformat(), f.date(f.due)))]
    for i, (caption, value) in enumerate(pairs):
        sheet.text(15, 36 + 5 * i, caption, 9, bold=True)
        sheet.text(55, 36 + 5 * i, value, 9)
    sheet.text(15, 60, w["to"].upper(), 8, bold=True)
    y = sheet.lines(15, 65, [draft.show("customer_name", f.customer.name, f.customer.name), f.customer.street,
                             f"{f.customer.cap} {f.customer.city}, Italy"], 9)
    sheet.text(15, y, "VAT ID " + draft.show("customer_vat", f.customer.vat, "IT" + f.customer.vat), 9)
    y = parts.table(sheet, 15, 95, abroad.item_columns(f), abroad.item_rows(f), 9)
    y += 6
    rows = [(w["taxable"], "taxable_amount", f.inv.taxable),
            (f"{'Sales tax' if f.country.code == 'US' else 'GST' if f.country.code == 'IN' else w['vat']} "
             f"({values.rate(f.inv.rows[0]['rate'])})", "vat_amount", f.inv.vat),
            (w["total"], "total", f.inv.total)]
    for caption, field, amount in rows:
        sheet.text(140, y, caption, 9.5, bold=field == "total")
        sheet.text(195, y, draft.show(field, str(amount), f.money(amount)), 9.5, bold=field == "total", align="r")
        y += 6
    sheet.box(120, y + 2, 75, 11, 0.5, fill=0.9)
    sheet.text(123, y + 9, w["pay"], 11, bold=True)
    sheet.text(193, y + 9, f.money(f.inv.total), 11, bold=True, align="r")
    if f.iban:
        sheet.lines(15, y + 26, ["Payment by bank transfer to:", "IBAN " + draft.show("iban", f.iban, f.iban)], 9)
    sheet.text(105, 285, f"Thank you for your business. {f.supplier} - {f.city}", 7.5, align="c")
    abroad.record(draft, f)
    return draft
