"""G18, "artigiano": a craftsman's or a small firm's invoice typed into a word
processor's template. A bold name line (`Idraulica Fontana Giorgio`) over one
address line that carries the P.IVA and the owner's C.F.; everything else in a
ruled grid: `Fattura n°` / `del` cells, `Cliente:` and `Oggetto:` rows, the work
(`Manodopera`, `Materiale`, `Diritto di chiamata`) with hours as quantities, and a
small ruled box `Imponibile` / `I.V.A. 22%` / `Totale fattura`. Dates as
`3 marzo 2025` or `03.03.2025`. `Modalità di pagamento: bonifico bancario` with the
IBAN on one line, sometimes in groups of four. A flat-rate variant (`Regime
forfettario`) charges no VAT: the law's sentence instead, and the stamp duty
(`Marca da bollo € 2,00`) added to the total or said paid on the original. A credit
note names the invoice it cancels (its number and date are not the note's)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from demat.samples.generator.formats import cents
from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms

TYPES = ("fattura", "fattura", "proforma", "fattura", "nota_credito")
TITLES = {"fattura": ["Fattura n°", "FATTURA N.", "Fattura n."], "proforma": ["Fattura proforma n°", "PROFORMA N."],
          "nota_credito": ["Nota di credito n°", "NOTA DI CREDITO N."]}
TRADES = [("Idraulica", "Riparazione perdita e sostituzione miscelatore"),
          ("Impianti Elettrici", "Adeguamento quadro elettrico e prese"),
          ("Falegnameria", "Fornitura e posa porta interna in noce"),
          ("Tinteggiature", "Tinteggiatura locali uffici piano terra"),
          ("Termoidraulica", "Manutenzione annuale caldaia e analisi fumi"),
          ("Giardinaggio", "Potatura siepi e sfalcio area verde"),
          ("Fabbro", "Riparazione cancello carraio e serratura")]
MATERIALS = ["Materiale: raccordi e tubo multistrato", "Materiale elettrico vario", "Materiale di consumo",
             "Vernice lavabile bianca (lt 14)", "Ricambi: valvola e guarnizioni", "Legname e ferramenta"]
# the flat-rate regime's sentence, as the law (L. 190/2014) has it printed
FLAT_RATE = ["Operazione senza applicazione dell'IVA, effettuata ai sensi dell'art. 1, commi da 54 a 89, "
             "della Legge n. 190/2014 - Regime forfettario.",
             "Operazione in franchigia da IVA ai sensi dell'art. 1 c. 54-89 L. 190/2014 (regime forfettario). "
             "Compenso non soggetto a ritenuta d'acconto."]
STAMP_DUTY = Decimal("2.00")  # due on an invoice without VAT above 77,47 euro
HOUR_RATES = (28, 45)  # euro an hour of labour, lowest and highest
MARGINS = 168  # mm of text between the template's margins


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["DejaVuSans", "Times", "DejaVuSerif", "Helvetica"]))
    sheet = draft.page()
    trade, subject = rng.choice(TRADES)
    owner, office = values.person(rng), values.company(rng)
    customer = values.company(rng, two_lines=False)
    day = values.issue_date(rng)
    flat_rate = rng.random() < 0.4
    # the name line and the one address line
    name = f"{trade} {owner.surname} {owner.first}" if rng.random() < 0.6 else f"{trade} di {owner.first} {owner.surname}"
    centred = rng.random() < 0.5
    x, align = (105, "c") if centred else (20, "l")
    sheet.text(x, 20, draft.show_lines("supplier_name", name, [name])[0], 16, bold=True, align=align)
    vat = draft.show("supplier_vat", office.vat, office.vat)
    tax_code = draft.show("supplier_tax_code", owner.tax_code, owner.tax_code)
    address = f"{office.street} - {office.place} - Tel. 3{rng.randrange(20, 49)} {rng.randrange(1000000, 9999999)}"
    ids = f"P.IVA {vat} - C.F. {tax_code}"
    if rng.random() < 0.5:
        sheet.text(x, 26, f"{address} - {ids}", 7.5, align=align)
    else:
        sheet.lines(x, 26, [address, ids], 8.5, align=align)
    sheet.rule(20, 33, 190, 33, 1.0)
    style = rng.choice(["it_long", "dot", "slash"])
    number = rng.choice(["{n}/{y}", "{n}", "{n:03d}/{yy}"]).format(n=rng.randrange(1, 90), y=day.year, yy=day.year % 100)
    grid = Grid(sheet, 20, 40, [42, 40, 16, 72])
    grid.row([rng.choice(TITLES[doc_type]), draft.show("number", number, number), "del",
              draft.show("date", day.isoformat(), values.date(day, style))], bold=(False, True, False, True))
    lines = parts.name_lines(draft, "customer_name", customer)
    customer_vat = draft.show("customer_vat", customer.vat, customer.vat)
    grid.wide("Cliente:", lines + [f"{customer.street} - {customer.place}", f"P.IVA {customer_vat}"], bold_lines=len(lines))
    about = subject
    if doc_type == "nota_credito":
        cancelled = day - dt.timedelta(days=rng.randrange(5, 60))
        about = (f"Storno {rng.choice(['parziale', 'totale'])} Vs. fattura n° {rng.randrange(1, 90)}/{cancelled.year} "
                 f"del {values.date(cancelled, style)}")
    grid.wide("Oggetto:", [about])
    inv = _work(rng, doc_type, flat_rate)
    y = _items(sheet, inv, grid.y + 8)
    y = _totals(draft, sheet, rng, inv, flat_rate, y + 6)
    _payment(draft, sheet, rng, doc_type, day, style, y + 8)
    return draft


class Grid:
    """The template's ruled table: rows of cells, each row as tall as its tallest cell."""

    STEP = 5.2  # mm a line of text takes in a cell

    def __init__(self, sheet, x: float, y: float, widths: list[float]):
        self.sheet, self.x, self.y, self.widths = sheet, x, y, widths

    def row(self, cells: list[str], bold: tuple[bool, ...]) -> None:
        left = self.x
        for width, cell, strong in zip(self.widths, cells, bold):
            self.sheet.box(left, self.y, width, self.STEP + 2, 0.5)
            self.sheet.text(left + 1.5, self.y + 4.8, cell, terms.fit(self.sheet, [cell], 10, width - 3, strong), bold=strong)
            left += width
        self.y += self.STEP + 2

    def wide(self, caption: str, lines: list[str], bold_lines: int = 0) -> None:
        """A caption cell, and one cell as wide as the rest of the row holding LINES."""
        height = self.STEP * len(lines) + 2
        self.sheet.box(self.x, self.y, self.widths[0], height, 0.5)
        self.sheet.box(self.x + self.widths[0], self.y, sum(self.widths[1:]), height, 0.5)
        self.sheet.text(self.x + 1.5, self.y + 4.8, caption, 10)
        for i, line in enumerate(lines):
            self.sheet.text(self.x + self.widths[0] + 1.5, self.y + 4.8 + self.STEP * i, line, 10, bold=i < bold_lines)
        self.y += height


