"""G19, "copia di cortesia": the paper copy an Italian accounting package prints of an
invoice it sent through the SdI. Written from the FatturaPA specification's blocks,
which such a copy shows because the XML has them: the transmission's data (the
sender's id, the recipient's code, the SdI file name), the two parties with their
tax ids (`IT` + P.IVA), address, REA and tax regime, the document's data (`TD01
Fattura`, number, date, stamp duty), the order and delivery notes it refers to (other
numbers and dates), the lines in a dense table of many columns, the VAT summary
(rate or nature, imponibile, imposta, esigibilità), the totals and the payment's
terms (`TP02`, `MP05 - Bonifico`, due date, IBAN); a footer says the copy has no
fiscal value. Codes are printed alone or with their meaning, the captions are each
package's own (`Cedente` or `Fornitore`, `Partita IVA` or `Id. fiscale IVA`), and so
is the placement: boxes side by side, sections one under the other, or a letterhead.
A credit note (TD04) prints, and expects, positive amounts, as the XML carries them."""

from __future__ import annotations

import datetime as dt
import random
import string
from decimal import Decimal

from demat.samples.generator import pools
from demat.samples.generator.formats import cents
from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft
from demat.samples.grammar.layouts import terms

TYPES = ("fattura", "fattura", "nota_credito", "fattura")
DOCUMENT_KINDS = {"fattura": [("TD01", "Fattura"), ("TD01", "Fattura"), ("TD24", "Fattura differita"),
                              ("TD06", "Parcella")],
                  "nota_credito": [("TD04", "Nota di credito")]}
# ModalitaPagamento codes and the schema's word for each
PAYMENT_CODES = {"bonifico": ("MP05", "Bonifico"), "RiBa": ("MP12", "RIBA"), "contanti": ("MP01", "Contanti"),
                 "carta": ("MP08", "Carta di pagamento"), "SDD": ("MP19", "SEPA Direct Debit")}
TERMS = {"TP01": "Pagamento a rate", "TP02": "Pagamento completo"}
TAX_REGIMES = [("RF01", "Ordinario"), ("RF01", "Ordinario"), ("RF02", "Contribuenti minimi")]
COLLECTABILITY = {"I": "Immediata", "D": "Differita", "S": "Scissione dei pagamenti"}
# 0% rows: Natura code, its meaning, the normative reference a package prints
NATURES = [("N2.2", "Non soggette - altri casi", "Art. 7-ter DPR 633/72"),
           ("N4", "Esenti", "Esente art. 10 DPR 633/72"),
           ("N3.1", "Non imponibili - esportazioni", "Art. 8 c.1 lett. a DPR 633/72")]
STAMP_DUTY = Decimal("2.00")  # DatiBollo: due when the 0% amounts pass STAMP_THRESHOLD, charged as an N1 line
STAMP_THRESHOLD = Decimal("77.47")
UNITS = ["PZ", "NR", "KG", "H", "MQ", ""]
# each package's captions for the same blocks
SUPPLIER = ["Cedente/prestatore (fornitore)", "Fornitore", "Mittente", "CEDENTE / PRESTATORE"]
CUSTOMER = ["Cessionario/committente (cliente)", "Cliente", "Destinatario", "CESSIONARIO / COMMITTENTE"]
VAT_ID = ["Identificativo fiscale ai fini IVA:", "P.IVA:", "Partita IVA:", "Id. fiscale IVA:"]
BANNERS = ["Copia di cortesia", "COPIA DI CORTESIA", "Copia analogica della fattura elettronica",
           "Copia di cortesia - fattura elettronica trasmessa tramite SdI"]
DISCLAIMERS = ["Documento privo di valenza fiscale ai sensi dell'art. 21 DPR 633/72. L'originale è disponibile "
               "nell'area riservata del sito dell'Agenzia delle Entrate.",
               "Copia di cortesia priva di valenza fiscale: il documento originale è quello trasmesso al Sistema di "
               "Interscambio.",
               "Documento privo di valenza fiscale - l'originale elettronico è a Vs. disposizione nel cassetto fiscale."]
