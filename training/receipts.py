"""Receipt texts to teach the classifier `ricevuta` (scontrino, documento commerciale, ricevuta fiscale).

The sample generator makes no receipts, so the training corpus gets its own:
five families, as the printers of shops, bars, pharmacies and restaurants lay
them out, at home and abroad (an expense report brings back a traveller's
receipts), each drawn from a seed so the same arguments give the same text.
A till's words (contanti, resto, a discount printed negative, a payment by
credit card) are a receipt's: they must not read as an invoice or a credit note.
They are for training and calibration only; receipts for measuring come from
elsewhere (the independent corpus).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from demat.samples.generator import identity, pools  # a training tool, like the generator itself

FAMILIES = ("R1", "R2", "R3", "R4", "R5")
WIDTH = 40  # characters on a till roll
SHOPS = {
    "bar": (["Bar", "Caffetteria", "Bar Pasticceria", "Caffè"],
            [("CAFFE'", "1.10", "1.50"), ("CAPPUCCINO", "1.40", "1.90"), ("CORNETTO", "1.20", "1.80"),
             ("SPREMUTA", "2.50", "4.00"), ("ACQUA NAT. 0,5L", "1.00", "1.50"), ("TRAMEZZINO", "2.50", "4.50")]),
    "market": (["Market", "Supermercato", "Alimentari", "Minimarket"],
               [("LATTE PS 1L", "1.19", "1.79"), ("PANE COMUNE", "0.90", "3.50"), ("PASTA SPAGHETTI 500G", "0.79", "1.89"),
                ("POMODORI KG", "1.49", "3.20"), ("DETERSIVO PIATTI", "1.20", "2.90"), ("SHOPPER BIO", "0.10", "0.20"),
                ("PARMIGIANO REGG. GR 300", "4.50", "7.90"), ("MELE GOLDEN KG", "1.30", "2.60")]),
    "hardware": (["Ferramenta", "Colorificio", "Brico"],
                 [("VITI TRUCIOLARI 4X40", "2.10", "4.50"), ("NASTRO ISOLANTE", "0.90", "2.20"),
                  ("TASSELLI 8MM CONF.", "1.80", "3.90"), ("PENNELLO PIATTO 50", "2.50", "6.00"),
                  ("SILICONE TRASP.", "3.90", "7.50")]),
    "pharmacy": (["Farmacia", "Parafarmacia"],
                 [("FARMACO OTC", "4.50", "15.90"), ("TACHIPIRINA 500MG", "3.90", "5.50"), ("CEROTTI ASSORTITI", "2.50", "4.90"),
                  ("INTEGRATORE MAGNESIO", "8.90", "19.90"), ("TICKET SSN", "2.00", "4.00")]),
    "fuel": (["Stazione di servizio", "Distributore", "Area di servizio"],
             [("GASOLIO SELF LT", "1.65", "1.95"), ("BENZINA SELF LT", "1.75", "2.05"), ("LAVAGGIO AUTO", "6.00", "12.00")]),
    "restaurant": (["Ristorante", "Trattoria", "Pizzeria", "Osteria"],
                   [("COPERTO", "1.50", "3.00"), ("PRIMO PIATTO", "8.00", "14.00"), ("SECONDO PIATTO", "12.00", "22.00"),
                    ("PIZZA MARGHERITA", "5.50", "8.00"), ("ACQUA MINERALE", "1.50", "3.00"),
                    ("VINO DELLA CASA 1/2", "4.00", "8.00"),
                    ("DESSERT", "4.00", "6.50"), ("CAFFE'", "1.20", "2.00")]),
}
VAT_RATES = ("22%", "10%", "4%", "5%")
ELECTRONIC = ["PAGAMENTO ELETTRONICO", "Pagamento elettronico", "CARTA DI CREDITO", "BANCOMAT", "POS",
              "CARTA DI CREDITO VISA", "Carta credito", "Mastercard credito"]
DISCOUNTS = ["SCONTO", "SCONTO 10%", "SCONTO CASSA", "BUONO SCONTO", "PROMO -20%", "RESO", "STORNO", "ARROTONDAMENTO"]
P_DISCOUNT = 0.3
# Receipts abroad, in the words of the country's tills: what the receipt is called, the total, cash,
# change, card, the VAT and a goodbye.
ABROAD = {
    "en": (["RECEIPT", "Sales receipt", "TILL RECEIPT", "Receipt"], ["TOTAL", "TOTAL DUE", "BALANCE DUE"],
           ["CASH", "Cash"], ["CHANGE", "Change due"], ["VISA CREDIT", "CREDIT CARD", "Mastercard", "CONTACTLESS"],
           "VAT {rate}%", ["VAT No. GB{digits9}", "VAT Reg No {digits9}"],
           ["Thank you for shopping with us", "THANK YOU - PLEASE CALL AGAIN", "Keep your receipt for returns"],
           ["Till {till}  Op {op}  Trans {n}", "Receipt No. {n}  Till {till}"],
           ["DISCOUNT", "MULTI-BUY SAVING", "REFUND"]),
    "de": (["KASSENBON", "Kassenbeleg", "Beleg", "BON"], ["SUMME", "SUMME EUR", "GESAMT", "ZU ZAHLEN"],
           ["BAR", "Bar"], ["RÜCKGELD", "Rückgeld"], ["KREDITKARTE", "EC-Karte", "Girocard", "VISA"],
           "MwSt {rate}%", ["USt-IdNr. DE{digits9}", "St.-Nr. {digits9}"],
           ["Vielen Dank für Ihren Einkauf", "Danke und auf Wiedersehen"],
           ["Bon-Nr. {n}  Kasse {till}", "Beleg-Nr. {n}  Kasse {till}  TSE-Signatur"], ["RABATT", "PFAND", "STORNO"]),
    "fr": (["TICKET DE CAISSE", "Ticket", "TICKET CLIENT"], ["TOTAL", "TOTAL TTC", "NET A PAYER"],
           ["ESPECES", "Espèces"], ["RENDU", "Rendu monnaie"], ["CARTE BANCAIRE", "CB", "CARTE DE CREDIT", "VISA"],
           "TVA {rate}%", ["TVA intracom. FR{digits11}", "SIRET {digits9}"],
           ["Merci de votre visite", "MERCI ET A BIENTOT"],
           ["Ticket n° {n}  Caisse {till}", "Caisse {till}  Caissier {op}"], ["REMISE", "AVOIR", "BON DE REDUCTION"]),
    "es": (["TICKET", "Ticket de compra", "RECIBO"], ["TOTAL", "TOTAL A PAGAR", "IMPORTE"],
           ["EFECTIVO", "Efectivo"], ["CAMBIO", "Cambio"], ["TARJETA CREDITO", "TARJETA", "VISA"],
           "IVA {rate}%", ["NIF B{digits8}", "CIF A{digits8}"], ["Gracias por su visita", "GRACIAS Y HASTA PRONTO"],
           ["Ticket n. {n}  Caja {till}", "Caja {till}  Le atendió: {op}"], ["DESCUENTO", "DEVOLUCION", "PROMOCION"]),
}
ABROAD_RATES = ("5", "7", "10", "19", "20", "21")


def receipt_texts(per_family: int, seed: int = 0, families: tuple[str, ...] = FAMILIES) -> list[tuple[str, str]]:
    """`per_family` receipt texts of each family, labelled `ricevuta`."""
    return [(receipt_text(family, seed + i), "ricevuta") for family in families for i in range(per_family)]


def receipt_text(family: str, seed: int) -> str:
    rng = random.Random(f"ricevuta:{family}:{seed}")
    kind = rng.choice(sorted(SHOPS) if family != "R3" else ["restaurant", "hardware", "bar"])
    words, items = SHOPS[kind]
    owner = pools.person(rng, "train")
    shop = pools.company(rng, "train")
    name = f"{rng.choice(words)} {rng.choice([owner.name.split()[-1], shop.name.split()[0]])}"
    date = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1200))
    bought = _discounted(rng, [_item(rng, items) for _ in range(rng.randint(1, 7))], DISCOUNTS)
    total = sum((amount for _, _, amount in bought), Decimal(0))
    header = [name.upper() if rng.random() < 0.7 else name, f"{shop.street}", f"{shop.cap} {shop.city} ({shop.province})",
              rng.choice(["P.IVA ", "P. IVA ", "Partita IVA ", "P.I. "]) + identity.partita_iva(rng)]
    if rng.random() < 0.4:
        header.append(f"Tel. {shop.phone}")
    if family == "R5":
        return _abroad(rng, name, shop, bought, date)
    build = {"R1": _commercial, "R2": _till, "R3": _fiscal, "R4": _commercial_card}[family]
    lines = [line.center(WIDTH) if rng.random() < 0.8 else line for line in header] + build(rng, bought, total, date)
    return "\n".join(lines)


def _item(rng: random.Random, items) -> tuple[str, str, Decimal]:
    description, low, high = rng.choice(items)
    price = Decimal(rng.randrange(int(Decimal(low) * 100), int(Decimal(high) * 100) + 1)) / 100
    return description, rng.choice(VAT_RATES), price


def _discounted(rng: random.Random, bought, words: list[str]) -> list:
    """Sometimes a till line that takes money off (a discount, a return), printed negative."""
    if rng.random() >= P_DISCOUNT:
        return bought
    cut = -min(Decimal(rng.randrange(10, 300)) / 100, sum(p for _, _, p in bought) / 2).quantize(Decimal("0.01"))
    return bought + [(rng.choice(words), rng.choice(VAT_RATES), cut)]


def _money(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _row(left: str, right: str) -> str:
    return left[: WIDTH - len(right) - 1].ljust(WIDTH - len(right)) + right


def _rows(rng: random.Random, bought, with_rate: bool) -> list[str]:
    return [_row(f"{d} {r}" if with_rate else d, _money(p)) for d, r, p in bought]


def _paid(rng: random.Random, total: Decimal, cash_word: str) -> list[str]:
    if rng.random() < 0.5:
        given = (total // 5 + 1) * 5
        return [_row(cash_word, _money(given)), _row(rng.choice(["RESTO", "Resto"]), _money(given - total))]
    return [_row(rng.choice(ELECTRONIC), _money(total))]


def _stamp(rng: random.Random, date: dt.date) -> str:
    time = f"{rng.randrange(7, 22):02d}:{rng.randrange(60):02d}"
    return rng.choice([f"{date:%d-%m-%Y} {time}", f"{date:%d/%m/%Y} {time}", f"{date:%d.%m.%y} ORE {time}"])


def _commercial(rng: random.Random, bought, total: Decimal, date: dt.date) -> list[str]:
    """Documento commerciale of a registratore telematico (since 2020)."""
    vat = sum((p for _, _, p in bought), Decimal(0)) * Decimal("0.0909")
    return (["DOCUMENTO COMMERCIALE".center(WIDTH), "di vendita o prestazione".center(WIDTH), "",
             _row("DESCRIZIONE", "IVA  Prezzo(€)")] + _rows(rng, bought, True) +
            [_row("TOTALE COMPLESSIVO", _money(total)), _row("di cui IVA", _money(vat.quantize(Decimal("0.01"))))] +
            _paid(rng, total, rng.choice(["Pagamento contante", "CONTANTI", "Contanti"])) +
            [_row("Importo pagato", _money(total)), _stamp(rng, date),
             f"DOCUMENTO N. {rng.randrange(1, 9999):04d}-{rng.randrange(1, 9999):04d}",
             f"RT {rng.choice(['99MEX', '80EPA', '72IBM'])}{rng.randrange(100000, 999999)}"] +
            (["Cod. Lotteria: " + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(8))]
             if rng.random() < 0.3 else []))


def _commercial_card(rng: random.Random, bought, total: Decimal, date: dt.date) -> list[str]:
    """Documento commerciale paid by card, with the customer's codice fiscale (scontrino parlante)."""
    person = pools.person(rng, "train")
    return (["DOCUMENTO COMMERCIALE", "valido ai fini fiscali" if rng.random() < 0.5 else "di vendita o prestazione",
             _row("Descrizione", "Prezzo")] + _rows(rng, bought, rng.random() < 0.5) +
            [_row("TOTALE EURO", _money(total)), _row(rng.choice(ELECTRONIC), _money(total)),
             f"C.F. cliente: {person.tax_code}" if person.tax_code else "", _stamp(rng, date),
             f"Doc. n. {rng.randrange(1, 9999)}-{rng.randrange(1, 9999):04d}  Matr. RT {rng.randrange(10**9, 10**10)}",
             rng.choice(["Grazie e arrivederci", "ARRIVEDERCI E GRAZIE", "Conservare per eventuali resi"])])