def _work(rng: random.Random, doc_type: str, flat_rate: bool) -> parts.Invoice:
    """Hours of labour, materials, sometimes the call-out fee, at one rate (22%, or 10% on a home's upkeep);
    none under the flat-rate regime."""
    hours = Decimal(rng.choice([2, 3, 4, 6, 8, 12, 16])) + rng.choice([Decimal(0), Decimal("0.5")])
    hourly = Decimal(rng.randrange(HOUR_RATES[0], HOUR_RATES[1] + 1))
    lines = [{"description": "Manodopera (ore)", "quantity": hours, "price": hourly}]
    for description in rng.sample(MATERIALS, rng.choice([0, 1, 2])):
        lines.append({"description": description, "quantity": Decimal(1),
                      "price": Decimal(rng.randrange(1500, 48000)) / 100})
    if rng.random() < 0.4:
        lines.append({"description": "Diritto di chiamata", "quantity": Decimal(1), "price": Decimal(rng.choice([25, 30, 40]))})
    rate = Decimal(0) if flat_rate else rng.choice([Decimal(22), Decimal(22), Decimal(10)])
    for line in lines:
        line.update(amount=cents(line["quantity"] * line["price"]), rate=rate)
    sign = -1 if doc_type == "nota_credito" else 1
    rows = values.vat_rows(lines, sign)
    return parts.Invoice(lines, rows, *values.totals(rows), sign)


def _quantity(value: Decimal) -> str:
    """Hours as the template prints them: 6 or 6,5."""
    return f"{value:.0f}" if value == value.to_integral() else f"{value:.1f}".replace(".", ",")