MARGIN, RIGHT = 12, 198  # mm: the printable width of the package's page
LETTERHEAD_WIDTH = 96  # mm the supplier's name may take beside the banner
PARTY_WIDTH = 88  # mm a party's line may take: half the page, less the box's padding


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["DejaVuSans", "DejaVuCondensed", "Helvetica", "DejaVuSerif"]))
    sheet = draft.page()
    supplier, customer = values.company(rng, two_lines=False), _customer(rng)
    day = values.issue_date(rng)
    inv = _goods(rng)
    copy = {"style": rng.choice(["boxes", "sections", "letterhead"]), "with_meaning": rng.random() < 0.6,
            "vat_id": rng.choice(VAT_ID), "kind": rng.choice(DOCUMENT_KINDS[doc_type]),
            "number": rng.choice(["{n}", "{n}/{y}", "FE{y}-{n:04d}", "{n}/E", "{y}/{n:05d}"]).format(
                n=rng.randrange(1, 3000), y=day.year),
            "date": values.date(day, rng.choice(["dash", "slash", "iso", "dot"])),
            "file": f"IT{supplier.vat}_{''.join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(5))}.xml"}
    y = _head(draft, sheet, rng, copy, supplier, customer)
    y = _document_data(draft, sheet, rng, copy, day, y + 4)
    y = _lines(sheet, rng, inv, y + 4)
    y = _summary(draft, sheet, rng, copy, inv, y + 4)
    y = _payment(draft, sheet, rng, copy, doc_type, inv, day, y + 4)
    sheet.rule(MARGIN, 282, RIGHT, 282, 0.3)
    sheet.text(MARGIN, 286, rng.choice(DISCLAIMERS), 6)
    sheet.text(MARGIN, 290, f"File: {copy['file']}", 6)
    sheet.text(RIGHT, 290, "Pagina 1 di 1", 6, align="r")
    return draft


def _customer(rng: random.Random):
    """A company, or (one in five) a private person with a codice fiscale and no P.IVA."""
    if rng.random() >= 0.2:
        return values.company(rng, two_lines=False)
    person, (city, cap, province, _) = values.person(rng), rng.choice(pools.CITIES)
    return values.Company((person.name,), person.street, cap, city, province, None, person.tax_code, "")


def _coded(copy: dict, code: str, meaning: str) -> str:
    """A code as the package prints it: alone (`MP05`) or with its meaning (`MP05 - Bonifico`)."""
    return f"{code} - {meaning}" if copy["with_meaning"] else code


def _goods(rng: random.Random) -> parts.Invoice:
    """Lines at one or two rates, sometimes a 0% line under a nature and the stamp duty it brings (an N1 line,
    as DatiBollo is recharged)."""
    lines = values.goods_lines(rng, rng.choice([1, 2, 3, 5, 8, 12]), rng.choice([[Decimal(22)], [Decimal(22), Decimal(10)],
                                                                                 [Decimal(10)], [Decimal(22), Decimal(4)]]))
    for line in lines:
        line.update(nature=None, unit=rng.choice(UNITS))
    if rng.random() < 0.35:
        nature, *_ = rng.choice(NATURES)
        amount = Decimal(rng.randrange(3000, 90000)) / 100
        lines.append({"description": "Servizio di assistenza (fuori campo IVA)" if nature == "N2.2"
                      else "Prestazione esente", "quantity": Decimal(1), "price": amount, "amount": amount,
                      "rate": Decimal(0), "nature": nature, "unit": ""})
        if amount > STAMP_THRESHOLD:
            lines.append({"description": "Rimborso imposta di bollo", "quantity": Decimal(1), "price": STAMP_DUTY,
                          "amount": STAMP_DUTY, "rate": Decimal(0), "nature": "N1", "unit": ""})
    groups: dict[tuple, Decimal] = {}
    for line in lines:
        groups[(line["rate"], line["nature"])] = groups.get((line["rate"], line["nature"]), Decimal(0)) + line["amount"]
    rows = [{"rate": rate, "nature": nature, "taxable": taxable, "vat": cents(taxable * rate / 100)}
            for (rate, nature), taxable in sorted(groups.items(), key=lambda g: (-g[0][0], g[0][1] or ""))]
    return parts.Invoice(lines, rows, *values.totals(rows), 1)


