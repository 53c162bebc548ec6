"""Invoices from other countries (issue 11): English, German, Austrian, Swiss,
French, Belgian, Dutch and Spanish ones, each on a layout of its own kind (a DIN
letter with the VAT number only in the footer, a centred title, a header grid of
captions over values, a title top left with the supplier top right), written as
PDFs with reportlab here and read by the text and fields stages as the pipeline does.

Every invoice is addressed to an Italian customer and names its supplier's VAT
number with the country prefix, valid by python-stdnum's rules of that country."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from demat.extractors import fields
from demat.extractors import text as text_stage
from demat.extractors.fields.checks import add_review_reasons, run_checks
from demat.kernel.document import Classification, Document, StageContext

Line = tuple[float, float, float, str, str]  # x mm, y mm from the top, font size, text, alignment (l, r, c)

CUSTOMER = [(20, 50, 9, "Bianchi Utensili S.p.A.", "l"), (20, 55, 9, "Via Verdi 2", "l"),
            (20, 60, 9, "10121 Torino, Italy", "l"), (20, 65, 9, "P.IVA IT01533030183", "l")]


def write_pdf(lines: list[Line], path: Path, width: float = 210) -> Path:
    canvas = Canvas(str(path), pagesize=(width * mm, 297 * mm), invariant=1)
    for x, y, size, text, align in lines:
        canvas.setFont("Helvetica-Bold" if size >= 12 else "Helvetica", size)
        draw = {"l": canvas.drawString, "r": canvas.drawRightString, "c": canvas.drawCentredString}[align]
        draw(x * mm, (297 - y) * mm, text)
    canvas.save()
    return path


def read(lines: list[Line], tmp_path: Path, label: str = "fattura", width: float = 210) -> Document:
    """The text stage on the PDF, the classifier's answer given, then fields and checks as the pipeline runs them."""
    ctx = StageContext(config=_config(tmp_path), executor=_serial(), work_dir=tmp_path)
    path = write_pdf(lines, tmp_path / "invoice.pdf", width)
    doc = text_stage.run(Document(path=path, original_name=path.name), ctx)
    doc.classification = Classification(label, 0.99)
    doc = fields.run(doc, ctx)
    run_checks(doc.fields)
    add_review_reasons(doc)
    return doc


def _config(tmp_path: Path):
    from demat.kernel.config import load_config
    return load_config(tmp_path, environ={})


def _serial():
    from demat.pipeline.executor import SerialExecutor
    return SerialExecutor()


def totals(x: float, y: float, rows: list[tuple[str, str]]) -> list[Line]:
    """Caption at X, amount right-aligned at 190 mm, one row every 6 mm from Y."""
    return [line for i, (caption, amount) in enumerate(rows)
            for line in ((x, y + 6 * i, 9, caption, "l"), (190, y + 6 * i, 9, amount, "r"))]


def german_din_letter() -> list[Line]:
    """A DIN 5008 letter: the sender on one small line over the window, the data block
    on the right, the VAT number only in the footer's columns."""
    return [(20, 18, 14, "Müller Maschinenbau GmbH", "l"),
            (20, 44, 6.5, "Müller Maschinenbau GmbH · Hauptstraße 5 · 80331 München", "l"), *CUSTOMER,
            (125, 50, 9, "Rechnungsnummer:", "l"), (190, 50, 9, "RE-2025-0417", "r"),
            (125, 55, 9, "Kundennummer:", "l"), (190, 55, 9, "K-10388", "r"),
            (125, 60, 9, "Lieferdatum:", "l"), (190, 60, 9, "28. Februar 2025", "r"),
            (125, 65, 9, "Rechnungsdatum:", "l"), (190, 65, 9, "3. März 2025", "r"),
            (20, 85, 12, "Rechnung", "l"),
            (20, 95, 9, "Pos.  Bezeichnung", "l"), (150, 95, 9, "Menge", "l"), (190, 95, 9, "Betrag", "r"),
            (20, 101, 9, "1  Hydraulikpumpe HP-40", "l"), (150, 101, 9, "2", "l"), (190, 101, 9, "2.450,00", "r"),
            (20, 107, 9, "2  Montage vor Ort", "l"), (150, 107, 9, "1", "l"), (190, 107, 9, "780,50", "r"),
            *totals(125, 120, [("Nettobetrag", "3.230,50 €"), ("zzgl. 19 % USt.", "613,80 €"),
                               ("Gesamtbetrag", "3.844,30 €")]),
            (20, 150, 9, "Zahlbar bis zum 2. April 2025 ohne Abzug.", "l"),
            (20, 275, 7, "Müller Maschinenbau GmbH", "l"), (20, 279, 7, "Amtsgericht München HRB 123456", "l"),
            (80, 275, 7, "USt-IdNr. DE342366712", "l"), (80, 279, 7, "Steuernummer 143/123/45678", "l"),
            (140, 275, 7, "IBAN DE89 3704 0044 0532 0130 00", "l"), (140, 279, 7, "BIC COBADEFFXXX", "l")]


