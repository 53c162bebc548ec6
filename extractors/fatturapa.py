"""FatturaPA electronic invoices (`.xml`, signed `.xml.p7m`): exact fields, readable text.

Every form a back office receives is read: FatturaPA 1.2 (FPR12, FPA12), the
legacy 1.0 and 1.1 namespaces still found in archives, no namespace at all,
and the simplified invoice FSM10 (`FatturaElettronicaSemplificata`, whose
amounts include VAT). The XML is untrusted (see `sdi_xml`: no DTD, no
entities, no network, no huge trees) and has a size limit (`limits.max_xml_mb`).
What had to be repaired to read it, and the envelope's signature, become
checks on the document; a failed one sends it to review. Each
`FatturaElettronicaBody` is one invoice: the first fills the document, every
further body of a "lotto" becomes a part.

Type from `TipoDocumento` (see `DOCUMENT_TYPES`): TD04 is a credit note
(nota_credito); every other invoice-like code (TD01 fattura, TD02/TD03 acconti,
TD05 nota di debito, TD06 parcella, TD16-TD28 integrazioni, autofatture,
TD24/TD25 differite) is a `fattura`. Amounts are kept as the XML writes them:
a credit note's are positive, its type says they are a credit.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from demat.extractors import sdi_messages, sdi_xml
from demat.extractors.fields.checks import LEGAL_VAT_RATES
from demat.extractors.p7m import open_envelope
from demat.extractors.sdi_attachments import read_attachments
from demat.extractors.sdi_xml import child as _child
from demat.extractors.sdi_xml import children as _children
from demat.extractors.sdi_xml import localname as _localname
from demat.extractors.sdi_xml import text as _text
from demat.extractors.sniff import HEAD_BYTES, PKCS7, XML, sniff_bytes
from demat.kernel.document import Check, Classification, Document, Field, Page, StageContext
from demat.kernel.errors import InvalidFatturaPA, TooLarge
from demat.kernel.schema import SCHEMA

name = "fatturapa"
media_types = (XML, PKCS7)

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
SIMPLIFIED = "FatturaElettronicaSemplificata"
NAMESPACES = {  # the namespaces a FatturaPA root may have, "" being none
    NAMESPACE: "FatturaPA 1.2",
    "http://www.fatturapa.gov.it/sdi/fatturapa/v1.1": "FatturaPA 1.1",
    "http://www.fatturapa.gov.it/sdi/fatturapa/v1.0": "FatturaPA 1.0",
    "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0": "FatturaPA semplificata 1.0",
    "": "no namespace",
}
VERSIONS = {"FatturaElettronica": ("FPR12", "FPA12", "1.1", "1.0"), SIMPLIFIED: ("FSM10",)}
CENT = Decimal("0.01")
DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")  # xs:date allows a time zone
DOCUMENT_TYPES = SCHEMA.fatturapa_types  # TipoDocumento -> type, from the schema of the domain
TYPE_NAMES = SCHEMA.fatturapa_names
PAYMENT_METHODS = {  # ModalitaPagamento -> the payment_method vocabulary of DOMAIN.md
    "MP01": "contanti", "MP02": "assegno", "MP03": "assegno", "MP04": "contanti", "MP05": "bonifico",
    "MP06": "vaglia cambiario", "MP07": "bollettino bancario", "MP08": "carta", "MP09": "SDD", "MP10": "SDD",
    "MP11": "SDD", "MP12": "RiBa", "MP13": "MAV", "MP14": "quietanza erario", "MP15": "giroconto",
    "MP16": "SDD", "MP17": "SDD", "MP18": "bollettino postale", "MP19": "SDD", "MP20": "SDD", "MP21": "SDD",
    "MP22": "trattenuta", "MP23": "PagoPA",
}


def extract(doc: Document, ctx: StageContext) -> Document:
    data = _read(doc, ctx)
    # By content, not by name; what is not XML can only be an envelope, which says what is wrong with it.
    media_type = XML if sniff_bytes(data[:HEAD_BYTES]) == XML else PKCS7
    checks = []
    if media_type == PKCS7:
        envelope = open_envelope(data, doc.original_name)
        data = envelope.content
        checks += envelope.signatures
        _check_size(len(data), doc, ctx)
    parsed = sdi_xml.parse(data, doc.original_name)
    doc.media_type = media_type
    doc.extractor = name
    doc.parts = []
    if sdi_messages.is_notification(parsed.root):
        fields, text = sdi_messages.read(parsed.root)
        return _fill(doc, _Body(sdi_messages.LABEL, fields, text), checks + _read_checks(parsed, []))
    root, repairs = _invoice_root(parsed.root, doc.original_name)
    checks += _read_checks(parsed, repairs)
    invoices = read_invoices(root, doc.original_name)
    bodies = _children(root, "FatturaElettronicaBody")
    for i, (invoice, body) in enumerate(zip(invoices, bodies)):
        part = doc if i == 0 else Document(path=doc.path, original_name=doc.original_name, sha256=doc.sha256,
                                           media_type=media_type, extractor=name, received_at=doc.received_at)
        _fill(part, invoice, checks)
        _attach(part, body, ctx, f"{doc.original_name}, body {i + 1}")
        if i:
            doc.parts.append(part)
    return doc


def _attach(doc: Document, body, ctx: StageContext, where: str) -> None:
    """The body's attachments beside the invoice, their text as further pages."""
    doc.attachments, pages, problems = read_attachments(body, ctx, where)
    for number, page in enumerate(pages, start=len(doc.pages) + 1):
        page.number = number
    doc.pages += pages
    doc.checks += problems


