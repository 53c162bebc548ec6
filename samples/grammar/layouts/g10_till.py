"""G10, "till": Italian shop receipts (documento commerciale) from a cash register,
on a narrow thermal roll. The total sits among subtotals, cash given and change."""

from __future__ import annotations

import random
from decimal import Decimal

from demat.samples.grammar import values
from demat.samples.grammar.draft import Draft

TYPES = ("ricevuta",)
SHOPS = ["Bar Pasticceria {s}", "Ferramenta {s}", "Farmacia Dr. {s}", "Cartoleria {s}", "Ristorante Da {f}",
         "Autogrill {s} Srl", "Edicola {s}", "Panificio {s} & C. snc"]
ITEMS = [("CAFFE'", "1.20"), ("CORNETTO", "1.50"), ("ACQUA NAT. 0,5L", "1.00"), ("VITI 4X40 CF", "3.90"),
         ("NASTRO ADESIVO", "2.50"), ("TACHIPIRINA 500", "4.90"), ("BLOCCO A4", "2.80"), ("PIZZA MARGHERITA", "7.00"),
         ("COPERTO", "2.00"), ("QUOTIDIANO", "1.80"), ("PANE KG 0,5", "2.10"), ("BIRO BLU", "0.90")]


def build(doc_type: str, rng: random.Random) -> Draft:
    items = [(name, Decimal(price), rng.choice([1, 1, 1, 2, 3])) for name, price in rng.sample(ITEMS, rng.randrange(2, 7))]
    length = 110 + 7 * len(items)
    draft = Draft("ricevuta", font=rng.choice(["Courier", "DejaVuMono"]), size=(80, length))
    sheet = draft.page()
    surname = rng.choice(values.SURNAMES)
    shop = rng.choice(SHOPS).format(s=surname, f=rng.choice(values.FIRST_NAMES)[0])
    vat = values.company(rng).vat
    day = values.issue_date(rng)
    y = sheet.lines(40, 8, [draft.show("supplier_name", shop, shop.upper())], 9, bold=True, align="c")
    y = sheet.lines(40, y, [f"{rng.choice(['VIA', 'P.ZA', 'C.SO'])} {rng.choice(['ROMA', 'GARIBALDI', 'MAZZINI'])} "
                            f"{rng.randrange(1, 90)}", rng.choice(["MILANO", "PADOVA", "BARI", "LECCE"])], 7.5, align="c")
    y = sheet.lines(40, y, ["P.IVA " + draft.show("supplier_vat", vat, vat)], 7.5, align="c")
    y = sheet.lines(40, y + 2, ["DOCUMENTO COMMERCIALE", "di vendita o prestazione"], 8, bold=True, align="c")
    sheet.text(6, y + 2, "DESCRIZIONE", 7)
    sheet.text(52, y + 2, "IVA", 7)
    sheet.text(74, y + 2, "Prezzo(€)", 7, align="r")
    y += 7
    total = Decimal(0)
    for name, price, quantity in items:
        if quantity > 1:
            sheet.text(8, y, f"{quantity} x {values.number(price)}", 7)
            y += 3.5
        amount = price * quantity
        total += amount
        sheet.text(6, y, name, 7.5)
        sheet.text(52, y, rng.choice(["10%", "22%"]), 7.5)
        sheet.text(74, y, values.number(amount), 7.5, align="r")
        y += 4
    paid = _paid(total, rng)
    caption = rng.choice(["TOTALE COMPLESSIVO", "TOTALE", "TOTALE EURO"])
    rows = [("SUBTOTALE", values.number(total), False), (caption, draft.show("total", str(total), values.number(total)), True),
            ("di cui IVA", values.number(total * Decimal("0.12")).replace("-", ""), False),
            (rng.choice(["CONTANTI", "PAGAMENTO CONTANTE"]), values.number(paid), False),
            ("RESTO", values.number(paid - total), False)]
    if rng.random() < 0.4:  # a card payment: no change given
        rows[3:] = [("PAGAMENTO ELETTRONICO", values.number(total), False), ("IMPORTO PAGATO", values.number(total), False)]
    y += 2
    sheet.rule(4, y, 76, y, 0.4)
    for label, amount, bold in rows:
        y += 5 if bold else 4
        sheet.text(6, y, label, 9 if bold else 7.5, bold=bold)
        sheet.text(74, y, amount, 9 if bold else 7.5, bold=bold, align="r")
    clock = f"{rng.randrange(7, 22):02d}:{rng.randrange(0, 60):02d}"
    y = sheet.lines(6, y + 8, [f"{draft.show('date', day.isoformat(), values.date(day, rng.choice(['dash', 'slash'])))}"
                               f"  {clock}", f"DOCUMENTO N. {rng.randrange(1, 300):04d}-{rng.randrange(1, 9999):04d}",
                               f"RT {rng.choice(['96IBB', '99MEX', '80EPA'])}{rng.randrange(100000, 999999)}"], 7.5)
    sheet.lines(40, y + 3, ["GRAZIE E ARRIVEDERCI"], 8, align="c")
    draft.known("currency", "EUR")
    return draft


def _paid(total: Decimal, rng: random.Random) -> Decimal:
    """Cash handed over: the next round note above the total."""
    for note in (5, 10, 20, 50, 100):
        if note >= total and rng.random() < 0.7:
            return Decimal(note)
    return Decimal(int(total) + 1)
