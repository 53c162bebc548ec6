"""G12, "correspondence": letters, contracts, CVs and purchase orders typed in a
word processor. Plain paragraphs, references to other documents ("rif. Vs.
fattura n.", "Vs. ordine n.") that are not this document's number, dates of
other events in the text, closings and signatures."""

from __future__ import annotations

import datetime as dt
import random

from demat.samples.grammar import parts, values
from demat.samples.grammar.draft import Draft

TYPES = ("lettera", "contratto", "cv", "ordine")
SUBJECTS = ["Contestazione fornitura del mese di marzo", "Richiesta di preventivo per manutenzione annuale",
            "Comunicazione nuovo referente amministrativo", "Recesso dal contratto di noleggio"]


def build(doc_type: str, rng: random.Random) -> Draft:
    draft = Draft(doc_type, font=rng.choice(["Times", "DejaVuSerif", "Helvetica"]))
    {"lettera": _letter, "contratto": _contract, "cv": _cv, "ordine": _order}[doc_type](draft, draft.page(), rng)
    return draft


def _letterhead(draft: Draft, sheet, rng, field: str, party: values.Company) -> None:
    x = 15 + sheet.logo(15, 12, party.acronym, 9) + 3 if rng.random() < 0.5 else 15
    y = sheet.lines(x, 15, parts.name_lines(draft, field, party), 11, bold=True)
    sheet.lines(x, y, [f"{party.street}, {party.place}", f"P.IVA {party.vat}"], 8)


def _letter(draft: Draft, sheet, rng) -> None:
    sender, recipient = values.company(rng), values.company(rng)
    day = values.issue_date(rng)
    _letterhead(draft, sheet, rng, "sender", sender)
    sheet.text(15, 50, rng.choice(["Raccomandata A/R", "Inviata a mezzo PEC", "Anticipata via e-mail"]), 9, bold=True)
    sheet.text(115, 55, "Spett.le", 9)
    y = sheet.lines(115, 60, parts.name_lines(draft, "recipient", recipient), 10, bold=True)
    sheet.lines(115, y, [recipient.street, recipient.place], 9)
    sheet.text(15, 90, f"{sender.city}, " + draft.show("date", day.isoformat(), values.date(day, "it_long")), 10)
    protocol = f"{rng.choice(['AMM', 'UT', 'DG'])}/{rng.randrange(10, 999)}/{day.year % 100}"
    sheet.text(15, 97, "Ns. rif. " + draft.show("protocol_number", protocol, protocol), 9)
    subject = rng.choice(SUBJECTS)
    sheet.text(15, 108, "Oggetto: " + draft.show("subject", subject, subject), 10, bold=True)
    before = day - dt.timedelta(days=rng.randrange(10, 60))
    sheet.lines(15, 120, ["Spettabile Ditta,",
                          f"facciamo seguito alla Vs. fattura n. {rng.randrange(10, 900)}/{day.year} del "
                          f"{values.date(before, 'slash')} di € {values.number(values.Decimal(rng.randrange(100, 5000)))}",
                          "e Vi comunichiamo quanto in oggetto. Restiamo in attesa di un Vs. cortese riscontro.",
                          "", "Distinti saluti."], 10)
    sheet.text(130, 175, f"{rng.choice(values.FIRST_NAMES)[0]} {rng.choice(values.SURNAMES)}", 10)


def _contract(draft: Draft, sheet, rng) -> None:
    supplier, customer = values.company(rng), values.company(rng)
    day = values.issue_date(rng)
    start = day + dt.timedelta(days=rng.randrange(5, 40))
    sheet.text(105, 20, rng.choice(["CONTRATTO DI FORNITURA", "Contratto di appalto di servizi", "ACCORDO QUADRO"]),
               14, bold=True, align="c")
    sheet.text(105, 30, "tra le parti", 10, align="c")
    sheet.lines(20, 42, [draft.show("supplier_name", supplier.name, supplier.name) + f", con sede in {supplier.street}, "
                         f"{supplier.place},", "P.IVA " + draft.show("supplier_vat", supplier.vat, supplier.vat)
                         + " (di seguito \"il Fornitore\")", "e",
                         draft.show("customer_name", customer.name, customer.name) + f", con sede in {customer.city},",
                         "P.IVA " + draft.show("customer_vat", customer.vat, customer.vat) + " (di seguito \"il Cliente\")"], 10)
    articles = ["Art. 1 - Oggetto. Il Fornitore si impegna a fornire i beni e i servizi descritti nell'allegato A.",
                f"Art. 2 - Durata. Il contratto decorre dal {values.date(start, 'slash')} e ha durata di "
                f"{rng.choice([12, 24, 36])} mesi.",
                "Art. 3 - Corrispettivo. Il canone annuo è di € "
                f"{values.number(values.Decimal(rng.randrange(1000, 90000)))} oltre IVA.",
                "Art. 4 - Recesso. Ciascuna parte può recedere con preavviso di 90 giorni a mezzo PEC.",
                "Art. 5 - Foro competente. Per ogni controversia è competente il foro di Milano."]
    y = sheet.lines(20, 86, articles, 9.5, leading=1.8)
    sheet.text(20, y + 10, f"Letto, confermato e sottoscritto. {customer.city}, "
               + draft.show("date", day.isoformat(), values.date(day, "slash")), 10)
    sheet.text(20, y + 26, "Il Fornitore ____________________", 10)
    sheet.text(115, y + 26, "Il Cliente ____________________", 10)


