"""An invoice under the flat-rate regime (issue 11, G18): no VAT line, the law's sentence instead, and the stamp
duty sometimes added to the total. The VAT is zero and the one VAT line is the imponibile's under N2.2 where the
page names the regime and the total is the imponibile with the stamp; without the regime's words, or with a total
the sum does not make, nothing is made up.

Every page here is made for its test, word by word (see `test_fields_layout.page`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from test_fields_amounts import HEADER
from test_fields_layout import page, read

SENTENCES = ["Operazione senza applicazione dell'IVA, effettuata ai sensi dell'art. 1, commi da 54 a 89, "
             "della Legge n. 190/2014 - Regime forfettario.",
             "Operazione in franchigia da IVA ai sensi dell'art. 1 c. 54-89 L. 190/2014 (regime forfettario)."]


def flat_rate_page(sentence: str, total: str = "€ 66,00"):
    return page(*HEADER, (40, 300, "Manodopera (ore) 2 32,00 64,00"),
                (300, 400, "Totale prestazioni"), (470, 400, "€ 64,00"), (300, 412, "Marca da bollo"),
                (470, 412, "€ 2,00"), (300, 424, "Totale fattura"), (470, 424, total), (40, 450, sentence))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_flat_rate_invoice_owes_no_vat_and_files_its_imponibile_under_n2_2(ctx, sentence):
    doc = read(ctx, "fattura", flat_rate_page(sentence))
    assert doc.field_value("taxable_amount") == Decimal("64.00")
    assert doc.field_value("vat_amount") == Decimal("0.00")
    assert doc.field_value("total") == Decimal("66.00")
    assert doc.field_value("vat_lines") == [{"rate": Decimal("0.00"), "taxable_amount": Decimal("64.00"),
                                             "vat_amount": Decimal("0.00"), "nature": "N2.2"}]


@pytest.mark.parametrize("sentence, total", [("Pagamento a vista.", "€ 66,00"), (SENTENCES[0], "€ 70,00")])
def test_without_the_regimes_words_or_its_sum_no_vat_is_made_up(ctx, sentence, total):
    doc = read(ctx, "fattura", flat_rate_page(sentence, total))
    assert doc.field_value("vat_amount") is None


def test_a_flat_rate_imponibile_whose_caption_a_scan_blurred_is_the_total_less_the_stamp(ctx):
    # A fax: "Totale prestazioni" read "Totale prestazion:", no caption left for the imponibile's figure.
    doc = read(ctx, "fattura", page(*HEADER, (40, 300, "Manodopera (ore) 4 40,00 160,00"),
                                    (40, 312, "Vernice lavabile bianca 1 444,98 444,98"),
                                    (40, 324, "Diritto di chiamata 1 25,00 25,00"),
                                    (300, 400, "Totale prestazion:"), (470, 400, "€ 629,98"), (300, 412, "Marca da bollo"),
                                    (470, 412, "€ 2,00"), (300, 424, "Totale da pagare"), (470, 424, "€ 631,98"),
                                    (40, 450, SENTENCES[1])))
    assert doc.field_value("taxable_amount") == Decimal("629.98")
    assert doc.field_value("vat_amount") == Decimal("0.00")
    assert doc.field_value("total") == Decimal("631.98")


def test_a_flat_rate_imponibile_under_a_caption_not_read_is_the_total_where_the_stamp_was_paid_apart(ctx):
    # "Totale compenso" is no imponibile's caption; the stamp was paid on the original, not charged.
    doc = read(ctx, "fattura", page(*HEADER, (40, 300, "Manodopera (ore) 3,5 38,00 133,00"),
                                    (40, 312, "Materiale elettrico vario 1 269,82 269,82"),
                                    (300, 400, "Totale compenso"), (470, 400, "€ 402,82"),
                                    (300, 412, "Totale da pagare"), (470, 412, "€ 402,82"), (40, 450, SENTENCES[1]),
                                    (40, 462, "Imposta di bollo di € 2,00 assolta sull'originale.")))
    assert doc.field_value("taxable_amount") == Decimal("402.82")
    assert doc.field_value("vat_amount") == Decimal("0.00")
    assert doc.field_value("total") == Decimal("402.82")
