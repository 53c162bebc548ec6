"""FatturaPA XML (FPR12 for private customers, FPA12 for public administration),
the legacy formats 1.0 and 1.1 and the simplified invoice FSM10, as they arrive.

One header (supplier and customer) and one body per invoice; several bodies make
a "lotto". A credit note is TD04 (TD08 when simplified) with positive amounts, as
SDI files carry them. `QUIRKS` are what real senders' software does to a file:
each leaves the invoice readable, some only after a repair.
"""

from __future__ import annotations

import base64
import io
import random
import re
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

from lxml import etree

from demat.samples.generator import identity, pools
from demat.samples.generator.invoices import NATURES, PAYMENT_CODES
from demat.samples.generator.signing import sign

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
SIMPLIFIED_NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0"
FORMATS = {  # versione -> namespace, root element, FormatoTrasmissione
    "FPR12": (NAMESPACE, "FatturaElettronica", "FPR12"),
    "FPA12": (NAMESPACE, "FatturaElettronica", "FPA12"),
    "1.1": ("http://www.fatturapa.gov.it/sdi/fatturapa/v1.1", "FatturaElettronica", "SDI11"),
    "1.0": ("http://www.fatturapa.gov.it/sdi/fatturapa/v1.0", "FatturaElettronica", "SDI10"),
    "FSM10": (SIMPLIFIED_NAMESPACE, "FatturaElettronicaSemplificata", "FSM10"),
}
DOCUMENT_TYPES = {"fattura": "TD01", "nota_credito": "TD04"}
SIMPLIFIED_TYPES = {"fattura": "TD07", "nota_credito": "TD08"}
PUBLIC_BODIES = ["Comune di {city}", "Azienda Sanitaria Locale di {city}", "Istituto Comprensivo Statale di {city}",
                 "Provincia di {city}", "Università degli Studi di {city}"]


def file_name(spec, progressive: int | None = None) -> str:
    """IT<IdCodice>_<progressive>.xml, the progressive being 5 base-36 characters."""
    number, digits = progressive if progressive is not None else spec.seed, ""
    for _ in range(5):
        number, rest = divmod(number, 36)
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[rest] + digits
    return f"IT{spec.xml_data['supplier'].vat}_{digits}.xml"


def write_fatturapa(spec, path: Path, signed: str | None = None, versione: str = "FPR12",
                    lotto: list | tuple = (), namespace: str | None = None, quirks: tuple[str, ...] = (),
                    attachments: list | tuple = (), zipped: bool = False) -> list[dict]:
    """Write the XML (or a signed .xml.p7m) and return the expected fields of each body.

    versione: a key of FORMATS. lotto: more invoice specs to add as bodies; they take
    the first spec's supplier and customer. namespace: "" for none, None for the
    version's own. signed: an encoding of `signing.ENCODINGS`. quirks: keys of QUIRKS.
    attachments: (name, bytes) pairs for the first body's Allegati, in one ZIP if zipped.
    """
    xml, expected = fatturapa_xml(spec, versione, lotto, namespace, attachments, zipped)
    for quirk in quirks:
        xml = QUIRKS[quirk](xml)
    Path(path).write_bytes(sign(xml, signed) if signed else xml)
    return expected


def fatturapa_xml(spec, versione: str = "FPR12", lotto: list | tuple = (), namespace: str | None = None,
                  attachments: list | tuple = (), zipped: bool = False) -> tuple[bytes, list[dict]]:
    """The XML of the invoice(s), and the expected fields of each body."""
    specs = [spec, *lotto]
    for item in specs:
        if item.doc_type not in DOCUMENT_TYPES:
            raise ValueError(f"{item.doc_type} has no FatturaPA form (only fattura and nota_credito)")
    if versione not in FORMATS:
        raise ValueError(f"versione must be one of {', '.join(FORMATS)}, not {versione!r}")
    own_namespace, root_tag, _ = FORMATS[versione]
    namespace = own_namespace if namespace is None else namespace
    supplier = spec.xml_data["supplier"]
    customer = _public_body(spec) if versione == "FPA12" else spec.xml_data["customer"]
    if namespace:
        root = etree.Element(f"{{{namespace}}}{root_tag}", nsmap={"p": namespace}, versione=versione)
    else:
        root = etree.Element(root_tag, versione=versione)
    if versione == "FSM10":
        root.append(_simplified_header(spec, supplier, customer))
        for item in specs:
            root.append(_simplified_body(item.doc_type, item.xml_data))
    else:
        root.append(_header(spec, supplier, customer, versione))
        for item in specs:
            root.append(_body(item.doc_type, item.xml_data, versione))
    if attachments:
        _attach(root.find("FatturaElettronicaBody"), attachments, zipped)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    expected = [body_fields(item, supplier, customer) for item in specs]
    if versione == "FSM10":  # a simplified invoice has no payment data
        expected = [{**fields, "due_date": None, "payment_method": None, "iban": None} for fields in expected]
    return xml, expected