def austrian_header_grid() -> list[Line]:
    """Captions in a row with their values on the row below; an ATU number."""
    return [(20, 18, 13, "Alpenholz Tischlerei GmbH", "l"), (20, 24, 8, "Salzachgasse 3, 5020 Salzburg", "l"),
            (20, 28, 8, "UID: ATU98347887", "l"), *CUSTOMER,
            (20, 80, 12, "RECHNUNG", "l"),
            (20, 90, 7.5, "Rechnung Nr.", "l"), (60, 90, 7.5, "Datum", "l"), (100, 90, 7.5, "Kunde", "l"),
            (140, 90, 7.5, "Fällig am", "l"),
            (20, 95, 9.5, "2025/0318", "l"), (60, 95, 9.5, "14.01.2025", "l"), (100, 95, 9.5, "K 2207", "l"),
            (140, 95, 9.5, "13.02.2025", "l"),
            (20, 110, 9, "Eichentisch massiv 200 x 90 cm", "l"), (190, 110, 9, "1.850,00", "r"),
            *totals(125, 125, [("Summe netto", "EUR 1.850,00"), ("20 % USt.", "EUR 370,00"),
                               ("Rechnungsbetrag", "EUR 2.220,00")])]


def swiss_invoice() -> list[Line]:
    """Francs with the apostrophe grouping, a CHE number, MWST at 8.1 %."""
    return [(190, 18, 13, "Bergtech AG", "r"), (190, 24, 8, "Bahnhofstrasse 10, 8001 Zürich", "r"),
            (190, 28, 8, "MWST-Nr. CHE-968.256.882 MWST", "r"), *CUSTOMER,
            (20, 80, 12, "Rechnung", "l"),
            (20, 88, 9, "Rechnungsnummer", "l"), (65, 88, 9, "20250291", "l"),
            (20, 93, 9, "Rechnungsdatum", "l"), (65, 93, 9, "07.04.2025", "l"),
            (20, 108, 9, "Wartungsvertrag 2025", "l"), (190, 108, 9, "12'400.00", "r"),
            *totals(125, 125, [("Total exkl. MWST", "CHF 12'400.00"), ("MWST 8.1 %", "CHF 1'004.40"),
                               ("Total inkl. MWST", "CHF 13'404.40")])]


def french_centred_title() -> list[Line]:
    """FACTURE N° centred, the parties in two columns, a month name, spaces grouping thousands."""
    return [(20, 18, 12, "Dupont Industrie SARL", "l"), (20, 24, 8, "12 rue de la Paix, 75002 Paris", "l"),
            (20, 28, 8, "N° TVA intracommunautaire : FR34712944834", "l"),
            (105, 45, 14, "FACTURE N° F2025-0042", "c"), (105, 52, 9, "Paris, le 12 février 2025", "c"),
            (120, 62, 9, "Client", "l"), (120, 67, 9, "Bianchi Utensili S.p.A.", "l"), (120, 72, 9, "Via Verdi 2", "l"),
            (120, 77, 9, "10121 Torino, Italie", "l"), (120, 82, 9, "TVA : IT01533030183", "l"),
            (20, 100, 9, "Désignation", "l"), (190, 100, 9, "Montant HT", "r"),
            (20, 106, 9, "Étude technique de faisabilité", "l"), (190, 106, 9, "10 250,00 €", "r"),
            *totals(120, 125, [("Total HT", "10 250,00 €"), ("TVA 20 %", "2 050,00 €"), ("Montant TTC", "12 300,00 €")]),
            (20, 150, 9, "Date d'échéance : 14 mars 2025", "l")]


def belgian_invoice() -> list[Line]:
    return [(20, 18, 12, "Brasserie Lambiek SRL", "l"), (20, 24, 8, "Rue Haute 40, 1000 Bruxelles", "l"),
            (20, 28, 8, "TVA BE 0524.635.881", "l"), *CUSTOMER,
            (20, 80, 12, "FACTURE", "l"), (20, 88, 9, "Numéro de facture : 2025-00093", "l"),
            (20, 93, 9, "Date de facture : 03/02/2025", "l"),
            (20, 105, 9, "Bière gueuze, 24 caisses", "l"), (190, 105, 9, "864,00", "r"),
            *totals(120, 120, [("Total hors TVA", "864,00 EUR"), ("TVA 21%", "181,44 EUR"),
                               ("Total TVAC", "1.045,44 EUR")])]


