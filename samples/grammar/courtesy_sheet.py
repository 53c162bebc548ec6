"""C0, our own courtesy-copy stylesheet: a FatturaPA XML written as the HTML a browser prints.

Written from the FatturaPA specification's blocks and from how Italian accounting packages
and the Agenzia delle Entrate print an e-invoice, never from a public stylesheet: the
supplier's and the customer's boxes (`Identificativo fiscale ai fini IVA: IT...`,
`Codice fiscale: ...`, `Denominazione: ...`), the document row under grey header cells
(`Tipologia documento | Art. 73 | Numero documento | Data documento | Codice
destinatario`), the lines, the VAT summary, the totals and the payment table
(`Modalita pagamento | IBAN | Data scadenza | Importo`). What a browser makes of such a
sheet is what the tuned G19 (drawn with reportlab) does not show: HTML tables with a 1px
border around every cell, grey header cells, small CSS fonts, condensed columns, the
sans-serif fonts the machine has. A seed varies what such sheets vary: the font and its
size, the header cells' fill, the captions' wording and case, the order of the blocks,
dates and amounts as the XML has them or in the Italian way, codes alone or explained.
"""

from __future__ import annotations

import html
import random
from decimal import Decimal

from lxml import etree

# CSS font stacks; only DejaVu is installed, so the first names fall back to DejaVu Sans as a browser would
FONTS = ("Arial, Helvetica, sans-serif", "Verdana, Geneva, sans-serif", "'DejaVu Sans Condensed', sans-serif",
         "Tahoma, sans-serif", "'Times New Roman', 'DejaVu Serif', serif")
FONT_SIZES = {"px": (8.0, 11.0), "pt": (6.5, 9.0)}  # the body's CSS size: 7-10 px/pt, as such sheets set it
FILLS = ("#cccccc", "#d3d3d3", "#dddddd", "#e0e0e0", "#e6e6e6", "#eeeeee")  # header cells' grey
SUPPLIER = ("Cedente/prestatore (fornitore)", "Cedente / Prestatore", "Dati del cedente / prestatore", "Fornitore")
CUSTOMER = ("Cessionario/committente (cliente)", "Cessionario / Committente", "Dati del cessionario / committente",
            "Cliente")
VAT_ID = ("Identificativo fiscale ai fini IVA", "Partita IVA", "Id. fiscale IVA", "P.IVA")
DOCUMENT_TYPES = {"TD01": "fattura", "TD04": "nota di credito", "TD05": "nota di debito", "TD06": "parcella",
                  "TD24": "fattura differita"}
PAYMENT_METHODS = {"MP01": "contanti", "MP05": "bonifico", "MP08": "carta di pagamento", "MP12": "RIBA",
                   "MP19": "SEPA Direct Debit"}
TERMS = {"TP01": "pagamento a rate", "TP02": "pagamento completo", "TP03": "anticipo"}
REGIMES = {"RF01": "ordinario", "RF02": "contribuenti minimi", "RF19": "forfettario"}
COLLECTABILITY = {"I": "esigibilità immediata", "D": "esigibilità differita", "S": "scissione dei pagamenti"}
NUMERIC = ' class="n"'  # a cell's attribute that puts an amount to the right
TITLES = ("FATTURA ELETTRONICA", "Copia di cortesia", "Documento di cortesia della fattura elettronica",
          "Versione FPR12")


class Style:
    """One draw of what a stylesheet chooses: seeded, so a copy prints the same way each time."""

    def __init__(self, seed: int):
        rng = random.Random(f"courtesy-sheet:{seed}")
        unit = rng.choice(tuple(FONT_SIZES))
        self.font, self.size = rng.choice(FONTS), f"{rng.uniform(*FONT_SIZES[unit]):.1f}{unit}"
        self.fill = rng.choice(FILLS)
        self.upper = rng.random() < 0.35  # captions in capitals
        self.supplier, self.customer, self.vat_id = rng.choice(SUPPLIER), rng.choice(CUSTOMER), rng.choice(VAT_ID)
        self.side_by_side = rng.random() < 0.5  # the parties' boxes beside each other, else one under the other
        self.caption_cells = rng.random() < 0.4  # a party's captions in a cell of their own, else "Caption: value"
        self.transmission = rng.choice(("top", "bottom", None))
        self.payment_first = rng.random() < 0.3  # the payment table before the VAT summary
        self.iso_dates = rng.random() < 0.4  # 2025-03-14 as the XML has it, else 14-03-2025
        self.xml_amounts = rng.random() < 0.3  # 1443.65 as the XML has it, else 1.443,65
        self.explained = rng.random() < 0.7  # "MP05 bonifico", else the bare code
        self.title = rng.choice(TITLES)
        self.width = rng.choice((100, 100, 90, 80))  # the tables' width, % of the page

    def caption(self, text: str) -> str:
        return text.upper() if self.upper else text

    def date(self, iso: str | None) -> str:
        if not iso or self.iso_dates:
            return iso or ""
        year, month, day = iso[:10].split("-")
        return f"{day}-{month}-{year}"

    def amount(self, xml: str | None) -> str:
        if not xml:
            return ""
        if self.xml_amounts:
            return xml
        return f"{Decimal(xml):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")

    def code(self, code: str | None, meanings: dict[str, str]) -> str:
        if not code:
            return ""
        return f"{code} ({meanings[code]})" if self.explained and code in meanings else code


