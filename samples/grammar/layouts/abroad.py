"""What the foreign families share: countries (VAT rate, currency, number and date
style, legal forms) and each language's captions. The placement is each family's."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

WORDS = ["Northgate", "Bluebell", "Harbour", "Silverline", "Kestrel", "Lindner", "Vogel", "Brandt", "Keller",
         "Van Dijk", "De Vries", "Bakker", "Dubois", "Lefèvre", "Moreau", "Garnier", "Patel", "Sharma", "Redwood",
         "Summit", "Alpen", "Rhein", "Polder", "Lumière"]


@dataclass(frozen=True)
class Country:
    code: str
    language: str  # en, de, nl, fr
    currency: str
    symbol: str  # as printed before or after the amount
    rate: Decimal
    numbers: str  # values.number style
    dates: str  # values.date style
    forms: tuple[str, ...]
    eu_vat: bool = True  # an EU (or UK) VAT number the expected supplier_vat keeps with its prefix


COUNTRIES = {
    "GB": Country("GB", "en", "GBP", "£", Decimal(20), "en", "en_long", ("Ltd", "Limited", "LLP")),
    "IE": Country("IE", "en", "EUR", "€", Decimal(23), "en", "en_long", ("Ltd", "DAC")),
    "US": Country("US", "en", "USD", "$", Decimal("8.25"), "en", "us_long", ("Inc.", "LLC", "Corp."), eu_vat=False),
    "IN": Country("IN", "en", "INR", "INR", Decimal(18), "en", "dash", ("Pvt. Ltd.", "LLP"), eu_vat=False),
    "DE": Country("DE", "de", "EUR", "EUR", Decimal(19), "it", "dot", ("GmbH", "AG", "GmbH & Co. KG")),
    "AT": Country("AT", "de", "EUR", "€", Decimal(20), "it", "de_long", ("GmbH", "KG")),
    "CH": Country("CH", "de", "CHF", "CHF", Decimal("8.1"), "ch", "dot", ("AG", "GmbH"), eu_vat=False),
    "NL": Country("NL", "nl", "EUR", "€", Decimal(21), "it", "dash", ("B.V.", "N.V.")),
    "BE": Country("BE", "fr", "EUR", "€", Decimal(21), "fr", "slash", ("SRL", "SA")),
    "FR": Country("FR", "fr", "EUR", "€", Decimal(20), "fr", "fr_long", ("SARL", "SAS", "SA")),
}
STREETS = {"en": "{n} Market Street", "de": "Hauptstraße {n}", "nl": "Kerkstraat {n}", "fr": "{n} rue de la Paix"}
CAPTIONS = {
    "en": {"title": "INVOICE", "number": "Invoice number", "date": "Invoice date", "due": "Due date",
           "to": "Bill to", "taxable": "Subtotal", "vat": "VAT", "total": "Total", "pay": "Amount due",
           "vat_id": "VAT No.", "qty": "Qty", "price": "Unit price", "amount": "Amount", "item": "Description"},
    "de": {"title": "RECHNUNG", "number": "Rechnungsnummer", "date": "Rechnungsdatum", "due": "Zahlbar bis",
           "to": "Rechnungsempfänger", "taxable": "Nettobetrag", "vat": "MwSt.", "total": "Gesamtbetrag",
           "pay": "Zahlbetrag", "vat_id": "USt-IdNr.", "qty": "Menge", "price": "Einzelpreis", "amount": "Betrag",
           "item": "Bezeichnung"},
    "nl": {"title": "FACTUUR", "number": "Factuurnummer", "date": "Factuurdatum", "due": "Vervaldatum",
           "to": "Factuuradres", "taxable": "Subtotaal", "vat": "BTW", "total": "Totaal", "pay": "Te betalen",
           "vat_id": "BTW-nummer", "qty": "Aantal", "price": "Prijs", "amount": "Bedrag", "item": "Omschrijving"},
    "fr": {"title": "FACTURE", "number": "Facture n°", "date": "Date de facture", "due": "Échéance",
           "to": "Adressée à", "taxable": "Total HT", "vat": "TVA", "total": "Montant TTC", "pay": "Net à payer",
           "vat_id": "N° TVA intracommunautaire", "qty": "Qté", "price": "Prix unitaire", "amount": "Montant HT",
           "item": "Désignation"},
}


@dataclass
class Foreign:
    """One foreign invoice's values and how its country prints them."""

    country: Country
    words: dict
    supplier: str
    supplier_vat: str | None
    street: str
    city: str
    customer: values.Company
    number: str
    day: dt.date
    due: dt.date
    inv: parts.Invoice
    iban: str | None

    def money(self, amount: Decimal) -> str:
        text = values.number(amount, self.country.numbers)
        return f"{self.country.symbol}{text}" if self.country.symbol in "£$" else f"{text} {self.country.symbol}"

    def date(self, day: dt.date) -> str:
        return values.date(day, self.country.dates)


def draw(rng: random.Random, codes: tuple[str, ...]) -> Foreign:
    country = COUNTRIES[rng.choice(codes)]
    name = f"{rng.choice(WORDS)} {rng.choice(['Systems', 'Trading', 'Technik', 'Solutions', 'Industries', 'Partners'])} " \
           f"{rng.choice(country.forms)}"
    day = values.issue_date(rng)
    number = rng.choice(["INV-{n:05d}", "{y}-{n:04d}", "RE{y}{n:04d}", "F{y}/{n:03d}", "{n}"]).format(
        n=rng.randrange(1, 9999), y=day.year)
    inv = parts.invoice(rng, "fattura", rates=[country.rate], goods=values.EN_GOODS)
    iban = values.foreign_iban(rng, country.code) if country.code not in ("US", "IN", "CH") else None
    return Foreign(country, CAPTIONS[country.language], name,
                   values.eu_vat_number(rng, country.code) if country.eu_vat else None,
                   STREETS[country.language].format(n=rng.randrange(1, 300)),
                   {"GB": "Leeds LS1 4AP", "IE": "Dublin D02 X285", "US": "Austin, TX 78701", "IN": "Pune 411001",
                    "DE": "50667 Köln", "AT": "1010 Wien", "CH": "8001 Zürich", "NL": "3511 AB Utrecht",
                    "BE": "1000 Bruxelles", "FR": "69002 Lyon"}[country.code],
                   values.company(rng), number, day, day + dt.timedelta(days=rng.choice([14, 30])), inv, iban)


def start(rng: random.Random, codes: tuple[str, ...], fonts: list[str]) -> tuple[Foreign, Draft]:
    """A foreign invoice's values and its draft, in one of the family's fonts."""
    return draw(rng, codes), Draft("fattura", font=rng.choice(fonts))


def record(draft: Draft, f: Foreign) -> None:
    """The values every foreign family prints somewhere (the family draws the text it returns)."""
    draft.foreign = True
    draft.known("currency", f.country.currency)
    draft.known("vat_lines", values.vat_lines_json(f.inv.rows))


def item_rows(f: Foreign) -> list[list[str]]:
    return [[line["description"], f"{line['quantity']}", values.number(line["price"], f.country.numbers),
             values.number(line["amount"], f.country.numbers)] for line in f.inv.lines]


def item_columns(f: Foreign) -> list[tuple[str, float, str]]:
    w = f.words
    return [(w["item"], 95, "l"), (w["qty"], 18, "r"), (w["price"], 32, "r"), (w["amount"], 35, "r")]
