"""Courtesy copies of demat's own FatturaPA, for the type model to learn and be calibrated on.

A courtesy copy is the XML printed by some stylesheet: a banner that names the
format (`FATTURA ELETTRONICA`) whatever the type, the TipoDocumento code
(`TD04`) and/or its name (`Nota di credito`) in a box, then lines that read
the same for an invoice and a credit note. The model must learn that the
banner says nothing and the box says everything. Each document here is the
sample generator's XML (TipoDocumento drawn from the codes of its type), read
back and laid out by one of five layouts of our own (families K1-K5); none
copies a real stylesheet. Some issuers write a credit note's amounts negative,
so some copies print them so: a minus sign is no reason to doubt the box.
"""

from __future__ import annotations

import random

from demat.extractors.fatturapa import TYPE_NAMES
from demat.extractors.sdi_view import Section, readable
from demat.extractors.sdi_xml import child, children, parse, text
from demat.samples.generator.layout import Rule, Text

FAMILIES = ("K1", "K2", "K3", "K4", "K5")
LABELS = ("fattura", "nota_credito")
# The codes a courtesy copy of each type may carry, the plain invoice most often.
CODES = {"fattura": ("TD01", "TD01", "TD01", "TD24", "TD25", "TD06", "TD05", "TD02"), "nota_credito": ("TD04",)}
BANNERS = ("FATTURA ELETTRONICA", "Fattura elettronica", "FATTURA ELETTRONICA - COPIA DI CORTESIA",
           "Copia di cortesia della fattura elettronica", "FATTURA ELETTRONICA VERSIONE FPR12",
           "Documento elettronico trasmesso tramite SdI")
FONTS = ("Helvetica", "Times")
LEFT, RIGHT = 15.0, 195.0
P_NEGATIVE = 0.3  # of credit notes printed with negative amounts
# Of copies whose type box is left out: a stylesheet may print the type where no reader finds it, and
# then the lines alone, the same for an invoice and a credit note, must not make the model sure.
P_HIDDEN = 0.3


class Copy:
    """What a layout prints, read from the XML."""

    def __init__(self, xml: bytes, rng: random.Random):
        root = parse(xml, "copia.xml").root
        header, body = child(root, "FatturaElettronicaHeader"), child(root, "FatturaElettronicaBody")
        general = child(body, "DatiGenerali/DatiGeneraliDocumento")
        self.view: Section = readable(xml, "copia.xml")
        self.code = text(general, "TipoDocumento") or ""
        self.kind = TYPE_NAMES.get(self.code, "Documento")
        self.number, self.date = text(general, "Numero") or "", text(general, "Data") or ""
        self.total = text(general, "ImportoTotaleDocumento") or ""
        self.transmission = [text(header, f"DatiTrasmissione/{tag}") or "" for tag in
                             ("IdTrasmittente/IdCodice", "ProgressivoInvio", "FormatoTrasmissione",
                              "CodiceDestinatario")]
        self.recipient = text(header, "DatiTrasmissione/CodiceDestinatario") or ""
        self.parties = [_party(child(header, role)) for role in ("CedentePrestatore", "CessionarioCommittente")]
        self.lines = [[text(line, tag) or "" for tag in ("NumeroLinea", "Descrizione", "Quantita", "PrezzoUnitario",
                                                          "AliquotaIVA", "PrezzoTotale")]
                      for line in children(child(body, "DatiBeniServizi"), "DettaglioLinee")]
        if self.code in ("TD04", "TD08") and rng.random() < P_NEGATIVE:
            self.total = _negative(self.total)
            self.lines = [line[:5] + [_negative(line[5])] for line in self.lines]
        self.banner = rng.choice(BANNERS)
        # what the type box says: the code, its name, both, or (seldom) nothing
        self.shows = "hidden" if rng.random() < P_HIDDEN else rng.choice(("code", "name", "both", "both"))

    @property
    def type_box(self) -> str:
        return {"code": self.code, "name": self.kind, "both": f"{self.code} {self.kind.lower()}",
                "hidden": ""}[self.shows]


def _party(element) -> list[str]:
    data = child(element, "DatiAnagrafici")
    seat = child(element, "Sede")
    vat = text(data, "IdFiscaleIVA/IdCodice")
    return [text(data, "Anagrafica/Denominazione") or "",
            f"Identificativo fiscale ai fini IVA: IT{vat}" if vat else "",
            f"Codice fiscale: {text(data, 'CodiceFiscale') or ''}",
            f"Indirizzo: {text(seat, 'Indirizzo') or ''} {text(seat, 'NumeroCivico') or ''}".strip(),
            f"Comune: {text(seat, 'Comune') or ''} ({text(seat, 'Provincia') or ''}) {text(seat, 'CAP') or ''}"]