def html_page(xml: bytes, seed: int) -> str:
    """The HTML of the courtesy copy of XML, in the style drawn for SEED."""
    root = etree.fromstring(xml)
    header, body = root.find("FatturaElettronicaHeader"), root.find("FatturaElettronicaBody")
    style = Style(seed)
    blocks = [_parties(header, style), _document_row(header, body, style), _lines(body, style)]
    money = [_summary(body, style), _totals(body, style), _payment(body, style)]
    blocks += [money[2], money[0], money[1]] if style.payment_first else money
    transmission = _transmission(header, style)
    if style.transmission == "top":
        blocks.insert(0, transmission)
    elif style.transmission == "bottom":
        blocks.append(transmission)
    css = (f"body {{ font-family: {style.font}; font-size: {style.size}; margin: 0; }} "
           f"table {{ border-collapse: collapse; width: {style.width}%; margin-bottom: 6px; }} "
           "td, th { border: 1px solid #000; padding: 1px 3px; vertical-align: top; } "
           f"th {{ background-color: {style.fill}; font-weight: bold; text-align: left; }} "
           "td.n { text-align: right; } h1 { font-size: 130%; margin: 0 0 6px 0; } "
           "@page { size: A4; margin: 12mm; }")
    return (f"<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>{_text(style.title)}</title>"
            f"<style>{css}</style></head><body><h1>{_text(style.title)}</h1>{''.join(blocks)}</body></html>")


def _text(value) -> str:
    return html.escape(str(value)) if value is not None else ""


def _get(element, path: str) -> str | None:
    found = element.find(path) if element is not None else None
    return found.text.strip() if found is not None and found.text else None


