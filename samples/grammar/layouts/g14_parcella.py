"""G14, "parcella": a professional's invoice (surveyor, lawyer, engineer, accountant,
architect), or an associated practice's. The practice's name centred in a serif face
(`Studio Tecnico Geom. Silvia Fontana`, `Studio Associato Sala & Villa`), the place
and date as in a letter (`Bergamo, 12 marzo 2025`), the fees, the pension fund's
contribution, VAT, and after `Totale fattura` the withholding tax and `Netto a
pagare`. The expected total is the document's (imponibile + IVA, as FatturaPA's
ImportoTotaleDocumento), not the net to pay. Proformas are `Avviso di parcella`."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from demat.samples.generator.formats import cents
from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms

TYPES = ("fattura", "proforma")
TITLES = {"fattura": ["FATTURA", "Fattura", "PARCELLA"], "proforma": ["AVVISO DI PARCELLA", "Preavviso di parcella"]}
# practice, title of a man, of a woman, the pension fund's contribution (None: INPS, charged on and withheld on)
PROFESSIONS = [("Studio Tecnico", "Geom.", "Geom.", "Contributo integrativo CIPAG 5%"),
               ("Studio Legale", "Avv.", "Avv.", "Contributo Cassa Forense 4%"),
               ("Studio di Ingegneria", "Ing.", "Ing.", "Contributo integrativo Inarcassa 4%"),
               ("Studio Commercialista", "Dott.", "Dott.ssa", "Cassa Dottori Commercialisti 4%"),
               ("Studio di Architettura", "Arch.", "Arch.", "Contributo integrativo Inarcassa 4%"),
               ("Consulenza Informatica", "Dott.", "Dott.ssa", None)]
WORKS = [("Redazione pratica SCIA e deposito in Comune", "300", "1200"),
         ("Assistenza stragiudiziale recupero crediti", "250", "900"),
         ("Direzione lavori - acconto", "800", "3000"), ("Tenuta contabilità e dichiarativi anno 2024", "600", "2400"),
         ("Progetto preliminare ampliamento capannone", "1500", "6000"), ("Consulenza sistemistica (ore)", "300", "1400"),
         ("Accatastamento unità immobiliare (DOCFA)", "400", "900"), ("Parere legale scritto", "350", "1500")]


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["Times", "DejaVuSerif"]))
    sheet = draft.page()
    practice, man, woman, fund = rng.choice(PROFESSIONS)
    office = values.company(rng)  # the practice's address and P.IVA
    customer = values.company(rng, two_lines=False)
    day = values.issue_date(rng)
    # the practice: one professional (a personal tax code) or two associated (the P.IVA is the tax code)
    if rng.random() < 0.7:
        person = values.person(rng)
        female = dict(values.FIRST_NAMES)[person.first]
        name_lines = [practice, f"{woman if female else man} {person.name}"]
        tax_code = person.tax_code
    else:
        first, second = rng.sample(values.SURNAMES, 2)
        name_lines = [f"Studio Associato {first} & {second}"]
        tax_code = office.vat
    name = " ".join(name_lines)
    if len(name_lines) == 2 and rng.random() < 0.5:
        name_lines = [name]
    y = 18
    for i, line in enumerate(draft.show_lines("supplier_name", name, name_lines)):
        y = sheet.lines(105, y, [line], 15 if i == len(name_lines) - 1 else 11, bold=True, align="c")
    y = sheet.lines(105, y + 1, [f"{office.street} - {office.place}",
                                 f"Tel. {office.phone} - PEC studio.{office.city.lower().replace(' ', '')}@pec.it"],
                    8.5, align="c")
    tax_text = draft.show("supplier_tax_code", tax_code, tax_code)
    vat_text = draft.show("supplier_vat", office.vat, office.vat)
    sheet.text(105, y, f"C.F. {tax_text} - P.IVA {vat_text}" if tax_code != office.vat else f"C.F. e P.IVA {vat_text}",
               8.5, align="c")
    sheet.rule(20, y + 3, 190, y + 3, 0.8)
    # the customer, then the place and date as in a letter, then the number
    sheet.text(115, 52, rng.choice(["Spett.le", "Egregi Signori"]), 9)
    lines = parts.name_lines(draft, "customer_name", customer)
    y = sheet.lines(115, 57, lines, terms.fit(sheet, lines, 10.5, 78, bold=True), bold=True)
    y = sheet.lines(115, y, [customer.street, customer.place], 9.5)
    sheet.text(115, y, "P.IVA " + draft.show("customer_vat", customer.vat, customer.vat), 9.5)
    long_date = rng.random() < 0.6
    printed_day = values.date(day, "it_long" if long_date else "slash")
    sheet.text(20, 88, f"{office.city}, " + draft.show("date", day.isoformat(), printed_day), 10)
    number = rng.choice(["{n}/{y}", "{y}/{n}", "{n}/{yy}P"]).format(n=rng.randrange(1, 140), y=day.year,
                                                                   yy=day.year % 100)
    sheet.text(20, 98, f"{rng.choice(TITLES[doc_type])} n. " + draft.show("number", number, number), 13, bold=True)
    _fees(draft, sheet, rng, doc_type, day, fund)
    return draft


def _fees(draft: Draft, sheet, rng, doc_type, day, fund) -> None:
    """Fees, the fund's contribution, VAT, the withholding tax and the net to pay, in one column."""
    works = rng.sample(WORKS, rng.choice([1, 1, 2, 3]))
    fees = [(text, Decimal(rng.randrange(int(low), int(high))) + Decimal(rng.choice([0, 0, 50])) / 100)
            for text, low, high in works]
    fee_total = sum((amount for _, amount in fees), Decimal(0))
    rate = Decimal(5) if fund and "5%" in fund else Decimal(4)
    contribution = cents(fee_total * rate / 100)
    lines = [{"description": text, "quantity": Decimal(1), "price": amount, "amount": amount, "rate": Decimal(22)}
             for text, amount in fees]
    lines.append({"description": fund or "Rivalsa INPS 4%", "quantity": Decimal(1), "price": contribution,
                  "amount": contribution, "rate": Decimal(22)})
    rows = values.vat_rows(lines)
    inv = parts.Invoice(lines, rows, *values.totals(rows), 1)
    withheld_on = fee_total if fund else fee_total + contribution  # INPS's charge is withheld on too
    withholding = cents(withheld_on * Decimal(20) / 100) if rng.random() < 0.85 else None
    euro = rng.choice(["before", "none"])
    y = 112
    sheet.text(20, y, "Per le prestazioni professionali rese:", 10)
    for text, amount in fees:
        y += 6
        sheet.text(24, y, text, 10)
        sheet.text(190, y, terms.money(amount, euro), 10, align="r")
    y += 10
    column = [("Totale onorari", None, fee_total), (lines[-1]["description"], None, contribution),
              ("Totale imponibile", "taxable_amount", inv.taxable),
              (f"IVA 22% su {values.number(inv.taxable)}", "vat_amount", inv.vat),
              (rng.choice(["Totale fattura", "TOTALE DOCUMENTO", "Totale parcella"]), "total", inv.total)]
    if withholding is not None:
        column += [(f"Ritenuta d'acconto 20% su {values.number(withheld_on)}", None, -withholding),
                   (rng.choice(["NETTO A PAGARE", "Importo da pagare", "Netto da corrispondere"]), None,
                    inv.total - withholding)]
    for caption, field, amount in column:
        strong = field == "total" or caption == column[-1][0]
        text = terms.money(amount, euro)
        sheet.text(80, y, caption, 10, bold=strong)
        sheet.text(190, y, draft.show(field, str(amount), text) if field else text, 10, bold=strong, align="r")
        y += 6.5
        if field == "total":
            sheet.rule(80, y - 4.5, 190, y - 4.5, 0.4)
    parts.show_amounts(draft, inv)
    if withholding is not None:
        sheet.text(105, 280, "Operazione soggetta a ritenuta d'acconto ai sensi dell'art. 25 DPR 600/73.", 7.5,
                   align="c")
    _payment(draft, sheet, rng, doc_type, day, y + 8)


