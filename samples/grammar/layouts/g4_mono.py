"""G4, "mono": an old AS/400-style print-out in a monospaced face, all capitals.
Captions `N.`, `DATA`, `PAGINA` over a value row that does not line up with them,
the customer under "CLIENTE", legal forms cut short ("SRL.", "S.P.A."), credit
notes with the minus sign after the amount."""

from __future__ import annotations

import datetime as dt
import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

TYPES = ("fattura", "nota_credito", "ddt", "preventivo")
TITLES = {"fattura": "FATTURA", "nota_credito": "NOTA CREDITO", "ddt": "D.D.T.", "preventivo": "PREVENTIVO"}


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["Courier", "DejaVuMono"]))
    sheet = draft.page()
    supplier, customer = values.company(rng, caps=True), values.company(rng, caps=True)
    day = values.issue_date(rng)
    style = rng.choice(["slash", "dot", "dash"])
    y = sheet.lines(14, 14, parts.name_lines(draft, "supplier_name", supplier), 11, bold=True)
    y = sheet.lines(14, y, [supplier.street.upper(), supplier.place.upper(),
                            "P.IVA " + draft.show("supplier_vat", supplier.vat, "IT" + supplier.vat)], 8)
    # the number grid, values shifted from their captions
    sheet.text(120, 16, TITLES[doc_type], 13, bold=True)
    number = f"{rng.randrange(1, 99999):05d}" if rng.random() < 0.5 else f"{day.year % 100}/{rng.randrange(1, 9999):04d}"
    shift = rng.choice([4, 7, 10])
    for x, caption in ((120, "N."), (148, "DATA"), (176, "PAGINA")):
        sheet.text(x, 24, caption, 7.5)
    sheet.text(120 + shift, 29, draft.show("number", number, number), 9.5, bold=True)
    sheet.text(148 + shift, 29, draft.show("date", day.isoformat(), values.date(day, style)), 9.5, bold=True)
    sheet.text(176 + shift, 29, "1/1", 9.5)
    sheet.text(120, 44, "CLIENTE", 7.5)
    y = sheet.lines(120, 49, parts.name_lines(draft, "customer_name", customer), 9.5, bold=True)
    y = sheet.lines(120, y, [customer.street.upper(), customer.place.upper()], 8)
    if doc_type in parts.INVOICE_TYPES:
        sheet.text(120, y, "P.IVA " + draft.show("customer_vat", customer.vat, customer.vat), 8)
    sheet.text(14, 72, f"COD. CLIENTE {rng.randrange(1000, 9999)}   AGENTE {rng.randrange(1, 40):03d}   "
                       f"ZONA {rng.choice(['NORD', 'CENTRO', 'SUD'])}", 7.5)
    sheet.rule(14, 75, 196, 75, 0.8)
    if doc_type == "ddt":
        rows = [[f"{rng.randrange(10000, 99999)}", d.upper(), "NR", f"{rng.randrange(1, 99)}"]
                for d, _, _ in rng.sample(values.GOODS, rng.choice([3, 5]))]
        y = parts.table(sheet, 14, 78, [("ARTICOLO", 25, "l"), ("DESCRIZIONE", 115, "l"), ("UM", 12, "c"),
                                        ("QTA", 20, "r")], rows, 8)
        sheet.lines(14, y + 8, [f"CAUSALE: VENDITA   ASPETTO: SCATOLE   N. COLLI {rng.randrange(1, 20)}",
                                f"DATA RITIRO {values.date(day + dt.timedelta(days=1), style)}   VETTORE: MITTENTE"], 8)
        return draft
    inv = parts.invoice(rng, doc_type)
    style_n = "trail" if doc_type == "nota_credito" else "it"
    rows = [[line["description"].upper(), f"{line['quantity']}", values.number(inv.sign * line["price"], style_n),
             values.number(inv.sign * line["amount"], style_n), f"{line['rate']:.0f}"] for line in inv.lines]
    parts.table(sheet, 14, 78, [("DESCRIZIONE", 96, "l"), ("QTA", 14, "r"), ("PREZZO", 24, "r"), ("IMPORTO", 28, "r"),
                                ("IVA", 12, "r")], rows, 8)
    y = 220
    sheet.rule(14, y, 196, y, 0.8)
    lines = [("TOTALE IMPONIBILE", "taxable_amount", inv.taxable), ("TOTALE IVA", "vat_amount", inv.vat),
             ({"fattura": "NETTO A PAGARE EUR", "nota_credito": "TOTALE NOTA CREDITO EUR",
               "preventivo": "TOTALE PREVENTIVO EUR"}[doc_type], "total", inv.total)]
    for caption, field, amount in lines:
        y += 6
        sheet.text(120, y, caption, 9, bold=field == "total")
        sheet.text(196, y, draft.show(field, str(amount), values.number(amount, style_n)), 9, bold=field == "total",
                   align="r")
    if doc_type == "preventivo":
        sheet.text(14, y + 12, f"VALIDITA' OFFERTA: 30 GG. CONSEGNA: {values.date(day + dt.timedelta(days=20), style)}", 8)
        draft.known("currency", "EUR")
        del draft.fields["vat_amount"], draft.printed["vat_amount"]
    else:
        parts.show_amounts(draft, inv)
        sheet.text(14, y + 12, "PAGAMENTO: " + draft.show("payment_method", "RiBa", "RI.BA.") + " 60 GG F.M.", 8)
    return draft
