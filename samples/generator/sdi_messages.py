"""SdI notifications about an invoice, shaped like those the Sistema di Interscambio sends.

    write_notification("RC", folder, "IT01234567890_00001.xml.p7m", sdi_identifier="4711")

writes `IT01234567890_00001_RC_001.xml` and returns its path. Every kind of
`KINDS` has the elements a back office sees in it; the values are made up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from lxml import etree

from demat.samples.generator.fatturapa import add_tree

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/messaggi/v1.0"
KINDS = {  # code -> root element
    "RC": "RicevutaConsegna", "NS": "NotificaScarto", "MC": "NotificaMancataConsegna", "NE": "NotificaEsito",
    "DT": "NotificaDecorrenzaTermini", "AT": "AttestazioneTrasmissioneFattura", "MT": "MetadatiInvioFile",
    "SE": "ScartoEsitoCommittente",  # names no file: only the SdI identifier ties it to the invoice
}


def write_notification(kind: str, folder: Path, invoice_file: str, sdi_identifier: str = "4711",
                       when: dt.datetime = dt.datetime(2024, 3, 14, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                       outcome: str = "EC01", number: str = "FT-1") -> Path:
    """Write the notification KIND about the invoice sent as INVOICE_FILE; its path."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    root = etree.Element(f"{{{NAMESPACE}}}{KINDS[kind]}", nsmap={"ns3": NAMESPACE}, versione="1.0")
    stamp = when.isoformat(timespec="milliseconds")
    later = (when + dt.timedelta(minutes=7)).isoformat(timespec="milliseconds")
    digest = hashlib.sha256(invoice_file.encode()).hexdigest()
    body = {
        "RC": [("DataOraRicezione", stamp), ("DataOraConsegna", later),
               ("Destinatario", [("Codice", "ABC1234"), ("Descrizione", "Cessionario di prova")])],
        "NS": [("DataOraRicezione", stamp),
               ("ListaErrori", [("Errore", [("Codice", "00404"), ("Descrizione", "Fattura duplicata")])])],
        "MC": [("DataOraRicezione", stamp), ("Descrizione", "Casella PEC del destinatario piena")],
        "NE": [("EsitoCommittente", [("IdentificativoSdI", sdi_identifier),
                                     ("RiferimentoFattura", [("NumeroFattura", number)]),
                                     ("Esito", outcome), ("Descrizione", "Esito del committente")])],
        "DT": [("RiferimentoFattura", [("NumeroFattura", number)]), ("Descrizione", "Decorsi i termini")],
        "AT": [("DataOraRicezione", stamp), ("Destinatario", [("Codice", "UFXXXX"), ("Descrizione", "Ente di prova")])],
        "MT": [("CodiceDestinatario", "ABC1234"), ("Formato", "FPR12"), ("TentativiInvio", "1")],
        "SE": [("Scarto", "EN00")],
    }[kind]
    names = [] if kind == "SE" else [("NomeFile", invoice_file), ("Hash", digest)]
    add_tree(root, [("IdentificativoSdI", sdi_identifier), *names, *body,
                 ("MessageId", f"{int(sdi_identifier) * 7 % 10**8:08d}"), ("Note", "Notifica di prova")])
    name = invoice_file.split(".")[0] + f"_{kind}_001.xml"
    path = Path(folder) / name
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return path
