"""The values a grammar document carries: companies, people, goods, VAT and totals.

Identifiers with real check digits and the places come from the sample
generator (`identity`, `pools`); the names, goods and number formats are the
grammar's own, so the extractor never saw them while it was tuned.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass
from decimal import Decimal

from stdnum import iban as iban_check
from stdnum.eu import vat as eu_vat

from demat.samples.generator import identity, pools
from demat.samples.generator.formats import cents

SURNAMES = ["Pellegrini", "Bellini", "Sala", "Cattaneo", "Fabbri", "Villa", "Ferri", "Benedetti", "Morelli",
            "Orlando", "Guerra", "Palumbo", "Sanna", "Farina", "Rota", "Valentini", "Bassi", "Negri", "Piras",
            "Testa", "Fontana", "D'Angelo", "Zanetti", "Lo Bianco"]
FIRST_NAMES = [("Silvia", True), ("Alberto", False), ("Ilaria", True), ("Giorgio", False), ("Beatrice", True),
               ("Enrico", False), ("Noemi", True), ("Ottavio", False), ("Lucia", True), ("Zeno", False)]
TRADES = ["Officine Meccaniche", "Carpenteria Metallica", "Autoricambi", "Cartotecnica", "Serramenti",
          "Impiantistica", "Ferramenta", "Tipografia", "Elettromeccanica", "Lavanderia Industriale",
          "Laboratorio Analisi", "Vivai", "Trafileria", "Minuteria", "Caseificio"]
FORMS = ["S.r.l.", "Srl", "S.R.L.", "srl", "S.p.A.", "S.P.A.", "Spa", "Srl.", "s.r.l.", "S.r.l. unipersonale"]
GOODS = [("Cuscinetto a sfere 6204-2RS", "2.10", "9.80"), ("Guarnizione OR 45x3 NBR", "0.20", "1.40"),
         ("Lamiera zincata 2000x1000 sp. 1,5", "38.00", "74.00"), ("Ore di manodopera officina", "32.00", "58.00"),
         ("Stampa brochure A5 4 colori (100 pz)", "45.00", "140.00"), ("Verniciatura a polvere RAL 9010", "12.00", "40.00"),
         ("Bullone TE M10x40 zincato (conf. 100)", "9.00", "21.00"), ("Intervento tecnico a chiamata", "60.00", "150.00"),
         ("Pallet di etichette adesive 100x50", "85.00", "190.00"), ("Smaltimento rifiuti speciali (kg)", "0.40", "1.90"),
         ("Motoriduttore 0,75 kW i=20", "310.00", "540.00"), ("Canone assistenza trimestrale", "180.00", "420.00"),
         ("Tubo rame 18 mm (barra 5 m)", "19.00", "33.00"), ("Analisi chimica campione acqua", "55.00", "120.00"),
         ("Noleggio muletto elettrico (giorno)", "70.00", "130.00"), ("Piantine di lavanda vaso 14", "2.30", "4.90")]
EN_GOODS = [("Consulting services (hours)", "80.00", "160.00"), ("Software subscription, annual", "400.00", "1900.00"),
            ("Replacement sensor kit", "45.00", "95.00"), ("Shipping and handling", "12.00", "60.00"),
            ("Training workshop (day)", "600.00", "1200.00"), ("Cloud storage 1 TB (month)", "9.00", "25.00")]
MONTHS_IT = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
             "ottobre", "novembre", "dicembre")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
             "novembre", "décembre")


@dataclass(frozen=True)
class Company:
    """A party of a document. `name_lines` is how its letterhead breaks the legal name."""

    name_lines: tuple[str, ...]
    street: str
    cap: str
    city: str
    province: str
    vat: str | None  # as the expected field wants it (11 digits, or with its country prefix abroad)
    tax_code: str | None
    phone: str
    country: str = "IT"

    @property
    def name(self) -> str:
        return " ".join(self.name_lines)

    @property
    def acronym(self) -> str:
        words = [w for w in self.name.replace("&", " ").split() if w[:1].isupper() and "." not in w and len(w) > 2]
        return "".join(w[0] for w in words[:3]).upper() or self.name[:2].upper()

    @property
    def place(self) -> str:
        return f"{self.cap} {self.city} ({self.province})"


def company(rng: random.Random, caps: bool = False, two_lines: bool | None = None) -> Company:
    surname, (first, _) = rng.choice(SURNAMES), rng.choice(FIRST_NAMES)
    trade, form = rng.choice(TRADES), rng.choice(FORMS)
    two_lines = rng.random() < 0.35 if two_lines is None else two_lines
    if two_lines:
        lines = (f"{trade} {surname} S.a.s.", f"di {surname} {first} & C.")
    else:
        lines = (rng.choice([f"{trade} {surname} {form}", f"{surname} {trade} {form}",
                             f"{surname} & Figli {form}", f"{trade} {surname}-{rng.choice(SURNAMES)} {form}"]),)
    if caps:
        lines = tuple(line.upper() for line in lines)
    city = rng.choice(pools.CITIES)
    vat = identity.partita_iva(rng)
    return Company(lines, f"{rng.choice(pools.STREETS)}, {rng.randrange(1, 200)}", city[1], city[0], city[2], vat,
                   vat, f"0{rng.randrange(2, 99)} {rng.randrange(100000, 9999999)}")


@dataclass(frozen=True)
class Person:
    first: str
    surname: str
    tax_code: str
    street: str
    place: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname}"


def person(rng: random.Random) -> Person:
    surname, (first, female) = rng.choice(SURNAMES), rng.choice(FIRST_NAMES)
    city = rng.choice(pools.CITIES)
    birth = dt.date(rng.randrange(1958, 2003), rng.randrange(1, 13), rng.randrange(1, 29))
    return Person(first, surname, identity.codice_fiscale(surname.replace("'", ""), first, birth, female, city[3]),
                  f"{rng.choice(pools.STREETS)}, {rng.randrange(1, 90)}", f"{city[1]} {city[0]} ({city[2]})")


def issue_date(rng: random.Random) -> dt.date:
    return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 330))


def eu_vat_number(rng: random.Random, country: str) -> str:
    """A VAT number of an EU member state (or GB) that python-stdnum accepts."""
    shapes = {"DE": "#########", "AT": "U########", "FR": "###########", "NL": "#########B##", "BE": "0#########",
              "ES": "B########", "IE": "#######W", "GB": "#########"}
    while True:  # a random body is right about once in 10 to 100 draws: cheap and seeded
        body = "".join(rng.choice(string.digits) if c == "#" else c for c in shapes[country])
        number = country + body
        if eu_vat.is_valid(number) if country != "GB" else _gb_valid(body):
            return number


def _gb_valid(body: str) -> bool:
    from stdnum.gb import vat as gb_vat
    return gb_vat.is_valid(body)


def foreign_iban(rng: random.Random, country: str) -> str:
    lengths = {"DE": 18, "FR": 23, "NL": 0, "AT": 16, "BE": 12, "GB": 0, "IE": 0, "ES": 20}
    if lengths.get(country):
        bban = "".join(rng.choice(string.digits) for _ in range(lengths[country]))
    else:  # a bank code of four letters first
        bban = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
        bban += "".join(rng.choice(string.digits) for _ in range(14 if country != "NL" else 10))
    number = country + identity.iban_check_digits(country, bban) + bban
    if not iban_check.is_valid(number):  # FR carries its own RIB key: draw again
        return foreign_iban(rng, country)
    return number


def italian_iban(rng: random.Random) -> str:
    return identity.iban(rng)


def goods_lines(rng: random.Random, count: int, rates: list[Decimal], goods=GOODS) -> list[dict]:
    lines = []
    for index in range(count):
        description, low, high = rng.choice(goods)
        price = Decimal(rng.randrange(int(Decimal(low) * 100), int(Decimal(high) * 100) + 1)) / 100
        quantity = Decimal(rng.choice([1, 1, 2, 3, 4, 6, 8, 10, 15, 24, 100]))
        lines.append({"description": description, "quantity": quantity, "price": price,
                      "amount": cents(quantity * price), "rate": rates[index % len(rates)]})
    return lines


def vat_rows(lines: list[dict], sign: int = 1) -> list[dict]:
    """One row per rate, highest first: taxable, vat, and the signed values."""
    rows: dict[Decimal, Decimal] = {}
    for line in lines:
        rows[line["rate"]] = rows.get(line["rate"], Decimal(0)) + line["amount"]
    return [{"rate": rate, "taxable": sign * taxable, "vat": sign * cents(taxable * rate / 100)}
            for rate, taxable in sorted(rows.items(), key=lambda r: -r[0])]


def totals(rows: list[dict]) -> tuple[Decimal, Decimal, Decimal]:
    taxable = sum((r["taxable"] for r in rows), Decimal(0))
    vat = sum((r["vat"] for r in rows), Decimal(0))
    return taxable, vat, taxable + vat


def vat_lines_json(rows: list[dict], natures: dict | None = None) -> list[dict]:
    return [{"rate": f"{r['rate']:.2f}", "taxable_amount": str(r["taxable"]), "vat_amount": str(r["vat"]),
             "nature": (natures or {}).get(r["rate"])} for r in rows]


# How numbers and dates are printed, by style name.
def number(value: Decimal, style: str = "it") -> str:
    """it 1.234,56 | en 1,234.56 | plain 1234.56 | ch 1'234.56 | fr 1 234,56 | trail 1.234,56- (sign after)."""
    text = f"{abs(cents(value)):,.2f}"
    text = {"it": text.replace(",", "_").replace(".", ",").replace("_", "."), "en": text,
            "plain": text.replace(",", ""), "ch": text.replace(",", "'"),
            "fr": text.replace(",", " ").replace(".", ","),
            "trail": text.replace(",", "_").replace(".", ",").replace("_", ".")}[style]
    if value < 0:
        return text + "-" if style == "trail" else "-" + text
    return text


def date(day: dt.date, style: str) -> str:
    return {"dot": f"{day.day:02d}.{day.month:02d}.{day.year}", "slash": f"{day.day:02d}/{day.month:02d}/{day.year}",
            "dash": f"{day.day:02d}-{day.month:02d}-{day.year}", "iso": day.isoformat(),
            "it_long": f"{day.day} {MONTHS_IT[day.month - 1]} {day.year}",
            "it_short": f"{day.day:02d}-{MONTHS_IT[day.month - 1][:3]}-{day.year}",
            "en_long": f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}",
            "us_long": f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}",
            "us": f"{day.month:02d}/{day.day:02d}/{day.year}",
            "de_long": f"{day.day}. {MONTHS_DE[day.month - 1]} {day.year}",
            "fr_long": f"{day.day} {MONTHS_FR[day.month - 1]} {day.year}"}[style]


def rate(value: Decimal) -> str:
    return f"{value:.0f}%" if value == value.to_integral() else f"{value}%"