def _read(doc: Document, ctx: StageContext) -> bytes:
    _check_size(doc.path.stat().st_size, doc, ctx)
    return doc.path.read_bytes()


def _check_size(size: int, doc: Document, ctx: StageContext) -> None:
    limit = ctx.config.limits.max_xml_mb
    if size > limit * 1024 * 1024:
        raise TooLarge(f"{doc.original_name}: {size / 1024 / 1024:.1f} MB of XML, more than the limit of "
                       f"{limit} MB (limits.max_xml_mb)")


def _invoice_root(root, file_name: str) -> tuple[object, list[str]]:
    """ROOT checked to be a FatturaPA, and a repair note when its namespace needed one."""
    from lxml import etree

    qname = etree.QName(root)
    if qname.localname not in VERSIONS:
        raise InvalidFatturaPA(f"{file_name}: the root element is <{qname.localname}>, not <FatturaElettronica> "
                               f"or <{SIMPLIFIED}> (nor an SdI notification)")
    namespace, repairs = qname.namespace or "", []
    if namespace not in NAMESPACES and sdi_xml.clean_uri(namespace) in NAMESPACES:
        repairs.append(f"namespace {namespace!r} read as {sdi_xml.clean_uri(namespace)}")
    elif namespace not in NAMESPACES:
        raise InvalidFatturaPA(f"{file_name}: namespace {namespace} is not a FatturaPA namespace "
                               f"({', '.join(n for n in NAMESPACES if n)})")
    if root.get("versione") not in VERSIONS[qname.localname]:
        raise InvalidFatturaPA(f"{file_name}: versione={root.get('versione')!r}; expected "
                               f"{' or '.join(VERSIONS[qname.localname])}")
    return root, repairs


def _read_checks(parsed: sdi_xml.Parsed, repairs: list[str]) -> list[Check]:
    """How the XML was read: what was repaired (a failed check: a person looks), a
    declared encoding that was wrong (a note)."""
    repairs = parsed.repairs + repairs
    checks = [Check("xml_repaired", False, "; ".join(repairs))] if repairs else []
    if parsed.encoding_note:
        checks.append(Check("xml_encoding", True, parsed.encoding_note))
    return checks


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
    simplified = _localname(root) == SIMPLIFIED
    if simplified:  # FSM10 puts the supplier's data right under it, the customer's in two blocks
        parties = {**_party(supplier, supplier, "supplier"),
                   **(_party(_child(customer, "IdentificativiFiscali"), _child(customer, "AltriDatiIdentificativi"),
                             "customer") if customer is not None else {})}
    else:
        parties = {**_party(_child(supplier, "DatiAnagrafici"), _child(supplier, "DatiAnagrafici/Anagrafica"),
                            "supplier"),
                   **(_party(_child(customer, "DatiAnagrafici"), _child(customer, "DatiAnagrafici/Anagrafica"),
                             "customer") if customer is not None else {})}
    read_goods = _simplified_goods if simplified else _goods
    return [_body(body, parties, root.get("versione"), f"{file_name}, body {i}", supplier, customer, read_goods)
            for i, body in enumerate(bodies, start=1)]


def _party(ids, names, role: str) -> dict[str, tuple[object, str]]:
    """The P.IVA and codice fiscale in IDS, the name in NAMES (Denominazione, or Nome Cognome)."""
    fields = {}
    if ids is not None:
        country, code = _text(ids, "IdFiscaleIVA/IdPaese"), _text(ids, "IdFiscaleIVA/IdCodice")
        if code:
            fields[f"{role}_vat"] = (code if country in ("IT", None) else f"{country}{code}", code)
        tax_code = _text(ids, "CodiceFiscale")
        if tax_code:
            fields[f"{role}_tax_code"] = (tax_code.upper(), tax_code)
    if names is not None:
        denomination = _text(names, "Denominazione")
        person = " ".join(filter(None, (_text(names, "Nome"), _text(names, "Cognome"))))
        if denomination or person:
            fields[f"{role}_name"] = (denomination or person, denomination or person)
    return fields


def _body(body, parties: dict, version: str, where: str, supplier, customer, read_goods) -> _Body:
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
    lines, rows, gross = read_goods(body, where)
    if lines:
        fields["vat_lines"] = (lines, "")
        fields["taxable_amount"] = (sum(line["taxable_amount"] for line in lines), "")
        fields["vat_amount"] = (sum(line["vat_amount"] for line in lines), "")
    total = _text(general, "ImportoTotaleDocumento")
    if total:
        fields["total"] = (_amount(total, "ImportoTotaleDocumento", where), total)
    elif gross is not None:
        fields["total"] = (gross, "")
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
    text = _readable(version, kind, fields, body, supplier, customer, rows)
    return _Body(DOCUMENT_TYPES[kind], fields, text)