def dutch_invoice() -> list[Line]:
    return [(190, 18, 12, "Van Dijk Logistiek B.V.", "r"), (190, 24, 8, "Havenweg 7, 3011 Rotterdam", "r"),
            (190, 28, 8, "Btw-nummer: NL596614172B01", "r"), *CUSTOMER,
            (20, 80, 12, "FACTUUR", "l"),
            (20, 88, 9, "Factuurnummer: 2025-7781", "l"), (110, 88, 9, "Factuurdatum: 14 maart 2025", "l"),
            (110, 93, 9, "Vervaldatum: 13 april 2025", "l"),
            (20, 105, 9, "Transport Rotterdam - Torino", "l"), (190, 105, 9, "€ 2.300,00", "r"),
            *totals(120, 120, [("Subtotaal", "€ 2.300,00"), ("Btw 21%", "€ 483,00"), ("Totaal te betalen", "€ 2.783,00")])]


def spanish_invoice() -> list[Line]:
    return [(20, 18, 12, "Aceites del Sur S.L.", "l"), (20, 24, 8, "Calle Mayor 8, 41001 Sevilla", "l"),
            (20, 28, 8, "NIF-IVA: ESA51875680", "l"), *CUSTOMER,
            (20, 80, 12, "FACTURA", "l"), (20, 88, 9, "Factura nº: A-2025/118", "l"),
            (110, 88, 9, "Fecha: 14 de marzo de 2025", "l"), (110, 93, 9, "Vencimiento: 13/04/2025", "l"),
            (20, 105, 9, "Aceite de oliva virgen extra, 120 l", "l"), (190, 105, 9, "1.140,00 €", "r"),
            *totals(120, 120, [("Base imponible", "1.140,00 €"), ("IVA 21%", "239,40 €"), ("Total factura", "1.379,40 €")])]


def british_invoice() -> list[Line]:
    return [(20, 18, 16, "INVOICE", "l"), (190, 18, 11, "Harrow & Finch Ltd", "r"),
            (190, 24, 8, "14 King Street, Leeds LS1 2HL", "r"), (190, 28, 8, "VAT Reg No: GB 258 0039 68", "r"),
            (20, 36, 9, "Inv #", "l"), (50, 36, 9, "HF-10293", "l"),
            (20, 41, 9, "Date", "l"), (50, 41, 9, "3rd March 2025", "l"),
            (20, 46, 9, "Terms", "l"), (50, 46, 9, "30 days", "l"),
            (120, 50, 9, "Invoice to", "l"), (120, 55, 9, "Bianchi Utensili S.p.A.", "l"),
            (120, 60, 9, "10121 Torino, Italy", "l"), (120, 65, 9, "VAT IT01533030183", "l"),
            (20, 90, 9, "Bespoke tooling, 40 units", "l"), (190, 90, 9, "£11,250.00", "r"),
            *totals(120, 105, [("Net", "£11,250.00"), ("VAT @ 20%", "£2,250.00"), ("Total due", "£13,500.00")])]


def american_invoice() -> list[Line]:
    """No VAT number; dates month first, as a US supplier writes them."""
    return [(20, 18, 16, "INVOICE", "l"), (190, 18, 11, "Kestrel Industries LLC", "r"),
            (190, 24, 8, "500 Congress Ave, Austin, TX 78701, USA", "r"),
            (20, 36, 9, "Invoice No.", "l"), (50, 36, 9, "K-5521", "l"),
            (20, 41, 9, "Date", "l"), (50, 41, 9, "03/12/2025", "l"),
            (20, 46, 9, "Due Date", "l"), (50, 46, 9, "04/11/2025", "l"),
            (120, 50, 9, "Bill to", "l"), (120, 55, 9, "Bianchi Utensili S.p.A.", "l"),
            (120, 60, 9, "10121 Torino, Italy", "l"),
            (20, 90, 9, "Sensor kit, 12 units", "l"), (190, 90, 9, "$4,180.00", "r"),
            *totals(120, 105, [("Subtotal", "$4,180.00"), ("Shipping", "$120.00"), ("Total (USD)", "$4,300.00")])]