def _party_lines(draft: Draft, rng: random.Random, copy: dict, party, role: str) -> list[str]:
    """A party's block as the XML has it: tax ids, name, address; the supplier's REA and regime too."""
    lines = []
    if party.vat:
        lines.append(f"{copy['vat_id']} IT" + draft.show(f"{role}_vat", party.vat, party.vat))
    elif role == "customer":
        draft.known("customer_vat", None)
    if role == "supplier" and rng.random() < 0.6:
        lines.append("Codice fiscale: " + draft.show("supplier_tax_code", party.tax_code, party.tax_code))
    elif role == "customer" and not party.vat:
        lines.append("Codice fiscale: " + draft.show("customer_tax_code", party.tax_code, party.tax_code))
    elif party.vat and rng.random() < 0.5:
        lines.append(f"Codice fiscale: {party.tax_code}")
    caption = rng.choice(["Denominazione: ", ""]) if party.vat else rng.choice(["Nome e cognome: ", ""])
    lines.append(caption + draft.show_lines(f"{role}_name", party.name, [party.name])[0])
    if role == "supplier":
        code, meaning = rng.choice(TAX_REGIMES)
        lines.append(f"Regime fiscale: {_coded(copy, code, meaning)}")
    lines += [f"Indirizzo: {party.street}", f"{party.cap} {party.city} ({party.province}) IT"]
    if role == "supplier" and rng.random() < 0.6:
        capital = values.number(Decimal(10000 * (1 + len(party.name) % 9)))
        lines.append(f"Iscrizione REA: {party.province} {100000 + int(party.vat[:5])} - Capitale sociale: {capital}")
    return lines


def _head(draft: Draft, sheet, rng, copy: dict, supplier, customer) -> float:
    """The banner, the transmission's data and the parties, placed by the package's style."""
    supplier_lines = _party_lines(draft, rng, copy, supplier, "supplier")
    customer_lines = _party_lines(draft, rng, copy, customer, "customer")
    sender = values.company(rng, two_lines=False)  # the intermediary that transmitted the file: another P.IVA
    transmission = [f"Id trasmittente: IT{sender.vat}" if rng.random() < 0.5 else f"Progressivo invio: {copy['file'][-9:-4]}",
                    f"Codice destinatario: {''.join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(7))}"
                    if customer.vat else "Codice destinatario: 0000000",
                    "Formato trasmissione: FPR12"]
    size = min(rng.choice([7.5, 8, 8.5]), terms.fit(sheet, supplier_lines + customer_lines, 8.5, PARTY_WIDTH))
    if copy["style"] == "letterhead":  # the package prints its user's letterhead, then the customer as in a letter
        sheet.text(MARGIN, 16, supplier.name, terms.fit(sheet, [supplier.name], 14, LETTERHEAD_WIDTH, bold=True), bold=True)
        y = sheet.lines(MARGIN, 22, supplier_lines[:1] + supplier_lines[-3:], size)
        sheet.text(RIGHT, 16, rng.choice(BANNERS), 9, bold=True, align="r")
        sheet.text(120, 32, rng.choice(CUSTOMER), 7)
        y = max(y, sheet.lines(120, 37, customer_lines, size))
        return sheet.lines(MARGIN, y + 2, ["  ".join(transmission)], 6.5)
    sheet.text(105, 14, rng.choice(BANNERS), 11, bold=True, align="c")
    y = sheet.lines(MARGIN, 20, transmission if copy["style"] == "sections" else ["  -  ".join(transmission)], 7)
    if copy["style"] == "sections":  # one block under the other, a heading each
        for caption, block in ((rng.choice(SUPPLIER), supplier_lines), (rng.choice(CUSTOMER), customer_lines)):
            sheet.box(MARGIN, y, RIGHT - MARGIN, 5, 0.3, fill=0.88)
            sheet.text(MARGIN + 1.5, y + 3.7, caption.upper(), 8, bold=True)
            y = sheet.lines(MARGIN + 1.5, y + 9, block, size) + 1
        return y
    # two boxes side by side
    top, width = y + 2, (RIGHT - MARGIN - 4) / 2
    bottom = top
    for left, caption, block in ((MARGIN, rng.choice(SUPPLIER), supplier_lines),
                                 (MARGIN + width + 4, rng.choice(CUSTOMER), customer_lines)):
        sheet.text(left + 1.5, top + 4, caption, 8, bold=True)
        bottom = max(bottom, sheet.lines(left + 1.5, top + 9, block, size))
    for left in (MARGIN, MARGIN + width + 4):
        sheet.box(left, top, width, bottom - top + 1, 0.4)
    return bottom + 1


