"""G11, "receipt abroad": till receipts from British, Swiss and Italian chain shops
with a different template: the total in double height among SUBTOTAL, ROUNDING,
CASH and CHANGE, prices with the currency sign, VAT analysis at the bottom."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from demat.samples.grammar import values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import abroad

TYPES = ("ricevuta",)
SHOPS = {"GB": ["{w} Stores Ltd", "{w} Pharmacy Ltd"], "CH": ["{w} Markt AG", "Bäckerei {w} GmbH"],
         "IT": ["Supermercati {w} S.p.A.", "Farmacia Comunale {w}"]}
ITEMS = {"GB": ["SANDWICH MEAL", "COFFEE LGE", "PAPER A4", "BATTERIES AA", "WATER 500ML"],
         "CH": ["GIPFELI", "KAFFEE", "MINERAL 1.5L", "ZEITUNG", "SCHOKOLADE"],
         "IT": ["ACQUA FRIZZ.", "PANINO", "PARACETAMOLO", "CEROTTI", "CAFFE' MACINATO"]}
WORDS = {"GB": ("SUBTOTAL", "ROUNDING", "TOTAL", "CASH", "CHANGE", "VAT No."),
         "CH": ("ZWISCHENSUMME", "ROUNDING", "TOTAL CHF", "BAR", "RÜCKGELD", "MWST-Nr."),
         "IT": ("SUBTOTALE", "ARROTONDAMENTO", "TOTALE EURO", "CONTANTI", "RESTO", "P.IVA")}


def build(doc_type: str, rng: random.Random) -> Draft:
    country = rng.choice(["GB", "CH", "IT"])
    subtotal_w, rounding_w, total_w, cash_w, change_w, vat_w = WORDS[country]
    items = [(name, Decimal(rng.randrange(80, 1500)) / 100) for name in rng.sample(ITEMS[country], rng.randrange(2, 5))]
    draft = Draft("ricevuta", font=rng.choice(["DejaVuMono", "Courier"]), size=(72, 105 + 6 * len(items)))
    sheet = draft.page()
    shop = rng.choice(SHOPS[country]).format(w=rng.choice(abroad.WORDS))
    y = sheet.lines(36, 9, [draft.show("supplier_name", shop, shop)], 8.5, bold=True, align="c")
    if country == "GB":
        vat = values.eu_vat_number(rng, "GB")
        y = sheet.lines(36, y, [f"{vat_w} " + draft.show("supplier_vat", vat, vat[:5] + " " + vat[5:9] + " " + vat[9:])],
                        7, align="c")
    elif country == "IT":
        vat = values.company(rng).vat
        y = sheet.lines(36, y, [f"{vat_w} " + draft.show("supplier_vat", vat, vat)], 7, align="c")
    else:
        y = sheet.lines(36, y, [f"{vat_w} CHE-{rng.randrange(100, 999)}.{rng.randrange(100, 999)}.{rng.randrange(100, 999)}"],
                        7, align="c")
    symbol = {"GB": "£", "CH": "", "IT": "€"}[country]
    style = "it" if country == "IT" else "en"
    y += 4
    for name, price in items:
        sheet.text(5, y, name, 7.5)
        sheet.text(67, y, f"{symbol}{values.number(price, style)}", 7.5, align="r")
        y += 4
    subtotal = sum((p for _, p in items), Decimal(0))
    step = Decimal("0.05") if country in ("CH", "IT") else Decimal("0.01")
    total = (subtotal / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    cash = Decimal(20 if total < 20 else 50 if total < 50 else 100)
    y += 2
    sheet.text(5, y, subtotal_w, 7.5)
    sheet.text(67, y, f"{symbol}{values.number(subtotal, style)}", 7.5, align="r")
    if total != subtotal:
        y += 4
        sheet.text(5, y, rounding_w, 7.5)
        sheet.text(67, y, values.number(total - subtotal, style), 7.5, align="r")
    y += 8
    sheet.text(5, y, total_w, 12, bold=True)
    sheet.text(67, y, symbol + draft.show("total", str(total), values.number(total, style)), 12, bold=True, align="r")
    for caption, amount in ((cash_w, cash), (change_w, cash - total)):
        y += 5
        sheet.text(5, y, caption, 7.5)
        sheet.text(67, y, f"{symbol}{values.number(amount, style)}", 7.5, align="r")
    day = values.issue_date(rng)
    date_style = {"GB": "slash", "CH": "dot", "IT": "slash"}[country]
    y = sheet.lines(5, y + 8, [draft.show("date", day.isoformat(), values.date(day, date_style))
                               + f" {rng.randrange(8, 21):02d}:{rng.randrange(0, 60):02d}  TILL {rng.randrange(1, 9)}",
                               f"TRANS {rng.randrange(1000, 9999)}  OP {rng.randrange(10, 99)}"], 7)
    draft.known("currency", {"GB": "GBP", "CH": "CHF", "IT": "EUR"}[country])
    return draft