def swiss_french_in_dollars() -> list[Line]:
    """A Geneva supplier pricing in US dollars: the currency of the amounts, not of the share capital."""
    return [(20, 18, 12, "Horlogerie Lemanique SA", "l"), (20, 24, 8, "Quai du Mont-Blanc 4, 1201 Genève", "l"),
            (20, 28, 8, "Capital social CHF 100'000.-", "l"), (20, 32, 8, "N° TVA CHE-968.256.882 TVA", "l"),
            (120, 50, 9, "Facturé à", "l"), (120, 55, 9, "Bianchi Utensili S.p.A.", "l"),
            (120, 60, 9, "P.IVA IT01533030183", "l"),
            (20, 80, 12, "FACTURE", "l"), (20, 88, 9, "Facture n° : HL-25-077", "l"),
            (20, 93, 9, "Date : 1er avril 2025", "l"), (20, 98, 9, "Échéance : 1er mai 2025", "l"),
            (20, 110, 9, "Mouvements de précision, 500 pièces", "l"), (190, 110, 9, "USD 21'500.00", "r"),
            *totals(120, 125, [("Total HT", "USD 21'500.00"), ("TVA 0 % (exportation)", "USD 0.00"),
                               ("Total à payer", "USD 21'500.00")])]


def irish_header_grid() -> list[Line]:
    """Captions over values; the customer under "Bill To"; euro amounts in the English format."""
    return [(190, 18, 12, "Liffey Software Limited", "r"), (190, 24, 8, "3 Grand Canal Quay, Dublin 2", "r"),
            (190, 28, 8, "VAT No. IE9416170W", "r"),
            (20, 40, 8, "BILL TO", "l"), (20, 45, 9, "Bianchi Utensili S.p.A.", "l"), (20, 50, 9, "10121 Torino", "l"),
            (20, 55, 9, "VAT IT01533030183", "l"),
            (20, 75, 7.5, "Invoice No.", "l"), (65, 75, 7.5, "Invoice Date", "l"), (110, 75, 7.5, "Due Date", "l"),
            (150, 75, 7.5, "Account", "l"),
            (20, 80, 9.5, "LS-2025-0311", "l"), (65, 80, 9.5, "28 Feb 2025", "l"), (110, 80, 9.5, "30 Mar 2025", "l"),
            (150, 80, 9.5, "ACC-4410", "l"),
            (20, 95, 9, "Licence, 25 seats, annual", "l"), (190, 95, 9, "€18,750.00", "r"),
            *totals(120, 110, [("Total excl. VAT", "€18,750.00"), ("VAT 23%", "€4,312.50"),
                               ("Total incl. VAT", "€23,062.50")])]


def indian_invoice() -> list[Line]:
    """Rupees grouped in lakhs; GST instead of VAT."""
    return [(20, 18, 16, "TAX INVOICE", "l"), (190, 18, 11, "Sharma Textiles Pvt Ltd", "r"),
            (190, 24, 8, "MG Road, Bengaluru 560001", "r"),
            (20, 36, 9, "Invoice No.", "l"), (50, 36, 9, "ST/24-25/0918", "l"),
            (20, 41, 9, "Invoice Date", "l"), (50, 41, 9, "17-03-2025", "l"),
            (120, 50, 9, "Bill to", "l"), (120, 55, 9, "Bianchi Utensili S.p.A.", "l"),
            (20, 90, 9, "Cotton fabric, 2,000 m", "l"), (190, 90, 9, "Rs. 3,40,000.00", "r"),
            *totals(120, 105, [("Taxable value", "Rs. 3,40,000.00"), ("IGST 5%", "Rs. 17,000.00"),
                               ("Grand Total", "INR 3,57,000.00")])]


