"""Tuned material of our own: suppliers that print no P.IVA of their own (issue 14).

A person who did occasional work for a firm prints a `Ricevuta per prestazione occasionale`:
name and codice fiscale, the firm's name and P.IVA in the address block (the only P.IVA on
the page), `Compenso lordo`, `Ritenuta d'acconto 20%`, `Netto a pagare`, the law's sentence
(no VAT: art. 5 DPR 633/72) and the IBAN to pay. An association (a sports club, a cultural
one) prints its receipt for a fee outside VAT with its own codice fiscale: eleven digits
made as a P.IVA's, check digit included, that are no P.IVA. A Swiss firm invoicing in
Italian prints its UID and charges Swiss VAT, the customer's P.IVA only in a strip of
boxes. Every document of one supplier is printed from one template, with its own number,
date and amount: what a back office receives from the same supplier month after month.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

from demat.samples.generator.identity import iban_check_digits, partita_iva
from demat.samples.grammar import values
from demat.samples.grammar.corpus import write_draft
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms
from demat.samples.grammar.sheet import Sheet

FAMILY = "G14"  # a professional's fee note: the tuned family nearest it (the expected values' "family")
ASSOCIATIONS = ["Associazione Sportiva Dilettantistica Polisportiva", "Associazione Culturale Il Ponte di",
                "Circolo Ricreativo Aziendale", "Associazione di Promozione Sociale Insieme per"]
FEES = ["Quota di partecipazione al corso di primo soccorso", "Contributo per l'uso della palestra (trimestre)",
        "Quota associativa annuale dei dipendenti"]
WORKS = ["Traduzione tecnica manuale d'uso", "Lezioni di formazione al personale", "Progettazione grafica logo",
         "Servizio fotografico evento aziendale", "Inventario di magazzino"]


def receipt(supplier: int, number: int) -> Draft:
    """Document NUMBER of SUPPLIER: its kind, the customer firm and the template are the supplier's."""
    who = random.Random(f"occasional:{supplier}")
    one = random.Random(f"occasional:{supplier}:{number}")
    kind = who.random()
    if kind < 0.35:
        return _association_receipt(who, one)
    if kind < 0.7:
        return _ticino_invoice(who, one)
    person, firm, iban = values.person(who), values.company(who, two_lines=False), values.italian_iban(who)
    work = who.choice(WORKS)
    draft = Draft("fattura", font=who.choice(["Helvetica", "Times"]))
    sheet = draft.page()
    y = sheet.lines(20, 20, [draft.show("supplier_name", person.name, person.name)], 13, bold=True)
    sheet.lines(20, y, [person.street, person.place,
                        "Codice fiscale " + draft.show("supplier_tax_code", person.tax_code, person.tax_code)], 9.5)
    _addressee(draft, sheet, firm, 115)
    day = _issued(one)
    count = f"{one.randrange(1, 40)}/{day.year}"
    sheet.text(20, 95, "RICEVUTA PER PRESTAZIONE OCCASIONALE n. " + draft.show("number", count, count), 12, bold=True)
    sheet.text(20, 103, f"{person.place.split(' (')[0].split(' ', 1)[1]}, " +
               draft.show("date", day.isoformat(), values.date(day, "slash")), 10)
    gross = Decimal(one.randrange(200, 2500)) + Decimal(one.choice([0, 0, 50])) / 100
    withholding = (gross * Decimal(20) / 100).quantize(Decimal("0.01"))
    sheet.lines(20, 115, [f"Il/La sottoscritto/a {person.name} dichiara di aver ricevuto da {firm.name}",
                          f"il compenso per la seguente prestazione occasionale: {work}."], 10)
    y = 135
    for caption, amount, field in (("Compenso lordo", gross, "total"),
                                   ("Ritenuta d'acconto 20%", -withholding, None),
                                   ("Netto a pagare", gross - withholding, None)):
        sheet.text(90, y, caption, 10, bold=field is not None)
        text = terms.money(amount, "before")
        sheet.text(190, y, draft.show(field, str(amount), text) if field else text, 10, align="r")
        y += 7
    _no_vat(draft)
    sheet.lines(20, y + 6, ["Operazione fuori campo IVA ai sensi dell'art. 5 del DPR 633/72.",
                            "Pagamento a mezzo bonifico bancario, IBAN " + draft.show("iban", iban, iban)], 9)
    sheet.text(20, 270, "Firma ____________________", 10)
    return draft


def _association_receipt(who: random.Random, one: random.Random) -> Draft:
    """An association's receipt: its name and numeric codice fiscale, the firm's P.IVA, a fee outside VAT."""
    code = next(c for c in iter(lambda: partita_iva(who), None) if c[0] == "9")  # an entity's codice fiscale
    name = f"{who.choice(ASSOCIATIONS)} {who.choice(values.SURNAMES)}"
    firm, iban, fee = values.company(who, two_lines=False), values.italian_iban(who), who.choice(FEES)
    city = who.choice(["Brescia", "Treviso", "Lecce", "Parma"])
    draft = Draft("fattura", font=who.choice(["Helvetica", "Times"]))
    sheet = draft.page()
    y = sheet.lines(105, 18, [draft.show("supplier_name", name, name)], 13, bold=True, align="c")
    y = sheet.lines(105, y, [f"Via dello Sport, {who.randrange(1, 90)} - {city}",
                             "C.F. " + draft.show("supplier_tax_code", code, code)], 9, align="c")
    sheet.rule(20, y, 190, y, 0.6)
    _addressee(draft, sheet, firm, 20)
    day = _issued(one)
    count = f"{one.randrange(1, 90)}"
    sheet.text(20, 92, "Ricevuta n. " + draft.show("number", count, count), 12, bold=True)
    sheet.text(120, 92, "del " + draft.show("date", day.isoformat(), values.date(day, "dot")), 12, bold=True)
    amount = Decimal(one.randrange(40, 900))
    sheet.text(20, 108, fee, 10)
    sheet.text(190, 108, terms.money(amount, "before"), 10, align="r")
    sheet.text(120, 118, "Totale ricevuta", 10, bold=True)
    sheet.text(190, 118, draft.show("total", str(amount), terms.money(amount, "before")), 10, bold=True, align="r")
    _no_vat(draft)
    sheet.lines(20, 132, ["Operazione esclusa dal campo di applicazione dell'IVA ai sensi dell'art. 4 DPR 633/72.",
                          "Versamento su IBAN " + draft.show("iban", iban, iban)], 9)
    sheet.text(120, 260, "Il Presidente", 10)
    return draft


