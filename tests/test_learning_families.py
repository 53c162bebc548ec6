"""Learning from one confirmation on the tuned families G13-G16: a VAT row learnt on the summary's line
that prints its rate, a number made to its supplier's shape (or read whole where OCR cut it), and amounts
the general extractor worked out from one figure that are no second read.

Real PDFs and scans of tuned grammar families (a supplier's series: samples/grammar/series.py), read by
the text and fields stages (tesseract for the scans); real scans of one printed line.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from demat.extractors import fields
from demat.extractors.fields.values import date as date_value
from demat.extractors.layouts import apply_layout
from demat.extractors.layouts.arithmetic import as_printed, mend_amounts
from demat.extractors.layouts.model import FieldPlace, SupplierLayout
from demat.extractors.layouts.proof import proven, shape
from demat.extractors.layouts.read import LayoutReading
from demat.extractors.layouts.reread import read_again, scan_reader
from demat.indexer.repository import from_json
from demat.kernel.config import load_config
from demat.kernel.document import Document, Field, StageContext
from demat.pipeline.executor import SerialExecutor
from demat.web import i18n_checks
from test_learning import (
    FONT,
    OneLayout,
    _series,
    learnt_from,
    lines_scan,
    misread,
    one_line_scan,
    read_invoice,
    shifted_scan,
)
from test_learning import printed as printed_amount


def test_a_vat_row_is_learnt_on_the_summary_line_that_prints_its_rate_not_on_a_fee_of_the_same_amount(
        tmp_path: Path):
    """A G13 distributor charges 3,00 of collection fees at 22%, its goods at 10%: the 22% row's imponibile
    is also printed beside 'Spese di incasso'. Learnt from the born-digital invoice, the row's place is the
    VAT summary's 'Aliquota 22%' line; a phone photo of a later invoice, whose OCR loses the fee, is read
    with both rows of its VAT split right (the fee's place read nothing, and no row was made)."""
    (first, want_first), = _series(tmp_path / "pdf", "G13", 0, 1)
    photo, want = _series(tmp_path / "scan", "G13", 0, 3, kind="scan")[2]
    layout = learnt_from(first, want_first, tmp_path)
    assert photo.suffix == ".jpg" and [row["rate"] for row in want["vat_lines"]] == ["22.00", "10.00"]

    doc = read_invoice(photo, tmp_path)
    after = apply_layout(doc, OneLayout(layout), scan_reader(doc, load_config(tmp_path / "home").ocr))
    assert after.field_value("vat_lines") == from_json("vat_lines", want["vat_lines"])


def test_a_vat_row_a_phone_photo_lost_is_what_the_totals_leave_where_its_rate_proves_it(tmp_path: Path):
    """The same G13 distributor confirmed on a scan: the photo of a later invoice loses the amounts of its
    10% row and cuts its 22% row's 3,00 to '30' (read whole only in its box widened). The 10% row is what
    the totals read leave of the 22% row, 452,68, its tax then 45,27 as 10% of it makes: the whole split is
    read right and the invoice leaves review."""
    (first, want_first), = _series(tmp_path / "first", "G13", 0, 1, kind="scan")
    photo, want = _series(tmp_path / "scan", "G13", 0, 4, kind="scan")[3]
    layout = learnt_from(first, want_first, tmp_path)
    doc = read_invoice(photo, tmp_path)
    assert photo.suffix == ".jpg" and doc.field_value("vat_lines") != from_json("vat_lines", want["vat_lines"])

    after = apply_layout(doc, OneLayout(layout), scan_reader(doc, load_config(tmp_path / "home").ocr))
    assert after.field_value("vat_lines") == from_json("vat_lines", want["vat_lines"]) and not after.review_reasons


def test_a_vat_row_read_elsewhere_is_proven_with_the_other_row_what_the_totals_leave_to_the_cent():
    """Rows at 22% and 10%, totals 455,68 + 45,93 = 501,61; the 22% row's imponibile read elsewhere, the 10%
    row's not at all (its tax read on the line above: 0,66, the 22% row's). 3,00 leaves 452,68, whose 10% is
    45,27, what the tax total leaves: proven. 3,06 (its tax at 22% still 0,67, a cent from 0,66) leaves
    452,62, whose 10% is 45,26: not; nor without the imponibile's total to leave it from, nor 152,68 read
    for the 10% row with the 22% one lost."""
    layout = SupplierLayout("vat:10769690719", "600x840", {},
                            [{"rate": "22.00", "nature": None}, {"rate": "10.00", "nature": None}])
    totals = {name: Field(Decimal(value)) for name, value in
              (("taxable_amount", "455.68"), ("vat_amount", "45.93"), ("total", "501.61"))}
    taxes = {"vat_lines.0.vat_amount": Field(Decimal("0.66")), "vat_lines.1.vat_amount": Field(Decimal("0.66"))}
    row = "vat_lines.0.taxable_amount"
    assert proven(row, {**totals, **taxes, row: Field(Decimal("3.00"))}, layout)
    assert not proven(row, {**totals, **taxes, row: Field(Decimal("3.06"))}, layout)
    assert not proven(row, {**taxes, row: Field(Decimal("3.00")), "vat_amount": totals["vat_amount"]}, layout)
    other = "vat_lines.1.taxable_amount"
    assert not proven(other, {**totals, other: Field(Decimal("152.68"))}, layout)


def test_a_scanned_number_whose_prefix_ocr_read_as_a_digit_is_made_to_its_suppliers_shape(tmp_path: Path):
    """A G15 online shop numbers its invoices IT25/79729: a faint scan reads '1T25/79729', and reads it so
    again in its box. The general extractor reads a shop's "1T" as its IT (number.py), and the shape the
    confirmed number taught (IT99/99999) keeps it: the number is IT25/79729 and the invoice goes straight
    through."""
    (first, want_first), = _series(tmp_path / "pdf", "G15", 1, 1)
    scan, want = _series(tmp_path / "scan", "G15", 1, 4, kind="scan")[3]
    layout = learnt_from(first, want_first, tmp_path)
    doc = read_invoice(scan, tmp_path)
    assert doc.field_value("number") == want["number"]

    after = apply_layout(doc, OneLayout(layout), scan_reader(doc, load_config(tmp_path / "home").ocr))
    assert after.field_value("number") == want["number"] and not after.review_reasons


def test_a_number_not_of_its_suppliers_shape_after_a_second_read_goes_to_review(tmp_path: Path):
    """A number whose prefix reads 'AT' where the supplier prints 'IT' (no character OCR confuses with I),
    read so again in its box: nothing makes it the supplier's shape, and no check would refute it: it is
    named for a person to look at, in Italian. A number whose runs of digits alone differ is not (a
    counter not padded with zeros grows, and starts again each year)."""
    doc, ctx = one_line_scan(tmp_path, "Numero fattura AT25/79729", FONT)
    [page] = doc.pages
    [word] = [w for w in page.words if w.text.endswith("79729")]
    layout = SupplierLayout("vat:01234567897", "600x840", {}, shapes={"number": shape("IT25/70001")})
    for as_read, misshapen, want in (("AT25/79729", True, "AT25/79729"), ("1T25/79729", False, "IT25/79729"),
                                     ("IT2/79729", False, "IT2/79729")):  # a counter with fewer digits: its own
        number = Field(as_read, raw=as_read, confidence=0.99, source_box=word.box, page=1)
        reading = LayoutReading(fields={"number": number}, places={"number": (page, word.box)})
        read_again(reading, {}, [], scan_reader(doc, ctx.config.ocr), layout)
        assert (reading.misshapen == ["number"], reading.fields["number"].value) == (misshapen, want), as_read
    said = i18n_checks.reason({"code": "misshapen", "field": "number"}, {}, "it")
    assert said.startswith("Il campo") and "forma" in said


def test_amounts_worked_out_from_one_printed_figure_are_no_second_read_for_the_arithmetic():
    """A G16 typewritten form whose scan the general extractor read only one figure of, 380,10 (the
    Imposta box), taken as the total and the imponibile and IVA worked out from it at 22% (311,56 and
    68,54, all with the text '380,10'). Through the layout the Imposta is read 380,10 at its place: the
    worked-out amounts add up, but they are one read, not two that agree: the amounts are not 'mended'
    to them (and, kept, they count as read away from the layout's places: `apply_layout`)."""
    place = FieldPlace("vat_amount", 1, "page", (0.44, 0.78, 0.49, 0.79))
    layout = SupplierLayout("vat:71240560723", "600x840", {"vat_amount": place}, [{"rate": "22.00", "nature": None}])
    box = (252.1, 677.4, 288.1, 685.7)
    general = {"taxable_amount": Field(Decimal("311.56"), raw="380,10", confidence=0.54, source_box=box, page=1),
               "vat_amount": Field(Decimal("68.54"), raw="380,10", confidence=0.54, source_box=box, page=1),
               "total": Field(Decimal("380.10"), raw="380,10", confidence=0.9, source_box=box, page=1),
               "vat_lines": Field([{"rate": Decimal("22.00"), "taxable_amount": Decimal("311.56"),
                                    "vat_amount": Decimal("68.54"), "nature": None}], raw="380,10 380,10")}
    fields = {"vat_amount": Field(Decimal("380.10"), raw="380,10", confidence=0.99, source_box=box, page=1)}
    assert [name for name, value in general.items() if not as_printed(name, value)] == ["taxable_amount", "vat_amount"]
    mend_amounts(fields, general, layout, 0.99, set())
    assert fields == {"vat_amount": Field(Decimal("380.10"), raw="380,10", confidence=0.99, source_box=box, page=1)}


def test_a_scanned_number_ocr_cut_in_two_is_read_whole_where_whole_it_is_of_its_suppliers_shape(tmp_path: Path):
    """A fax's OCR cut the number printed at its learnt place into two words, less than a character apart
    (a G13 fax read '2025/001' '37' for 2025/00137, a shape the confirmed 2025/00xxx does not have), and it
    left review so. The figures right after it are the rest of it: whole, it is of the confirmed shape.
    The cut is made here on the words of a real scan, as the OCR of today no longer cuts that fax."""
    doc, ctx = one_line_scan(tmp_path, "Fattura n. 2025/00137", FONT)
    [page] = doc.pages
    [word] = [w for w in page.words if w.text.startswith("2025")]
    x0, top, x1, bottom = word.box
    split = x0 + (x1 - x0) * 8 // 10  # after "2025/001", 8 of its 10 characters
    head = replace(word, text="2025/001", box=(x0, top, split, bottom), confidence=0.95)
    rest = replace(word, text="37", box=(split + 1, top, x1, bottom), confidence=0.95)
    page.words = [replace(w, confidence=0.95) for w in page.words if w is not word] + [head, rest]
    layout = SupplierLayout("vat:01234567897", "600x840", {}, shapes={"number": shape("2025/00101")})
    number = Field("2025/001", raw="2025/001", confidence=0.99, source_box=head.box, page=1)
    reading = LayoutReading(fields={"number": number}, places={"number": (page, head.box)})
    read_again(reading, {}, [], scan_reader(doc, ctx.config.ocr), layout)
    assert reading.fields["number"].value == "2025/00137" and reading.misshapen == []


def test_a_date_not_written_as_its_supplier_writes_them_after_a_second_read_goes_to_review(tmp_path: Path):
    """A date printed with a two-figure year where its supplier writes four: read again in its box it is as
    printed, so it is named for a person to look at, in Italian; one read short where four figures are
    printed is read again whole and kept."""
    layout = SupplierLayout("vat:01234567897", "600x840", {}, shapes={"date": "9/9/9999"})
    for printed, as_read, misshapen, want in (("30/06/20", "30/06/20", ["date"], dt.date(2020, 6, 30)),
                                             ("30/06/2025", "30/06/ 20", [], dt.date(2025, 6, 30))):
        doc, ctx = one_line_scan(tmp_path, f"Data {printed}", FONT)
        [page] = doc.pages
        [word] = [w for w in page.words if w.text.startswith("30")]
        date = Field(dt.date(2020, 6, 30), raw=as_read, confidence=0.99, source_box=word.box, page=1)
        reading = LayoutReading(fields={"date": date}, places={"date": (page, word.box)})
        read_again(reading, {}, [], scan_reader(doc, ctx.config.ocr), layout)
        assert (reading.misshapen, reading.fields["date"].value) == (misshapen, want), printed
    said = i18n_checks.reason({"code": "misshapen", "field": "date"}, {}, "it")
    assert said.startswith("Il campo") and "forma" in said


def test_a_date_of_its_suppliers_shape_but_years_from_the_pages_other_dates_is_read_again_or_goes_to_review(
        tmp_path: Path):
    """A G16 typewritten form's fax read its date 21/08/25 as 21/08/28: written as the supplier writes dates
    (9/9/9: `date_shape`), and no check refutes it, it left review wrong. Three years from every other date
    of the page, it is read again in its box: read 21/08/25 there, it is kept; printed 21/08/28 indeed (read
    alike twice), it is named for a person to look at, in Italian. A date near the page's others is left as
    read."""
    layout = SupplierLayout("vat:01234567897", "600x840", {}, shapes={"date": "9/9/9"})
    for printed, as_read, implausible, want in (("21/08/25", "21/08/28", [], dt.date(2025, 8, 21)),
                                                ("21/08/28", "21/08/28", ["date"], dt.date(2028, 8, 21)),
                                                ("21/08/25", "21/08/25", [], dt.date(2025, 8, 21))):
        doc, ctx = lines_scan(tmp_path, [f"Data {printed}", "Scadenza 20/09/25"], FONT)
        [page] = doc.pages
        [word] = [w for w in page.words if w.text.startswith("21")]
        page.text = page.text.replace(word.text, as_read)  # as the fax's OCR read it
        read = Field(date_value(as_read)[0], raw=as_read, confidence=0.99, source_box=word.box, page=1)
        reading = LayoutReading(fields={"date": read}, places={"date": (page, word.box)})
        read_again(reading, {}, [], scan_reader(doc, ctx.config.ocr), layout)
        assert (reading.implausible, reading.fields["date"].value) == (implausible, want), (printed, as_read)
    said = i18n_checks.reason({"code": "implausible", "field": "date"}, {}, "it")
    assert said.startswith("Il campo") and "verosimile" in said


def test_a_tax_whose_cents_ocr_parted_from_the_comma_is_a_read_that_mends_two_misread_goods_lines():
    """A G4 fax read the goods lines 169,26 as 189,26 and 114,88 as 214,88: the goods table makes the
    split 663,50 at 22% and 244,46 at 4%, which does not add up to the imponibile 787,96. The general
    extractor read the IVA from '147, 35' (the cents parted from the comma): a read where it is printed,
    not worked out from another, so with the imponibile and the total it mends the split to the one that
    adds up with one digit changed, 643,50 and 144,46."""
    layout = SupplierLayout("vat:77368950950", "600x840", {},
                            [{"rate": "22.00", "nature": None}, {"rate": "4.00", "nature": None}])
    general = {"taxable_amount": Field(Decimal("787.96"), raw="787,96"),
               "vat_amount": Field(Decimal("147.35"), raw="147, 35"),
               "total": Field(Decimal("935.31"), raw="935,31")}
    assert as_printed("vat_amount", general["vat_amount"])
    goods = [{"rate": Decimal("22"), "taxable_amount": Decimal("663.50"), "nature": None, "vat_amount": Decimal("145.97")},
             {"rate": Decimal("4"), "taxable_amount": Decimal("244.46"), "nature": None, "vat_amount": Decimal("9.78")}]
    fields = {"taxable_amount": general["taxable_amount"], "total": general["total"],
              "vat_lines": Field(goods, raw="goods table")}
    mend_amounts(fields, general, layout, 0.99, set())
    assert [(row["taxable_amount"], row["vat_amount"]) for row in fields["vat_lines"].value] == \
        [(Decimal("643.50"), Decimal("141.57")), (Decimal("144.46"), Decimal("5.78"))]


def test_amounts_worked_out_from_one_figure_where_the_layout_holds_none_are_named_for_review(tmp_path: Path):
    """A G16 supplier confirmed on a faint scan that lost its totals' line: its layout holds no amount. On
    its next faint scan the general extractor read one figure of the totals, the IVA, took it for the total
    and worked out the imponibile and IVA from it at 22%: they add up, and nothing the layout reads refutes
    them. Worked out, not read, they are named for review; the amounts as printed are not."""
    (first, want_first), (second, want) = _series(tmp_path / "g16", "G16", 1, 2)
    learnt = learnt_from(first, want_first, tmp_path)
    layout = replace(learnt, fields={name: place for name, place in learnt.fields.items()
                                     if name not in ("taxable_amount", "vat_amount", "total")
                                     and not name.startswith("vat_lines.")})
    doc = read_invoice(second, tmp_path)
    assert [name for name in doc.fields if not as_printed(name, doc.fields[name])] == []
    assert apply_layout(doc, OneLayout(layout)).read_away == []

    tax = doc.fields["vat_amount"]
    taxable = (tax.value / Decimal("1.22")).quantize(Decimal("0.01"))
    doc.fields.update({"total": replace(tax), "taxable_amount": replace(tax, value=taxable),
                       "vat_amount": replace(tax, value=tax.value - taxable)})
    doc.fields.pop("vat_lines")
    assert sorted(apply_layout(doc, OneLayout(layout)).read_away) == ["taxable_amount", "vat_amount"]
    assert want["total"] != str(tax.value)


def test_an_amount_whose_thousands_point_ocr_read_as_a_colon_is_read_whole_at_its_place(tmp_path: Path):
    """A G16 form's flatbed scan read its imponibile 12.523,33 as "12:523,33" and its IVA with a digit
    wrong: the amount's parser reads 523,33 out of the imponibile, no two amounts agree, the total is
    dropped as not adding up and the invoice goes to review without its total or VAT split. At the learnt
    place the colon between the figures is the thousands' point: with the total, it mends the IVA."""
    (first, want_first), (second, want) = _series(tmp_path / "g16", "G16", 0, 2)
    layout = learnt_from(first, want_first, tmp_path)
    doc = read_invoice(second, tmp_path)
    taxable, tax = printed_amount(doc, want["taxable_amount"]), printed_amount(doc, want["vat_amount"])
    assert taxable.count(".") == 1
    doc = misread(doc, taxable, taxable.replace(".", ":"), tmp_path)
    doc = misread(doc, tax, tax[:-4] + str((int(tax[-4]) + 1) % 10) + tax[-3:], tmp_path)

    after = apply_layout(doc, OneLayout(layout))
    for name in ("taxable_amount", "vat_amount", "total"):
        assert after.field_value(name) == Decimal(want[name]), name
    assert after.field_value("vat_lines")[0]["taxable_amount"] == Decimal(want["taxable_amount"])


def without_rate_beside(doc: Document, amount: str, work: Path) -> Document:
    """DOC as OCR would read it without the rate printed after the goods line's AMOUNT (the general
    extractor runs again)."""
    [page] = doc.pages
    line = next(w for w in page.words if w.text == amount)
    rate = next(w for w in page.words if w.box[0] > line.box[2] and w.box[1] < line.box[3] and w.box[3] > line.box[1]
                and w.text.rstrip("%").isdigit())
    page.words = [w for w in page.words if w is not rate]
    page.text = "\n".join(" ".join(w.text for w in page.words if abs(w.box[1] - top) < 2)
                          for top in sorted({round(w.box[1]) for w in page.words}))
    doc.fields = {}
    return fields.run(doc, StageContext(load_config(work / "home"), SerialExecutor(), work))


def test_a_vat_split_added_up_from_the_goods_lines_is_read_on_a_shrunk_scan_and_with_a_rate_lost(tmp_path: Path):
    """G4 prints the rate of each goods line, not the taxable amount of each rate: its layout learns the
    columns of the line amounts and of their rates. A phone's photo shrinks and moves the page: the columns
    move with the template's words, or no line is in them and the invoice has no VAT split (a tuned G4
    photo at grammar seed 29). That photo lost the rate of one line too: the rows read, one short, are
    mended by the invoice's arithmetic at the confirmed rates."""
    (first, want_first), (second, want) = _series(tmp_path / "g4", "G4", 1, 2)
    layout = learnt_from(first, want_first, tmp_path)
    assert layout.items is not None
    scan = read_invoice(shifted_scan(second, tmp_path / "foto.png", 0.9, (60, 90)), tmp_path)
    split = [{**row, "rate": Decimal(row["rate"]), "taxable_amount": Decimal(row["taxable_amount"]),
              "vat_amount": Decimal(row["vat_amount"])} for row in want["vat_lines"]]

    after = apply_layout(copy.deepcopy(scan), OneLayout(layout))
    assert after.field_value("vat_lines") == split

    lost_rate = without_rate_beside(scan, "756,00", tmp_path)
    after = apply_layout(lost_rate, OneLayout(layout))
    assert after.field_value("vat_lines") == split
