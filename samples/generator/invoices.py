"""Fattura, nota di credito and proforma: lines, VAT per rate, totals to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demat.samples.generator import identity, pools
from demat.samples.generator.blocks import Draw, Pairs, Para, Plan, Table, Totals
from demat.samples.generator.formats import cents, fmt_rate
from demat.samples.generator.parties import letterhead, party_box, party_fields

ITEMS = [
    ("Carta A4 80 g/m² (risma 500 fogli)", "3.20", "6.90"), ("Toner laser nero compatibile", "39.00", "89.00"),
    ("Consulenza tecnica (ore)", "45.00", "95.00"), ("Manutenzione impianto elettrico", "120.00", "480.00"),
    ("Licenza software gestionale annuale", "290.00", "1450.00"), ("Trasporto e consegna", "15.00", "80.00"),
    ("Cavo FG16OR16 3G2,5 (m)", "0.85", "2.40"), ("Installazione e collaudo", "150.00", "600.00"),
    ("Servizio di pulizia uffici (mese)", "380.00", "1200.00"), ("Bancale legno EPAL", "9.00", "14.50"),
    ("Olio idraulico ISO 46 (lt)", "3.10", "5.80"), ("Noleggio piattaforma aerea (giorni)", "110.00", "260.00"),
    ("Assistenza sistemistica da remoto", "60.00", "90.00"), ("Raccoglitori ad anelli dorso 8 cm", "1.90", "3.60"),
    ("Progettazione impianto termico", "800.00", "3200.00"), ("Guanti da lavoro in nitrile (conf.)", "4.50", "9.90"),
    ("Libri e pubblicazioni tecniche", "18.00", "64.00"), ("Prodotti alimentari per mensa", "2.10", "12.50"),
    ("Canone hosting e dominio", "12.00", "45.00"), ("Formazione sicurezza sul lavoro (ore)", "35.00", "70.00"),
]
RATES = [Decimal("22"), Decimal("10"), Decimal("5"), Decimal("4"), Decimal("0")]
NATURES = {"N1": "Escluse ex art. 15 DPR 633/72", "N2.2": "Non soggette - altri casi",
           "N3.1": "Non imponibili - esportazioni", "N4": "Esenti art. 10 DPR 633/72",
           "N5": "Regime del margine", "N6.1": "Inversione contabile - rottami", "N7": "IVA assolta in altro stato UE"}
PAYMENTS = {  # expected value -> printed wordings
    "bonifico": ["Bonifico bancario", "Bonifico", "Bonifico a scadenza", "B.B. bonifico bancario"],
    "RiBa": ["Ri.Ba.", "RiBa", "Ricevuta bancaria"],
    "carta": ["Carta di credito", "Pagamento con carta"],
    "contanti": ["Contanti", "Rimessa diretta contanti"],
    "SDD": ["SDD - addebito diretto SEPA", "RID bancario (SDD)"],
}
PAYMENT_CODES = {"bonifico": "MP05", "RiBa": "MP12", "carta": "MP08", "contanti": "MP01", "SDD": "MP19"}
NUMBER_SHAPES = ["{y}/{n}", "{n}/{y}", "FT-{y}-{n:05d}", "{n}", "A/{n}", "{y}-FV-{n:04d}", "{n}/PA"]


def invoice_number(draw: Draw, year: int, prefix: str = "") -> str:
    shape = draw.rng.choice(NUMBER_SHAPES)
    return prefix + shape.format(y=year, n=draw.rng.randrange(1, 2400))


def draw_lines(draw: Draw, count: int) -> list[dict]:
    """Invoice lines with 1-3 VAT rates; a zero rate always carries a Natura code."""
    rates = draw.rng.sample(RATES, draw.rng.choice([1, 1, 2, 2, 3]))
    nature = draw.rng.choice(list(NATURES))
    lines = []
    for index in range(count):
        description, low, high = draw.rng.choice(ITEMS)
        low_c, high_c = int(Decimal(low) * 100), int(Decimal(high) * 100)
        price = Decimal(draw.rng.randrange(low_c, high_c + 1)) / 100
        quantity = Decimal(draw.rng.choice([1, 1, 2, 3, 4, 5, 10, 12, 20, 25, 50]))
        rate = rates[index % len(rates)]
        lines.append({"description": description, "quantity": quantity, "price": price,
                      "amount": cents(quantity * price), "rate": rate, "nature": nature if rate == 0 else None})
    return lines


def vat_summary(lines: list[dict], sign: int = 1) -> list[dict]:
    by_rate: dict[Decimal, dict] = {}
    for line in lines:
        row = by_rate.setdefault(line["rate"], {"rate": line["rate"], "taxable": Decimal(0), "nature": line["nature"]})
        row["taxable"] += line["amount"]
    rows = sorted(by_rate.values(), key=lambda r: -r["rate"])
    for row in rows:
        row["taxable"] = sign * row["taxable"]
        row["vat"] = cents(row["taxable"] * row["rate"] / 100)
    return rows


def vat_lines_json(rows: list[dict]) -> list[dict]:
    return [{"rate": f"{r['rate']:.2f}", "taxable_amount": str(r["taxable"]), "vat_amount": str(r["vat"]),
             "nature": r["nature"]} for r in rows]


def build_invoice(draw: Draw, kind: str) -> tuple[dict, Plan, dict]:
    """kind: fattura, nota_credito or proforma. Returns fields, plan and the data FatturaPA needs."""
    rng = draw.rng
    supplier = pools.company(rng, draw.split)
    customer = pools.company(rng, draw.split)
    date = draw.issue_date()
    due = date + dt.timedelta(days=rng.choice([0, 30, 60, 90])) if rng.random() < 0.85 else None
    if due is not None and due == date:
        due = date + dt.timedelta(days=15)
    payment = rng.choice(["bonifico"] * 5 + ["RiBa", "RiBa", "carta", "contanti", "SDD"])
    iban = identity.iban(rng) if payment == "bonifico" else None
    sign = -1 if kind == "nota_credito" else 1
    lines = draw_lines(draw, rng.choice([1, 2, 3, 4, 6, 8] + ([30, 38] if rng.random() < 0.15 else [])))
    rows = vat_summary(lines, sign)
    taxable = sum((r["taxable"] for r in rows), Decimal(0))
    vat = sum((r["vat"] for r in rows), Decimal(0))
    total = taxable + vat
    number = invoice_number(draw, date.year, "NC " if kind == "nota_credito" and rng.random() < 0.4 else "")
    fields = {
        "number": number, "date": date.isoformat(), **party_fields("supplier", supplier),
        "customer_name": customer.name, "customer_vat": customer.vat,
        "taxable_amount": str(taxable), "vat_amount": str(vat), "vat_lines": vat_lines_json(rows),
        "total": str(total), "currency": "EUR", "due_date": due.isoformat() if due else None,
        "payment_method": payment, "iban": iban,
    }
    title, number_key = {"fattura": (rng.choice(["FATTURA", "Fattura", "FATTURA ACCOMPAGNATORIA"]), "invoice_number"),
                         "nota_credito": (rng.choice(["NOTA DI CREDITO", "Nota di credito"]), "credit_number"),
                         "proforma": (rng.choice(["FATTURA PROFORMA", "Proforma", "Fattura pro-forma"]), "proforma_number")}[kind]
    meta = [(draw.word(number_key), number), (draw.word("invoice_date"), draw.date(date))]
    if due:
        meta.append((draw.word("due_date"), draw.date(due)))
    meta.append((draw.word("payment"), rng.choice(PAYMENTS[payment])))
    body = []
    if kind == "nota_credito":
        ref_date = date - dt.timedelta(days=rng.randrange(5, 90))
        body.append(Para(f"A storno {'totale' if rng.random() < 0.5 else 'parziale'} della fattura n. "
                         f"{invoice_number(draw, ref_date.year)} del {draw.date(ref_date)}"))
    body.append(_lines_table(draw, lines, sign))
    body.append(_vat_table(draw, rows))
    totals = [(draw.word("taxable"), draw.money(taxable)), (draw.word("vat"), draw.money(vat)),
              draw.total(draw.word("total"), total)]
    body.append(Totals(totals))
    if iban:
        spaced = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if rng.random() < 0.4 else iban
        body.append(Para(f"{draw.word('iban')}: {spaced}", bold=rng.random() < 0.5))
    for row in rows:
        if row["nature"]:
            body.append(Para(f"Operazione {row['nature']}: {NATURES[row['nature']]}"))
    if kind == "proforma":
        body.append(Para("Documento privo di valenza fiscale ai sensi dell'art. 21 DPR 633/72. "
                         "La fattura definitiva sarà emessa al momento del pagamento."))
    plan = Plan(title, letterhead(draw, supplier),
                top=[Pairs(meta), party_box(draw, draw.word("customer"), customer)], body=body,
                footer=["Documento generato elettronicamente - copia di cortesia"] if rng.random() < 0.3 else [])
    xml_data = {"supplier": supplier, "customer": customer, "lines": lines, "rows": rows, "date": date,
                "due": due, "payment": payment, "number": number, "total": total, "iban": iban}
    return fields, plan, xml_data


def _lines_table(draw: Draw, lines: list[dict], sign: int) -> Table:
    header = [draw.word("description"), draw.word("quantity"), draw.word("unit_price"), draw.word("rate"),
              draw.word("line_amount")]
    rows = [[line["description"], f"{line['quantity']}", draw.number(sign * line["price"]),
             line["nature"] or fmt_rate(line["rate"]), draw.number(sign * line["amount"])] for line in lines]
    return Table(header, rows, [0.42, 0.09, 0.18, 0.11, 0.20], "lrrcr")


def _vat_table(draw: Draw, rows: list[dict]) -> Table:
    header = [draw.word("vat_summary"), draw.word("taxable"), draw.word("vat"), "Natura"]
    body = [[fmt_rate(r["rate"]), draw.number(r["taxable"]), draw.number(r["vat"]), r["nature"] or ""] for r in rows]
    return Table(header, body, [0.3, 0.25, 0.25, 0.2], "lrrc")
