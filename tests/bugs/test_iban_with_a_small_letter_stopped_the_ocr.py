"""Bug: a scan whose OCR read an IBAN with a small letter in its account failed whole.

Mod-97 reads letters as capitals, so "IT97O054281110100000012345x" passed it, and the
CIN's check then looked the small "x" up in the codice fiscale's tables: a KeyError
stopped the page's OCR (`second_choices.mend`, which checks every code a page reads), and
the document failed (found on a tuned G19 lowres scan, grammar seed 859). The CIN is now
checked in capitals, and a character its tables do not hold fails the check: the word is
left as read, the page read on.
"""

from __future__ import annotations

from demat.extractors import second_choices
from demat.kernel.document import Word


def test_an_iban_read_with_a_small_letter_is_left_as_read_not_a_failed_page():
    read_as = "IT97O054281110100000012345x"

    [[mended]], changed = second_choices.mend([[Word(read_as, (0.0, 0.0, 100.0, 10.0), 0.8)]], {})

    assert (mended.text, changed) == (read_as, 0)
