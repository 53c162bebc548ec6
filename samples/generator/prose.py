"""Lettera, contratto and curriculum: documents made mostly of sentences."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from demat.samples.generator import pools
from demat.samples.generator.blocks import Draw, Heading, Pairs, Para, PartyBox, Plan, Space
from demat.samples.generator.invoices import invoice_number
from demat.samples.generator.parties import letterhead

SUBJECTS = [
    "Sollecito di pagamento fattura n. {inv}", "Comunicazione variazione coordinate bancarie",
    "Richiesta di preventivo per fornitura materiale", "Convocazione assemblea dei soci",
    "Disdetta contratto di manutenzione", "Conferma appuntamento sopralluogo tecnico",
    "Trasmissione documentazione richiesta", "Reclamo per merce non conforme - DDT n. {inv}",
    "Aggiornamento listino prezzi {year}", "Richiesta certificato di regolarità contributiva",
]
BODIES = [
    "Con la presente siamo a comunicarVi quanto in oggetto. Come da accordi intercorsi, Vi preghiamo di "
    "prendere nota di quanto segue e di darne comunicazione agli uffici interessati.",
    "Facendo seguito ai precedenti contatti telefonici, Vi informiamo che la pratica è stata presa in carico "
    "dal nostro ufficio e che riceverete riscontro entro trenta giorni dalla data della presente.",
    "Dalle nostre verifiche contabili risulta ancora aperta la posizione indicata in oggetto. Vi invitiamo a "
    "provvedere alla regolarizzazione entro quindici giorni dal ricevimento della presente.",
    "Restiamo a disposizione per qualsiasi chiarimento e Vi ringraziamo per la collaborazione.",
    "In allegato trasmettiamo la documentazione richiesta, completa delle firme dei legali rappresentanti.",
]
ROLES = ["L'Amministratore Unico", "Il Responsabile Amministrativo", "Ufficio Acquisti", "Il Direttore Generale",
         "Ufficio Legale"]


def _place_date(draw: Draw, city: str, date: dt.date) -> str:
    return f"{city}, {draw.date(date)}" if draw.rng.random() < 0.7 else f"{city}, lì {draw.date(date)}"


def build_lettera(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    sender = pools.company(rng, draw.split) if rng.random() < 0.8 else pools.person(rng, draw.split)
    recipient = pools.company(rng, draw.split) if rng.random() < 0.7 else pools.person(rng, draw.split)
    date = draw.issue_date()
    subject = rng.choice(SUBJECTS).format(inv=invoice_number(draw, date.year), year=date.year)
    protocol = (rng.choice(["{y}/{n:04d}", "{n}/{y}", "PROT-{y}-{n}", "{n}"]).format(y=date.year, n=rng.randrange(1, 5000))
                if rng.random() < 0.6 else None)
    heading = draw.word("recipient_letter")
    box = PartyBox(heading, [recipient.name, *recipient.address_lines]
                   + (["PEC: " + recipient.email.replace("@", "@pec.")] if rng.random() < 0.3 else []))
    place_date = Para(_place_date(draw, sender.city, date), align="r" if draw.layout in ("L1", "L3", "L5") else "l")
    body = [Space(2)]
    if rng.random() < 0.3:
        body.append(Para(rng.choice(["RACCOMANDATA A/R", "Inviata a mezzo PEC", "Anticipata via e-mail"]), bold=True))
    body.append(place_date)
    if protocol:
        body.append(Para(f"{draw.word('protocol')} {protocol}"))
    body += [Space(2), Para(f"{draw.word('subject')} {subject}", bold=True), Space(2),
             Para(rng.choice(["Spettabile Società,", "Gentile Cliente,", "Egregi Signori,", "Gentilissimi,"]))]
    body += [Para(text) for text in rng.sample(BODIES, rng.randrange(2, 5))]
    body += [Para(draw.word("greeting")), Space(6), Para(rng.choice(ROLES) if not sender.person else "", align="r"),
             Para(pools.person(rng, draw.split).name if not sender.person else sender.name, align="r")]
    fields = {"sender": sender.name, "recipient": recipient.name, "date": date.isoformat(), "subject": subject,
              "protocol_number": protocol}
    return fields, Plan("", letterhead(draw, sender), top=[box], body=body)


ARTICLES = [
    ("Oggetto", "Il Fornitore si impegna a prestare in favore del Cliente i servizi descritti nell'Allegato A, "
                "che costituisce parte integrante del presente contratto, secondo le modalità ivi indicate."),
    ("Durata", "Il presente contratto ha durata di {years} anni a decorrere dalla data di sottoscrizione e si "
               "rinnova tacitamente per uguale periodo salvo disdetta da comunicarsi con preavviso di tre mesi."),
    ("Corrispettivo", "Per i servizi di cui all'art. 1 il Cliente corrisponderà al Fornitore un canone annuo di "
                      "{fee} oltre IVA di legge, da fatturarsi in rate trimestrali anticipate."),
    ("Modalità di pagamento", "I pagamenti saranno effettuati a mezzo bonifico bancario entro trenta giorni "
                              "dalla data della fattura. In caso di ritardo saranno dovuti gli interessi di mora "
                              "ai sensi del D. Lgs. 231/2002."),
    ("Obblighi delle parti", "Ciascuna parte si impegna ad adempiere alle proprie obbligazioni con la diligenza "
                             "professionale richiesta dalla natura dell'incarico e a comunicare tempestivamente "
                             "ogni circostanza che possa incidere sull'esecuzione del contratto."),
    ("Riservatezza", "Le Parti si impegnano a mantenere riservate tutte le informazioni di cui vengano a "
                     "conoscenza nell'esecuzione del presente contratto, anche dopo la sua cessazione."),
    ("Trattamento dei dati personali", "Le Parti dichiarano di essersi reciprocamente informate ai sensi del "
                                       "Regolamento UE 2016/679 e di trattare i dati esclusivamente per "
                                       "l'esecuzione del presente contratto."),
    ("Recesso", "Ciascuna parte potrà recedere dal contratto con comunicazione scritta inviata a mezzo PEC o "
                "raccomandata con avviso di ricevimento, con un preavviso di almeno sessanta giorni."),
    ("Foro competente", "Per ogni controversia relativa al presente contratto sarà competente in via esclusiva "
                        "il Foro di {city}."),
]
KINDS = ["CONTRATTO DI FORNITURA", "CONTRATTO DI APPALTO DI SERVIZI", "CONTRATTO DI CONSULENZA",
         "CONTRATTO DI MANUTENZIONE", "CONTRATTO DI LOCAZIONE AD USO COMMERCIALE"]


def _party_clause(draw: Draw, party: pools.Party, role: str) -> str:
    legal = pools.person(draw.rng, draw.split).name
    return (f"{party.name}, con sede legale in {party.city} ({party.province}), {party.street}, "
            f"P.IVA {party.vat}, in persona del legale rappresentante pro tempore {legal}, "
            f"di seguito denominata «{role}»")


def build_contratto(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    supplier, customer = pools.company(rng, draw.split), pools.company(rng, draw.split)
    date = draw.issue_date()
    fee = draw.money(Decimal(rng.randrange(12, 900) * 100))
    body = [Para("TRA", bold=True, align="c"), Para(_party_clause(draw, supplier, "Fornitore")),
            Para("E", bold=True, align="c"), Para(_party_clause(draw, customer, "Cliente")),
            Para("di seguito congiuntamente «le Parti»."),
            Para("PREMESSO CHE il Cliente intende affidare al Fornitore i servizi di seguito descritti e che il "
                 "Fornitore dispone delle competenze e dei mezzi necessari, tra le parti si conviene e si stipula quanto segue.")]
    articles = ARTICLES[:3] + rng.sample(ARTICLES[3:-1], rng.randrange(2, 5)) + ARTICLES[-1:]
    for number, (heading, text) in enumerate(articles, start=1):
        body.append(Heading(f"Art. {number} - {heading}"))
        body.append(Para(text.format(years=rng.choice([1, 2, 3]), fee=fee, city=supplier.city)))
    body += [Space(3), Para("Letto, confermato e sottoscritto."), Para(_place_date(draw, supplier.city, date)),
             Space(4), Para("Il Fornitore ______________________        Il Cliente ______________________")]
    number = f"{date.year}/{rng.randrange(1, 400):03d}" if rng.random() < 0.5 else None
    top = [Pairs([("Contratto n.", number)])] if number else []
    fields = {"date": date.isoformat(), "supplier_name": supplier.name, "supplier_vat": supplier.vat,
              "customer_name": customer.name, "customer_vat": customer.vat, "number": number}
    head = letterhead(draw, supplier) if rng.random() < 0.5 else None
    return fields, Plan(rng.choice(KINDS), head, top=top, body=body)


JOBS = ["Impiegato/a amministrativo/a", "Addetto/a alla contabilità fornitori", "Tecnico manutentore",
        "Responsabile acquisti", "Sviluppatore software", "Magazziniere", "Assistente di direzione", "Commerciale Italia"]
SCHOOLS = ["Laurea magistrale in Economia e Commercio - Università degli Studi di {city}",
           "Diploma di Ragioneria - ITC \"L. Einaudi\", {city}", "Laurea in Ingegneria Gestionale - Politecnico di {city}",
           "Diploma di perito industriale - ITIS \"G. Marconi\", {city}"]


def build_cv(draw: Draw) -> tuple[dict, Plan]:
    rng = draw.rng
    who = pools.person(rng, draw.split)
    date = draw.issue_date()
    personal = [("Nome", who.name), ("Indirizzo", f"{who.street}, {who.cap} {who.city}"), ("Telefono", who.phone),
                ("E-mail", who.email), ("Nazionalità", "Italiana"),
                ("Data di nascita", draw.date(dt.date(rng.randrange(1965, 2000), rng.randrange(1, 13), rng.randrange(1, 28))))]
    body = [Heading(rng.choice(["Esperienza professionale", "ESPERIENZE LAVORATIVE"]))]
    year = date.year
    for _ in range(rng.randrange(2, 5)):
        start = year - rng.randrange(1, 6)
        employer = pools.company(rng, draw.split)
        body.append(Para(f"{start} - {year if year != date.year else 'oggi'}: {rng.choice(JOBS)} "
                         f"presso {employer.name}, {employer.city}", bold=True))
        body.append(Para("Principali attività e responsabilità: gestione delle pratiche assegnate, rapporti con "
                         "clienti e fornitori, utilizzo del gestionale aziendale e reportistica mensile."))
        year = start
    body += [Heading(rng.choice(["Istruzione e formazione", "ISTRUZIONE"])),
             Para(rng.choice(SCHOOLS).format(city=rng.choice(pools.CITIES)[0])),
             Heading(rng.choice(["Competenze", "Capacità e competenze personali"])),
             Para(f"Lingue: inglese {rng.choice(['B1', 'B2', 'C1'])}, "
                  f"{rng.choice(['francese A2', 'tedesco A2', 'spagnolo B1'])}. "
                  "Competenze informatiche: pacchetto Office, posta elettronica, gestionali ERP. Patente B."),
             Space(3),
             Para("Autorizzo il trattamento dei dati personali contenuti nel mio curriculum vitae ai sensi del "
                  "D. Lgs. 196/2003 e dell'art. 13 del Regolamento UE 2016/679 (GDPR)."),
             Para(_place_date(draw, who.city, date)), Para(who.name, align="r")]
    title = rng.choice(["CURRICULUM VITAE", "Curriculum Vitae", f"Curriculum vitae di {who.name}",
                        "Formato europeo per il curriculum vitae"])
    return {"sender": who.name, "date": date.isoformat()}, Plan(title, None, top=[Pairs(personal)], body=body)
