"""The query syntax and the Italian analysis every backend shares."""

from __future__ import annotations

import pytest

from demat.indexer.search.analysis import fold, keep, max_edits, stem, wordlike, words
from demat.indexer.search.query import And, Not, Or, Phrase, Prefix, Word, parse
from demat.indexer.search.snippet import make, pattern
from demat.kernel.errors import UsageError


def test_operators_group_like_fts5():
    assert parse("fattura enel") == And((Word("fattura"), Word("enel")))
    assert parse("a OR b c") == Or((Word("a"), And((Word("b"), Word("c")))))
    assert parse("a OR b NOT c") == Or((Word("a"), Not(Word("b"), Word("c"))))
    assert parse('(a OR b) "nota di credito" forn*') == And(
        (Or((Word("a"), Word("b"))), Phrase("nota di credito"), Prefix("forn")))
    assert parse("   ") is None
    assert parse("and or") == And((Word("and"), Word("or")))  # only capitals are operators


@pytest.mark.parametrize("text, why", [
    ('"nota di', "quote is not closed"), ("(fattura", "parenthesis is not closed"), ("fattura)", "unexpected"),
    ("NOT fattura", "NOT needs something before it"), ("fattura OR", "ends where a word"), ("*", "must follow"),
])
def test_bad_syntax_says_what_is_wrong(text, why):
    with pytest.raises(UsageError, match=why):
        parse(text)


def test_italian_analysis():
    assert fold("Città PERCHÉ Müller") == "citta perche muller"
    assert words("dell'IVA: 1.234,56 €") == ["dell", "iva", "1", "234", "56"]
    assert [w for w in words("la fattura del mese") if keep(w)] == ["fattura", "mese"]
    assert stem("fattura") == stem("fatture") and stem("pagamento") == stem("pagamenti")
    assert stem("banca") == stem("banche") and stem("2024") == "2024"
    assert [max_edits(w) for w in ("iva", "enel", "fattura", "2024", "trasp0rto")] == [1, 1, 2, 0, 2]
    assert wordlike("trasp0rto") and not wordlike("IT60X0542811101000000123456") and not wordlike("2024")


def test_snippet_marks_the_words_where_the_page_has_them():
    text = "Premessa. " + "x " * 200 + "Il PAGAMENTO della fattura è avvenuto; pagamenti successivi a parte."
    parts = make(["senza nulla", text], pattern({"pagamento", "pagamenti"}, {"fatt"}))
    assert [p for p, hit in parts if hit] == ["PAGAMENTO", "fattura", "pagamenti"]
    assert parts[0] == ("…", False)
    assert make(["Città di Milano"], pattern({"citta"}, set())) == [("Città", True), (" di Milano", False)]
    assert make(["", "Nessuna corrispondenza qui"], None) == [("Nessuna corrispondenza qui", False)]