def _document_data(draft: Draft, sheet, rng, copy: dict, day: dt.date, y: float) -> float:
    """DatiGeneraliDocumento as a strip of captions over values; the order and the delivery notes after it."""
    code, meaning = copy["kind"]
    cells = [("Tipologia documento", _coded(copy, code, meaning), 46),
             (rng.choice(["Numero documento", "Numero", "N. documento"]),
              draft.show("number", copy["number"], copy["number"]), 36),
             (rng.choice(["Data documento", "Data"]), draft.show("date", day.isoformat(), copy["date"]), 30),
             ("Divisa", draft.show("currency", "EUR", "EUR"), 18)]
    if rng.random() < 0.4:
        cells.append(("Art. 73", "", 14))
    left = MARGIN
    for caption, value, width in cells:
        sheet.box(left, y, width, 10, 0.4, fill=None)
        sheet.text(left + 1.2, y + 3.2, caption, 6.5)
        sheet.text(left + 1.2, y + 8, value, 8.5, bold=True)
        left += width
    y += 13
    references = []
    if rng.random() < 0.4:
        ordered = day - dt.timedelta(days=rng.randrange(10, 60))
        references.append(f"Ordine di acquisto n. {rng.randrange(4500000000, 4599999999)} del {values.date(ordered, 'slash')}")
    if code == "TD24" or rng.random() < 0.3:
        shipped = day - dt.timedelta(days=rng.randrange(1, 25))
        references.append(f"DDT n. {rng.randrange(100, 5000)} del {values.date(shipped, rng.choice(['slash', 'iso']))}")
    if rng.random() < 0.3:
        references.append(f"Causale: {rng.choice(['Vendita merci', 'Fornitura come da contratto', 'Canone periodo corrente'])}")
    return sheet.lines(MARGIN, y, references, 7.5)


def _lines(sheet, rng, inv: parts.Invoice, y: float) -> float:
    """DettaglioLinee: many columns in 7-8 pt print; the rate column prints the nature on a 0% line."""
    size = rng.choice([7, 7.5, 8])
    columns = [("Nr.", 8, "c"), ("Cod. articolo", 20, "l"), ("Descrizione", 62, "l"), ("Quantità", 14, "r"),
               ("U.M.", 9, "c"), ("Prezzo unitario", 22, "r"), ("Sconto", 11, "r"), ("% IVA", 12, "r"),
               ("Prezzo totale", 28, "r")]
    rows = [[str(index), f"{rng.choice('ABCKRT')}{rng.randrange(1000, 99999)}", line["description"],
             f"{line['quantity']:.2f}".replace(".", ","), line["unit"], values.number(line["price"]), "",
             line["nature"] or f"{line['rate']:.2f}".replace(".", ","), values.number(line["amount"])]
            for index, line in enumerate(inv.lines, 1)]
    return parts.table(sheet, MARGIN, y, columns, rows, size, ruled=rng.choice(["grid", "head"]))