def _goods(body, where: str) -> tuple[list[dict], list[str], None]:
    """FatturaPA: the VAT lines of DatiRiepilogo, and the detail lines as text."""
    goods = _child(body, "DatiBeniServizi")
    lines = []
    for summary in _children(goods, "DatiRiepilogo"):
        rate = _amount(_required(summary, "AliquotaIVA", where), "AliquotaIVA", where)
        lines.append({"rate": rate.quantize(CENT),
                      "taxable_amount": _amount(_required(summary, "ImponibileImporto", where), "ImponibileImporto", where),
                      "vat_amount": _amount(_required(summary, "Imposta", where), "Imposta", where),
                      "nature": _text(summary, "Natura")})
    rows = ["Descrizione | Quantità | Prezzo unitario | Aliquota IVA | Importo"]
    for row in _children(goods, "DettaglioLinee"):
        rows.append(" | ".join(filter(None, (_text(row, "Descrizione"), _text(row, "Quantita"), _text(row, "PrezzoUnitario"),
                                             _text(row, "AliquotaIVA") and f"{_text(row, 'AliquotaIVA')}%",
                                             _text(row, "PrezzoTotale")))))
    return lines, rows, None


def _simplified_goods(body, where: str) -> tuple[list[dict], list[str], Decimal | None]:
    """FSM10: each DatiBeniServizi is an amount with VAT included, its VAT given as the
    tax (Imposta) or as the rate (Aliquota); the VAT lines are summed per rate, and
    the total is the sum of the amounts."""
    by_rate: dict[tuple, dict] = {}
    rows = ["Descrizione | Aliquota IVA | Imposta | Importo (IVA inclusa)"]
    gross = None
    for goods in _children(body, "DatiBeniServizi"):
        amount = _amount(_required(goods, "Importo", where), "Importo", where)
        tax, rate_text = _text(goods, "DatiIVA/Imposta"), _text(goods, "DatiIVA/Aliquota")
        if tax is not None:
            vat = _amount(tax, "Imposta", where)
            rate = _rate_of(amount, vat)
        elif rate_text is not None:
            rate = _amount(rate_text, "Aliquota", where).quantize(CENT)
            vat = (amount * rate / (100 + rate)).quantize(CENT, ROUND_HALF_UP)
        else:
            raise InvalidFatturaPA(f"{where}: DatiBeniServizi without DatiIVA/Imposta or DatiIVA/Aliquota")
        line = by_rate.setdefault((rate, _text(goods, "Natura")), {
            "rate": rate, "taxable_amount": Decimal(0), "vat_amount": Decimal(0), "nature": _text(goods, "Natura")})
        line["taxable_amount"] += amount - vat
        line["vat_amount"] += vat
        gross = amount + (gross or 0)
        rows.append(" | ".join((_text(goods, "Descrizione") or "", f"{rate}%" if rate is not None else "",
                                str(vat), str(amount))))
    return list(by_rate.values()), rows, gross


def _rate_of(amount: Decimal, vat: Decimal) -> Decimal | None:
    """The Italian VAT rate that gives VAT on AMOUNT (VAT included), None if none does to the cent."""
    for rate in sorted(LEGAL_VAT_RATES):
        if abs((amount * rate / (100 + rate)) - vat) <= CENT:
            return rate.quantize(CENT)
    return None


def _fill(doc: Document, invoice: _Body, checks: list[Check]) -> Document:
    doc.pages = [Page(number=1, text=invoice.text, source="xml", confidence=1.0)]
    doc.classification = Classification(invoice.label, 1.0, [], source="fatturapa")
    doc.fields = {key: Field(value=value, raw=raw, confidence=1.0, page=1) for key, (value, raw) in invoice.fields.items()}
    doc.checks = list(checks)
    return doc


def _readable(version: str, kind: str, fields: dict, body, supplier, customer, rows: list[str]) -> str:
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
        seat = _child(element, "Sede")
        if seat is None:  # FSM10's customer
            seat = _child(element, "AltriDatiIdentificativi/Sede")
        address = " ".join(filter(None, (_text(seat, tag) for tag in
                                         ("Indirizzo", "NumeroCivico", "CAP", "Comune", "Provincia"))))
        if address:
            lines.append(f"Sede: {address}")
    for reason in _children(_child(body, "DatiGenerali/DatiGeneraliDocumento"), "Causale"):
        lines.append(f"Causale: {reason.text or ''}")
    lines += rows
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
    match = DATE_RE.fullmatch(text)
    try:
        return dt.date.fromisoformat(match.group(1) if match else text)
    except ValueError as exc:
        raise InvalidFatturaPA(f"{where}: {tag} is {text!r}, not a date (YYYY-MM-DD)") from exc
