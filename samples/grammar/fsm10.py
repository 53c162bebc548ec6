"""Our FatturaPA (FPR12) restated as a simplified invoice (FSM10), for the AdE's
`fatturasemplificata` stylesheet: one goods row per VAT rate, amounts VAT included."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

ORDINARY = "{http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2}"
SIMPLIFIED = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0"
SIMPLIFIED_TYPES = {"TD01": "TD07", "TD04": "TD08"}  # fattura and nota di credito semplificata


def simplified(xml: bytes, fields: dict) -> tuple[bytes, dict]:
    """The FSM10 XML and the fields it states (no taxable amount, VAT lines or payment)."""
    source = etree.fromstring(xml)
    header, body = source.find("FatturaElettronicaHeader"), source.find("FatturaElettronicaBody")
    root = etree.Element(f"{{{SIMPLIFIED}}}FatturaElettronicaSemplificata", nsmap={"p": SIMPLIFIED}, versione="FSM10")
    new_header = etree.SubElement(root, "FatturaElettronicaHeader")
    transmission = _copy(new_header, header.find("DatiTrasmissione"))
    transmission.find("FormatoTrasmissione").text = "FSM10"
    supplier = header.find("CedentePrestatore")
    seller = etree.SubElement(new_header, "CedentePrestatore")
    for path in ("DatiAnagrafici/IdFiscaleIVA", "DatiAnagrafici/CodiceFiscale", "DatiAnagrafici/Anagrafica/Denominazione",
                 "Sede", "DatiAnagrafici/RegimeFiscale"):
        _copy(seller, supplier.find(path))
    customer = header.find("CessionarioCommittente")
    buyer = etree.SubElement(new_header, "CessionarioCommittente")
    ids = etree.SubElement(buyer, "IdentificativiFiscali")
    for path in ("DatiAnagrafici/IdFiscaleIVA", "DatiAnagrafici/CodiceFiscale"):
        _copy(ids, customer.find(path))
    other = etree.SubElement(buyer, "AltriDatiIdentificativi")
    _copy(other, customer.find("DatiAnagrafici/Anagrafica/Denominazione"))
    _copy(other, customer.find("Sede"))
    new_body = etree.SubElement(root, "FatturaElettronicaBody")
    general = etree.SubElement(etree.SubElement(new_body, "DatiGenerali"), "DatiGeneraliDocumento")
    document = body.find("DatiGenerali/DatiGeneraliDocumento")
    etree.SubElement(general, "TipoDocumento").text = SIMPLIFIED_TYPES[document.findtext("TipoDocumento")]
    for tag in ("Divisa", "Data", "Numero"):
        _copy(general, document.find(tag))
    vat_total = total = Decimal(0)
    for row in body.iter("DatiRiepilogo"):
        taxable, vat = Decimal(row.findtext("ImponibileImporto")), Decimal(row.findtext("Imposta"))
        goods = etree.SubElement(new_body, "DatiBeniServizi")
        etree.SubElement(goods, "Descrizione").text = f"Beni e servizi aliquota {row.findtext('AliquotaIVA')}%"
        etree.SubElement(goods, "Importo").text = f"{taxable + vat:.2f}"
        vat_data = etree.SubElement(goods, "DatiIVA")
        etree.SubElement(vat_data, "Imposta").text = f"{vat:.2f}"
        if row.findtext("Natura"):
            etree.SubElement(goods, "Natura").text = row.findtext("Natura")
        vat_total, total = vat_total + vat, total + taxable + vat
    stated = {key: fields[key] for key in ("number", "date", "supplier_name", "supplier_vat", "supplier_tax_code",
                                           "customer_name", "customer_vat", "currency")}
    stated.update(vat_amount=str(vat_total), total=str(total))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True), stated


def _copy(parent, element):
    if element is None:
        return None
    copy = etree.fromstring(etree.tostring(element))
    parent.append(copy)
    return copy