def _items(sheet, inv: parts.Invoice, y: float) -> float:
    rows = [[line["description"], _quantity(line["quantity"]), values.number(inv.sign * line["price"]),
             values.number(inv.sign * line["amount"])] for line in inv.lines]
    rows += [["", "", "", ""]] * (6 - len(rows))  # the template's empty rows
    return parts.table(sheet, 20, y, [("Descrizione", 84, "l"), ("Q.tà / ore", 22, "r"), ("Prezzo unitario", 32, "r"),
                                      ("Importo", 32, "r")], rows, 9.5, ruled="grid")


def _totals(draft: Draft, sheet, rng, inv: parts.Invoice, flat_rate: bool, y: float) -> float:
    """The small ruled box at the right; under the flat-rate regime no VAT, the stamp duty sometimes charged."""
    stamp = flat_rate and inv.sign > 0 and rng.random() < 0.6
    if flat_rate:  # the services under N2.2; the stamp duty, charged, adds to the total as on any invoice
        services = inv.taxable
        box = [(rng.choice(["Totale prestazioni", "Imponibile", "Totale compenso"]), "taxable_amount", services)]
        if stamp:
            box.append(("Marca da bollo", None, STAMP_DUTY))
        box.append((rng.choice(["Totale fattura", "Totale da pagare"]), "total", services + (STAMP_DUTY if stamp else 0)))
        draft.known("vat_amount", "0.00")
        draft.known("vat_lines", [{"rate": "0.00", "taxable_amount": str(services), "vat_amount": "0.00",
                                   "nature": "N2.2"}])
        draft.known("currency", "EUR")
    else:
        rate = values.rate(inv.rows[0]["rate"])
        box = [("Imponibile", "taxable_amount", inv.taxable), (f"I.V.A. {rate}", "vat_amount", inv.vat),
               ("Totale fattura", "total", inv.total)]
        parts.show_amounts(draft, inv)
    for caption, field, amount in box:
        sheet.box(120, y, 36, 7, 0.5)
        sheet.box(156, y, 34, 7, 0.5)
        sheet.text(122, y + 5, caption, 9.5, bold=field == "total")
        text = terms.money(amount, "before")
        sheet.text(188, y + 5, draft.show(field, str(amount), text) if field else text, 9.5, bold=field == "total",
                   align="r")
        y += 7
    if flat_rate:
        sentence = rng.choice(FLAT_RATE)
        lines = [""]
        for word in sentence.split():  # the template wraps the sentence at its margins
            trial = f"{lines[-1]} {word}".strip()
            if sheet.width(trial, 8) < MARGINS:
                lines[-1] = trial
            else:
                lines.append(word)
        y = sheet.lines(20, y + 6, lines, 8)
        if not stamp:
            y = sheet.lines(20, y, ["Imposta di bollo di € 2,00 assolta sull'originale."], 8)
    return y


def _payment(draft: Draft, sheet, rng, doc_type: str, day: dt.date, style: str, y: float) -> None:
    if doc_type == "nota_credito":
        draft.known("due_date", None)
        return
    method = "bonifico" if doc_type == "proforma" else rng.choice(["bonifico", "bonifico", "contanti"])
    wording = {"bonifico": ["bonifico bancario", "Bonifico bancario", "BONIFICO"],
               "contanti": ["contanti", "rimessa diretta in contanti"]}[method]
    sheet.text(20, y, "Modalità di pagamento: " + draft.show("payment_method", method, rng.choice(wording)), 10)
    if method == "bonifico":
        iban = values.italian_iban(rng)
        printed = " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if rng.random() < 0.4 else iban
        sheet.text(20, y + 6, f"IBAN: {draft.show('iban', iban, printed)}", 10)
    else:
        draft.known("iban", None)
    when = rng.choice(["date", "date", "terms", "sight"]) if doc_type == "fattura" else "sight"
    if when == "date":
        due = day + dt.timedelta(days=rng.choice([15, 30, 30, 60]))
        sheet.text(20, y + 12, "Scadenza: " + draft.show("due_date", due.isoformat(), values.date(due, style)), 10)
    else:
        draft.known("due_date", None)
        sheet.text(20, y + 12, "Pagamento a 30 gg data fattura." if when == "terms" else "Pagamento a vista.", 10)
    sheet.text(20, y + 24, "Distinti saluti.", 10)
    sheet.text(190, y + 36, "Firma ____________________", 9, align="r")
