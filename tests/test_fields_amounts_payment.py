"""The payment fields on scans (issue 11): a payment method's word and an IBAN as OCR
misreads them. An IBAN is read again through look-alikes only where its mod-97 check
proves the reading; a method's word one letter off only right after the payment label,
whole (its accents and marks taken off) anywhere. And the abbreviations invoices print for
a method ("R.D.", "Bonif. banc.", "Ric. Banc.").

Every page here is made for its test, word by word, as OCR gives it (see `page`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from test_fields_amounts import HEADER, totals
from test_fields_layout import page, read

TOTALS = totals("1.000,00", "220,00", "1.220,00")


@pytest.mark.parametrize("printed", ["RI:BA.. 60 GG F.M.", "RE.BA. 60 GG F.M.", "“RI\\BA. 60 GG", "RIi.BA, 60 GG F.M."])
def test_a_payment_method_misread_after_its_label(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS,
                                    (40, 450, f"PAGAMENTO: {printed}")))
    assert doc.field_value("payment_method") == "RiBa"


@pytest.mark.parametrize("printed", ["BA. 60 GG F.M.", "RIMESSA 60 GG"])  # too short; no method's word
def test_a_word_after_the_payment_label_that_no_method_is_one_letter_off_names_none(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS,
                                    (40, 450, f"PAGAMENTO: {printed}")))
    assert doc.field_value("payment_method") is None


@pytest.mark.parametrize("printed", ["BAGAMENTO? RÎ.BA. 60 GG F.M.", "MODALITA RÌBA 30 GG"])
def test_a_payment_methods_word_with_an_accent_ocr_added_is_read_whole_without_its_label(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") == "RiBa"


@pytest.mark.parametrize("printed", ["BAGAMENTO? RÎ.BE. 60 GG F.M.", "BAGAMENTO? RÎ. 60 GG F.M."])
def test_a_word_one_letter_off_a_method_names_none_without_its_label(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") is None


@pytest.mark.parametrize("printed, method", [("R.D. 30 GG", "contanti"), ("Rim. Dir. vista fattura", "contanti"),
                                            ("Bonif. banc. 60 gg", "bonifico"), ("Ric. Banc. 60 gg f.m.", "RiBa")])
def test_a_payment_methods_abbreviation_after_its_label(ctx, printed, method):
    doc = read(ctx, "fattura", replace(page(*HEADER, *TOTALS, (40, 450, f"Pagamento: {printed}")), source="text_layer"))
    assert doc.field_value("payment_method") == method


@pytest.mark.parametrize("printed, method", [("Pagamento [| Contanti [] Assegno Bonifico [] Ri.Ba.", "bonifico"),
                                            ("Pagamento [] Contanti [Assegno [x]Ri.Ba.", "RiBa")])
def test_the_method_whose_check_box_a_scan_read_crossed_or_lost_among_boxes_read_empty(ctx, printed, method):
    # The cross is read fused with its word, or it took its box with it: every other box is read empty.
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") == method


# Both pass mod-97 (python-stdnum); with the last digit changed, neither does.
READ = "IT30M0111986080323670688751"
CIN_S = "IT40S0542811101000000123456"
CIN_X = "IT60X0542811101000000123456"


@pytest.mark.parametrize("printed, want", [("1T30M0111986080323670688751", READ), ("lT30M0111986080323670688751", READ),
                                           ("1T30M011198608032 3670688751", READ), ("IT30M01119860803236706887S1", READ),
                                           ("IT4050542811101000000123456", CIN_S), ("IT6080542811101000000123456", CIN_X)])
def test_an_iban_misread_is_read_again_where_mod_97_proves_it(ctx, printed, want):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, f"Bonifico 30 gg d.f. {printed}")))
    assert doc.field_value("iban") == want
    assert all(check.passed for check in doc.fields["iban"].checks)


@pytest.mark.parametrize("printed", ["1T30M0111986080323670688762",  # two figures off: no check proves either
                                     "IT4050542811101000000123457",
                                     "IT6080542811101000000123457"])
def test_an_iban_misread_that_mod_97_does_not_prove_is_not_repaired(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, f"Bonifico 30 gg d.f. {printed}")))
    assert doc.field_value("iban") is None


# IE29AIBK93115212345678 passes mod-97: an Irish bank code is four letters (bban 4!a6!n8!n).
@pytest.mark.parametrize("printed, want", [("IE29A1BK93115212345678", "IE29AIBK93115212345678"),
                                           ("IE29A1BK93115212345679", None)])
def test_a_foreign_iban_is_read_again_by_its_country_structure_where_mod_97_proves_it(ctx, printed, want):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, f"IBAN {printed}")))
    assert doc.field_value("iban") == want


@pytest.mark.parametrize("printed, want", [("(E39HTVi96040580993774", "IE39HTVI96040580993774"),
                                           ("|E39HTVI96040580993774", "IE39HTVI96040580993774"),
                                           ("1E39HTVI96040580993774", "IE39HTVI96040580993774"),
                                           ("JE39HTVI96040580993774", "IE39HTVI96040580993774"),
                                           ("(E39HTVI96040580993775", None), ("1E39HTVI96040580993775", None)])
def test_an_iban_whose_leading_i_a_scan_read_as_a_mark_is_read_again_where_mod_97_proves_it(ctx, printed, want):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, f"IBAN {printed}")))
    assert doc.field_value("iban") == want