def _summary(draft: Draft, sheet, rng, copy: dict, inv: parts.Invoice, y: float) -> float:
    """DatiRiepilogo: one row per rate or nature, then the totals; the stamp duty's own line if due."""
    nature_text = {code: meaning for code, meaning, _ in NATURES} | {"N1": "Escluse ex art. 15"}
    collectable = rng.choice(["I", "I", "D", "S"]) if rng.random() < 0.7 else None
    rows = []
    for row in inv.rows:
        nature = row["nature"]
        rows.append([f"{row['rate']:.2f}".replace(".", ","), _coded(copy, nature, nature_text[nature]) if nature else "",
                     values.number(row["taxable"]), values.number(row["vat"]),
                     _coded(copy, collectable, COLLECTABILITY[collectable]) if collectable and not nature else ""])
    draft.known("vat_lines", [{"rate": f"{row['rate']:.2f}", "taxable_amount": str(row["taxable"]),
                               "vat_amount": str(row["vat"]), "nature": row["nature"]} for row in inv.rows])
    sheet.text(MARGIN, y + 3, rng.choice(["RIEPILOGHI IVA E TOTALI", "Riepilogo IVA", "Dati riepilogo"]), 8, bold=True)
    y = parts.table(sheet, MARGIN, y + 5, [("Aliquota IVA", 22, "r"), ("Natura", 44, "l"), ("Imponibile", 30, "r"),
                                             ("Imposta", 26, "r"), ("Esigibilità", 32, "l")], rows, 7.5, ruled="grid")
    totals = [(rng.choice(["Totale imponibile", "Imponibile"]), "taxable_amount", inv.taxable),
              (rng.choice(["Totale imposta", "Totale IVA"]), "vat_amount", inv.vat)]
    if any(row["nature"] == "N1" for row in inv.rows):
        totals.append(("Bollo virtuale", None, STAMP_DUTY))
    totals.append((rng.choice(["Totale documento", "Importo totale documento", "TOTALE DOCUMENTO"]), "total", inv.total))
    for caption, field, amount in totals:
        strong = field == "total"
        sheet.box(124, y, 74, 5.5, 0.3, fill=0.9 if strong else None)
        sheet.text(126, y + 4, caption, 8, bold=strong)
        text = values.number(amount) + (" EUR" if strong and rng.random() < 0.5 else "")
        sheet.text(196, y + 4, draft.show(field, str(amount), text) if field else text, 8.5, bold=strong, align="r")
        y += 5.5
    return y


def _payment(draft: Draft, sheet, rng, copy: dict, doc_type: str, inv: parts.Invoice, day: dt.date, y: float) -> float:
    """DatiPagamento: the terms' code, then a row per instalment with method, due date, amount and IBAN."""
    if doc_type == "nota_credito" and rng.random() < 0.7:  # nothing to pay: no DatiPagamento at all
        draft.known("due_date", None)
        return y
    method = rng.choice(["bonifico", "bonifico", "bonifico", "RiBa", "SDD", "contanti"])
    code, meaning = PAYMENT_CODES[method]
    draft.show("payment_method", method, _coded(copy, code, meaning))
    instalments = 1 if doc_type == "nota_credito" else rng.choice([1, 1, 2, 3])
    condition = "TP02" if instalments == 1 else "TP01"
    sheet.text(MARGIN, y + 3, f"Condizioni di pagamento: {_coded(copy, condition, TERMS[condition])}", 8, bold=True)
    dates = [day + dt.timedelta(days=30 * (n + 1)) for n in range(instalments)] if rng.random() < 0.85 else []
    iban = values.italian_iban(rng) if method == "bonifico" else None
    share = cents(inv.total / instalments)
    amounts = [share] * (instalments - 1) + [inv.total - share * (instalments - 1)]
    rows = []
    for index, amount in enumerate(amounts):
        due = values.date(dates[index], "slash") if dates else ""
        rows.append([_coded(copy, code, meaning), due, values.number(amount), iban or ""])
    if dates:
        draft.show("due_date", dates[0].isoformat(), rows[0][1])
    else:
        draft.known("due_date", None)
    if iban:
        draft.show("iban", iban, iban)
    else:
        draft.known("iban", None)
    columns = [("Modalità", 44, "l"), ("Scadenza", 24, "l"), ("Importo", 26, "r"), ("IBAN", 66, "l")]
    return parts.table(sheet, MARGIN, y + 5, columns, rows, 7.5, ruled="grid")