def _cv(draft: Draft, sheet, rng) -> None:
    who = values.person(rng)
    day = values.issue_date(rng)
    sheet.text(105, 18, rng.choice(["CURRICULUM VITAE", "Curriculum Vitae Europass", "Profilo professionale"]), 10,
               align="c")
    sheet.text(105, 28, draft.show("sender", who.name, who.name.upper()), 16, bold=True, align="c")
    sheet.lines(105, 35, [f"{who.street} - {who.place}", f"{who.first.lower()}.{who.surname.lower().replace(' ', '')}"
                          "@example.it"], 9, align="c")
    blocks = [("ESPERIENZA PROFESSIONALE", [f"{2015 + rng.randrange(0, 6)} - oggi: impiegata/o amministrativa/o presso "
                                            f"{values.company(rng).name}", "Contabilità fornitori, registrazione fatture, "
                                            "riconciliazioni bancarie."]),
              ("ISTRUZIONE", [f"{rng.randrange(2005, 2015)}: Laurea in Economia Aziendale, Università di "
                              f"{rng.choice(['Padova', 'Bologna', 'Bari'])}"]),
              ("COMPETENZE", ["Pacchetto Office, gestionali ERP, inglese B2"])]
    y = 50
    for title, lines in blocks:
        sheet.text(20, y, title, 10, bold=True)
        y = sheet.lines(20, y + 6, lines, 9.5) + 4
    sheet.lines(20, y + 6, ["Autorizzo il trattamento dei miei dati personali ai sensi del Regolamento UE 2016/679.",
                            f"{who.place.split()[1]}, " + draft.show("date", day.isoformat(), values.date(day, "slash"))], 8.5)


def _order(draft: Draft, sheet, rng) -> None:
    buyer, seller = values.company(rng), values.company(rng)
    day = values.issue_date(rng)
    _letterhead(draft, sheet, rng, "supplier_name", buyer)
    draft.show("supplier_vat", buyer.vat, buyer.vat)
    sheet.text(115, 45, "Spett.le fornitore", 9)
    y = sheet.lines(115, 50, parts.name_lines(draft, "customer_name", seller), 10, bold=True)
    sheet.lines(115, y, [seller.street, seller.place], 9)
    number = f"{rng.randrange(100, 999)}"
    sheet.text(15, 80, "ORDINE DI ACQUISTO n. " + draft.show("number", number, number) + " del "
               + draft.show("date", day.isoformat(), values.date(day, "dot")), 12, bold=True)
    sheet.text(15, 87, f"Rif. Vs. offerta n. {rng.randrange(1000, 9999)} del "
                       f"{values.date(day - dt.timedelta(days=9), 'dot')}", 9)
    inv = parts.invoice(rng, "fattura", rates=[values.Decimal(22)])
    y = parts.table(sheet, 15, 95, [("Descrizione", 100, "l"), ("Q.tà", 16, "r"), ("Prezzo", 30, "r"),
                                    ("Importo", 34, "r")], [r[:4] for r in parts.item_rows(inv, "it")], 9)
    sheet.text(120, y + 6, "Totale ordine IVA esclusa € " + draft.show("taxable_amount", str(inv.taxable),
                                                                       values.number(inv.taxable)), 10, bold=True)
    sheet.lines(15, y + 18, [f"Consegna richiesta entro il {values.date(day + dt.timedelta(days=21), 'dot')} "
                             "presso il ns. magazzino.", "Indicare il numero d'ordine su DDT e fattura."], 9)
    draft.known("currency", "EUR")