def _till(rng: random.Random, bought, total: Decimal, date: dt.date) -> list[str]:
    """The older scontrino fiscale of a cash register."""
    return ([""] + _rows(rng, bought, False) + ["-" * WIDTH, _row("TOTALE", _money(total))] +
            _paid(rng, total, "CONTANTE") +
            [f"{_stamp(rng, date)}  SCONTRINO N. {rng.randrange(1, 999)}",
             "SCONTRINO FISCALE" if rng.random() < 0.6 else "",
             f"MF {rng.choice(['AB', 'CZ', 'RT'])} {rng.randrange(10**7, 10**8)}",
             rng.choice(["ARRIVEDERCI", "Grazie per la preferenza", ""])])


def _fiscal(rng: random.Random, bought, total: Decimal, date: dt.date) -> list[str]:
    """The ricevuta fiscale from a numbered book (restaurants, craftsmen)."""
    return ([f"RICEVUTA FISCALE N. {rng.randrange(1, 999)}/{rng.choice('ABCDE')}", f"del {date:%d/%m/%Y}",
             rng.choice(["Cliente: ", "Sig. "]) + pools.person(rng, "train").name,
             _row("Natura e qualità dei servizi", "Importo")] + _rows(rng, bought, False) +
            [_row("Corrispettivo pagato", _money(total)) if rng.random() < 0.5 else _row("TOTALE", _money(total)),
             rng.choice(["Ricevuta fiscale (D.M. 30/03/1992)", "Mod. RF - Stampato autorizzato", ""])])


