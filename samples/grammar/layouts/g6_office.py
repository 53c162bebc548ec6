"""G6, "back-office paper": utility bills, bank statements, F24 forms and expense
claims as a small firm receives them. Each has its own distractors: supply
periods and meter readings, opening balances and movements, tax codes and
reference years, the receipts an expense claim adds up."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from demat.samples.generator import identity
from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

TYPES = ("bolletta", "estratto_conto", "f24", "nota_spese")
UTILITIES = [("Energie del Lario S.p.A.", "luce"), ("Gasdotti Appennino S.r.l.", "gas"), ("Luce&Gas Tirreno S.p.A.", "luce")]
BANKS = ["Banca di Credito del Sannio S.c.p.a.", "Cassa Rurale delle Dolomiti", "Banca Popolare Etrusca S.p.A."]


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["Helvetica", "DejaVuSans"]))
    {"bolletta": _bill, "estratto_conto": _statement, "f24": _f24, "nota_spese": _expenses}[doc_type](draft, rng)
    if doc_type != "f24":
        draft.known("currency", "EUR")
    return draft


def _bill(draft: Draft, rng: random.Random) -> None:
    sheet = draft.page()
    name, kind = rng.choice(UTILITIES)
    vat = identity.partita_iva(rng)
    customer = values.company(rng)
    day = values.issue_date(rng)
    due = day + dt.timedelta(days=20)
    start = day.replace(day=1) - dt.timedelta(days=60)
    sheet.text(15, 18, draft.show("supplier_name", name, name), 15, bold=True)
    sheet.text(15, 24, "P.IVA " + draft.show("supplier_vat", vat, vat) + " - Servizio clienti 800 000 000", 8)
    title = rng.choice(["Bolletta " + ("luce" if kind == "luce" else "gas"), "Fattura per la fornitura di "
                        + ("energia elettrica" if kind == "luce" else "gas naturale")])
    sheet.text(15, 40, title, 13, bold=True)
    number = f"{rng.randrange(10**9, 10**10)}"
    sheet.lines(15, 47, ["Numero fattura " + draft.show("number", number, number),
                         "emessa il " + draft.show("date", day.isoformat(), values.date(day, "slash")),
                         f"Periodo di fornitura: dal {values.date(start, 'slash')} al "
                         f"{values.date(start + dt.timedelta(days=59), 'slash')}"], 9)
    sheet.text(120, 40, "Intestatario", 8)
    sheet.lines(120, 45, [draft.show("customer_name", customer.name, customer.name), customer.street, customer.place], 9)
    point = identity.pod(rng) if kind == "luce" else identity.pdr(rng)
    sheet.text(15, 72, ("POD " if kind == "luce" else "PDR ") + draft.show("supply_point", point, point), 10, bold=True)
    sheet.text(15, 78, f"Lettura del {values.date(start + dt.timedelta(days=58), 'slash')}: {rng.randrange(1000, 99999)} "
                       f"{'kWh' if kind == 'luce' else 'Smc'} (effettiva)", 8.5)
    total = Decimal(rng.randrange(4000, 90000)) / 100
    previous = Decimal(rng.randrange(4000, 90000)) / 100
    sheet.box(15, 90, 180, 26, 0.8, fill=0.93)
    sheet.text(20, 99, "Totale da pagare", 12, bold=True)
    sheet.text(190, 99, "€ " + draft.show("total", str(total), values.number(total)), 16, bold=True, align="r")
    sheet.text(20, 109, "Entro il " + draft.show("due_date", due.isoformat(), values.date(due, "slash")), 10)
    rows = [["Spesa per la materia", values.number(total * Decimal("0.55"))],
            ["Spesa per trasporto e gestione contatore", values.number(total * Decimal("0.2"))],
            ["Oneri di sistema", values.number(total * Decimal("0.1"))], ["Imposte e IVA", "-"]]
    y = parts.table(sheet, 15, 125, [("Sintesi degli importi", 140, "l"), ("Euro", 40, "r")], rows, 9)
    sheet.text(15, y + 6, f"Totale bolletta precedente € {values.number(previous)} - pagata regolarmente", 8.5)


def _statement(draft: Draft, rng: random.Random) -> None:
    sheet = draft.page()
    bank = rng.choice(BANKS)
    customer = values.company(rng)
    iban = values.italian_iban(rng)
    end = values.issue_date(rng)
    opening = Decimal(rng.randrange(-200000, 5000000)) / 100
    sheet.text(15, 18, draft.show("supplier_name", bank, bank), 14, bold=True)
    sheet.text(15, 32, rng.choice(["ESTRATTO CONTO CORRENTE", "Estratto conto al " + values.date(end, "slash"),
                                   "Rendiconto di conto corrente"]), 12, bold=True)
    sheet.lines(120, 30, [draft.show("customer_name", customer.name, customer.name), customer.street, customer.place], 9)
    sheet.text(15, 48, "IBAN " + draft.show("iban", iban, " ".join(iban[i:i + 4] for i in range(0, 27, 4))), 9.5)
    sheet.text(15, 54, f"Periodo dal {values.date(end - dt.timedelta(days=90), 'slash')} al "
                       + draft.show("date", end.isoformat(), values.date(end, "slash")), 9)
    balance, rows = opening, []
    for i in range(rng.randrange(4, 9)):
        amount = Decimal(rng.randrange(-300000, 300000)) / 100
        balance += amount
        when = end - dt.timedelta(days=85 - 10 * i)
        rows.append([values.date(when, "slash"), values.date(when + dt.timedelta(days=1), "slash"),
                     rng.choice(["BONIFICO A VS FAVORE", "ADDEBITO SDD", "PAGAMENTO POS", "COMMISSIONI"]),
                     values.number(amount) if amount < 0 else "", values.number(amount) if amount >= 0 else ""])
    y = parts.table(sheet, 15, 62, [("Data", 22, "l"), ("Valuta", 22, "l"), ("Descrizione", 80, "l"),
                                    ("Dare", 28, "r"), ("Avere", 28, "r")],
                    [["", "", "SALDO INIZIALE", "", values.number(opening)], *rows], 8.5)
    sheet.text(15, y + 6, "SALDO FINALE", 10, bold=True)
    sheet.text(195, y + 6, draft.show("balance", str(balance), values.number(balance)), 10, bold=True, align="r")


def _f24(draft: Draft, rng: random.Random) -> None:
    sheet = draft.page()
    payer = values.person(rng)
    day = values.issue_date(rng)
    sheet.text(15, 16, rng.choice(["Modello F24", "MODELLO DI PAGAMENTO UNIFICATO F24", "F24 Semplificato"]), 13, bold=True)
    sheet.text(195, 16, "AGENZIA DELLE ENTRATE", 8, align="r")
    sheet.text(15, 26, "CONTRIBUENTE", 8, bold=True)
    sheet.text(15, 32, "Codice fiscale " + draft.show("tax_code", payer.tax_code, " ".join(payer.tax_code)), 10)
    sheet.text(15, 38, f"{payer.surname.upper()}  {payer.first.upper()}", 9)
    rows, total = [], Decimal(0)
    for code in rng.sample(["1001", "1040", "6031", "3918", "1627", "4001"], rng.randrange(2, 5)):
        amount = Decimal(rng.randrange(1000, 400000)) / 100
        total += amount
        rows.append([code, "", f"{rng.randrange(1, 12):02d}{day.year}", values.number(amount), ""])
    y = parts.table(sheet, 15, 50, [("codice tributo", 30, "l"), ("rateazione", 25, "l"), ("anno di riferimento", 40, "l"),
                                    ("importi a debito versati", 42, "r"), ("a credito", 30, "r")], rows, 8.5,
                    ruled="grid")
    sheet.text(15, y + 6, "SEZIONE ERARIO", 8)
    sheet.text(120, y + 16, "SALDO FINALE  EURO", 10, bold=True)
    sheet.text(195, y + 16, draft.show("balance", str(total), values.number(total)), 10, bold=True, align="r")
    sheet.text(15, y + 28, "ESTREMI DEL VERSAMENTO  data " + draft.show("date", day.isoformat(), values.date(day, "slash")), 9)


def _expenses(draft: Draft, rng: random.Random) -> None:
    sheet = draft.page()
    employee = values.person(rng)
    company = values.company(rng)
    day = values.issue_date(rng)
    sheet.text(15, 16, company.name, 10, bold=True)
    sheet.text(15, 30, rng.choice(["NOTA SPESE", "Richiesta di rimborso spese di trasferta", "Nota spese mensile"]), 13,
               bold=True)
    sheet.text(15, 38, "Dipendente: " + draft.show("sender", employee.name, employee.name), 10)
    sheet.text(15, 44, f"Trasferta a {rng.choice(['Torino', 'Bari', 'Verona', 'Roma'])} per visita cliente", 9)
    rows, total = [], Decimal(0)
    for i in range(rng.randrange(3, 7)):
        amount = Decimal(rng.randrange(300, 25000)) / 100
        total += amount
        rows.append([values.date(day - dt.timedelta(days=10 - i), "slash"),
                     rng.choice(["Pranzo", "Taxi", "Treno A/R", "Hotel", "Parcheggio", "Carburante"]),
                     "scontrino n. " + str(rng.randrange(1, 999)), values.number(amount)])
    y = parts.table(sheet, 15, 54, [("Data", 25, "l"), ("Voce", 50, "l"), ("Giustificativo", 55, "l"),
                                    ("Importo €", 40, "r")], rows, 9)
    sheet.text(120, y + 4, "Totale rimborso", 10, bold=True)
    sheet.text(185, y + 4, draft.show("total", str(total), values.number(total)), 10, bold=True, align="r")
    sheet.text(15, y + 18, f"{rng.choice(['Milano', 'Padova'])}, " + draft.show("date", day.isoformat(),
                                                                                values.date(day, "it_long")), 9)
    sheet.text(120, y + 30, "Firma del dipendente ________________", 9)