def body_fields(spec, supplier: pools.Party, customer: pools.Party) -> dict:
    """The spec's expected fields as the XML states them: positive amounts, the header's parties."""
    fields = dict(spec.fields)
    fields.update(supplier_name=supplier.name, supplier_vat=supplier.vat, supplier_tax_code=supplier.tax_code,
                  customer_name=customer.name, customer_vat=customer.vat)
    for key in ("taxable_amount", "vat_amount", "total"):
        fields[key] = str(abs(Decimal(fields[key])))
    fields["vat_lines"] = [{**line, "taxable_amount": str(abs(Decimal(line["taxable_amount"]))),
                            "vat_amount": str(abs(Decimal(line["vat_amount"])))} for line in fields["vat_lines"]]
    return fields


def _public_body(spec) -> pools.Party:
    rng = random.Random(f"pa:{spec.name}:{spec.split}")
    city = rng.choice(pools.CITIES)
    tax_code = "8" + identity.partita_iva(rng)[1:10]
    tax_code += identity.luhn_digit(tax_code)
    return pools.Party(rng.choice(PUBLIC_BODIES).format(city=city[0]), f"{rng.choice(pools.STREETS)}, {rng.randrange(1, 60)}",
                       city[1], city[0], city[2], None, tax_code, "protocollo@pec.example.it", "")


def _add(parent, tag: str, text=None, **children):
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def add_tree(parent, spec: list) -> None:
    """Build nested elements from [(tag, text-or-list), ...], skipping None values."""
    for tag, value in spec:
        if value is None:
            continue
        if isinstance(value, list):
            add_tree(_add(parent, tag), value)
        else:
            _add(parent, tag, value)


def _anagrafica(party: pools.Party, with_vat: bool, regime: bool) -> list:
    street, _, number = party.street.rpartition(", ")
    return [("DatiAnagrafici", [
        ("IdFiscaleIVA", [("IdPaese", "IT"), ("IdCodice", party.vat)]) if with_vat and party.vat else ("IdFiscaleIVA", None),
        ("CodiceFiscale", party.tax_code),
        ("Anagrafica", [("Denominazione", party.name)]),
        ("RegimeFiscale", "RF01" if regime else None)]),
        ("Sede", [("Indirizzo", street or party.street), ("NumeroCivico", number or None), ("CAP", party.cap),
                  ("Comune", party.city), ("Provincia", party.province), ("Nazione", "IT")])]


def _header(spec, supplier: pools.Party, customer: pools.Party, versione: str):
    header = etree.Element("FatturaElettronicaHeader")
    rng = random.Random(f"sdi:{spec.name}")
    recipient_code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6 if versione == "FPA12" else 7))
    add_tree(header, [
        ("DatiTrasmissione", [("IdTrasmittente", [("IdPaese", "IT"), ("IdCodice", supplier.vat)]),
                              ("ProgressivoInvio", file_name(spec)[-9:-4]), ("FormatoTrasmissione", FORMATS[versione][2]),
                              ("CodiceDestinatario", recipient_code)]),
        ("CedentePrestatore", _anagrafica(supplier, True, True)),
        ("CessionarioCommittente", _anagrafica(customer, versione != "FPA12", False)),
    ])
    return header


def _amount(value: Decimal) -> str:
    return f"{abs(value):.2f}"