class Sheet:
    """Text and boxes placed top to bottom on one A4 page (millimetres, `y` the baseline)."""

    def __init__(self, font: str):
        self.font, self.items, self.y = font, [], 20.0

    def put(self, x: float, text_: str, size: float = 8.0, bold: bool = False, align: str = "l") -> None:
        if text_.strip():
            self.items.append(Text(x, self.y, text_, size, bold, align))

    def down(self, mm: float) -> None:
        self.y += mm

    def box(self, x0: float, x1: float, height: float) -> None:
        self.items.append(Rule(x0, self.y - 4, x1, self.y - 4 + height, box=True))

    def row(self, cells: list[tuple[float, str]], size: float = 7.5, bold: bool = False) -> None:
        for x, cell in cells:
            self.put(x, _fit(cell, 38 if x < 100 else 30), size, bold)
        self.down(4.2)

    def fits(self) -> bool:
        return self.y < 275


def _negative(amount: str) -> str:
    return f"-{amount}" if amount and not amount.startswith("-") else amount


def _fit(value: str, chars: int) -> str:
    return value if len(value) <= chars else value[:chars - 1] + "."


def _lines_table(sheet: Sheet, copy: Copy) -> None:
    columns = (LEFT, LEFT + 10, 110, 130, 155, 175)
    sheet.row(list(zip(columns, ("N.", "Descrizione", "Quantità", "Prezzo unitario", "%IVA", "Prezzo totale"))),
              bold=True)
    for line in copy.lines:
        if sheet.fits():
            sheet.row(list(zip(columns, line)))
    sheet.down(3)
    sheet.put(RIGHT, f"Totale documento EUR {copy.total}", 9, True, "r")
    sheet.down(6)


def demat_view(sheet: Sheet, copy: Copy, rng: random.Random) -> None:
    """K1: the XML's own structure, as demat's web template shows it (headings, name/value rows)."""
    def section(s: Section, level: int) -> None:
        if not sheet.fits():
            return
        sheet.put(LEFT, s.title, max(12 - 1.5 * level, 7.5), True)
        sheet.down(5)
        for name, value in s.rows:
            sheet.row([(LEFT + 2, name), (75, value)])
        for block in s.blocks:
            if isinstance(block, Section):
                section(block, level + 1)
            elif sheet.fits():
                sheet.put(LEFT, block.title, 7.5, True)
                sheet.down(4)
                xs = [LEFT + i * (RIGHT - LEFT) / len(block.header) for i in range(len(block.header))]
                sheet.row(list(zip(xs, block.header)), 6.5, True)
                for row in block.rows[:8]:
                    sheet.row(list(zip(xs, row)), 6.5)
    section(copy.view, 0)


def parties_and_grid(sheet: Sheet, copy: Copy, rng: random.Random) -> None:
    """K2: banner, the two parties side by side, a grid of document data, the lines."""
    sheet.put(105, copy.banner, 13, True, "c")
    sheet.down(10)
    sheet.put(LEFT, "Cedente/prestatore (fornitore)", 8, True)
    sheet.put(108, "Cessionario/committente (cliente)", 8, True)
    sheet.down(5)
    for supplier_line, customer_line in zip(*copy.parties):
        sheet.row([(LEFT, supplier_line), (108, customer_line)])
    sheet.down(4)
    captions = ("Tipologia documento", "Art. 73", "Numero documento", "Data documento", "Codice destinatario")
    xs = (LEFT, 62, 82, 122, 158)
    sheet.box(LEFT - 2, RIGHT, 11)
    sheet.row(list(zip(xs, captions)), 7, True)
    sheet.row(list(zip(xs, (copy.type_box, "", copy.number, copy.date, copy.recipient))), 8.5)
    sheet.down(6)
    _lines_table(sheet, copy)


def letterhead(sheet: Sheet, copy: Copy, rng: random.Random) -> None:
    """K3: the supplier's letterhead, the customer on the right, a boxed type under its caption."""
    supplier, customer = copy.parties
    sheet.put(LEFT, supplier[0], 14, True)
    sheet.down(5)
    for line in supplier[1:3]:
        sheet.row([(LEFT, line)])
    sheet.put(RIGHT, copy.banner, 9, False, "r")
    sheet.down(8)
    sheet.put(115, "Spett.le", 8)
    sheet.down(4)
    for line in customer[:1] + customer[3:]:
        sheet.row([(115, line)], 8.5)
    sheet.down(6)
    sheet.box(LEFT - 2, 100, 12)
    sheet.row([(LEFT, rng.choice(("Tipo documento", "Tipologia documento", "Tipo doc."))), (52, "Numero"),
               (78, "Data")], 6.5)
    sheet.row([(LEFT, copy.type_box.upper() if rng.random() < 0.5 else copy.type_box), (52, copy.number),
               (78, copy.date)], 9.5, True)
    sheet.down(8)
    _lines_table(sheet, copy)
    sheet.put(LEFT, "Copia di cortesia: l'originale è il file XML trasmesso tramite il Sistema di Interscambio.", 7)