def _ticino_invoice(who: random.Random, one: random.Random) -> Draft:
    """A Swiss supplier's invoice in Italian: its UID (no P.IVA), Swiss VAT at 8.1%, and the customer's P.IVA
    only in the strip of boxes over the document's data, none in its address block."""
    name = f"{who.choice(values.SURNAMES)} {who.choice(['Impianti', 'Forniture Tecniche', 'Automazione'])} SA"
    uid = f"CHE-{who.randrange(100, 999)}.{who.randrange(100, 999)}.{who.randrange(100, 999)}"
    bban = "".join(who.choice("0123456789") for _ in range(17))
    firm, iban = values.company(who, two_lines=False), "CH" + iban_check_digits("CH", bban) + bban
    draft = Draft("fattura", font=who.choice(["Helvetica", "DejaVuSans"]))
    sheet = draft.page()
    y = sheet.lines(20, 18, [draft.show("supplier_name", name, name)], 14, bold=True)
    sheet.lines(20, y, [f"Via Cantonale {who.randrange(1, 60)}, 6900 Lugano (CH)", f"IDI {uid} IVA"], 8.5)
    sheet.text(120, 45, "Spett.le", 9.5)
    sheet.lines(120, 50, [draft.show("customer_name", firm.name, firm.name), firm.street, firm.place, "Italia"], 10)
    day = _issued(one)
    count = f"{day.year}-{one.randrange(100, 999)}"
    strip = [("Fattura n.", draft.show("number", count, count)),
             ("Data", draft.show("date", day.isoformat(), values.date(day, "dot"))),
             ("Cliente", str(who.randrange(1000, 9999))),
             ("Partita IVA", draft.show("customer_vat", firm.vat, firm.vat))]
    for i, (caption, value) in enumerate(strip):
        sheet.box(20 + 42 * i, 80, 42, 12, 0.4)
        sheet.text(22 + 42 * i, 84, caption, 7.5)
        sheet.text(22 + 42 * i, 90, value, 10)
    net = Decimal(one.randrange(20000, 300000)) / 100
    vat = (net * Decimal("8.1") / 100).quantize(Decimal("0.01"))
    sheet.text(20, 105, who.choice(["Manutenzione impianto di climatizzazione", "Fornitura valvole e raccordi"]), 10)
    sheet.text(190, 105, values.number(net, "ch"), 10, align="r")
    y = 120
    for caption, field, amount in (("Totale netto CHF", "taxable_amount", net), ("IVA 8,1%", "vat_amount", vat),
                                   ("Totale CHF", "total", net + vat)):
        sheet.text(120, y, caption, 10, bold=field == "total")
        sheet.text(190, y, draft.show(field, str(amount), values.number(amount, "ch")), 10, align="r")
        y += 7
    draft.known("vat_lines", [{"rate": "8.10", "taxable_amount": str(net), "vat_amount": str(vat), "nature": None}])
    draft.known("currency", "CHF")
    draft.foreign = True
    sheet.lines(20, y + 8, ["Pagamento entro 30 giorni su IBAN " + draft.show("iban", iban, iban)], 9)
    return draft


def _addressee(draft: Draft, sheet: Sheet, firm: values.Company, x: float) -> None:
    """The customer FIRM under "Spett.le" at X mm of SHEET: its name, address and P.IVA (the page's only P.IVA)."""
    sheet.text(x, 50, "Spett.le", 9.5)
    y = sheet.lines(x, 55, [draft.show("customer_name", firm.name, firm.name), firm.street, firm.place], 10)
    sheet.text(x, y, "P.IVA " + draft.show("customer_vat", firm.vat, firm.vat), 10)


def _issued(one: random.Random) -> dt.date:
    """A document's date in 2025, drawn for each document."""
    return dt.date(2025, 1, 10) + dt.timedelta(days=one.randrange(0, 300))


def _no_vat(draft: Draft) -> None:
    for name, value in (("taxable_amount", None), ("vat_amount", None), ("vat_lines", []), ("currency", "EUR")):
        draft.known(name, value)


def write_receipts(folder: Path, supplier: int, count: int, kind: str = "born_digital",
                   recipe: str | None = None) -> list[tuple[Path, dict]]:
    """COUNT documents of SUPPLIER, as files of KIND (a scan made with RECIPE); each file and its expected values."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for number in range(count):
        [json_path] = write_draft(folder, f"occasionale-{supplier}-{number:02d}", receipt(supplier, number),
                                  FAMILY, number, (kind,), recipe=recipe)
        data = json.loads(json_path.read_text(encoding="utf-8"))
        written.append((folder / data["file"], data["fields"]))
    return written
