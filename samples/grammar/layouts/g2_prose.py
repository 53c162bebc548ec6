"""G2, "prose": a small firm that writes its documents like letters, in a serif
face. Letterhead on the right, the customer under "Destinatario" on the left, the
number and date inside a sentence ("Fattura differita n. V25-1384 del 26.03.2025"),
the goods as an unruled list, the total as "Netto a pagare"."""

from __future__ import annotations

import datetime as dt
import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

TYPES = ("fattura", "nota_credito", "preventivo", "lettera")
SENTENCES = {"fattura": ["Fattura differita n. {n} del {d}", "Vi rimettiamo la fattura n. {n} emessa il {d}",
                         "FATTURA DIFFERITA n. {n} del {d}"],
             "nota_credito": ["Nota di credito n. {n} del {d}", "Nota credito n. {n} in data {d}"],
             "preventivo": ["OFFERTA n. {n} del {d}", "Offerta economica n. {n} - {d}"]}
SUBJECTS = ["Sollecito di pagamento fatture scadute", "Variazione delle coordinate bancarie",
            "Comunicazione chiusura per ferie", "Richiesta di documentazione tecnica", "Disdetta contratto di assistenza"]


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["DejaVuSerif", "Times"]))
    sheet = draft.page()
    supplier, customer = values.company(rng), values.company(rng)
    day = values.issue_date(rng)
    style = rng.choice(["dot", "it_long", "slash"])
    field = "sender" if doc_type == "lettera" else "supplier_name"
    y = sheet.lines(195, 14, parts.name_lines(draft, field, supplier), 13, bold=True, align="r")
    y = sheet.lines(195, y, [f"{supplier.street} - {supplier.place}", f"tel. {supplier.phone}"], 8, align="r")
    sheet.text(195, y, "Partita IVA e C.F. " + draft.show("supplier_vat", supplier.vat, supplier.vat)
               if doc_type != "lettera" else f"P.IVA {supplier.vat}", 8, align="r")
    recipient_field = "recipient" if doc_type == "lettera" else "customer_name"
    sheet.text(20, 52, rng.choice(["Destinatario", "Spettabile", "Alla cortese attenzione di"]), 8)
    y = sheet.lines(20, 57, parts.name_lines(draft, recipient_field, customer), 10, bold=True)
    y = sheet.lines(20, y, [customer.street, customer.place], 9)
    if doc_type in parts.INVOICE_TYPES:
        sheet.text(20, y, "P. IVA " + draft.show("customer_vat", customer.vat, customer.vat), 9)
    if doc_type == "lettera":
        _letter(draft, sheet, rng, supplier, day, style)
        return draft
    number = rng.choice(["V{yy}-{n}", "{n}/{yy}", "{n}/E"]).format(n=rng.randrange(10, 2000), yy=day.year % 100)
    sentence = rng.choice(SENTENCES[doc_type])
    before, _, after = sentence.partition("{n}")
    line = before + draft.show("number", number, number) + after.replace("{d}", draft.show("date", day.isoformat(),
                                                                                            values.date(day, style)))
    sheet.text(20, 95, line, 12, bold=True)
    ddt_day = day - dt.timedelta(days=rng.randrange(2, 20))
    y = 104
    if doc_type == "fattura":
        y = sheet.lines(20, y, [f"relativa ai Vs. DDT n. {rng.randrange(10, 400)} del {values.date(ddt_day, style)} "
                                f"e n. {rng.randrange(400, 800)} del {values.date(ddt_day + dt.timedelta(days=1), style)}"], 9)
    if doc_type == "nota_credito":
        y = sheet.lines(20, y, [f"a storno della fattura n. {rng.randrange(10, 900)}/{day.year % 100} "
                                f"del {values.date(ddt_day, style)} per merce resa"], 9)
    inv = parts.invoice(rng, "nota_credito" if doc_type == "nota_credito" else "fattura")
    y += 4
    for line_ in inv.lines:
        sheet.text(24, y, f"{line_['quantity']} x {line_['description']}", 9)
        sheet.text(150, y, f"a € {values.number(inv.sign * line_['price'])}", 9, align="r")
        sheet.text(190, y, values.number(inv.sign * line_["amount"]), 9, align="r")
        y += 5
    y += 6
    for row in inv.rows:
        sheet.text(24, y, f"Imponibile al {values.rate(row['rate'])}: € {values.number(row['taxable'])}  -  "
                          f"IVA {values.rate(row['rate'])}: € {values.number(row['vat'])}", 9)
        y += 5
    y += 3
    if len(inv.rows) == 1 or doc_type == "preventivo":
        sheet.text(24, y, "Totale imponibile € " + draft.show("taxable_amount", str(inv.taxable), values.number(inv.taxable)), 9)
        y += 5
    caption = {"fattura": "Netto a pagare", "nota_credito": "Totale a Vostro credito",
               "preventivo": "Totale offerta IVA compresa"}
    sheet.text(24, y + 3, f"{caption[doc_type]}: € " + draft.show("total", str(inv.total), values.number(inv.total)),
               12, bold=True)
    if doc_type == "preventivo":
        valid = day + dt.timedelta(days=30)
        sheet.lines(20, y + 16, [f"L'offerta è valida fino al {values.date(valid, style)}. Prezzi franco Vs. sede.",
                                 "Per accettazione, restituire copia firmata."], 9)
        draft.known("currency", "EUR")
    else:
        parts.show_amounts(draft, inv)
        iban = values.italian_iban(rng)
        sheet.lines(20, y + 16, ["Pagamento: " + draft.show("payment_method", "bonifico", "bonifico bancario") +
                                 " a vista fattura sul conto IBAN " + draft.show("iban", iban, iban)], 9)
    sheet.text(195, 280, f"{supplier.city}, {values.date(day, style)}", 9, align="r")
    return draft


def _letter(draft: Draft, sheet, rng, supplier, day, style) -> None:
    subject = rng.choice(SUBJECTS)
    sheet.text(195, 82, f"{supplier.city}, " + draft.show("date", day.isoformat(), values.date(day, style)), 10, align="r")
    protocol = f"{rng.randrange(100, 9999)}/{day.year}"
    sheet.text(20, 92, "Prot. n. " + draft.show("protocol_number", protocol, protocol), 10)
    sheet.text(20, 100, "Oggetto: " + draft.show("subject", subject, subject), 10, bold=True)
    body = ["Egregi Signori,", "con la presente Vi informiamo di quanto in oggetto, con riferimento alla Vs. "
            "comunicazione del",
            f"{values.date(day - dt.timedelta(days=12), style)} e al ns. ordine n. {rng.randrange(10, 900)}.",
            "Restiamo a disposizione per ogni chiarimento e porgiamo distinti saluti."]
    y = sheet.lines(20, 112, body, 10)
    sheet.text(140, y + 14, "L'Amministratore", 10)
    sheet.text(140, y + 20, f"{rng.choice(values.FIRST_NAMES)[0]} {rng.choice(values.SURNAMES)}", 10)