CASES = {
    "de": (german_din_letter, {"number": "RE-2025-0417", "date": dt.date(2025, 3, 3), "due_date": dt.date(2025, 4, 2),
                               "supplier_vat": "DE342366712", "supplier_name": "Müller Maschinenbau GmbH",
                               "customer_name": "Bianchi Utensili S.p.A.",
                               "customer_vat": "01533030183", "taxable_amount": Decimal("3230.50"),
                               "vat_amount": Decimal("613.80"), "total": Decimal("3844.30"), "currency": "EUR",
                               "iban": "DE89370400440532013000"}),
    "at": (austrian_header_grid, {"number": "2025/0318", "date": dt.date(2025, 1, 14), "due_date": dt.date(2025, 2, 13),
                                  "supplier_vat": "ATU98347887", "supplier_name": "Alpenholz Tischlerei GmbH",
                                  "customer_name": "Bianchi Utensili S.p.A.", "customer_vat": "01533030183",
                                  "taxable_amount": Decimal("1850.00"), "vat_amount": Decimal("370.00"),
                                  "total": Decimal("2220.00"), "currency": "EUR"}),
    "ch": (swiss_invoice, {"number": "20250291", "date": dt.date(2025, 4, 7), "supplier_vat": "CHE968256882MWST",
                           "supplier_name": "Bergtech AG", "customer_name": "Bianchi Utensili S.p.A.",
                           "customer_vat": "01533030183", "taxable_amount": Decimal("12400.00"),
                           "vat_amount": Decimal("1004.40"), "total": Decimal("13404.40"), "currency": "CHF"}),
    "fr": (french_centred_title, {"number": "F2025-0042", "date": dt.date(2025, 2, 12), "due_date": dt.date(2025, 3, 14),
                                  "supplier_vat": "FR34712944834", "supplier_name": "Dupont Industrie SARL",
                                  "customer_vat": "01533030183", "taxable_amount": Decimal("10250.00"),
                                  "vat_amount": Decimal("2050.00"), "total": Decimal("12300.00"), "currency": "EUR"}),
    "be": (belgian_invoice, {"number": "2025-00093", "date": dt.date(2025, 2, 3), "supplier_vat": "BE0524635881",
                             "supplier_name": "Brasserie Lambiek SRL", "total": Decimal("1045.44"), "currency": "EUR"}),
    "nl": (dutch_invoice, {"number": "2025-7781", "date": dt.date(2025, 3, 14), "due_date": dt.date(2025, 4, 13),
                           "supplier_vat": "NL596614172B01", "supplier_name": "Van Dijk Logistiek B.V.",
                           "taxable_amount": Decimal("2300.00"), "vat_amount": Decimal("483.00"),
                           "total": Decimal("2783.00"), "currency": "EUR"}),
    "es": (spanish_invoice, {"number": "A-2025/118", "date": dt.date(2025, 3, 14), "due_date": dt.date(2025, 4, 13),
                             "supplier_vat": "ESA51875680", "supplier_name": "Aceites del Sur S.L.",
                             "taxable_amount": Decimal("1140.00"), "vat_amount": Decimal("239.40"),
                             "total": Decimal("1379.40"), "currency": "EUR"}),
    "gb": (british_invoice, {"number": "HF-10293", "date": dt.date(2025, 3, 3), "supplier_vat": "GB258003968",
                             "supplier_name": "Harrow & Finch Ltd", "customer_vat": "01533030183",
                             "taxable_amount": Decimal("11250.00"), "vat_amount": Decimal("2250.00"),
                             "total": Decimal("13500.00"), "currency": "GBP"}),
    "us": (american_invoice, {"number": "K-5521", "date": dt.date(2025, 3, 12), "due_date": dt.date(2025, 4, 11),
                              "supplier_name": "Kestrel Industries LLC", "total": Decimal("4300.00"),
                              "currency": "USD"}),
    "ch-fr-usd": (swiss_french_in_dollars, {"number": "HL-25-077", "date": dt.date(2025, 4, 1),
                                            "due_date": dt.date(2025, 5, 1), "supplier_vat": "CHE968256882TVA",
                                            "supplier_name": "Horlogerie Lemanique SA", "customer_vat": "01533030183",
                                            "total": Decimal("21500.00"), "currency": "USD"}),
    "ie": (irish_header_grid, {"number": "LS-2025-0311", "date": dt.date(2025, 2, 28), "due_date": dt.date(2025, 3, 30),
                               "supplier_vat": "IE9416170W", "supplier_name": "Liffey Software Limited",
                               "customer_vat": "01533030183", "taxable_amount": Decimal("18750.00"),
                               "vat_amount": Decimal("4312.50"), "total": Decimal("23062.50"), "currency": "EUR"}),
    "in": (indian_invoice, {"number": "ST/24-25/0918", "date": dt.date(2025, 3, 17),
                            "supplier_name": "Sharma Textiles Pvt Ltd", "taxable_amount": Decimal("340000.00"),
                            "vat_amount": Decimal("17000.00"), "total": Decimal("357000.00"), "currency": "INR"}),
}


@pytest.mark.parametrize("country", CASES)
def test_an_invoice_from_another_country(country, tmp_path):
    make, expected = CASES[country]
    doc = read(make(), tmp_path)
    assert {name: doc.field_value(name) for name in expected} == expected


