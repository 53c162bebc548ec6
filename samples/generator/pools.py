"""Names, places and companies. Train and holdout draw from disjoint halves, so a
holdout document never carries a supplier name seen in development."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from demat.samples.generator import identity

SURNAMES = {
    "train": ["Rossi", "Bianchi", "Colombo", "Ferrari", "Esposito", "Romano", "Ricci", "Marino",
              "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano",
              "Rizzo", "Lombardi", "Moretti", "Barbieri"],
    "holdout": ["Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli",
                "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Serra"],
}
FIRST_NAMES = {
    "train": [("Marco", False), ("Giulia", True), ("Luca", False), ("Francesca", True),
              ("Andrea", False), ("Chiara", True), ("Paolo", False), ("Sara", True),
              ("Giuseppe", False), ("Elena", True), ("Stefano", False), ("Laura", True)],
    "holdout": [("Davide", False), ("Martina", True), ("Simone", False), ("Valentina", True),
                ("Matteo", False), ("Federica", True), ("Roberto", False), ("Silvia", True)],
}
# Company name = stem + activity (+ legal form); stems are invented words or surnames.
STEMS = {
    "train": ["Tecno", "Edil", "Idro", "Elettro", "Agri", "Meccano", "Logi", "Info", "Metal", "Plast"],
    "holdout": ["Nova", "Euro", "Geo", "Termo", "Omni", "Sider"],
}
ACTIVITIES = {
    "train": ["Forniture", "Servizi", "Impianti", "Sistemi", "Costruzioni", "Trasporti",
              "Commerciale", "Distribuzione", "Ufficio", "Ingegneria"],
    "holdout": ["Soluzioni", "Tecnologie", "Group", "Logistica", "Industria", "Consulting"],
}
LEGAL_FORMS = ["S.r.l.", "S.r.l.", "S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "S.r.l.s.", "Soc. Coop."]
CITIES = [  # (comune, CAP, provincia, Belfiore code)
    ("Milano", "20121", "MI", "F205"), ("Roma", "00184", "RM", "H501"), ("Torino", "10121", "TO", "L219"),
    ("Napoli", "80133", "NA", "F839"), ("Bologna", "40121", "BO", "A944"), ("Firenze", "50123", "FI", "D612"),
    ("Genova", "16121", "GE", "D969"), ("Brescia", "25121", "BS", "B157"), ("Verona", "37121", "VR", "L781"),
    ("Padova", "35121", "PD", "G224"), ("Bergamo", "24121", "BG", "A794"), ("Bari", "70121", "BA", "A662"),
    ("Modena", "41121", "MO", "F257"), ("Parma", "43121", "PR", "G337"), ("Vicenza", "36100", "VI", "L840"),
    ("Treviso", "31100", "TV", "L407"), ("Monza", "20900", "MB", "F704"), ("Reggio Emilia", "42121", "RE", "H223"),
    ("Perugia", "06121", "PG", "G478"), ("Ancona", "60121", "AN", "A271"), ("Trento", "38122", "TN", "L378"),
    ("Udine", "33100", "UD", "L483"), ("Lecce", "73100", "LE", "E506"), ("Pescara", "65121", "PE", "G482"),
]
STREETS = ["Via Roma", "Via Garibaldi", "Via Mazzini", "Corso Italia", "Via Verdi", "Viale Europa",
           "Via Dante Alighieri", "Piazza della Repubblica", "Via dell'Industria", "Via dell'Artigianato",
           "Via Cavour", "Corso Vittorio Emanuele II", "Via XX Settembre", "Via dei Mille", "Via Manzoni",
           "Via Marconi", "Viale delle Nazioni", "Via San Francesco", "Strada Provinciale 11", "Via Torino"]
ENERGY = {
    "train": [("Energia Padana S.p.A.", "luce"), ("Gas Natura Italia S.r.l.", "gas"),
              ("Acque del Serio S.p.A.", "acqua"), ("TeleItalia Fibra S.p.A.", "telefono"),
              ("Luce Chiara Energia S.r.l.", "luce")],
    "holdout": [("Adriatica Energia S.p.A.", "luce"), ("Metano Alpino S.r.l.", "gas"),
                ("Servizio Idrico Tirreno S.p.A.", "acqua"), ("ConnettiAmo S.r.l.", "telefono")],
}
BANKS = {
    "train": [("Banca Popolare del Lario S.p.A.", "05034"), ("Cassa di Risparmio di Valsesia S.p.A.", "06230"),
              ("Banca di Credito Cooperativo dei Colli", "08327"), ("Credito Meridionale S.p.A.", "03069")],
    "holdout": [("Banca Alpina di Risparmio S.p.A.", "05696"), ("Istituto Bancario Tirrenico S.p.A.", "03104")],
}


@dataclass(frozen=True)
class Party:
    """A company or a person that issues or receives a document."""

    name: str
    street: str
    cap: str
    city: str
    province: str
    vat: str | None  # partita IVA, None for private persons
    tax_code: str  # 11 digits for companies, 16 characters for people
    email: str
    phone: str
    person: bool = False

    @property
    def address_lines(self) -> list[str]:
        return [self.street, f"{self.cap} {self.city} ({self.province})"]


def _street(rng: random.Random) -> str:
    return f"{rng.choice(STREETS)}, {rng.randrange(1, 180)}"


def _phone(rng: random.Random) -> str:
    return f"0{rng.randrange(2, 99)} {rng.randrange(100000, 9999999)}"


def person(rng: random.Random, split: str) -> Party:
    surname = rng.choice(SURNAMES[split])
    first, female = rng.choice(FIRST_NAMES[split])
    city = rng.choice(CITIES)
    birth = dt.date(rng.randrange(1955, 2001), rng.randrange(1, 13), rng.randrange(1, 29))
    tax_code = identity.codice_fiscale(surname, first, birth, female, city[3])
    email = f"{first.lower()}.{surname.lower().replace(' ', '')}@example.it"
    return Party(f"{first} {surname}", _street(rng), city[1], city[0], city[2], None, tax_code,
                 email, _phone(rng), person=True)


def company_name(rng: random.Random, split: str) -> str:
    shape = rng.randrange(4)
    stem, activity = rng.choice(STEMS[split]), rng.choice(ACTIVITIES[split])
    surname = rng.choice(SURNAMES[split])
    form = rng.choice(LEGAL_FORMS)
    if form == "S.n.c." or form == "S.a.s.":
        return f"{surname} {rng.choice(FIRST_NAMES[split])[0][0]}. & C. {form}"
    base = [f"{stem}{activity.lower()}", f"{surname} {activity}", f"{stem}{surname.lower().replace(' ', '')}",
            f"{activity} {surname}"][shape]
    return f"{base} {form}"


def company(rng: random.Random, split: str, name: str | None = None) -> Party:
    name = name or company_name(rng, split)
    city = rng.choice(CITIES)
    vat = identity.partita_iva(rng)
    domain = "".join(c for c in name.split(" S.")[0].lower() if c.isalnum())[:18] or "azienda"
    return Party(name, _street(rng), city[1], city[0], city[2], vat, vat,
                 f"{rng.choice(['info', 'amministrazione', 'ordini'])}@{domain}.it", _phone(rng))