def _table(style: Style, captions: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    """A ruled table: a row of grey header cells over its rows, numeric columns to the right."""
    head = "".join(f"<th>{_text(style.caption(c))}</th>" for c in captions)
    cells = ["".join(f"<td{NUMERIC if i in numeric else ''}>{_text(v)}</td>" for i, v in enumerate(row))
             for row in rows]
    return f"<table><tr>{head}</tr>{''.join(f'<tr>{c}</tr>' for c in cells)}</table>"


def _party_lines(party, style: Style, supplier: bool) -> list[tuple[str, str]]:
    """A party's (caption, value) lines, as the specification's DatiAnagrafici and Sede hold them."""
    data, seat = party.find("DatiAnagrafici"), party.find("Sede")
    lines = []
    vat = _get(data, "IdFiscaleIVA/IdCodice")
    if vat:
        lines.append((style.vat_id, f"{_get(data, 'IdFiscaleIVA/IdPaese')}{vat}"))
    if _get(data, "CodiceFiscale"):
        lines.append(("Codice fiscale", _get(data, "CodiceFiscale")))
    lines.append(("Denominazione", _get(data, "Anagrafica/Denominazione")))
    if supplier and _get(data, "RegimeFiscale"):
        lines.append(("Regime fiscale", style.code(_get(data, "RegimeFiscale"), REGIMES)))
    street = " ".join(filter(None, (_get(seat, "Indirizzo"), _get(seat, "NumeroCivico"))))
    lines += [("Indirizzo", street), ("Comune", f"{_get(seat, 'Comune')} Provincia: {_get(seat, 'Provincia')}"),
              ("Cap", _get(seat, "CAP")), ("Nazione", _get(seat, "Nazione"))]
    return lines


def _party_box(party, style: Style, supplier: bool) -> str:
    title = style.caption(style.supplier if supplier else style.customer)
    lines = _party_lines(party, style, supplier)
    if style.caption_cells:
        rows = "".join(f"<tr><td>{_text(style.caption(c))}</td><td>{_text(v)}</td></tr>" for c, v in lines)
        return f"<table><tr><th colspan=\"2\">{_text(title)}</th></tr>{rows}</table>"
    rows = "".join(f"<div>{_text(style.caption(c))}: {_text(v)}</div>" for c, v in lines)
    return f"<table><tr><th>{_text(title)}</th></tr><tr><td>{rows}</td></tr></table>"


def _parties(header, style: Style) -> str:
    boxes = [_party_box(header.find("CedentePrestatore"), style, True),
             _party_box(header.find("CessionarioCommittente"), style, False)]
    if not style.side_by_side:
        return "".join(boxes)
    cells = "".join(f"<td style=\"border: none; padding: 0 4px 0 0; width: 50%\">{b}</td>" for b in boxes)
    return f"<table style=\"border: none\"><tr>{cells}</tr></table>"


def _transmission(header, style: Style) -> str:
    sent = header.find("DatiTrasmissione")
    sender = f"{_get(sent, 'IdTrasmittente/IdPaese')}{_get(sent, 'IdTrasmittente/IdCodice')}"
    return _table(style, ["Identificativo trasmittente", "Progressivo invio", "Formato trasmissione",
                          "Codice destinatario"],
                  [[sender, _get(sent, "ProgressivoInvio"), _get(sent, "FormatoTrasmissione"),
                    _get(sent, "CodiceDestinatario")]])


def _document_row(header, body, style: Style) -> str:
    general = body.find("DatiGenerali/DatiGeneraliDocumento")
    return _table(style, ["Tipologia documento", "Art. 73", "Numero documento", "Data documento",
                          "Codice destinatario"],
                  [[style.code(_get(general, "TipoDocumento"), DOCUMENT_TYPES), "", _get(general, "Numero"),
                    style.date(_get(general, "Data")), _get(header, "DatiTrasmissione/CodiceDestinatario")]])


def _lines(body, style: Style) -> str:
    rows = []
    for line in body.findall("DatiBeniServizi/DettaglioLinee"):
        rate = style.amount(_get(line, "AliquotaIVA"))
        nature = _get(line, "Natura")
        rows.append([_get(line, "NumeroLinea"), _get(line, "Descrizione"), style.amount(_get(line, "Quantita")),
                     style.amount(_get(line, "PrezzoUnitario")), "", f"{rate} ({nature})" if nature else rate,
                     style.amount(_get(line, "PrezzoTotale"))])
    return _table(style, ["Nr.", "Descrizione", "Quantità", "Prezzo unitario", "Sconto o magg.", "%IVA",
                          "Prezzo totale"], rows, numeric={2, 3, 5, 6})


def _summary(body, style: Style) -> str:
    rows = []
    for row in body.findall("DatiBeniServizi/DatiRiepilogo"):
        nature = _get(row, "Natura")
        terms = f"{nature} {_get(row, 'RiferimentoNormativo') or ''}".strip() if nature else \
            style.code(_get(row, "EsigibilitaIVA"), COLLECTABILITY)
        rows.append([terms, style.amount(_get(row, "AliquotaIVA")), style.amount(_get(row, "ImponibileImporto")),
                     style.amount(_get(row, "Imposta"))])
    return _table(style, ["Esigibilità IVA / riferimenti normativi", "%IVA", "Totale imponibile", "Totale imposta"],
                  rows, numeric={1, 2, 3})


def _totals(body, style: Style) -> str:
    general = body.find("DatiGenerali/DatiGeneraliDocumento")
    return _table(style, ["Importo bollo", "Sconto/Maggiorazione", "Divisa", "Totale documento"],
                  [["", "", _get(general, "Divisa"), style.amount(_get(general, "ImportoTotaleDocumento"))]],
                  numeric={3})


def _payment(body, style: Style) -> str:
    payment = body.find("DatiPagamento")
    if payment is None:
        return ""
    rows = [[style.code(_get(detail, "ModalitaPagamento"), PAYMENT_METHODS), _get(detail, "IBAN") or "",
             style.date(_get(detail, "DataScadenzaPagamento")), style.amount(_get(detail, "ImportoPagamento"))]
            for detail in payment.findall("DettaglioPagamento")]
    terms = f"<div>{_text(style.caption('Condizioni di pagamento'))}: " \
            f"{_text(style.code(_get(payment, 'CondizioniPagamento'), TERMS))}</div>"
    return terms + _table(style, ["Modalità pagamento", "IBAN", "Data scadenza", "Importo"], rows, numeric={3})