@pytest.mark.parametrize("printed, date", [
    ("14 maart 2025", dt.date(2025, 3, 14)), ("1 mei 2025", dt.date(2025, 5, 1)),
    ("14 de marzo de 2025", dt.date(2025, 3, 14)), ("3 de septiembre de 2025", dt.date(2025, 9, 3)),
    ("3rd March 2025", dt.date(2025, 3, 3)), ("21st of June 2025", dt.date(2025, 6, 21)),
    ("12 févr. 2025", dt.date(2025, 2, 12)), ("1er août 2025", dt.date(2025, 8, 1)),
    ("3. Okt. 2025", dt.date(2025, 10, 3)), ("2. Dez. 2025", dt.date(2025, 12, 2)),
])
def test_month_names_and_ordinals_of_other_languages(printed, date):
    from demat.extractors.fields.dates import find_dates
    assert [value for value, _, _ in find_dates(f"Datum / Date / Fecha: {printed}")] == [date]


@pytest.mark.parametrize("printed, amount", [("1,234.56", "1234.56"), ("1'234.56", "1234.56"), ("1’234.56", "1234.56"),
                                             ("1 234,56", "1234.56"), ("12,34,567.50", "1234567.50"),
                                             ("3,40,000.00", "340000.00"), ("1,234,567.00", "1234567.00")])
def test_number_formats_of_other_countries(printed, amount):
    from demat.extractors.fields.amounts import find_amounts
    assert [value for value, _, _ in find_amounts(f"Total {printed}")] == [Decimal(amount)]


# One valid VAT number of every member state (Greece as EL and as GR), Northern Ireland and the UK.
VAT_NUMBERS = ("ATU98347887 BE0524635881 BG017098173 CY00643900L CZ54075874 DE342366712 DK23401355 EE563397470 "
               "EL782316862 GR782316862 ESA51875680 FI41302398 FR34712944834 HR35567362946 HU46164306 IE9416170W "
               "LT774763412 LU95100035 LV75439554991 MT97092361 NL596614172B01 PL8060239186 PT766852520 RO79795254 "
               "SE476066376701 SI40421953 SK4676988294 XI258003968 GB258003968").split()


@pytest.mark.parametrize("number", VAT_NUMBERS)
def test_the_vat_number_of_every_member_state_is_found_and_checked(number):
    from demat.extractors.fields.identifiers import find_vats, is_valid_vat
    grouped = f"{number[:2]} {' '.join(number[i:i + 3] for i in range(2, len(number), 3))}"
    for printed in (number, grouped):
        assert [f.value for f in find_vats(f"VAT / USt-IdNr. / TVA: {printed} - Tel. 0123")] == [number]
    assert is_valid_vat(number)
    digit = next(i for i, c in enumerate(number) if i > 2 and c.isdigit())
    assert not is_valid_vat(number[:digit] + str((int(number[digit]) + 1) % 10) + number[digit + 1:])


@pytest.mark.parametrize("printed, number", [("CHE-968.256.882 MWST", "CHE968256882MWST"),
                                             ("CHE-968.256.882", "CHE968256882")])
def test_a_swiss_vat_number_with_or_without_its_suffix(printed, number):
    from demat.extractors.fields.identifiers import find_vats
    assert [f.value for f in find_vats(f"MWST-Nr. {printed}")] == [number]


def till_roll(shop: list[str], items: list[tuple[str, str]], tail: list[tuple[str, str, float]]) -> list[Line]:
    """An 80 mm till roll: the shop centred, items and amounts in two columns, the total in double height."""
    lines: list[Line] = [(40, 10 + 5 * i, 9, text, "c") for i, text in enumerate(shop)]
    y = 15 + 5 * len(shop)
    for caption, amount in items:
        lines += [(5, y, 8, caption, "l"), (75, y, 8, amount, "r")]
        y += 5
    for caption, amount, size in tail:
        lines += [(5, y, size, caption, "l"), (75, y, size, amount, "r")]
        y += 5 if size < 12 else 8
    return lines


RECEIPTS = {
    "gb": (till_roll(["GREENWAY FOODS", "22 Market Place, York YO1 8SS", "VAT No. GB 258 0039 68"],
                     [("MILK 2L", "1.45"), ("BREAD WHOLEMEAL", "1.10"), ("COFFEE BEANS", "6.99")],
                     [("SUBTOTAL", "9.54", 8), ("TOTAL", "£9.54", 14), ("CASH", "£20.00", 8), ("CHANGE", "£10.46", 8),
                      ("14/03/2025 18:22  TILL 3", "", 8)]),
           {"total": Decimal("9.54"), "currency": "GBP", "date": dt.date(2025, 3, 14), "supplier_vat": "GB258003968"}),
    "ch": (till_roll(["Bäckerei Sonnenhof", "Marktgasse 9, 3011 Bern", "MWST-Nr. CHE-968.256.882 MWST"],
                     [("Zopf 500g", "6.40"), ("Gipfeli 4x", "5.20"), ("Kaffee", "4.80")],
                     [("Zwischensumme", "16.40", 8), ("Rundung", "0.00", 8), ("TOTAL CHF", "16.40", 14),
                      ("Bar", "50.00", 8), ("Rückgeld", "33.60", 8), ("MWST 2.6% inkl.", "0.42", 8),
                      ("07.04.2025 08:15", "", 8)]),
           {"total": Decimal("16.40"), "currency": "CHF", "date": dt.date(2025, 4, 7),
            "supplier_vat": "CHE968256882MWST"}),
}


