"""A revenue stamp ("Bollo 2,00") that the total adds to imponibile + IVA (issue 11). On a scan
the two-equation solver read such a total as a slipped digit ("1.473,60" as 1.471,60); the
stamp's own caption and figure, with imponibile x a legal rate = IVA, prove the total as printed. And the
stamp's "Imposta di bollo" on an invoice without VAT is no imposta.

Every page here is made for its test, word by word, as OCR gives it (see `page`)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from test_fields_amounts import HEADER
from test_fields_layout import page, read


def summary(*rows: tuple[str, str]) -> list[tuple[float, float, str]]:
    """A summary block: one (caption, figure) per line, the figures right-aligned."""
    return [cell for i, (caption, figure) in enumerate(rows)
            for cell in ((300, 400 + 12 * i, caption), (560 - 5 * len(figure), 400 + 12 * i, figure))]


@pytest.mark.parametrize("caption", ["Bollo", "Imposta di bollo", "SPESE BOLLO"])
@pytest.mark.parametrize("source", ["ocr", "text_layer"])
def test_a_total_that_adds_the_printed_stamp_is_read_as_printed(ctx, caption, source):
    scan = page(*HEADER, *summary(("Totale imponibile", "1.206,23"), ("IVA 22%", "265,37"), (caption, "2,00"),
                                  ("Totale documento", "1.473,60")))
    doc = read(ctx, "fattura", replace(scan, source=source))
    assert (doc.field_value("taxable_amount"), doc.field_value("vat_amount"), doc.field_value("total")) == (
        Decimal("1206.23"), Decimal("265.37"), Decimal("1473.60"))
    assert doc.field_value("vat_lines") == [{"rate": Decimal("22.00"), "taxable_amount": Decimal("1206.23"),
                                             "vat_amount": Decimal("265.37"), "nature": None}]


def test_without_a_stamp_printed_a_total_one_digit_off_the_sum_is_a_slip(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("Totale imponibile", "1.206,23"), ("IVA 22%", "265,37"),
                                                      ("Totale documento", "1.473,60"))))
    assert doc.field_value("total") == Decimal("1471.60")


def test_a_stamp_the_total_does_not_add_leaves_the_sum(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *summary(("Totale imponibile", "1.206,23"), ("IVA 22%", "265,37"),
                                                      ("Totale documento", "1.471,60")),
                                    (40, 500, "Imposta di bollo 2,00 assolta in modo virtuale")))
    assert doc.field_value("total") == Decimal("1471.60")


@pytest.mark.parametrize("stamp", ["Imposta di bollo di € 2,00 assolta sull'originale.", "Imposta di bollo 2,00"])
def test_the_stamp_dutys_imposta_is_no_vat(ctx, stamp):
    # A flat-rate craftsman's invoice (G18): no VAT at all, the stamp duty's caption opens with "Imposta".
    doc = read(ctx, "fattura", page(*HEADER, (40, 300, "Manodopera (ore) 8 36,00 288,00"),
                                    (300, 400, "Imponibile"), (470, 400, "€ 288,00"),
                                    (300, 412, "Totale fattura"), (470, 412, "€ 288,00"),
                                    (40, 440, "Operazione senza applicazione dell'IVA ai sensi dell'art. 1 c. 54-89 "
                                              "L. 190/2014 - Regime forfettario."), (40, 452, stamp)))
    assert doc.field_value("vat_amount") in (None, Decimal("0.00"))
