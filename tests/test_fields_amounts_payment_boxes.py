"""The payment method on scans whose word OCR marred (issue 11): after the crossed box of a form that
prints every method, under its caption in a table's row, or with a figure read for a letter. A word is
taken only where it is one letter off exactly one method's; on a form, a method whose box was read empty
is never the document's.

Every page here is made for its test, word by word, as OCR gives it (see `page`)."""

from __future__ import annotations

import pytest

from test_fields_amounts import HEADER, totals
from test_fields_layout import page, page_as_read, read

TOTALS = totals("1.000,00", "220,00", "1.220,00")


@pytest.mark.parametrize("printed, method", [
    ("Pagamento [x] Contenti [] Assegno [] Bonifico [_] Ri.Ba.", "contanti"),
    ("Pagamento [_] Contanti [] Assegno [_] Bonifico [x] R1Ba.", "RiBa"),
    ("Pagamento [| Contanti [_] Assegno J Bonifico [x] Ri.Be.", "RiBa"),
    ("Pagamento Gal Contanti [LL] Assegno [] Bonifico [x] Ri. Ga.", "RiBa"),  # tuned G16 lowres, seed 97: two words
    ("Pagamento {| Contant: tj Assegno [x] R.Ba.", "RiBa")])  # tuned G16 fax, seed 41: not the first method named
def test_the_marred_word_after_the_crossed_box_names_the_method(ctx, printed, method):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") == method


def test_a_form_whose_crossed_word_names_no_method_gives_none_of_those_read_empty(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, "Pagamento [x] Cxntxnxx [] Assegno [_] Bonifico")))
    assert doc.field_value("payment_method") is None


def test_a_figure_read_for_a_letter_of_the_method_after_its_label(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, "PAGAMENTO: R1.BA. 60 GG F.M.")))
    assert doc.field_value("payment_method") == "RiBa"


def test_a_method_marred_under_its_caption_in_a_table_row(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, "Pagamento"), (200, 450, "Scadenza"),
                                    (40, 462, "Rl.Ba. 60 gg f.m."), (200, 462, "03/09/2025")))
    assert doc.field_value("payment_method") == "RiBa"


@pytest.mark.parametrize("printed", ["Pagamento [ ] Contanti [ ]Assegno [x]Bonifco [| RiBa.",  # a G16 flatbed scan's row
                                     "Pagamento [ ] Contanti [ ] Assegno [x] Bonifco [ ] RiBa."])
def test_the_word_after_the_crossed_box_a_letter_short_of_a_method_names_it(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") == "bonifico"


def test_a_crossed_word_a_letter_short_of_no_single_method_names_none(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, "Pagamento [ ] Contanti [ ] Assegno [x]Bnfco [| RiBa.")))
    assert doc.field_value("payment_method") is None


@pytest.mark.parametrize("printed", ["Pagamento CO) contanti []Assegio []Boniico [x] Risa",  # "Risa": RiBa or Visa
                                     "Pagamento O Contanti O Assegno [a] Bonifico E] Ri.Ba."])  # no box read crossed
def test_a_form_whose_boxes_a_scan_marred_gives_no_method_rather_than_the_first_named(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") is None


@pytest.mark.parametrize("printed", ["Pagamento ia) Contanti E) Assegno O Bonifico El Ri.Ba.",  # G16 flatbed scans'
                                     "Pagamento (ry Contanti [] Assegno O Bonifico & Ri.Ba."])  # rows (tuned seed 83)
def test_a_row_of_methods_whose_boxes_a_scan_read_as_no_boxes_gives_no_method_rather_than_the_first(ctx, printed):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") is None


def test_a_method_named_once_after_its_caption_with_another_beside_it_is_still_read(ctx):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, "Pagamento: Ri.Ba. 60 gg f.m., spese bonifico a carico")))
    assert doc.field_value("payment_method") == "RiBa"


@pytest.mark.parametrize("printed, method", [
    ("Pagamento jy] Contant = {Assegno {Bonfico [ ] Ripa", "contanti"),  # a G16 fax's row (tuned seed 113)
    ("Pagamento O Contanti O Assegno fx} Bonifico O Ri.Ba.", "bonifico"),  # the empty boxes read as no boxes
    ("Pagamento O Contanti [&] Assegno O Bonifico O Ri.Ba.", "assegno")])
def test_a_cross_a_fax_read_as_another_mark_in_its_box_names_the_method_after_it(ctx, printed, method):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") == method


GENERATOR_PAYMENT = [  # a generator scan's words (layout L5, seed 8006), boxes as OCR gave them
    ('Pagamento', (313.6, 194.8, 344.2, 200.9)),
    ('entro', (346.0, 195.8, 360.7, 199.8)),
    ('Mod.', (428.4, 194.4, 442.4, 199.8)),
    ('pagamento', (445.0, 195.5, 475.6, 201.2)),
    ('33100', (62.6, 198.0, 84.6, 204.8)),
    ('Udine', (87.5, 198.0, 109.1, 204.8)),
    ('(UD)', (111.2, 198.0, 130.3, 205.9)),
    ('Part.', (62.6, 210.6, 78.8, 217.1)),
    ('IVA:', (81.7, 210.2, 99.4, 217.1)),
    ('59877180584', (102.2, 210.2, 151.2, 217.1)),
    ('-', (154.1, 214.2, 156.2, 214.9)),
    ('Cod.', (158.8, 210.2, 176.0, 217.1)),
    ('fiscale:', (178.9, 210.2, 203.8, 217.1)),
    ('59877180584', (207.0, 210.2, 256.3, 217.1)),
    ('13.02.2025', (313.9, 205.2, 353.5, 222.1)),
    ('Pagamento', (428.0, 206.6, 470.5, 215.3)),
    ('con', (473.0, 208.8, 486.7, 213.5)),
    ('carta', (488.9, 207.4, 509.0, 213.8)),
    ('[Articolo', (54.7, 229.3, 89.3, 245.9)),
    ('Nr.', (288.0, 229.3, 299.9, 245.5)),
    ('P.', (347.8, 234.0, 355.0, 240.5)),
    ('unitario', (357.5, 234.0, 386.6, 240.5)),
    ('Cod.', (398.5, 234.0, 415.1, 240.5)),
    ('IVA', (418.0, 234.0, 433.1, 240.5)),
    ('Tot.]', (520.9, 230.8, 539.3, 244.1)),
]


def test_a_method_named_alone_after_its_caption_is_read_over_a_tables_bracketed_header_below(ctx):
    # the items' header a scan read in brackets ("[Articolo ... Tot.]") is no row of check boxes
    doc = read(ctx, "fattura", page_as_read(GENERATOR_PAYMENT))
    assert doc.field_value("payment_method") == "carta"


@pytest.mark.parametrize("printed, method", [
    ("Pagamento [] contani — [_] Assegno DO) Banifico x) Ri.Ba.", "RiBa"),  # tuned G16 lowres, seed 83
    ("Pagamento CU] Contanti [i Assegno ix] Bonifico CD] Ri.Ba.", "bonifico")])  # tuned G16 lowres, seed 113
def test_a_cross_a_low_resolution_scan_read_with_one_edge_of_its_box_names_the_method_after_it(ctx, printed, method):
    doc = read(ctx, "fattura", page(*HEADER, *TOTALS, (40, 450, printed)))
    assert doc.field_value("payment_method") == method
