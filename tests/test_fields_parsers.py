"""Amounts, dates and identifiers as Italian documents write them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from demat.extractors.fields.amounts import find_amounts, parse_amount
from demat.extractors.fields.dates import find_dates, parse_date
from demat.extractors.fields.identifiers import find_ibans, find_supply_points, find_tax_codes, find_vats


@pytest.mark.parametrize("text, value", [
    ("€ 1.471,60", "1471.60"), ("1.471,60 €", "1471.60"), ("€1.471,60", "1471.60"), ("EUR 1.471,60", "1471.60"),
    ("1471,60", "1471.60"), ("1,471.60", "1471.60"), ("1471.60", "1471.60"), ("1'471.60", "1471.60"),
    ("1.234.567,89", "1234567.89"), ("1,234,567.89", "1234567.89"), ("1.234", "1234"), ("0,5", "0.5"),
    ("-12,00", "-12.00"), ("(12,00)", "-12.00"), ("12,00-", "-12.00"), ("€ -26,75", "-26.75"),
])
def test_amounts_decide_the_decimal_separator_per_amount(text, value):
    parsed = parse_amount(text)
    assert parsed == Decimal(value) and isinstance(parsed, Decimal)


@pytest.mark.parametrize("text, value", [
    ("1 234,56 €", "1234.56"), ("€ 12 345 678,90", "12345678.90"), ("1\u202f234,56", "1234.56"),
    ("1\u00a0234.56", "1234.56"), ("-1 234,56", "-1234.56"), ("1’234.50", "1234.50"),
])
def test_thousands_grouped_by_a_space_or_an_apostrophe(text, value):
    assert parse_amount(text) == Decimal(value)


def test_a_space_groups_thousands_only_in_an_amount_with_cents():
    assert [v for v, _, _ in find_amounts("2 pz 1 234,56")] == [Decimal("2"), Decimal("1234.56")]
    assert [v for v, _, _ in find_amounts("Qta 3 100")] == [Decimal("3"), Decimal("100")]


@pytest.mark.parametrize("text", ["2024/118", "14/03/2024", "IT60X0542811101000000123456", "(12,00", "abc"])
def test_things_that_are_not_amounts(text):
    assert parse_amount(text) is None


def test_amounts_in_running_text_skip_rates_dates_and_codes():
    text = "Fattura 2024/118 del 14.03.2024 IVA 22% su 1.206,23 = 265,37"
    assert [v for v, _, _ in find_amounts(text)] == [Decimal("1206.23"), Decimal("265.37")]


@pytest.mark.parametrize("text", ["14/03/2024", "14-03-2024", "14.03.2024", "14 marzo 2024", "2024-03-14",
                                  "14/03/24", "14 Mar. 2024", "14 MARZO 2024"])
def test_dates_day_before_month(text):
    assert parse_date(text) == dt.date(2024, 3, 14)


def test_impossible_dates_and_two_digit_centuries():
    assert parse_date("31/02/2024") is None
    assert parse_date("01/01/99") == dt.date(1999, 1, 1)
    assert [d for d, _, _ in find_dates("dal 01/12/2022 al 31/12/2022, n. 2024/118")] == [
        dt.date(2022, 12, 1), dt.date(2022, 12, 31)]


def test_partita_iva_with_or_without_it_and_its_check_digit():
    found = find_vats("P.IVA IT00743110157 - C.F. 00743110158")
    assert [(f.value, f.valid) for f in found] == [("00743110157", True), ("00743110158", False)]


def test_codice_fiscale_of_a_person():
    found = find_tax_codes("C.F. RSSMRA85T10A562S, altro RSSMRA85T10A562X")
    assert [(f.value, f.valid) for f in found] == [("RSSMRA85T10A562S", True), ("RSSMRA85T10A562X", False)]


def test_iban_with_spaces_and_a_wrong_check_kept_as_invalid():
    text = "IBAN: IT60 X054 2811 1010 0000 0123 456 oppure IT61X0542811101000000123456; DE89370400440532013000"
    found = find_ibans(text)
    assert [(f.value, f.valid) for f in found] == [
        ("IT60X0542811101000000123456", True), ("IT61X0542811101000000123456", False),
        ("DE89370400440532013000", True)]


# IT30M0111986080323670688751 passes mod-97 and its CIN (M) is the check letter of its ABI, CAB and account.
@pytest.mark.parametrize("printed", ["IT30M0111986080323670888751",  # a 6 read as 8: the CIN and mod-97 prove it
                                     "I730M0111986080323670688751",  # the T of IT read as 7
                                     "1T30M0111986080323670888751"])  # both its I and a figure misread
def test_an_italian_iban_a_scan_misread_that_its_cin_and_mod_97_prove(printed):
    assert [(f.value, f.valid) for f in find_ibans(f"IBAN {printed}")] == [("IT30M0111986080323670688751", True)]


def test_an_italian_iban_with_two_figures_misread_is_kept_as_read_and_invalid():
    found = find_ibans("IBAN IT30M0111986080325670888751")
    assert [(f.value, f.valid) for f in found] == [("IT30M0111986080325670888751", False)]


@pytest.mark.parametrize("printed, iban", [("IT40$0542811101000000123456", "IT40S0542811101000000123456"),
                                           ("IT50¥0306909606100000000005", "IT50Y0306909606100000000005"),
                                           ("IE 98QGWX50393234643959", "IE98QGWX50393234643959"),  # a space
                                           ("IE980GWX50393234643959", "IE98QGWX50393234643959"),  # Q read as 0
                                           ("IES8AUFE71615294486870", "IE58AUFE71615294486870"),  # 5 read as S
                                           ("IE98OGWX50393234643959", "IE98QGWX50393234643959"),  # Q read as O
                                           # tuned G13, G14 and G19 faxes and lowres scans (seeds 405, 407): the I
                                           # of IT read "!", the CIN J a brace, a 5 of the ABI a dollar
                                           ("!T02{0268207522 240142033180", "IT02J0268207522240142033180"),
                                           ("IT16}0837622212968348213802", "IT16J0837622212968348213802"),
                                           ("IT97P0$84738972676858699906", "IT97P0584738972676858699906")])
def test_an_iban_whose_letter_a_scan_read_as_a_sign_or_a_figure(printed, iban):
    # Tuned G7, G13 and G14 scans at 100-120 dpi and by fax (seeds 41-83); mod-97 proves each reading.
    assert [(f.value, f.valid) for f in find_ibans(f"IBAN {printed}")] == [(iban, True)]


def test_a_p_iva_whose_8_a_scan_read_as_an_ampersand():
    # A tuned G7 invoice at 100 dpi (seed 113): the check digit proves the 8.
    assert [(f.value, f.valid) for f in find_vats("VAT ID IT&9780560945")] == [("89780560945", True)]


def test_a_codice_fiscale_whose_s_a_scan_read_as_s_and_a_figure():
    # A tuned G14 fax (seed 131): LBNBRC75S54G482I read "LBNBRC75S854G4821", its I as 1 too.
    assert [(f.value, f.valid) for f in find_tax_codes("C.F. LBNBRC75S854G4821 - P.IVA")] == [("LBNBRC75S54G482I", True)]


@pytest.mark.parametrize("printed", ["BSSNRC81T17 ES06H", "BSSNRC81T17 E506H"])
def test_a_codice_fiscale_a_scan_split_in_two_with_a_space(printed):
    # A tuned G14 lowres scan (seed 405): the check character proves the two parts one code.
    assert [(f.value, f.valid) for f in find_tax_codes(f"C.F. {printed} - P.IVA 03209990443")] == [
        ("BSSNRC81T17E506H", True)]


def test_a_codice_fiscale_that_passes_its_check_as_printed_is_not_read_again():
    # An omocode's letters in places of figures (S for 6) may read as a scan's for figures (S for 5 or 8), and
    # ZGDPAM89A18F281B passes the check too: the print that passes is the code.
    assert [(f.value, f.valid) for f in find_tax_codes("C.F. ZGDPAMS9A1SF2SLB")] == [("ZGDPAMS9A1SF2SLB", True)]


def test_pod_and_pdr():
    found = find_supply_points("POD IT001E12345678 - PDR 01234567890123")
    assert [f.value for f in found] == ["IT001E12345678", "01234567890123"]


@pytest.mark.parametrize("text, number", [("123 / A", "123/A"), ("n. 2024 / 118 del 01/02/2025", "2024/118"),
                                          ("460/ FE", "460/FE"), ("FT-00123 / 2025", "FT-00123/2025"),
                                          ("12 / Pag. 1", "12"), ("2024/118", "2024/118")])
def test_a_numbers_series_set_apart_by_spaces_is_part_of_it(text, number):
    from demat.extractors.fields.values import document_number
    assert document_number(text)[0] == number


def test_a_codice_fiscale_printed_a_character_a_box_when_its_check_proves_it():
    from demat.extractors.fields.values import tax_code
    assert tax_code("CODICE FISCALE R S S M R A 8 0 A 0 1 H 5 0 1 U")[0] == "RSSMRA80A01H501U"
    assert tax_code("codice fiscale 0 0 7 4 3 1 1 0 1 5 7")[0] == "00743110157"
    assert tax_code("CODICE FISCALE R S S M R A 8 0 A 0 1 H 5 0 1 X") is None  # its check letter fails
    assert tax_code("quantità 1 2 3 4 5 6 7 8 9 0 1") is None
