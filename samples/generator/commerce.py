"""DDT, ordine and preventivo: goods moving or about to be bought."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demat.samples.generator import pools
from demat.samples.generator.blocks import Draw, Heading, Pairs, Para, Plan, Table, Totals
from demat.samples.generator.formats import fmt_number
from demat.samples.generator.invoices import ITEMS, draw_lines, vat_summary
from demat.samples.generator.parties import letterhead, party_box, party_fields

REASONS = ["Vendita", "Conto visione", "Reso merce", "Conto lavorazione", "Omaggio", "Riparazione"]
CARRIERS = ["Trasporti Veloci S.r.l.", "Autotrasporti Lombarda S.n.c.", "Corriere Espresso Italia S.p.A.",
            "Logistica del Nord S.r.l."]
LOOKS = ["Scatole", "Bancali", "A vista", "Cartoni", "Sfuso"]
UNITS = ["PZ", "NR", "KG", "MT", "CF"]


def build_ddt(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    sender, recipient = pools.company(rng, draw.split), pools.company(rng, draw.split)
    date = draw.issue_date()
    number = rng.choice(["{n}", "{n}/{y}", "DDT-{y}-{n:04d}", "{y}/{n}/B"]).format(n=rng.randrange(1, 3000), y=date.year)
    packages, weight = rng.randrange(1, 40), Decimal(rng.randrange(50, 90000)) / 10
    carrier = rng.choice(["Mittente", "Destinatario", rng.choice(CARRIERS)])
    meta = [(draw.word("ddt_number"), number), (draw.word("date"), draw.date(date)),
            ("Causale del trasporto", rng.choice(REASONS)),
            ("Trasporto a cura del", carrier if carrier in ("Mittente", "Destinatario") else "Vettore")]
    top = [Pairs(meta), party_box(draw, draw.word("recipient_ddt"), recipient)]
    body = []
    if rng.random() < 0.5:
        destination = pools.company(rng, draw.split, name=recipient.name)
        body.append(Para(f"Luogo di destinazione: {destination.street}, "
                         f"{destination.cap} {destination.city} ({destination.province})"))
    rows = []
    for _ in range(rng.choice([2, 3, 5, 8, 12])):
        description = rng.choice(ITEMS)[0]
        rows.append([f"{rng.choice('ABCDEFKMPT')}{rng.randrange(1000, 99999)}", description, rng.choice(UNITS),
                     str(rng.randrange(1, 200))])
    body.append(Table(["Codice", "Descrizione dei beni", "U.M.", "Quantità"], rows, [0.15, 0.6, 0.1, 0.15], "llcr"))
    body.append(Pairs([("Numero colli", str(packages)), ("Peso kg", fmt_number(weight, draw.amounts)),
                       ("Aspetto dei beni", rng.choice(LOOKS)),
                       ("Vettore", carrier if carrier not in ("Mittente", "Destinatario") else "-"),
                       ("Inizio trasporto",
                        f"{draw.date(date)} ore {rng.randrange(7, 19):02d}:{rng.choice(['00', '15', '30', '45'])}")]))
    body.append(Para("Firma conducente ____________________     Firma destinatario ____________________"))
    fields = {"number": number, "date": date.isoformat(), **party_fields("supplier", sender),
              "customer_name": recipient.name}
    return fields, Plan(draw.rng.choice(["DOCUMENTO DI TRASPORTO", "D.D.T. - Documento di trasporto", "DDT"]),
                        letterhead(draw, sender), top=top, body=body,
                        footer=["D.P.R. 472/96 - documento di trasporto"])


def _priced(draw: Draw, title: str, number_key: str, extra_meta) -> tuple[dict, Plan]:
    """An order or a quote: a priced list of goods with one VAT rate."""
    rng = draw.rng
    issuer, addressee = pools.company(rng, draw.split), pools.company(rng, draw.split)
    date = draw.issue_date()
    number = rng.choice(["{n}", "{y}/{n}", "{n}/{y}", "P{y}-{n:04d}"]).format(n=rng.randrange(1, 900), y=date.year)
    lines = draw_lines(draw, rng.choice([2, 3, 4, 6, 9]))
    for line in lines:
        line["rate"], line["nature"] = Decimal(22), None
    (row,) = vat_summary(lines)
    total = row["taxable"] + row["vat"]
    meta = [(draw.word(number_key), number), (draw.word("date"), draw.date(date)), *extra_meta(date)]
    table = Table([draw.word("description"), draw.word("quantity"), draw.word("unit_price"), draw.word("line_amount")],
                  [[line["description"], str(line["quantity"]), draw.number(line["price"]), draw.number(line["amount"])]
                   for line in lines],
                  [0.55, 0.12, 0.16, 0.17], "lrrr")
    totals = Totals([(draw.word("taxable"), draw.money(row["taxable"])), ("IVA 22%", draw.money(row["vat"])),
                     draw.total(draw.word("total"), total)])
    fields = {"number": number, "date": date.isoformat(), **party_fields("supplier", issuer),
              "customer_name": addressee.name, "taxable_amount": str(row["taxable"]), "total": str(total),
              "currency": "EUR"}
    plan = Plan(title, letterhead(draw, issuer), top=[Pairs(meta), party_box(draw, draw.word("customer"), addressee)],
                body=[table, totals])
    return fields, plan


def build_ordine(draw: Draw) -> tuple[dict, Plan]:
    def meta(date: dt.date):
        return [(draw.word("delivery"), draw.date(date + dt.timedelta(days=draw.rng.randrange(7, 45)))),
                ("Resa", draw.rng.choice(["Franco destino", "Franco partenza", "EXW"]))]
    fields, plan = _priced(draw, draw.rng.choice(["ORDINE D'ACQUISTO", "Ordine fornitore", "CONFERMA D'ORDINE"]),
                           "order_number", meta)
    plan.body.append(Para("Si prega di indicare il numero d'ordine su DDT e fattura. "
                          "Consegna presso il ns. magazzino dal lunedì al venerdì, 8:30-12:30."))
    return fields, plan


def build_preventivo(draw: Draw) -> tuple[dict, Plan]:
    def meta(date: dt.date):
        return [(draw.word("validity"), draw.date(date + dt.timedelta(days=draw.rng.choice([15, 30, 60, 90]))))]
    fields, plan = _priced(draw, draw.rng.choice(["PREVENTIVO", "Offerta commerciale", "Preventivo di spesa"]),
                           "quote_number", meta)
    plan.body.insert(0, Heading("Condizioni dell'offerta"))
    plan.body.append(Para("Prezzi IVA esclusa. Tempi di consegna: 15 giorni lavorativi dalla conferma. "
                          "Per accettazione, restituire il presente preventivo firmato."))
    plan.body.append(Para("Timbro e firma per accettazione ______________________", align="r"))
    return fields, plan