def _abroad(rng: random.Random, name: str, shop, bought, date: dt.date) -> str:
    """A receipt from a till abroad: the shop, the receipt's name, items, total, payment, VAT, goodbye."""
    (names, totals, cash, change, cards, vat, tax_ids, goodbyes, numbers,
     cuts) = ABROAD[rng.choice(sorted(ABROAD))]
    bought = _discounted(rng, bought, cuts)
    total = sum((p for _, _, p in bought), Decimal(0))
    numbers_of = {"n": rng.randrange(1, 9999), "till": rng.randrange(1, 9), "op": rng.randrange(1, 99),
                  "digits8": rng.randrange(10**7, 10**8), "digits9": rng.randrange(10**8, 10**9),
                  "digits11": rng.randrange(10**10, 10**11)}
    lines = [name.upper(), f"{shop.street}", rng.choice(tax_ids).format(**numbers_of), "",
             rng.choice(names).center(WIDTH)] + _rows(rng, bought, False)
    lines += ["-" * WIDTH, _row(rng.choice(totals), _money(total))]
    if rng.random() < 0.5:
        given = (total // 5 + 1) * 5
        lines += [_row(rng.choice(cash), _money(given)), _row(rng.choice(change), _money(given - total))]
    else:
        lines += [_row(rng.choice(cards), _money(total)), f"**** **** **** {rng.randrange(1000, 9999)}"]
    rate = Decimal(rng.choice(ABROAD_RATES))
    included = (total * rate / (100 + rate)).quantize(Decimal("0.01"))
    lines += [_row(vat.format(rate=rate), _money(included)),
              _stamp(rng, date), rng.choice(numbers).format(**numbers_of), rng.choice(goodbyes)]
    return "\n".join(lines)
