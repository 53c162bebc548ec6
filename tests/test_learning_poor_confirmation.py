"""Learning from one confirmation made on a poor scan (lowres, fax), the supplier's next invoices read
clean, and the opposite: places and amounts learnt on a damaged page must still read a clean one.

Real scans of a tuned grammar family (a supplier's series drawn with a seed and made with one damage,
as `bench/learning.py --confirm-damage` makes them), read by the text and fields stages (tesseract).
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from bench.learning import grammar_series
from demat.extractors.layouts import apply_layout
from demat.extractors.layouts.reread import scan_reader
from demat.indexer.repository import from_json
from demat.kernel.config import load_config
from demat.kernel.document import StageContext
from demat.pipeline.executor import SerialExecutor
from demat.pipeline.stages import review_stage
from test_learning import OneLayout, learnt_from, misread, read_invoice


def scan_of(folder: Path, family: str, supplier: int, number: int, seed: int, damage: str) -> tuple[Path, dict]:
    """Invoice NUMBER of a tuned supplier's series (grammar SEED), scanned with DAMAGE; its true values."""
    written = grammar_series(folder, family, supplier, number + 1, ["scan"], seed, damage)[number][0]
    data = json.loads(written.read_text(encoding="utf-8"))
    return written.parent / data["file"], data["fields"]


class Known(OneLayout):
    """OneLayout, its supplier confirmed (the catalog's `is_known`, as the review stage asks)."""

    def is_known(self, vat: str) -> bool:
        return self.layout.supplier == f"vat:{vat}"


def test_a_taxable_amount_misread_by_cents_does_not_make_the_total_read_fit_it(tmp_path: Path):
    """A G4 supplier bills at 22% and 10%, confirmed on a lowres scan whose OCR lost the 10% row (its layout
    learnt the 22% row's place and the goods table's columns). Its next invoice's flatbed scan read the
    imponibile 7.857,77 as 7.857,71: the 10% row, what the imponibile leaves, was 1.715,06, whose tax at 10%
    is the tax read (171,51 as for 1.715,12), and the arithmetic made the total read, 9.380,66, fit it: the
    invoice left review with three amounts wrong (tuned G4, grammar seed 211, `--confirm-damage lowres`).
    The total read and the tax read leave 7.857,77, which the tax proves as well: two splits agree with the
    reads, and the goods table's rows (1.715,12 at 10%) tell which; without them the amounts stay as read,
    and the invoice, its total not adding up, in review."""
    confirmed, want_confirmed = scan_of(tmp_path / "lowres", "G4", 0, 0, 211, "lowres")
    scan, want = scan_of(tmp_path / "flatbed", "G4", 0, 1, 211, "flatbed")
    layout = learnt_from(confirmed, want_confirmed, tmp_path)
    assert "vat_lines.1.taxable_amount" not in layout.fields and layout.items
    assert "7.857,71" in read_invoice(scan, tmp_path).text  # the misread the case is made of
    ctx = StageContext(load_config(tmp_path / "home"), SerialExecutor(), tmp_path)

    doc = read_invoice(scan, tmp_path)
    after = apply_layout(doc, OneLayout(layout), scan_reader(doc, ctx.config.ocr))
    assert after.field_value("total") == Decimal(want["total"]) == Decimal("9380.66")
    assert after.field_value("taxable_amount") == Decimal(want["taxable_amount"])
    assert after.field_value("vat_lines") == from_json("vat_lines", want["vat_lines"])

    without_goods = replace(layout, items=None)
    doc = read_invoice(scan, tmp_path)
    after = apply_layout(doc, OneLayout(without_goods), scan_reader(doc, ctx.config.ocr))
    assert after.field_value("total") == Decimal("9380.66")
    reviewed = review_stage(Known(without_goods))(after, ctx)
    assert [reason.params.get("check") for reason in reviewed.review_reasons] == ["total"]


