"""F24, bolletta, estratto conto and nota spese: money owed, paid or refunded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demat.samples.generator import identity, pools
from demat.samples.generator.blocks import Draw, Heading, Pairs, Para, Plan, Table, Totals
from demat.samples.generator.formats import cents
from demat.samples.generator.parties import letterhead, party_box, party_fields

TAX_CODES = [("1001", "Ritenute su redditi di lavoro dipendente"), ("1040", "Ritenute su redditi di lavoro autonomo"),
             ("6001", "IVA mensile - gennaio"), ("6002", "IVA mensile - febbraio"), ("6031", "IVA trimestrale"),
             ("4001", "IRPEF saldo"), ("4034", "IRPEF secondo acconto"), ("2003", "IRES saldo"),
             ("1712", "Acconto imposta sostitutiva TFR"), ("3918", "IMU altri fabbricati")]


def _money(draw: Draw, low: int, high: int) -> Decimal:
    return Decimal(draw.rng.randrange(low * 100, high * 100)) / 100


def build_f24(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    taxpayer = pools.company(rng, draw.split) if rng.random() < 0.6 else pools.person(rng, draw.split)
    date = draw.issue_date()
    rows, debit = [], Decimal(0)
    for code, _ in rng.sample(TAX_CODES, rng.randrange(1, 5)):
        amount = _money(draw, 30, 9000)
        debit += amount
        month = f"{rng.randrange(1, 13):04d}" if code.startswith(("1", "6")) else ""
        rows.append([code, month, str(date.year - (1 if code.startswith("4") else 0)), draw.number(amount), ""])
    credit = Decimal(0)
    if rng.random() < 0.3:
        credit = min(debit - 1, _money(draw, 10, 800))
        rows.append(["6099", "", str(date.year - 1), "", draw.number(credit)])
    balance = debit - credit
    name_pairs = ([("Codice fiscale", taxpayer.tax_code), ("Cognome, denominazione o ragione sociale", taxpayer.name)]
                  if not taxpayer.person else
                  [("Codice fiscale", taxpayer.tax_code), ("Cognome", taxpayer.name.split(" ", 1)[1]),
                   ("Nome", taxpayer.name.split(" ", 1)[0])])
    bank, _ = rng.choice(pools.BANKS[draw.split])
    body = [Heading(draw.word("f24_taxpayer")),
            Pairs(name_pairs + [("Domicilio fiscale", f"{taxpayer.city} ({taxpayer.province}) {taxpayer.street}")]),
            Heading("SEZIONE ERARIO"),
            Table(["Codice tributo", "Rateazione/mese rif.", "Anno di riferimento", "Importi a debito",
                   "Importi a credito"], rows, [0.16, 0.2, 0.18, 0.23, 0.23], "ccrrr"),
            Totals([("Totale A", draw.number(debit)), ("Totale B", draw.number(credit)),
                    (draw.word("f24_balance"), draw.money(balance))]),
            Pairs([(draw.word("f24_date"), draw.date(date)), ("Codice banca/Poste/Agente della riscossione", bank)]),
            Para("ESTREMI DEL VERSAMENTO (DA COMPILARE A CURA DI BANCA/POSTE/AGENTE DELLA RISCOSSIONE)")]
    title = rng.choice(["MODELLO F24", "Modello di pagamento unificato F24", "F24 - DELEGA IRREVOCABILE"])
    fields = {"tax_code": taxpayer.tax_code, "balance": str(balance), "date": date.isoformat()}
    return fields, Plan(title, None, top=[Pairs([("Delega irrevocabile a", bank), ("Agenzia", f"{taxpayer.city}")])],
                        body=body, footer=["Agenzia delle Entrate - Modello F24"])


def build_bolletta(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    name, service = rng.choice(pools.ENERGY[draw.split])
    supplier = pools.company(rng, draw.split, name=name)
    holder = pools.person(rng, draw.split) if rng.random() < 0.6 else pools.company(rng, draw.split)
    date = draw.issue_date()
    start = dt.date(date.year, date.month, 1) - dt.timedelta(days=rng.choice([31, 62]))
    end = dt.date(date.year, date.month, 1) - dt.timedelta(days=1)
    due = date + dt.timedelta(days=rng.choice([15, 20, 21, 30]))
    point, point_label, unit = {"luce": (identity.pod(rng), "Codice POD", "kWh"),
                                "gas": (identity.pdr(rng), "Codice PDR", "Smc"),
                                "acqua": (None, "Codice utenza", "mc"),
                                "telefono": (None, "Numero linea", "GB")}[service]
    shown_point = point or f"{rng.randrange(10**8, 10**9)}"
    consumption = rng.randrange(40, 3000)
    items = [("Spesa per la materia " + {"luce": "energia", "gas": "gas naturale"}.get(service, "prima"), _money(draw, 20, 400)),
             ("Spesa per il trasporto e la gestione del contatore", _money(draw, 5, 120)),
             ("Spesa per oneri di sistema", _money(draw, 0, 60)), ("Imposte", _money(draw, 1, 40))]
    rate = Decimal(10) if holder.person and service in ("luce", "gas") else Decimal(22)
    taxable = sum((amount for _, amount in items), Decimal(0))
    vat = cents(taxable * rate / 100)
    total = taxable + vat
    number = f"{rng.randrange(10**9, 10**10)}" if rng.random() < 0.5 else f"{date.year}/{rng.randrange(1, 99999):06d}"
    meta = [(draw.word("bill_number"), number), (draw.word("date"), draw.date(date)),
            (point_label, shown_point), (draw.word("supply_period"), f"{draw.date(start)} - {draw.date(end)}"),
            (draw.word("due_date"), draw.date(due))]
    body = [Para(f"Bolletta {service} - consumo fatturato: {consumption} {unit}", bold=True),
            Table(["Voce", "Importo"], [[label, draw.number(amount)] for label, amount in items], [0.75, 0.25], "lr"),
            Totals([(draw.word("taxable"), draw.money(taxable)), (f"IVA {rate:.0f}%", draw.money(vat)),
                    draw.total(draw.word("bill_total"), total)]),
            Para(f"Pagamento con domiciliazione bancaria o bollettino entro il {draw.date(due)}."),
            Para("Servizio clienti: numero verde 800 " + f"{rng.randrange(100000, 999999)}")]
    fields = {"number": number, "date": date.isoformat(), **party_fields("supplier", supplier),
              "customer_name": holder.name, "supply_point": point, "total": str(total), "currency": "EUR",
              "due_date": due.isoformat()}
    return fields, Plan(rng.choice(["Bolletta", "BOLLETTA - FATTURA", "Fattura per la fornitura di " + service]),
                        letterhead(draw, supplier), top=[Pairs(meta), party_box(draw, draw.word("holder"), holder, False)],
                        body=body)


MOVEMENTS = ["Bonifico a favore di {c} - TRN {t}", "Accredito bonifico da {c} - CRO {t}", "Addebito SDD {c}",
             "Pagamento POS {c}", "Commissioni e spese tenuta conto", "Prelievo ATM", "Pagamento F24 delega",
             "Giroconto", "Canone servizi home banking", "Interessi creditori"]


def build_estratto_conto(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    bank_name, abi = rng.choice(pools.BANKS[draw.split])
    bank = pools.company(rng, draw.split, name=bank_name)
    holder = pools.company(rng, draw.split) if rng.random() < 0.7 else pools.person(rng, draw.split)
    iban = identity.iban(rng, abi)
    end = draw.issue_date()
    start = end - dt.timedelta(days=rng.choice([30, 90]))
    balance = opening = _money(draw, 200, 80000)
    rows, day = [], start
    for _ in range(rng.choice([4, 6, 9, 14, 40])):
        day = min(end, day + dt.timedelta(days=rng.randrange(0, 5)))
        text = rng.choice(MOVEMENTS).format(c=pools.company_name(rng, draw.split), t=f"{rng.randrange(10**10, 10**11)}")
        amount = _money(draw, 1, 6000)
        outgoing = not text.startswith(("Accredito", "Interessi"))
        balance += -amount if outgoing else amount
        rows.append([draw.date(day), draw.date(day + dt.timedelta(days=rng.randrange(0, 3))), text,
                     draw.number(amount) if outgoing else "", "" if outgoing else draw.number(amount)])
    meta = [("IBAN", iban if rng.random() < 0.6 else " ".join(iban[i:i + 4] for i in range(0, 27, 4))),
            (draw.word("period"), f"{draw.date(start)} - {draw.date(end)}"),
            ("Conto corrente n.", iban[-12:])]
    body = [Totals([(draw.word("opening"), draw.money(opening))]),
            Table(["Data", "Valuta", "Descrizione", "Dare", "Avere"], rows, [0.13, 0.13, 0.48, 0.13, 0.13], "lllrr"),
            Totals([_closing(draw, end, balance)])]
    fields = {"date": end.isoformat(), "supplier_name": bank.name, "customer_name": holder.name,
              "iban": iban, "balance": str(balance), "currency": "EUR"}
    return fields, Plan(rng.choice(["ESTRATTO CONTO", "Estratto conto corrente", "Lista movimenti - estratto conto"]),
                        letterhead(draw, bank), top=[Pairs(meta), party_box(draw, draw.word("account_holder"), holder, False)],
                        body=body, footer=["Il saldo e i movimenti si intendono approvati trascorsi 60 giorni dal ricevimento."])


def _closing(draw: Draw, end: dt.date, balance: Decimal) -> tuple[str, str]:
    label = draw.word("closing")
    if label.endswith(" al") or draw.rng.random() < 0.3:
        label += f"{'' if label.endswith(' al') else ' al'} {draw.date(end)}"
    return label, draw.money(balance)


EXPENSES = [("Vitto", "Pranzo di lavoro"), ("Alloggio", "Pernottamento hotel"), ("Trasporti", "Biglietto treno Frecciarossa"),
            ("Trasporti", "Taxi"), ("Trasporti", "Pedaggio autostradale"), ("Parcheggio", "Parcheggio aeroporto"),
            ("Vitto", "Cena con cliente"), ("Varie", "Cancelleria")]


def build_nota_spese(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    employer, employee = pools.company(rng, draw.split), pools.person(rng, draw.split)
    date = draw.issue_date()
    rows, total = [], Decimal(0)
    for _ in range(rng.choice([2, 3, 5, 7])):
        category, description = rng.choice(EXPENSES)
        amount = _money(draw, 3, 280)
        total += amount
        rows.append([draw.date(date - dt.timedelta(days=rng.randrange(1, 25))), description, category, draw.number(amount)])
    if rng.random() < 0.5:
        km = rng.randrange(20, 700)
        refund = cents(Decimal(km) * Decimal("0.42"))
        total += refund
        rows.append([draw.date(date - dt.timedelta(days=3)), f"Rimborso chilometrico {km} km x 0,42", "Auto propria",
                     draw.number(refund)])
    city = rng.choice(pools.CITIES)[0]
    meta = [(draw.word("employee"), employee.name), ("Matricola", str(rng.randrange(100, 9999))),
            ("Trasferta",
             f"{city} - {rng.choice(['visita cliente', 'fiera di settore', 'corso di formazione', 'audit fornitore'])}"),
            (draw.word("date"), draw.date(date))]
    body = [Table(["Data", "Descrizione", "Categoria", "Importo"], rows, [0.18, 0.47, 0.17, 0.18], "lllr"),
            Totals([(draw.word("refund_total"), draw.money(total))]),
            Para("Si allegano i giustificativi di spesa in originale. Rimborso con il cedolino del mese successivo."),
            Para("Firma del dipendente ____________________     Visto del responsabile ____________________")]
    fields = {"date": date.isoformat(), "sender": employee.name, "supplier_name": employer.name,
              "total": str(total), "currency": "EUR"}
    return fields, Plan(rng.choice(["NOTA SPESE", "Nota spese trasferta", "Richiesta rimborso spese"]),
                        letterhead(draw, employer), top=[Pairs(meta)], body=body)