def compact(sheet: Sheet, copy: Copy, rng: random.Random) -> None:
    """K4: a small banner, one line `Tipo documento: ...`, then everything as label: value."""
    sheet.put(LEFT, copy.banner.upper(), 11, True)
    sheet.put(RIGHT, f"Versione FPR12 - SdI {copy.recipient}", 7, False, "r")
    sheet.down(8)
    caption = rng.choice(("Tipo documento", "Tipologia documento", "Documento"))
    sheet.row([(LEFT, f"{caption}: {copy.type_box}"), (120, f"Numero: {copy.number}")], 9)
    sheet.row([(LEFT, f"Data: {copy.date}"), (120, f"Importo totale: {copy.total}")], 9)
    sheet.down(3)
    for title, party in (("Fornitore", copy.parties[0]), ("Cliente", copy.parties[1])):
        sheet.row([(LEFT, f"{title}: {party[0]}"), (120, party[1])])
    sheet.down(4)
    _lines_table(sheet, copy)


def transmission_first(sheet: Sheet, copy: Copy, rng: random.Random) -> None:
    """K5: the transmission data, then each party and the document's data as caption / value rows
    (the type beside its caption, half-way down the page), then the lines."""
    sheet.put(LEFT, copy.banner, 10, True)
    sheet.down(7)
    sheet.put(LEFT, "Dati relativi alla trasmissione", 8.5, True)
    sheet.down(5)
    captions = ("Identificativo del trasmittente", "Progressivo di invio", "Formato Trasmissione",
                "Codice Amministrazione destinataria")
    for caption, value in zip(captions, copy.transmission):
        sheet.row([(LEFT + 2, caption), (90, value)])
    for title, party in (("Dati del cedente / prestatore", copy.parties[0]),
                         ("Dati del cessionario / committente", copy.parties[1])):
        sheet.down(3)
        sheet.put(LEFT, title, 8.5, True)
        sheet.down(5)
        for line in party:
            caption, _, value = line.partition(": ")
            sheet.row([(LEFT + 2, "Denominazione" if not value else caption), (90, value or caption)])
    sheet.down(3)
    sheet.put(LEFT, "Dati generali del documento", 8.5, True)
    sheet.down(5)
    for caption, value in ((rng.choice(("Tipologia documento", "Tipo documento", "Tipologia")), copy.type_box),
                           ("Valuta importi", "EUR"), ("Data documento", copy.date), ("Numero documento", copy.number),
                           ("Importo totale documento", copy.total)):
        sheet.row([(LEFT + 2, caption), (90, value)], 8)
    sheet.down(4)
    _lines_table(sheet, copy)


LAYOUTS = {"K1": demat_view, "K2": parties_and_grid, "K3": letterhead, "K4": compact, "K5": transmission_first}


def courtesy_spec(label: str, family: str, seed: int):
    """A courtesy copy of a generated `label` (fattura or nota_credito) in layout `family`, as a
    generator `SampleSpec` (one page of placed text: renderable to PDF, readable with word boxes);
    its name ends in `-senza-tipo` when the copy leaves its type box out."""
    from demat.samples.generator import make_spec
    from demat.samples.generator.fatturapa import fatturapa_xml
    from demat.samples.generator.spec import SampleSpec

    rng = random.Random(f"courtesy:{label}:{family}:{seed}")
    spec = make_spec(label, seed, "train")
    xml, _ = fatturapa_xml(spec)
    xml = xml.replace(b"<TipoDocumento>TD01<", f"<TipoDocumento>{rng.choice(CODES[label])}<".encode())
    sheet = Sheet(rng.choice(FONTS))
    copy = Copy(xml, rng)
    LAYOUTS[family](sheet, copy, rng)
    hidden = "-senza-tipo" if copy.shows == "hidden" else ""
    return SampleSpec(f"cortesia-{label}-{family}-s{seed:04d}{hidden}", label, family, seed, "train", {},
                      "amministrazione", sheet.font, [sheet.items])