@pytest.mark.parametrize("country", RECEIPTS)
def test_a_receipt_from_another_country(country, tmp_path):
    lines, expected = RECEIPTS[country]
    doc = read(lines, tmp_path, "ricevuta", width=80)
    assert {name: doc.field_value(name) for name in expected} == expected


def test_a_vat_number_in_a_footer_line_keeps_its_own_words_only():
    from demat.extractors.fields.identifiers import find_vats
    [found] = [f for f in find_vats("USt-IdNr. DE342366712 IBAN DE89 3704 0044 0532 0130 00") if f.value[:2] == "DE"]
    assert (found.value, found.raw) == ("DE342366712", "DE342366712")


def test_a_date_that_reads_only_month_first_makes_the_whole_page_month_first(tmp_path):
    # No address tells the country; the order date 03/14/2025 does.
    lines = [(20, 18, 16, "INVOICE", "l"), (190, 18, 11, "Kestrel Industries LLC", "r"),
             (20, 36, 9, "Invoice No.", "l"), (50, 36, 9, "K-5522", "l"), (20, 41, 9, "Date", "l"),
             (50, 41, 9, "04/01/2025", "l"), (20, 46, 9, "Your order of 03/14/2025", "l"),
             *totals(120, 105, [("Total (USD)", "$4,300.00")])]
    assert read(lines, tmp_path).field_value("date") == dt.date(2025, 4, 1)


@pytest.mark.parametrize("caption", ["Zahlungsziel:", "Fälligkeit:", "Betaaltermijn:", "Pay by", "Vencimiento:",
                                     "À régler avant le"])
def test_due_date_captions_of_other_languages(caption, tmp_path):
    lines = [(20, 18, 12, "Müller Maschinenbau GmbH", "l"), (20, 28, 8, "USt-IdNr. DE342366712", "l"), *CUSTOMER,
             (125, 50, 9, "Rechnungsnummer: RE-1", "l"), (125, 55, 9, "Rechnungsdatum: 03.03.2025", "l"),
             (125, 60, 9, f"{caption} 02.04.2025", "l"), *totals(125, 120, [("Gesamtbetrag", "3.844,30 €")])]
    doc = read(lines, tmp_path)
    assert (doc.field_value("date"), doc.field_value("due_date")) == (dt.date(2025, 3, 3), dt.date(2025, 4, 2))


def german_letter_without_vat_number() -> list[Line]:
    """A small German supplier prints only its tax office number; the window's last line says ITALIEN."""
    return [(20, 18, 13, "Schreinerei Vogel GmbH", "l"),
            (20, 44, 6.5, "Schreinerei Vogel GmbH · Lindenweg 2 · 79098 Freiburg", "l"),
            (20, 50, 9, "Bianchi Utensili S.p.A.", "l"), (20, 55, 9, "Via Verdi 2", "l"),
            (20, 60, 9, "10121 Torino", "l"), (20, 65, 9, "ITALIEN", "l"), (20, 70, 9, "P.IVA IT01533030183", "l"),
            (125, 50, 9, "Rechnungsnummer:", "l"), (190, 50, 9, "V-2025-19", "r"),
            (125, 55, 9, "Rechnungsdatum:", "l"), (190, 55, 9, "05.05.2025", "r"),
            (20, 95, 9, "Einbauschrank Eiche", "l"), (190, 95, 9, "2.100,00 €", "r"),
            *totals(125, 110, [("Nettobetrag", "2.100,00 €"), ("USt. 19 %", "399,00 €"), ("Gesamtbetrag", "2.499,00 €")]),
            (20, 275, 7, "Steuernummer 06/123/45678 - Finanzamt Freiburg", "l")]


def test_the_italian_p_iva_of_a_block_addressed_to_italy_is_the_customers(tmp_path):
    doc = read(german_letter_without_vat_number(), tmp_path)
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("customer_name") == "Bianchi Utensili S.p.A."
    assert doc.field_value("supplier_vat") is None
    assert doc.field_value("supplier_name") == "Schreinerei Vogel GmbH"