def _payment(draft: Draft, sheet, rng, doc_type, day, y) -> None:
    """A bank transfer to the practice's account; a due date only where one is printed."""
    iban = values.italian_iban(rng)
    wording = draft.show("payment_method", "bonifico", rng.choice(terms.WORDINGS["bonifico"]))
    due = day + dt.timedelta(days=rng.choice([15, 30]))
    when = rng.choice(["a vista", "date", "footer", "terms"]) if doc_type == "fattura" else "a vista"
    after = {"a vista": " a vista", "terms": f" a {(due - day).days} giorni data fattura"}.get(when, "")
    lines = [f"Modalità di pagamento: {wording}{after}",
             f"{rng.choice(terms.BANKS)} - IBAN " + draft.show("iban", iban, iban)]
    if when == "date":
        lines.insert(1, "da effettuarsi entro il " + draft.show("due_date", due.isoformat(), values.date(due, "it_long")))
    sheet.lines(20, y, lines, 9.5)
    if when == "footer":
        sheet.box(140, 262, 50, 12, 0.6)
        sheet.text(142, 266, "Data scadenza", 7.5)
        sheet.text(188, 271, draft.show("due_date", due.isoformat(), values.date(due, "slash")), 10, bold=True,
                   align="r")
    if when in ("a vista", "terms"):  # no date printed: none expected
        draft.known("due_date", None)
    if doc_type == "proforma":
        sheet.text(105, 285, "Documento non valido ai fini fiscali: la fattura sarà emessa all'atto del pagamento "
                   "(art. 6 DPR 633/72).", 7.5, align="c")
