"""Courtesy copies that print the parties' boxes side by side (issue 11, C0's scans): one line holds both
headings ("Dati del cedente / prestatore | Dati del cessionario / committente"), each heading its own column of
captions and values down to the table of the document's data; the supplier's box may be a line longer (its
"Regime fiscale"), so the customer's lines stand level with other lines of the supplier's. And a heading that a
scan read with a speck beside it (a box's rule read as "|") is a heading still. Their identifiers: a codice
fiscale in the cell after its caption's, and a P.IVA misread one figure from the valid codice fiscale beside it.
"""

from __future__ import annotations

from test_fields_layout import page_as_read, read


def _boxes_side_by_side(y: float, supplier: list[tuple[str, str]], customer: list[tuple[str, str]],
                        indent: float = 78):
    """Two boxes of caption | value cells 13 points a line, the supplier's at x 37, the customer's at x 274, each
    value INDENT points right of its caption, as a scan read them: the rule between the supplier's name and its caption
    read as a "|" glued to the name, the 0 of its regime's code "RF01" as an O."""
    cells = [(37, y, "Dati del cedente / prestatore"), (274, y, "Dati del cessionario / committente")]
    for x, lines in ((37, supplier), (274, customer)):
        for i, (caption, value) in enumerate(lines):
            if x == 37 and caption == "Denominazione":
                cells.append((x, y + 13 * (i + 1), f"{caption} |{value}"))
            else:
                cells += [(x, y + 13 * (i + 1), caption), (x + indent, y + 13 * (i + 1), value)]
    return cells


SUPPLIER = [("P.IVA", "IT02104370016"), ("Codice fiscale", "02104370016"), ("Denominazione", "Fontana Meccanica S.r.l."),
            ("Regime fiscale", "RFO1"), ("Indirizzo", "Corso Francia 10"), ("Comune", "Torino"), ("Cap", "10138"),
            ("Nazione", "IT")]
CUSTOMER = [("P.IVA", "IT01533030183"), ("Codice fiscale", "01533030183"), ("Denominazione", "Bianchi S.p.A."),
            ("Indirizzo", "Via Verdi 2"), ("Comune", "Bergamo"), ("Cap", "24121"), ("Nazione", "IT")]
DOCUMENT_ROW = [(36, 178, "Tipologia documento"), (154, 178, "Numero documento"), (308, 178, "Data documento"),
                (401, 178, "Codice destinatario"), (36, 191, "TD01"), (154, 191, "123/A"), (308, 191, "2025-03-14"),
                (401, 191, "X444EG7"),
                (36, 215, "Causale: fornitura di ricambi e materiali di consumo per la manutenzione ordinaria degli impianti"),
                (36, 227, "come da ordine del cliente e secondo le condizioni generali di vendita in vigore alla data"),
                (36, 239, "della consegna, con pagamento a mezzo bonifico bancario entro trenta giorni dalla fattura")]
EXPECTED = {"supplier_name": "Fontana Meccanica S.r.l.", "supplier_vat": "02104370016",
            "customer_name": "Bianchi S.p.A.", "customer_vat": "01533030183"}


def _small_print(*cells: tuple[float, float, str]):
    """Words as a scan of a sheet in 7-point print reads them: 6 points high, 3.5 points a letter (a rule's "|"
    as tall as two lines and a little wider)."""
    boxes = []
    for x, y, text in cells:
        for word in text.split(" "):
            boxes.append((word, (x, y, x + 14, y + 11) if word == "|" else (x, y, x + 3.5 * len(word), y + 6)))
            x += 3.5 * (len(word) + 1)
    return page_as_read(boxes)


def test_the_customer_box_beside_the_supplier_box(ctx):
    # Was: no section read (two headings on one line), the customer's name taken from the supplier's "RFO1" over its street.
    doc = read(ctx, "fattura", _small_print((34, 45, "Documento di cortesia della fattura elettronica"),
                                            *_boxes_side_by_side(54, SUPPLIER, CUSTOMER), *DOCUMENT_ROW))
    assert {name: doc.field_value(name) for name in EXPECTED} == EXPECTED


def test_a_heading_with_a_speck_beside_it(ctx):
    # The customer's heading, alone on its line but for a box's rule read as "|" at the page's right edge; its
    # section runs on into the document's data under it. Was: no section, and no customer's name.
    supplier = [(37, 64 + 9 * i, f"{c}: {v}") for i, (c, v) in enumerate(SUPPLIER)]
    customer = [(37, 155 + 9 * i, f"{c}: {v}") for i, (c, v) in enumerate(CUSTOMER)]
    doc = read(ctx, "fattura", _small_print(
        (34, 35, "Documento di cortesia della fattura elettronica"), (37, 52, "Cedente / Prestatore"), *supplier,
        (37, 143, "Dati del cessionario / committente"), (547, 141, "|"), *customer,
        (36, 225, "Tipologia documento"), (215, 225, "Numero documento"), (338, 225, "Data documento"),
        (442, 225, "Codice destinatario"), (36, 236, "TD01 (fattura)"), (215, 236, "123/A"), (338, 236, "14-03-2025"),
        (442, 236, "X444EG7")))
    assert {name: doc.field_value(name) for name in EXPECTED} == EXPECTED


