"""G15, "negozio online": an e-commerce platform's invoice. A shop brand on top (not the
legal name: that is only in the footer, with the P.IVA, REA and share capital); a
list of `Numero fattura`, `Data fattura`, `Numero ordine`, `Data ordine` (the order
date comes first), billing and shipping addresses side by side, shipping and a
discount code as lines, `Totale (IVA inclusa)` with `Importo pagato` and `Saldo
dovuto € 0,00` under it. Paid by card, cash on delivery or direct debit (no due
date), or by bank transfer before a printed date. Credit notes are for returns."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from demat.samples.generator.formats import cents
from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms

TYPES = ("fattura", "nota_credito", "fattura")
BRAND_STEMS = ["Faro", "Lago", "Monte", "Borgo", "Vela", "Grillo", "Pino", "Riva"]
BRAND_ENDS = ["Shop", "Casa", "Store", "Market", "Point", "Bazar"]
SHIPPING = "Spese di spedizione"


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["DejaVuSans", "Helvetica"]))
    sheet = draft.page()
    seller, customer = values.company(rng, two_lines=False), values.company(rng, two_lines=False)
    brand = rng.choice(BRAND_STEMS) + rng.choice(BRAND_ENDS)
    order_day = values.issue_date(rng)
    day = order_day + dt.timedelta(days=rng.randrange(0, 6))
    style = rng.choice(["it_long", "slash", "it_short"])
    # the brand: a drawn mark and the shop's name, no legal name
    x = 14 + sheet.logo(14, 12, brand[:2].upper(), 12, round_=True) + 4
    sheet.text(x, 20, brand, 20, bold=True)
    sheet.text(x, 26, f"www.{brand.lower()}.it - assistenza@{brand.lower()}.it", 8, grey=0.35)
    title = "Fattura" if doc_type == "fattura" else rng.choice(["Nota di credito", "Nota di credito per reso"])
    sheet.text(196, 20, title, 16, bold=True, align="r")
    prefix = "NC" if doc_type == "nota_credito" else rng.choice(["WEB", "IT", "E"])
    number = rng.choice(["{p}-{y}-{n:06d}", "{p}{yy}/{n:05d}", "{n}/{p}/{y}"]).format(
        p=prefix, n=rng.randrange(1, 99999), y=day.year, yy=day.year % 100)
    meta = [("Numero fattura" if doc_type == "fattura" else "Numero documento", draft.show("number", number, number)),
            ("Data fattura" if doc_type == "fattura" else "Data documento",
             draft.show("date", day.isoformat(), values.date(day, style))),
            ("Numero ordine", f"#{rng.randrange(100, 999)}-{rng.randrange(1000000, 9999999)}"),
            ("Data ordine", values.date(order_day, style))]
    if doc_type == "nota_credito":
        meta.append(("Rif. fattura", f"{rng.randrange(1, 99999)} del {values.date(order_day, style)}"))
    for i, (caption, value) in enumerate(meta):
        sheet.text(120, 32 + 5 * i, caption, 8.5, grey=0.35)
        sheet.text(196, 32 + 5 * i, value, 8.5, bold=i < 2, align="r")
    # billing and shipping addresses side by side
    sheet.text(14, 64, "Indirizzo di fatturazione", 8.5, bold=True)
    y = sheet.lines(14, 69, parts.name_lines(draft, "customer_name", customer), 9)
    y = sheet.lines(14, y, [customer.street, customer.place], 9)
    sheet.text(14, y, "Partita IVA: " + draft.show("customer_vat", customer.vat, "IT" + customer.vat), 9)
    sheet.text(110, 64, "Indirizzo di spedizione", 8.5, bold=True)
    receiver = values.person(rng)
    shipping = [receiver.name, f"c/o {customer.name}", customer.street, customer.place]
    sheet.lines(110, 69, shipping, terms.fit(sheet, shipping, 9, 86))
    inv, euro, y = _goods(draft, sheet, rng, doc_type)
    _paid(draft, sheet, rng, doc_type, day, inv, euro, y)
    # the legal name only in the footer
    sheet.rule(14, 272, 196, 272, 0.3)
    legal = draft.show("supplier_name", seller.name, seller.name)
    vat = draft.show("supplier_vat", seller.vat, seller.vat)
    sheet.text(105, 277, f"{brand} è un marchio di {legal} - Sede legale: {seller.street}, {seller.place}", 7, align="c")
    sheet.text(105, 281, f"P.IVA e C.F. {vat} - REA {seller.province}-{rng.randrange(100000, 999999)} - "
                         f"Capitale sociale € {rng.choice(['10.000,00', '50.000,00', '100.000,00'])} i.v.", 7, align="c")
    return draft


def _goods(draft: Draft, sheet, rng, doc_type) -> tuple[parts.Invoice, str, float]:
    """The products, shipping and sometimes a discount code as lines; the totals with VAT included last.
    Returns the invoice, where the euro sign goes, and the y under the totals."""
    inv = parts.invoice(rng, doc_type, rates=[Decimal(22)] if rng.random() < 0.6 else None)
    if doc_type == "fattura":
        inv = terms.charge(inv, SHIPPING, Decimal(rng.choice(["4.90", "6.90", "9.90"])))
    if [row["rate"] for row in inv.rows] == [22] and rng.random() < 0.5:  # a code's discount is taxed at 22%
        merchandise = sum((line["amount"] for line in inv.lines), Decimal(0))
        off = -cents(merchandise * Decimal(rng.choice([5, 10])) / 100)
        inv = terms.charge(inv, f"Codice sconto BENVENUTO{rng.randrange(5, 15)}", off)
    euro = rng.choice(["before", "after"])
    rows = [[line["description"], f"{line['quantity']}", terms.money(inv.sign * line["price"], euro),
             values.rate(line["rate"]), terms.money(inv.sign * line["amount"], euro)] for line in inv.lines]
    y = parts.table(sheet, 14, 96, [("Prodotto", 88, "l"), ("Q.tà", 14, "r"), ("Prezzo unitario", 30, "r"),
                                    ("IVA", 14, "r"), ("Totale (IVA esclusa)", 36, "r")], rows, 8.5)
    y = max(y + 8, 170)
    column = [("Subtotale (IVA esclusa)", "taxable_amount", inv.taxable)]
    column += [(f"IVA {values.rate(row['rate'])}" + (f" su {terms.money(row['taxable'], euro)}" if len(inv.rows) > 1 else ""),
                None, row["vat"]) for row in inv.rows]  # with several rates, each one's taxable is printed
    if len(inv.rows) > 1:
        column.append(("Totale IVA", "vat_amount", inv.vat))
    column.append((rng.choice(["Totale (IVA inclusa)", "Totale ordine", "TOTALE"]), "total", inv.total))
    for caption, field, amount in column:
        text = terms.money(amount, euro)
        if len(inv.rows) == 1 and caption.startswith("IVA "):
            field = "vat_amount"
        sheet.text(120, y, caption, 9, bold=field == "total")
        sheet.text(196, y, draft.show(field, str(amount), text) if field else text, 9, bold=field == "total",
                   align="r")
        y += 5.5
    parts.show_amounts(draft, inv)
    return inv, euro, y


def _paid(draft: Draft, sheet, rng, doc_type, day, inv, euro, y) -> None:
    """How it was paid: already (card, direct debit, cash on delivery) or by transfer before a date."""
    if doc_type == "nota_credito":
        sheet.text(14, 240, "Il rimborso sarà accreditato sul metodo di pagamento utilizzato per l'ordine.", 8.5)
        for key in ("due_date", "iban"):
            draft.known(key, None)
        return
    payment = rng.choice(["carta", "carta", "bonifico", "contanti", "SDD"])
    wording = draft.show("payment_method", payment, rng.choice(terms.WORDINGS[payment]))
    card = f" (Visa **** {rng.randrange(1000, 9999)})" if payment == "carta" else ""
    sheet.text(14, 240, f"Metodo di pagamento: {wording}{card}", 9)
    if payment != "bonifico":
        draft.known("iban", None)
        draft.known("due_date", None)
        for caption, amount in (("Importo pagato", inv.total), ("Saldo dovuto", Decimal("0.00"))):
            sheet.text(120, y, caption, 9)
            sheet.text(196, y, terms.money(amount, euro), 9, align="r")
            y += 5.5
        return
    iban = values.italian_iban(rng)
    due = day + dt.timedelta(days=rng.choice([5, 7, 10]))
    sheet.lines(14, 245, ["Da pagare entro il " + draft.show("due_date", due.isoformat(), values.date(due, "slash")),
                            "IBAN " + draft.show("iban", iban, iban)], 9)
