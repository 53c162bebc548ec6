"""G13, "scadenze": a distributor's management software. A logo with the name beside
it in mixed case, the legal form sometimes spelled out on a line of its own
(`Società a responsabilità limitata`); a document box top right (`Documento n°`,
numbers like `FT-2025/0042` or `2025/A/17`, dates like `12-03-25`); line discounts;
collection charges; the totals in a right-hand column with the euro sign; payment
terms (`RIBA 30/60 gg f.m.`) with or without a table of instalments (`Scadenze`),
whose first date is the due date; public customers under split payment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms

TYPES = ("fattura", "nota_credito", "proforma", "fattura")
TITLES = {"fattura": ["FATTURA", "Fattura", "FATTURA DIFFERITA"], "nota_credito": ["NOTA DI CREDITO", "Nota credito"],
          "proforma": ["FATTURA PROFORMA", "Proforma"]}
SPELLED = ["Società a responsabilità limitata", "Società per azioni", "Società in nome collettivo",
           "Società cooperativa"]
PUBLIC = ["Comune di {city}", "Istituto Comprensivo Statale di {city}", "Azienda Sanitaria Locale di {city}"]


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["DejaVuSans", "Helvetica", "DejaVuCondensed"]))
    sheet = draft.page()
    supplier = _supplier(rng)
    public = doc_type == "fattura" and rng.random() < 0.25
    customer = _public(rng) if public else values.company(rng, two_lines=False)
    day = values.issue_date(rng)
    short_year = rng.random() < 0.5
    euro = rng.choice(["before", "after"])
    # letterhead: logo, the name in mixed case beside it, the legal form spelled out under it
    x = 14 + sheet.logo(14, 12, supplier.acronym, 12, round_=rng.random() < 0.5) + 5
    lines = parts.name_lines(draft, "supplier_name", supplier)
    y = sheet.lines(x, 16, lines[:1], terms.fit(sheet, lines[:1], 13, 124 - x, bold=True), bold=True)
    y = sheet.lines(x, y, lines[1:], 9)
    y = sheet.lines(x, y, [f"{supplier.street} - {supplier.place}", f"Tel. {supplier.phone}",
                           "P.IVA e C.F. " + draft.show("supplier_vat", supplier.vat, supplier.vat)], 8)
    # the document box, top right
    title = rng.choice(TITLES[doc_type])
    number = rng.choice(["FT-{y}/{n:04d}", "{y}/A/{n}", "{n}/{yy}", "{y}/{n:05d}"]).format(
        n=rng.randrange(1, 3000), y=day.year, yy=day.year % 100)
    if doc_type == "nota_credito":
        number = number.replace("FT-", "NC-").replace("/A/", "/NC/")
    printed_day = _day(day, short_year)
    sheet.box(128, 10, 68, 30, 0.6)
    sheet.text(131, 16, title, 12, bold=True)
    rows = [(rng.choice(["Documento n°", "Nr.", "Numero", "N. doc."]), draft.show("number", number, number)),
            (rng.choice(["Data", "Data doc.", "del"]), draft.show("date", day.isoformat(), printed_day)),
            ("Cod. cliente", f"{rng.randrange(100, 99999):05d}"), ("Pag.", "1 di 1")]
    for i, (caption, value) in enumerate(rows):
        sheet.text(131, 22 + 4.5 * i, caption, 8)
        sheet.text(160, 22 + 4.5 * i, value, 9, bold=i < 2)
    # the customer and, beside it, where the goods go
    sheet.text(110, 48, rng.choice(["Spett.le", "Intestatario", "Cliente"]), 7.5)
    lines = parts.name_lines(draft, "customer_name", customer)
    y = sheet.lines(110, 53, lines, terms.fit(sheet, lines, 10, 86, bold=True), bold=True)
    y = sheet.lines(110, y, [customer.street, customer.place], 8.5)
    sheet.text(110, y, "P.IVA " + draft.show("customer_vat", customer.vat, "IT" + customer.vat), 8.5)
    if rng.random() < 0.6:
        sheet.text(14, 48, "Destinazione merce", 7.5)
        sheet.lines(14, 53, [f"Magazzino {customer.city}", f"{rng.choice(['Via', 'Strada'])} dell'Industria, "
                             f"{rng.randrange(1, 90)}", customer.place], 8.5)
    _body(draft, sheet, rng, doc_type, day, short_year, euro, public)
    return draft


def _supplier(rng: random.Random) -> values.Company:
    """A company whose legal form is spelled out, or one with an '&' or an apostrophe in its name."""
    base = values.company(rng, two_lines=False)
    surname = rng.choice([s for s in values.SURNAMES if "'" in s] + values.SURNAMES[:6])
    trade = rng.choice(values.TRADES)
    lines = rng.choice([(f"{trade} {surname}", rng.choice(SPELLED)), (f"F.lli {surname} & C. S.n.c.",),
                        (f"{surname} {trade}", rng.choice(SPELLED)), base.name_lines])
    return dataclasses.replace(base, name_lines=lines)


def _public(rng: random.Random) -> values.Company:
    base = values.company(rng, two_lines=False)
    return dataclasses.replace(base, name_lines=(rng.choice(PUBLIC).format(city=base.city),))


def _day(day: dt.date, short_year: bool) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year % 100:02d}" if short_year else values.date(day, "slash")


def _body(draft: Draft, sheet, rng, doc_type, day, short_year, euro, public) -> None:
    inv, discounts = terms.discounted(parts.invoice(rng, doc_type), rng)
    payment = "bonifico" if doc_type == "proforma" or public else rng.choice(["RiBa", "RiBa", "bonifico", "SDD"])
    if payment == "RiBa" and rng.random() < 0.7:
        inv = terms.charge(inv, "Spese di incasso", Decimal(rng.choice(["2.50", "3.00", "4.50"])))
    if doc_type == "nota_credito":
        inv.lines[0]["description"] = f"Reso merce rif. ft. {rng.randrange(1, 3000)} - " + inv.lines[0]["description"][:26]
    rows = [[line["description"], f"{line['quantity']}", values.number(inv.sign * line["price"]),
             f"{off}%" if off else "", values.number(inv.sign * line["amount"]), f"{line['rate']:.0f}"]
            for line, off in zip(inv.lines, discounts + [0])]
    columns = [("Descrizione", 84, "l"), ("Q.tà", 14, "r"), ("Prezzo", 22, "r"), ("Sc.", 12, "r"),
               ("Importo", 26, "r"), ("C.IVA", 14, "c")]
    y = parts.table(sheet, 14, 84, columns, rows, 8, ruled=rng.choice(["head", "grid"]))
    y = max(y + 8, 190)
    # VAT summary on the left, the totals column on the right
    parts.table(sheet, 14, y, [("Cod. IVA", 18, "l"), ("Descrizione", 32, "l"), ("Imponibile", 26, "r"),
                               ("Imposta", 24, "r")],
                [[f"{r['rate']:.0f}", f"Aliquota {values.rate(r['rate'])}", values.number(r["taxable"]),
                  values.number(r["vat"])] for r in inv.rows], 7.5, ruled="grid")
    merchandise = sum((line["amount"] for line in inv.lines if line["description"] != "Spese di incasso"), Decimal(0))
    column = [("Totale merce", None, inv.sign * merchandise)]
    column += [(line["description"], None, inv.sign * line["amount"]) for line in inv.lines
               if line["description"] == "Spese di incasso"]
    column += [("Totale imponibile", "taxable_amount", inv.taxable), ("Totale IVA", "vat_amount", inv.vat),
               (rng.choice(["TOTALE DOCUMENTO", "Totale documento", "TOTALE FATTURA"]), "total", inv.total)]
    if public:
        column += [("IVA a carico dell'Ente", None, -inv.vat), ("NETTO A PAGARE", None, inv.taxable)]
    for caption, field, amount in column:
        strong = field == "total" or caption == "NETTO A PAGARE"
        text = terms.money(amount, euro)
        sheet.text(132, y + 4, caption, 8.5, bold=strong)
        sheet.text(196, y + 4, draft.show(field, str(amount), text) if field else text, 8.5, bold=strong, align="r")
        y += 5.5
    parts.show_amounts(draft, inv)
    if public:
        sheet.text(14, y + 4, "Operazione soggetta a scissione dei pagamenti ex art. 17-ter DPR 633/72", 8, bold=True)
    _payment(draft, sheet, rng, doc_type, payment, day, short_year, euro, inv, y + 12)


def _payment(draft: Draft, sheet, rng, doc_type, payment, day, short_year, euro, inv, y) -> None:
    """The payment terms, and for an invoice sometimes the table of instalments the terms make."""
    if doc_type == "nota_credito":
        sheet.text(14, y, "Importo a compensazione delle prossime forniture.", 8)
        draft.known("due_date", None)
        return
    days = rng.choice([[30], [60], [30, 60], [30, 60, 90]]) if doc_type == "fattura" else [0]
    month_end = payment == "RiBa" and rng.random() < 0.8
    wording = draft.show("payment_method", payment, rng.choice(terms.WORDINGS[payment]))
    terms_text = "anticipato" if doc_type == "proforma" else terms.terms_text(days, month_end)
    sheet.text(14, y, f"Pagamento: {wording} {terms_text}", 9, bold=True)
    if payment == "bonifico":
        iban = values.italian_iban(rng)
        sheet.text(14, y + 5, f"{rng.choice(terms.BANKS)} - IBAN " + draft.show("iban", iban, iban), 8.5)
    else:  # the customer's bank collects: no IBAN of the supplier's
        draft.known("iban", None)
        sheet.text(14, y + 5, f"Mandato SEPA n. {rng.randrange(100, 9999)} del {_day(day.replace(day=1), short_year)}"
                   if payment == "SDD" else f"Banca d'appoggio: {rng.choice(terms.BANKS)} "
                   f"ABI {rng.randrange(1000, 9999):05d} CAB {rng.randrange(10000, 99999)}", 8.5)
    dates = terms.instalments(day, days, month_end)
    if doc_type != "fattura" or rng.random() < 0.35:  # the terms alone: the date is left to the customer
        draft.known("due_date", None)
        return
    printed = [_day(due, short_year) for due in dates]
    draft.show("due_date", dates[0].isoformat(), printed[0])
    parts.table(sheet, 14, y + 10, [("Scadenze", 30, "l"), ("Importo", 30, "r")],
                [[text, terms.money(amount, euro)] for text, amount in zip(printed, terms.split(inv.total, len(dates)))],
                8.5)
