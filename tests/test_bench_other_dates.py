"""bench/other_dates.py prints another dated line on a tuned document where it says, below the document's date
line, on top or at the foot, and moves the words under it down a line so that no line is printed over another."""

from __future__ import annotations

from bench.ocr_noise import documents
from bench.other_dates import with_other_date


def lines_of(page):
    return sorted({w.box[1] for w in page.words})


def test_a_ddts_line_under_the_documents_date_and_the_words_below_moved_down():
    name, expected, _, pages = documents([1701], ("G18",))[0]  # "Fattura n. || 72/2025 || del || 16/11/2025"
    printed = with_other_date(pages, expected, "ddt", "after")[0]
    ddt = next(w for w in printed.words if w.text == "DDT")
    date_line = next(w for w in printed.words if w.text == "16/11/2025").box[1]
    before, after = lines_of(pages[0]), lines_of(printed)
    assert len(after) == len(before) + 1
    assert after[after.index(date_line) + 1] == ddt.box[1]
    assert "DDT n. 118 del 13/11/2025" in printed.text


def test_a_line_on_top_and_none_where_the_date_it_is_set_from_is_not_expected():
    _, expected, _, pages = documents([1701], ("G18",))[0]
    top = with_other_date(pages, expected, "printed", "top")[0]
    assert top.text.startswith("Stampato il 18/11/2025")
    assert with_other_date(pages, {**expected, "due_date": None}, "second_due", "foot") is None