def test_an_amount_read_otherwise_in_its_box_is_one_more_read_for_the_arithmetic(tmp_path: Path):
    """A G16 form at 4%, confirmed on a lowres scan that lost its total (its layout learnt the imponibile's
    place, not the total's). The next invoice's flatbed scan read the imponibile 1.233,31 as '233,31' and the
    general extractor took the IVA, 49,33, for the total; read again alone, the imponibile's box gives
    1.233,31, not kept by its checks (the total it is checked with is misread too), and the invoice went to
    review without its VAT split, its total wrong (tuned G16, grammar seed 211, `--confirm-damage lowres`).
    The second reading is one more read of the imponibile for the arithmetic: with the IVA read, it makes
    the 4% row, and the total is what they add up to."""
    confirmed, want_confirmed = scan_of(tmp_path / "lowres", "G16", 0, 0, 211, "lowres")
    scan, want = scan_of(tmp_path / "flatbed", "G16", 0, 2, 211, "flatbed")
    learnt = learnt_from(confirmed, want_confirmed, tmp_path)
    # The lowres scan's total, lost before coarse scans were read enlarged (legibility.is_coarse_scan), is read
    # now: the layout is taken as that scan taught it, without the total's place.
    layout = replace(learnt, fields={name: place for name, place in learnt.fields.items() if name != "total"})
    assert [row["rate"] for row in layout.vat_rates] == ["4.00"]
    # The OCR's second look at unsure figures (unsure_figures) now reads that scan's total, and the imponibile
    # is what it leaves: the case is the first reading's, the total lost.
    doc = misread(read_invoice(scan, tmp_path), "1.282,64", "", tmp_path)
    assert doc.field_value("taxable_amount") == Decimal("233.31")  # the misread the case is made of
    ctx = StageContext(load_config(tmp_path / "home"), SerialExecutor(), tmp_path)

    after = apply_layout(doc, OneLayout(layout), scan_reader(doc, ctx.config.ocr))
    assert after.field_value("taxable_amount") == Decimal(want["taxable_amount"]) == Decimal("1233.31")
    assert after.field_value("total") == Decimal(want["total"])
    assert after.field_value("vat_lines") == from_json("vat_lines", want["vat_lines"])


def test_a_number_ocr_read_unsure_with_a_figure_doubled_is_taken_as_read_again_in_its_shape(tmp_path: Path):
    """A G13 supplier numbers its invoices 2025/0xxxx, confirmed on a flatbed scan. The next invoice's lowres
    scan read 2025/01634 as '2025/011634' at confidence 0.0 (a counter grows one figure: its shape alone
    refutes nothing); read again in its box, it is 2025/01634, the confirmed number's very shape, and the
    invoice went to review with the number doubted (tuned G13, grammar seed 227, `--confirm-damage flatbed
    --damage lowres`). OCR unsure of the first reading, the second of the supplier's shape, and the first
    the second with a figure doubled: the second is the number."""
    confirmed, want_confirmed = scan_of(tmp_path / "flatbed", "G13", 1, 0, 227, "flatbed")
    scan, want = scan_of(tmp_path / "lowres", "G13", 1, 1, 227, "lowres")
    layout = learnt_from(confirmed, want_confirmed, tmp_path)
    # The misread as the lowres scan was read before coarse scans were read enlarged (legibility.is_coarse_scan);
    # the box is read again on the real scan.
    doc = misread(read_invoice(scan, tmp_path), "2025/01634", "2025/011634", tmp_path, confidence=0.0)
    assert doc.field_value("number") == "2025/011634" and want["number"] == "2025/01634"
    ctx = StageContext(load_config(tmp_path / "home"), SerialExecutor(), tmp_path)

    after = apply_layout(doc, OneLayout(layout), scan_reader(doc, ctx.config.ocr))
    assert after.field_value("number") == "2025/01634"
    assert "read_twice" not in {reason.code for reason in after.review_reasons}


def test_a_zero_padded_number_read_short_of_its_width_goes_to_review(tmp_path: Path):
    """A G16 supplier numbers its invoices with a counter padded to six figures (005093), confirmed on its
    first scan. The next invoice's lowres scan read 005093 as two words, '005' and '93', and '005' again in
    its box: a counter of digits alone may have fewer figures than the confirmed one (it starts again each
    year), so the invoice left review with the number wrong (tuned G16, grammar seed 227, supplier 1). A
    counter padded with zeros keeps its width: the number is named for a person to look at."""
    confirmed, want_confirmed = scan_of(tmp_path / "first", "G16", 1, 0, 227, None)
    scan, want = scan_of(tmp_path / "next", "G16", 1, 1, 227, None)
    layout = learnt_from(confirmed, want_confirmed, tmp_path)
    doc = read_invoice(scan, tmp_path)
    assert want["number"] == "005093" and layout.shapes["number"] == "999999"
    assert "005 93" in doc.text  # the misread the case is made of
    ctx = StageContext(load_config(tmp_path / "home"), SerialExecutor(), tmp_path)

    after = apply_layout(doc, OneLayout(layout), scan_reader(doc, ctx.config.ocr))
    assert after.field_value("number") == "005"
    assert "misshapen" in {reason.code for reason in review_stage(Known(layout))(after, ctx).review_reasons}
