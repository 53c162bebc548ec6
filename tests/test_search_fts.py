"""FTS5 expressions as trees: the text SQLite reads, and their matches combined from each phrase's."""

from __future__ import annotations

import numpy as np

from demat.indexer.search.fts import AllOf, AnyOf, Phrase, Without, matching

PHRASES = {'"fattur"': [1, 2, 5, 9], '"enel"': [2, 3, 9], '"proform"': [9], '"nessun"': [], '"gas"': [3, 4]}


def ids(node, asked=None):
    def phrase_ids(text):
        if asked is not None:
            asked.append(text)
        return np.array(PHRASES[text], dtype=np.int64)
    return matching(node, phrase_ids).tolist()


def test_the_text_is_fts5_syntax():
    node = Without(AllOf((Phrase('"fattur"'), AnyOf((Phrase('"enel"'), Phrase('"gas"'))))), Phrase('"proform"'))
    assert str(node) == '(("fattur" AND ("enel" OR "gas")) NOT "proform")'


def test_and_or_not_are_set_operations_on_each_phrases_ids():
    fattura, enel, gas, proforma = (Phrase(f'"{w}"') for w in ("fattur", "enel", "gas", "proform"))
    assert ids(AllOf((fattura, enel))) == [2, 9]
    assert ids(AnyOf((fattura, gas))) == [1, 2, 3, 4, 5, 9]
    assert ids(Without(fattura, proforma)) == [1, 2, 5]
    assert ids(Without(AllOf((fattura, AnyOf((enel, gas)))), proforma)) == [2]


def test_empty_parts_match_nothing_and_each_phrase_is_asked_once():
    nothing = Phrase('"nessun"')
    asked: list[str] = []
    assert ids(AllOf((Phrase('"fattur"'), nothing)), asked) == []
    assert ids(AnyOf((nothing, nothing))) == []
    assert ids(Without(nothing, Phrase('"enel"'))) == []
    assert ids(Without(Phrase('"enel"'), nothing)) == [2, 3, 9]
    assert asked == ['"fattur"', '"nessun"']