def _body(doc_type: str, data: dict, versione: str):
    body = etree.Element("FatturaElettronicaBody")
    lines = [("DettaglioLinee", [("NumeroLinea", index), ("Descrizione", line["description"]),
                                 ("Quantita", f"{line['quantity']:.2f}"), ("PrezzoUnitario", _amount(line["price"])),
                                 ("PrezzoTotale", _amount(line["amount"])), ("AliquotaIVA", f"{line['rate']:.2f}"),
                                 ("Natura", line["nature"])])
             for index, line in enumerate(data["lines"], start=1)]
    summary = [("DatiRiepilogo", [("AliquotaIVA", f"{row['rate']:.2f}"), ("Natura", row["nature"]),
                                  ("ImponibileImporto", _amount(row["taxable"])), ("Imposta", _amount(row["vat"])),
                                  ("EsigibilitaIVA", None if row["nature"] else "I"),
                                  ("RiferimentoNormativo", NATURES[row["nature"]] if row["nature"] else None)])
               for row in data["rows"]]
    payment = [("CondizioniPagamento", "TP02"),
               ("DettaglioPagamento", [("ModalitaPagamento", PAYMENT_CODES[data["payment"]]),
                                       ("DataScadenzaPagamento", data["due"].isoformat() if data["due"] else None),
                                       ("ImportoPagamento", _amount(data["total"])), ("IBAN", data["iban"])])]
    general = [("DatiGeneraliDocumento", [("TipoDocumento", DOCUMENT_TYPES[doc_type]), ("Divisa", "EUR"),
                                          ("Data", data["date"].isoformat()), ("Numero", data["number"]),
                                          ("ImportoTotaleDocumento", _amount(data["total"]))])]
    if versione == "FPA12":
        general.append(("DatiOrdineAcquisto", [("IdDocumento", f"ORD-{data['number']}"),
                                               ("CodiceCIG", f"Z{zlib.crc32(data['number'].encode()) % 10**9:09d}")]))
    add_tree(body, [("DatiGenerali", general), ("DatiBeniServizi", lines + summary), ("DatiPagamento", payment)])
    return body


def _attach(body, attachments: list | tuple, zipped: bool) -> None:
    """Allegati at the end of BODY: one per file, or one ZIP holding them all."""
    if zipped:
        packed = io.BytesIO()
        with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in attachments:
                archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
        attachments, compression = [("allegati.zip", packed.getvalue())], "ZIP"
    else:
        compression = None
    for name, data in attachments:
        add_tree(body, [("Allegati", [("NomeAttachment", name), ("AlgoritmoCompressione", compression),
                                      ("FormatoAttachment", name.rsplit(".", 1)[-1].upper()),
                                      ("DescrizioneAttachment", f"Copia di cortesia {name}"),
                                      ("Attachment", base64.b64encode(data).decode("ascii"))])])


# -- FSM10, the simplified invoice: amounts include VAT ------------------------
def _simplified_header(spec, supplier: pools.Party, customer: pools.Party):
    header = etree.Element("FatturaElettronicaHeader")
    street, _, number = supplier.street.rpartition(", ")
    add_tree(header, [
        ("DatiTrasmissione", [("IdTrasmittente", [("IdPaese", "IT"), ("IdCodice", supplier.vat)]),
                              ("ProgressivoInvio", file_name(spec)[-9:-4]), ("FormatoTrasmissione", "FSM10"),
                              ("CodiceDestinatario", "0000000")]),
        ("CedentePrestatore", [("IdFiscaleIVA", [("IdPaese", "IT"), ("IdCodice", supplier.vat)]),
                               ("CodiceFiscale", supplier.tax_code), ("Denominazione", supplier.name),
                               ("Sede", [("Indirizzo", street or supplier.street), ("NumeroCivico", number or None),
                                         ("CAP", supplier.cap), ("Comune", supplier.city),
                                         ("Provincia", supplier.province), ("Nazione", "IT")]),
                               ("RegimeFiscale", "RF01")]),
        ("CessionarioCommittente", [
            ("IdentificativiFiscali", [("IdFiscaleIVA", [("IdPaese", "IT"), ("IdCodice", customer.vat)])
                                       if customer.vat else ("IdFiscaleIVA", None),
                                       ("CodiceFiscale", customer.tax_code)]),
            ("AltriDatiIdentificativi", [("Denominazione", customer.name)])]),
    ])
    return header


