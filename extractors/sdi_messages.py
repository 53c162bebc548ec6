"""SdI notifications: the receipts and outcomes the Sistema di Interscambio sends about an invoice.

They arrive in the same mail and folders as the invoices (`IT01234567890_00001_RC_001.xml`):
a delivery receipt (RC), a rejection (NS), a failed delivery (MC), the
customer's outcome (NE, EC, SE), the lapse of the terms (DT), a certificate
of transmission (AT), the metadata file (MT). Each is a `notifica_sdi`, never an
invoice and never quarantined for not being one; its fields name the invoice
it is about (`invoice_file`, the name the invoice was sent under, and
`sdi_identifier`), so that the catalog can link the two in either order of
arrival.
"""

from __future__ import annotations

import datetime as dt
import re

from demat.extractors.sdi_xml import localname, text

LABEL = "notifica_sdi"
NAMESPACES = ("http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/messaggi/v1.0",
              "http://www.fatturapa.gov.it/sdi/messaggi/v1.0", "")
KINDS = {  # root element -> (code, Italian name)
    "RicevutaConsegna": ("RC", "Ricevuta di consegna"),
    "NotificaScarto": ("NS", "Notifica di scarto"),
    "RicevutaScarto": ("NS", "Notifica di scarto"),
    "NotificaMancataConsegna": ("MC", "Notifica di mancata consegna"),
    "RicevutaImpossibilitaRecapito": ("MC", "Ricevuta di impossibilità di recapito"),
    "NotificaEsito": ("NE", "Notifica di esito"),
    "NotificaEsitoCommittente": ("EC", "Esito del committente"),
    "ScartoEsitoCommittente": ("SE", "Scarto dell'esito del committente"),
    "NotificaDecorrenzaTermini": ("DT", "Notifica di decorrenza termini"),
    "AttestazioneTrasmissioneFattura": ("AT", "Attestazione di avvenuta trasmissione"),
    "MetadatiInvioFile": ("MT", "File dei metadati"),
}
OUTCOMES = {"EC01": "fattura accettata dal committente", "EC02": "fattura rifiutata dal committente"}
MOMENTS = (("DataOraRicezione", "Ricevuta dal SdI"), ("DataOraConsegna", "Consegnata"))
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_notification(root) -> bool:
    from lxml import etree

    return localname(root) in KINDS and (etree.QName(root).namespace or "") in NAMESPACES


def read(root) -> tuple[dict[str, tuple[object, str]], str]:
    """The fields of a notification (name -> (value, raw)) and its text for search and people."""
    code, title = KINDS[localname(root)]
    fields: dict[str, tuple[object, str]] = {"notification": (code, localname(root))}
    invoice_file = text(root, "NomeFile")
    fields["subject"] = (f"{title} ({code})" + (f": {invoice_file}" if invoice_file else ""), "")
    for name, tag in (("sdi_identifier", "IdentificativoSdI"), ("invoice_file", "NomeFile"),
                      ("number", "RiferimentoFattura/NumeroFattura")):
        value = text(root, tag) or text(root, f"EsitoCommittente/{tag}")  # NE nests the customer's outcome
        if value:
            fields[name] = (value, value)
    moment = next((text(root, tag) for tag, _ in MOMENTS if text(root, tag)), None)
    if moment and DATE_RE.match(moment):
        fields["date"] = (dt.date.fromisoformat(moment[:10]), moment)
    outcome = text(root, "EsitoCommittente/Esito") or text(root, "Esito")
    if outcome:
        fields["outcome"] = (OUTCOMES.get(outcome, outcome), outcome)
    elif text(root, "Scarto"):  # SE: the SdI refused the customer's outcome
        fields["outcome"] = (f"esito del committente scartato ({text(root, 'Scarto')})", text(root, "Scarto"))
    errors = [f"{text(e, 'Codice') or ''} {text(e, 'Descrizione') or ''}".strip()
              for e in root.iter() if localname(e) == "Errore"]
    lines = [f"NOTIFICA SDI - {title} ({code})",
             f"Identificativo SdI: {text(root, 'IdentificativoSdI') or '-'}",
             f"File della fattura: {text(root, 'NomeFile') or '-'}"]
    lines += [f"{label}: {text(root, tag)}" for tag, label in MOMENTS if text(root, tag)]
    for label, tag in (("Numero fattura", "RiferimentoFattura/NumeroFattura"), ("Destinatario", "Destinatario/Descrizione"),
                       ("Codice destinatario", "CodiceDestinatario"), ("Esito", "EsitoCommittente/Esito"),
                       ("Esito", "Esito"), ("Scarto", "Scarto"), ("Descrizione", "Descrizione"), ("Note", "Note"),
                       ("MessageId", "MessageId")):
        if text(root, tag):
            lines.append(f"{label}: {text(root, tag)}"
                         + (f" ({OUTCOMES[text(root, tag)]})" if text(root, tag) in OUTCOMES else ""))
    lines += [f"Errore: {error}" for error in errors]
    return fields, "\n".join(lines)
