"""FatturaPA electronic invoices (`.xml`, signed `.xml.p7m`): exact fields, readable text.

The XML is untrusted: no DTD, no entities, no network, no huge trees, a size
limit (`limits.max_xml_mb`). Each `FatturaElettronicaBody` is one invoice: the
first fills the document, every further body of a "lotto" becomes a part.

Type from `TipoDocumento` (see `DOCUMENT_TYPES`): TD04 is a credit note
(nota_credito); every other invoice-like code (TD01 fattura, TD02/TD03 acconti,
TD05 nota di debito, TD06 parcella, TD16-TD28 integrazioni, autofatture,
TD24/TD25 differite) is a `fattura`. Amounts are kept as the XML writes them:
a credit note's are positive, its type says they are a credit.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from extractors.p7m import signed_content
from pipeline.document import Classification, Document, Field, Page, StageContext
from pipeline.errors import InvalidFatturaPA, TooLarge

name = "fatturapa"
media_types = ("application/xml", "application/pkcs7-mime")

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
VERSIONS = ("FPR12", "FPA12")
DOCUMENT_TYPES = {
    "TD01": "fattura", "TD02": "fattura", "TD03": "fattura", "TD04": "nota_credito", "TD05": "fattura",
    "TD06": "fattura", "TD07": "fattura", "TD08": "nota_credito", "TD09": "fattura",
    **{f"TD{n}": "fattura" for n in range(16, 29)},
}
TYPE_NAMES = {"TD01": "Fattura", "TD02": "Acconto/anticipo su fattura", "TD03": "Acconto/anticipo su parcella",
              "TD04": "Nota di credito", "TD05": "Nota di debito", "TD06": "Parcella", "TD24": "Fattura differita",
              "TD25": "Fattura differita"}
PAYMENT_METHODS = {  # ModalitaPagamento -> the payment_method vocabulary of DOMAIN.md
    "MP01": "contanti", "MP02": "assegno", "MP03": "assegno", "MP04": "contanti", "MP05": "bonifico",
    "MP06": "vaglia cambiario", "MP07": "bollettino bancario", "MP08": "carta", "MP09": "SDD", "MP10": "SDD",
    "MP11": "SDD", "MP12": "RiBa", "MP13": "MAV", "MP14": "quietanza erario", "MP15": "giroconto",
    "MP16": "SDD", "MP17": "SDD", "MP18": "bollettino postale", "MP19": "SDD", "MP20": "SDD", "MP21": "SDD",
    "MP22": "trattenuta", "MP23": "PagoPA",
}
DOCTYPE_RE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def extract(doc: Document, ctx: StageContext) -> Document:
    data = _read(doc, ctx)
    media_type = "application/pkcs7-mime" if not data.lstrip().startswith(b"<") else "application/xml"
    if media_type == "application/pkcs7-mime":
        data = signed_content(data, doc.original_name)
        _check_size(len(data), doc, ctx)
    root = parse(data, doc.original_name)
    invoices = read_invoices(root, doc.original_name)
    doc.media_type = media_type
    doc.extractor = name
    _fill(doc, invoices[0])
    doc.parts = []
    for invoice in invoices[1:]:
        part = Document(path=doc.path, original_name=doc.original_name, sha256=doc.sha256, media_type=media_type,
                        extractor=name, received_at=doc.received_at)
        doc.parts.append(_fill(part, invoice))
    return doc


def _read(doc: Document, ctx: StageContext) -> bytes:
    _check_size(doc.path.stat().st_size, doc, ctx)
    return doc.path.read_bytes()


def _check_size(size: int, doc: Document, ctx: StageContext) -> None:
    limit = ctx.config.limits.max_xml_mb
    if size > limit * 1024 * 1024:
        raise TooLarge(f"{doc.original_name}: {size / 1024 / 1024:.1f} MB of XML, more than the limit of "
                       f"{limit} MB (limits.max_xml_mb)")


def parse(data: bytes, file_name: str = "the file"):
    """The root element of DATA, parsed safely, checked to be a FatturaPA."""
    from lxml import etree

    if DOCTYPE_RE.search(data):
        raise InvalidFatturaPA(f"{file_name}: the XML declares a DOCTYPE or entities, which FatturaPA never does "
                               "(refused: it could expand entities or reach the network)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidFatturaPA(f"{file_name}: not well-formed XML: {exc}") from exc
    qname = etree.QName(root)
    if qname.localname != "FatturaElettronica":
        raise InvalidFatturaPA(f"{file_name}: the root element is <{qname.localname}>, not <FatturaElettronica>")
    if qname.namespace != NAMESPACE:
        raise InvalidFatturaPA(f"{file_name}: namespace {qname.namespace or '(none)'} is not the FatturaPA v1.2 "
                               f"namespace {NAMESPACE}")
    if root.get("versione") not in VERSIONS:
        raise InvalidFatturaPA(f"{file_name}: versione={root.get('versione')!r}; expected FPR12 or FPA12")
    return root


class _Body:
    """One invoice: its fields (name -> (value, raw)), its type and its text."""

    def __init__(self, label: str, fields: dict[str, tuple[object, str]], text: str):
        self.label, self.fields, self.text = label, fields, text


def read_invoices(root, file_name: str = "the file") -> list[_Body]:
    header = _child(root, "FatturaElettronicaHeader")
    bodies = _children(root, "FatturaElettronicaBody")
    if header is None:
        raise InvalidFatturaPA(f"{file_name}: missing FatturaElettronicaHeader")
    if not bodies:
        raise InvalidFatturaPA(f"{file_name}: missing FatturaElettronicaBody: the file holds no invoice")
    supplier = _child(header, "CedentePrestatore")
    if supplier is None:
        raise InvalidFatturaPA(f"{file_name}: missing CedentePrestatore (the supplier)")
    customer = _child(header, "CessionarioCommittente")
    parties = {**_party(supplier, "supplier"), **(_party(customer, "customer") if customer is not None else {})}
    return [_body(body, parties, root.get("versione"), f"{file_name}, body {i}", supplier, customer)
            for i, body in enumerate(bodies, start=1)]


def _party(element, role: str) -> dict[str, tuple[object, str]]:
    registry = _child(element, "DatiAnagrafici")
    if registry is None:
        return {}
    fields = {}
    country, code = _text(registry, "IdFiscaleIVA/IdPaese"), _text(registry, "IdFiscaleIVA/IdCodice")
    if code:
        fields[f"{role}_vat"] = (code if country in ("IT", None) else f"{country}{code}", code)
    tax_code = _text(registry, "CodiceFiscale")
    if tax_code:
        fields[f"{role}_tax_code"] = (tax_code.upper(), tax_code)
    denomination = _text(registry, "Anagrafica/Denominazione")
    person = " ".join(filter(None, (_text(registry, "Anagrafica/Nome"), _text(registry, "Anagrafica/Cognome"))))
    if denomination or person:
        fields[f"{role}_name"] = (denomination or person, denomination or person)
    return fields


def _body(body, parties: dict, version: str, where: str, supplier, customer) -> _Body:
    general = _child(body, "DatiGenerali/DatiGeneraliDocumento")
    if general is None:
        raise InvalidFatturaPA(f"{where}: missing DatiGenerali/DatiGeneraliDocumento")
    fields = dict(parties)
    kind = _required(general, "TipoDocumento", where)
    if kind not in DOCUMENT_TYPES:
        raise InvalidFatturaPA(f"{where}: unknown TipoDocumento {kind!r}")
    fields["number"] = (_required(general, "Numero", where), _text(general, "Numero"))
    fields["date"] = (_date(_required(general, "Data", where), "Data", where), _text(general, "Data"))
    currency = _required(general, "Divisa", where)
    fields["currency"] = (currency, currency)
    lines = []
    for summary in _children(_child(body, "DatiBeniServizi"), "DatiRiepilogo"):
        rate = _amount(_required(summary, "AliquotaIVA", where), "AliquotaIVA", where)
        lines.append({"rate": rate.quantize(Decimal("0.01")),
                      "taxable_amount": _amount(_required(summary, "ImponibileImporto", where), "ImponibileImporto", where),
                      "vat_amount": _amount(_required(summary, "Imposta", where), "Imposta", where),
                      "nature": _text(summary, "Natura")})
    if lines:
        fields["vat_lines"] = (lines, "")
        fields["taxable_amount"] = (sum(line["taxable_amount"] for line in lines), "")
        fields["vat_amount"] = (sum(line["vat_amount"] for line in lines), "")
    total = _text(general, "ImportoTotaleDocumento")
    if total:
        fields["total"] = (_amount(total, "ImportoTotaleDocumento", where), total)
    elif lines:
        fields["total"] = (fields["taxable_amount"][0] + fields["vat_amount"][0], "")
    payment = _child(body, "DatiPagamento/DettaglioPagamento")
    if payment is not None:
        method = _text(payment, "ModalitaPagamento")
        if method:
            fields["payment_method"] = (PAYMENT_METHODS.get(method, method), method)
        due = _text(payment, "DataScadenzaPagamento")
        if due:
            fields["due_date"] = (_date(due, "DataScadenzaPagamento", where), due)
        iban = _text(payment, "IBAN")
        if iban:
            fields["iban"] = (iban.replace(" ", "").upper(), iban)
    text = _readable(version, kind, fields, body, supplier, customer)
    return _Body(DOCUMENT_TYPES[kind], fields, text)


def _fill(doc: Document, invoice: _Body) -> Document:
    doc.pages = [Page(number=1, text=invoice.text, source="xml", confidence=1.0)]
    doc.classification = Classification(invoice.label, 1.0, [], source="fatturapa")
    doc.fields = {key: Field(value=value, raw=raw, confidence=1.0, page=1) for key, (value, raw) in invoice.fields.items()}
    return doc


def _readable(version: str, kind: str, fields: dict, body, supplier, customer) -> str:
    """The invoice as Italian text with the usual labels, for search and for people."""
    value = {key: v for key, (v, _) in fields.items()}
    lines = [f"FATTURA ELETTRONICA {version} - {TYPE_NAMES.get(kind, kind)} ({kind})",
             f"{TYPE_NAMES.get(kind, 'Documento')} n. {value['number']} del {_it_date(value['date'])}"]
    for role, element, title in (("supplier", supplier, "Cedente/Prestatore (fornitore)"),
                                 ("customer", customer, "Cessionario/Committente (cliente)")):
        if element is None:
            continue
        lines.append(f"{title}: {value.get(f'{role}_name', '')}")
        if f"{role}_vat" in value:
            lines.append(f"P.IVA: {value[f'{role}_vat']}")
        if f"{role}_tax_code" in value:
            lines.append(f"Codice fiscale: {value[f'{role}_tax_code']}")
        address = " ".join(filter(None, (_text(element, f"Sede/{tag}") for tag in
                                         ("Indirizzo", "NumeroCivico", "CAP", "Comune", "Provincia"))))
        if address:
            lines.append(f"Sede: {address}")
    for reason in _children(_child(body, "DatiGenerali/DatiGeneraliDocumento"), "Causale"):
        lines.append(f"Causale: {reason.text or ''}")
    lines.append("Descrizione | Quantità | Prezzo unitario | Aliquota IVA | Importo")
    for row in _children(_child(body, "DatiBeniServizi"), "DettaglioLinee"):
        lines.append(" | ".join(filter(None, (_text(row, "Descrizione"), _text(row, "Quantita"), _text(row, "PrezzoUnitario"),
                                              _text(row, "AliquotaIVA") and f"{_text(row, 'AliquotaIVA')}%",
                                              _text(row, "PrezzoTotale")))))
    lines.append("Riepilogo IVA: Aliquota | Natura | Imponibile | Imposta")
    for line in value.get("vat_lines", []):
        lines.append(f"{line['rate']}% | {line['nature'] or ''} | {line['taxable_amount']} | {line['vat_amount']}")
    for key, label in (("taxable_amount", "Totale imponibile"), ("vat_amount", "Totale IVA"), ("total", "Totale documento")):
        if key in value:
            lines.append(f"{label}: {value[key]} {value['currency']}")
    if "payment_method" in value or "due_date" in value:
        lines.append(f"Modalità di pagamento: {value.get('payment_method', '')}"
                     + (f" - Scadenza: {_it_date(value['due_date'])}" if "due_date" in value else "")
                     + (f" - IBAN: {value['iban']}" if "iban" in value else ""))
    return "\n".join(lines)


def _it_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _localname(element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, tag: str) -> list:
    if element is None:
        return []
    return [child for child in element if _localname(child) == tag]


def _child(element, path: str):
    """The first element down PATH (local names; FatturaPA children have no namespace)."""
    for tag in path.split("/"):
        found = _children(element, tag)
        if not found:
            return None
        element = found[0]
    return element


def _text(element, path: str) -> str | None:
    found = _child(element, path)
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def _required(element, path: str, where: str) -> str:
    text = _text(element, path)
    if text is None:
        raise InvalidFatturaPA(f"{where}: missing {path}")
    return text


def _amount(text: str, tag: str, where: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise InvalidFatturaPA(f"{where}: {tag} is {text!r}, not an amount") from exc


def _date(text: str, tag: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidFatturaPA(f"{where}: {tag} is {text!r}, not a date (YYYY-MM-DD)") from exc
