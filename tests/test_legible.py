"""bench/legible: a value printed in the OCR text counts as legible, however a date is written.

Before, an English invoice's date (`March 15, 2025`, month first) and one
whose month's name was joined by dashes (`11-mar-2025`) counted as not read
though the OCR text held them: the legibility the benches print was too low.
"""

from __future__ import annotations

import pytest

from bench import legible


@pytest.mark.parametrize("text", ["Invoice date March 15, 2025", "Data documento 15-mar-2025",
                                  "Data 15/03/2025", "Napoli, 15 marzo 2025"])
def test_a_date_however_written_is_legible(text):
    assert legible.Text(text).holds("date", "2025-03-15")


@pytest.mark.parametrize("text", ["Invoice date March 16, 2025", "Data documento 15-apr-2025"])
def test_another_date_is_not(text):
    assert not legible.Text(text).holds("date", "2025-03-15")