def test_an_italian_supplier_whose_own_block_says_italia_keeps_its_p_iva(tmp_path):
    lines = [(20, 18, 12, "Rossi Forniture S.r.l.", "l"), (20, 24, 9, "Via Roma 1", "l"),
             (20, 29, 9, "20100 Milano - Italia", "l"), (20, 34, 9, "P.IVA IT00743110157", "l"),
             (120, 50, 9, "Spett.le", "l"), (120, 55, 9, "Bianchi Utensili S.p.A.", "l"),
             (120, 60, 9, "Via Verdi 2, Torino", "l"),
             (20, 80, 9, "Fattura n. 12 del 02/04/2025", "l"), *totals(120, 110, [("Totale documento", "122,00")])]
    doc = read(lines, tmp_path)
    assert (doc.field_value("supplier_vat"), doc.field_value("customer_vat")) == ("00743110157", None)


@pytest.mark.parametrize("sentence", ["Bitte überweisen Sie den Rechnungsbetrag bis zum 02.04.2025 auf unser Konto.",
                                      "Please pay the full amount by 02/04/2025.",
                                      "Merci de régler cette facture avant le 02/04/2025."])
def test_a_due_date_in_a_sentence_asking_for_payment(sentence, tmp_path):
    lines = [(20, 18, 12, "Müller Maschinenbau GmbH", "l"), (20, 28, 8, "USt-IdNr. DE342366712", "l"), *CUSTOMER,
             (125, 50, 9, "Rechnungsnummer: RE-1", "l"), (125, 55, 9, "Rechnungsdatum: 03.03.2025", "l"),
             (20, 150, 9, sentence, "l"), *totals(125, 120, [("Gesamtbetrag", "3.844,30 €")])]
    doc = read(lines, tmp_path)
    assert (doc.field_value("date"), doc.field_value("due_date")) == (dt.date(2025, 3, 3), dt.date(2025, 4, 2))


def test_a_two_line_name_and_a_codice_fiscale_in_a_window_addressed_to_italy(tmp_path):
    lines = [(20, 18, 13, "Schreinerei Vogel GmbH", "l"),
             (20, 44, 6.5, "Schreinerei Vogel GmbH · Lindenweg 2 · 79098 Freiburg", "l"),
             (20, 50, 9, "Autoricambi Benedetti S.a.s.", "l"), (20, 55, 9, "di Benedetti Lucia & C.", "l"),
             (20, 60, 9, "Via Cavour 43", "l"), (20, 65, 9, "40121 Bologna", "l"), (20, 70, 9, "ITALIEN", "l"),
             (20, 75, 9, "USt-IdNr. IT01533030183 - C.F. 00743110157", "l"),
             (125, 50, 9, "Rechnungsnummer:", "l"), (190, 50, 9, "V-2025-19", "r"),
             (125, 55, 9, "Rechnungsdatum:", "l"), (190, 55, 9, "05.05.2025", "r"),
             *totals(125, 110, [("Nettobetrag", "2.100,00 €"), ("USt. 0 %", "0,00 €"), ("Gesamtbetrag", "2.100,00 €")])]
    doc = read(lines, tmp_path)
    assert doc.field_value("customer_vat") == "01533030183"
    assert doc.field_value("customer_name") == "Autoricambi Benedetti S.a.s. di Benedetti Lucia & C."


def test_the_customers_p_iva_in_the_data_block_of_a_letter_addressed_to_italy(tmp_path):
    lines = [(20, 18, 13, "Schreinerei Vogel GmbH", "l"),
             (20, 50, 9, "Bianchi Utensili S.p.A.", "l"), (20, 55, 9, "Via Verdi 2", "l"),
             (20, 60, 9, "10121 Torino", "l"), (20, 65, 9, "ITALIEN", "l"),
             (125, 50, 9, "Rechnungsnummer:", "l"), (190, 50, 9, "V-2025-19", "r"),
             (125, 55, 9, "Rechnungsdatum:", "l"), (190, 55, 9, "05.05.2025", "r"),
             (125, 60, 9, "Ihre USt-IdNr.:", "l"), (190, 60, 9, "IT01533030183", "r"),
             *totals(125, 110, [("Nettobetrag", "2.100,00 €"), ("USt. 0 %", "0,00 €"), ("Gesamtbetrag", "2.100,00 €")])]
    doc = read(lines, tmp_path)
    assert (doc.field_value("customer_vat"), doc.field_value("supplier_vat")) == ("01533030183", None)
    assert doc.field_value("customer_name") == "Bianchi Utensili S.p.A."