def _simplified_body(doc_type: str, data: dict):
    """One DatiBeniServizi per VAT rate: its amount with VAT, the VAT stated as the
    tax (Imposta) on even rows and as the rate (Aliquota) on odd ones."""
    body = etree.Element("FatturaElettronicaBody")
    general = [("DatiGeneraliDocumento", [("TipoDocumento", SIMPLIFIED_TYPES[doc_type]), ("Divisa", "EUR"),
                                          ("Data", data["date"].isoformat()), ("Numero", data["number"])])]
    if doc_type == "nota_credito":
        general.append(("DatiFatturaRettificata", [("NumeroFR", f"R-{data['number']}"),
                                                   ("DataFR", data["date"].isoformat()),
                                                   ("ElementiRettificati", "Importo")]))
    goods = []
    for index, row in enumerate(data["rows"]):
        vat = [("Imposta", _amount(row["vat"]))] if index % 2 == 0 else [("Aliquota", f"{row['rate']:.2f}")]
        descriptions = "; ".join(line["description"] for line in data["lines"] if line["rate"] == row["rate"])
        goods.append(("DatiBeniServizi", [("Descrizione", descriptions[:1000] or "Beni e servizi"),
                                          ("Importo", _amount(row["taxable"] + row["vat"])), ("DatiIVA", vat),
                                          ("Natura", row["nature"])]))
    add_tree(body, [("DatiGenerali", general), *goods])
    return body


# -- what senders' software does to a file ------------------------------------
ACCENTED_CAUSALE = "Fornitura già concordata – consegna entro il mese, pagamento a 30 giorni"


def _with_causale(xml: bytes) -> bytes:
    """A Causale with accented letters after each document's general data."""
    causale = f"<Causale>{ACCENTED_CAUSALE}</Causale>".encode()
    return re.sub(rb"(</(?:ImportoTotaleDocumento|Numero)>)(\s*</DatiGeneraliDocumento>)",
                  lambda m: m.group(1) + causale + m.group(2), xml)


def _declared(xml: bytes, encoding: str) -> bytes:
    return xml.replace(b"encoding='UTF-8'", f"encoding='{encoding}'".encode(), 1)


def _first_namespace(xml: bytes, change) -> bytes:
    return re.sub(rb'xmlns:p="([^"]*)"', lambda m: b'xmlns:p="' + change(m.group(1)) + b'"', xml, count=1)


QUIRKS = {
    # read as they are
    "bom": lambda xml: b"\xef\xbb\xbf" + xml,
    "whitespace": lambda xml: b"\r\n  \r\n" + re.sub(rb"<(Numero|ImportoTotaleDocumento|Importo|IdCodice)>([^<]*)<",
                                                      rb"<\1>\r\n      \2 \t<", xml).replace(b"\n", b"\r\n"),
    "dates_with_time_zone": lambda xml: re.sub(rb"<(Data|DataScadenzaPagamento|DataFR)>(\d{4}-\d\d-\d\d)<",
                                               rb"<\1>\2+02:00<", xml),
    "utf8_declared_latin1": lambda xml: _declared(_with_causale(xml), "ISO-8859-1"),
    "latin1_declared_utf8": lambda xml: _with_causale(xml).decode("utf-8").encode("cp1252"),
    # read after a repair
    "stray_quote_in_namespace": lambda xml: _first_namespace(xml, lambda uri: uri + b"'"),
    "quote_after_namespace": lambda xml: _first_namespace(xml, lambda uri: uri + b'"'),
    "space_in_namespace": lambda xml: _first_namespace(xml, lambda uri: uri.replace(b"/fatture/", b"/fatture/ ")),
    "undeclared_prefix": lambda xml: re.sub(rb' xmlns:p="[^"]*"', b"", xml, count=1),
    "bare_ampersand": lambda xml: xml.replace(b"<Descrizione>", b"<Descrizione>Rossi & Figli: ", 1),
    "control_characters": lambda xml: xml.replace(b"<Descrizione>", b"<Descrizione>\x0c\x1a", 1),
    "junk_after_the_end": lambda xml: xml + b"\x00\x00\r\n\x1a",
}
REPAIRED_QUIRKS = ("stray_quote_in_namespace", "quote_after_namespace", "space_in_namespace", "undeclared_prefix",
                   "bare_ampersand", "control_characters", "junk_after_the_end")
