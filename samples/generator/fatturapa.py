"""FatturaPA XML (FPR12 for private customers, FPA12 for public administration).

One header (supplier and customer) and one body per invoice; several bodies make
a "lotto". A credit note is TD04 with positive amounts, as SDI files carry them.
"""

from __future__ import annotations

import random
import zlib
from decimal import Decimal
from pathlib import Path

from lxml import etree

from samples.generator import identity, pools
from samples.generator.invoices import NATURES, PAYMENT_CODES
from samples.generator.signing import sign

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
DOCUMENT_TYPES = {"fattura": "TD01", "nota_credito": "TD04"}
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
                    lotto: list | tuple = ()) -> list[dict]:
    """Write the XML (or a signed .xml.p7m) and return the expected fields of each body.

    lotto: more invoice specs to add as bodies; they take the first spec's supplier and customer.
    """
    specs = [spec, *lotto]
    for item in specs:
        if item.doc_type not in DOCUMENT_TYPES:
            raise ValueError(f"{item.doc_type} has no FatturaPA form (only fattura and nota_credito)")
    if versione not in ("FPR12", "FPA12"):
        raise ValueError(f"versione must be FPR12 or FPA12, not {versione!r}")
    supplier = spec.xml_data["supplier"]
    customer = _public_body(spec) if versione == "FPA12" else spec.xml_data["customer"]
    root = etree.Element(f"{{{NAMESPACE}}}FatturaElettronica", nsmap={"p": NAMESPACE}, versione=versione)
    root.append(_header(spec, supplier, customer, versione))
    for item in specs:
        root.append(_body(item.doc_type, item.xml_data, versione))
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    Path(path).write_bytes(sign(xml, signed) if signed else xml)
    return [body_fields(item, supplier, customer) for item in specs]


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


def _tree(parent, spec: list) -> None:
    """Build nested elements from [(tag, text-or-list), ...], skipping None values."""
    for tag, value in spec:
        if value is None:
            continue
        if isinstance(value, list):
            _tree(_add(parent, tag), value)
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
    _tree(header, [
        ("DatiTrasmissione", [("IdTrasmittente", [("IdPaese", "IT"), ("IdCodice", supplier.vat)]),
                              ("ProgressivoInvio", file_name(spec)[-9:-4]), ("FormatoTrasmissione", versione),
                              ("CodiceDestinatario", recipient_code)]),
        ("CedentePrestatore", _anagrafica(supplier, True, True)),
        ("CessionarioCommittente", _anagrafica(customer, versione == "FPR12", False)),
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
    _tree(body, [("DatiGenerali", general), ("DatiBeniServizi", lines + summary), ("DatiPagamento", payment)])
    return body