def _stacked_cells(y: float, heading: str, lines: list[tuple[str, str]]):
    """A box of caption | value cells one under the other, the values 300 points right of their captions."""
    return [(36, y, heading)] + [cell for i, (caption, value) in enumerate(lines)
                                 for cell in ((36, y + 11 * (i + 1), caption), (336, y + 11 * (i + 1), value))]


def test_a_codice_fiscale_in_the_cell_after_its_caption(ctx):
    # The codice fiscale's caption in a cell of its own, its value far right of it: a codice fiscale, not a second
    # reading of the P.IVA. Was: no supplier_tax_code (a name without a legal form gives none of its own).
    supplier = [("Identificativo fiscale ai fini IVA", "IT02104370016"), ("Codice fiscale", "02104370016"),
                ("Denominazione", "Tipografia Fontana"), ("Indirizzo", "Corso Francia 10")]
    doc = read(ctx, "fattura", _small_print((34, 45, "Documento di cortesia della fattura elettronica"),
                                            *_stacked_cells(78, "Cedente / Prestatore", supplier),
                                            *[(x, y + 40, text) for x, y, text in DOCUMENT_ROW]))
    assert doc.field_value("supplier_vat") == "02104370016"
    assert doc.field_value("supplier_tax_code") == "02104370016"


def test_a_vat_number_misread_one_figure_from_its_codice_fiscale(ctx):
    # The customer's P.IVA read with a 3 as a 5 fails its check; its codice fiscale, one figure apart, passes:
    # the same number. Was: no customer_vat (a scan's P.IVA that fails its check is none).
    customer = [(caption, "IT01533030185" if caption == "P.IVA" else value) for caption, value in CUSTOMER]
    doc = read(ctx, "fattura", _small_print(
        (34, 35, "Documento di cortesia della fattura elettronica"), (37, 52, "Cedente / Prestatore"),
        *[(37, 64 + 9 * i, f"{c}: {v}") for i, (c, v) in enumerate(SUPPLIER)],
        (37, 143, "Dati del cessionario / committente"), *[(37, 155 + 9 * i, f"{c}: {v}") for i, (c, v) in enumerate(customer)],
        *[(x, y + 47, text) for x, y, text in DOCUMENT_ROW]))
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("customer_tax_code") == "01533030183"


def _unnamed(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A party box's rows without its "Denominazione": the test prints the name as the scan read it."""
    return [(caption, value) for caption, value in rows if caption != "Denominazione"]


def test_a_name_read_into_one_cell_with_the_caption_beside_it(ctx):
    # The supplier's name read into one cell with the customer's "Denominazione" beside it, its form with an S read
    # twice ("5S.n.c."), the customer's with a box's rule read as "|" before it. Was: "Conti V. & C. 5S.n.c.
    # Denominazione" and "| Bianchi S.p.A.".
    doc = read(ctx, "fattura", _small_print(
        (34, 45, "Documento di cortesia della fattura elettronica"),
        *_boxes_side_by_side(54, _unnamed(SUPPLIER), _unnamed(CUSTOMER)),
        (37, 160, "Denominazione"), (115, 160, "Conti V. & C. 5S.n.c. Denominazione"), (361, 160, "| Bianchi S.p.A."),
        *[(x, y + 10, text) for x, y, text in DOCUMENT_ROW]))
    assert doc.field_value("supplier_name") == "Conti V. & C. S.n.c."
    assert doc.field_value("customer_name") == "Bianchi S.p.A."


def test_the_title_over_the_boxes_numbers_nothing(ctx):
    # "FATTURA ELETTRONICA" over the boxes, the supplier's P.IVA in the cell after its caption two lines below it:
    # the P.IVA's, not the document's number, which is under "Numero documento". Was: the P.IVA as the number.
    supplier = [("Identificativo fiscale ai fini IVA", "IT02104370016")] + SUPPLIER[1:]
    customer = [("Identificativo fiscale ai fini IVA", "IT01533030183")] + CUSTOMER[1:]
    doc = read(ctx, "fattura", _small_print((130, 35, "FATTURA ELETTRONICA"), *_boxes_side_by_side(54, supplier, customer, 131),
                                            *DOCUMENT_ROW))
    assert doc.field_value("number") == "123/A"
    assert doc.field_value("supplier_vat") == "02104370016"


def test_a_name_wrapped_in_its_narrow_cell(ctx):
    # A narrow box wraps the name, its legal form on the line under it. Was: "Fontana Meccanica", "Bianchi".
    doc = read(ctx, "fattura", _small_print(
        (34, 45, "Documento di cortesia della fattura elettronica"),
        *_boxes_side_by_side(54, _unnamed(SUPPLIER), _unnamed(CUSTOMER)),
        (37, 160, "Denominazione"), (115, 160, "Fontana Meccanica"), (115, 168, "S.r.l."),
        (274, 160, "Denominazione"), (361, 160, "Bianchi"), (361, 168, "S.p.A."),
        *[(x, y + 20, text) for x, y, text in DOCUMENT_ROW]))
    assert doc.field_value("supplier_name") == "Fontana Meccanica S.r.l."
    assert doc.field_value("customer_name") == "Bianchi S.p.A."
