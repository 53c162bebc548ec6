"""Codes a coarse scan spoilt by a character, mended with tesseract's own second choices (`extractors/second_choices.py`).

A real tesseract reads a line made here, coarse as a 100 dpi scan enlarged
for reading, and writes its hOCR with the other characters it weighed; a code
that fails its check as read is mended only where those choices make exactly
one reading that passes.
"""

from __future__ import annotations

import pytesseract
from PIL import Image, ImageDraw, ImageFont

from demat.extractors import second_choices
from demat.extractors.ocr import parse_tsv
from demat.extractors.second_choices import Character
from demat.kernel.document import Word

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
IBAN = "IT60X0542811101000000123456"


def coarse_line(text: str) -> Image.Image:
    """TEXT printed small, its pixels halved and the line enlarged three times: a coarse scan as it is read."""
    line = Image.new("L", (900, 80), 255)
    ImageDraw.Draw(line).text((10, 30), text, font=ImageFont.truetype(SANS, 13), fill=0)
    return line.resize((450, 40)).resize((1350, 120))


def read(image: Image.Image) -> tuple[list[list[Word]], dict]:
    """IMAGE's words as tesseract's TSV gives them, and its hOCR's characters with their other choices."""
    config = f"--psm 6 {second_choices.CONFIG}"
    tsv = pytesseract.image_to_data(image, lang="ita", config=config)
    hocr = pytesseract.image_to_pdf_or_hocr(image, lang="ita", extension="hocr", config=config).decode("utf-8")
    return parse_tsv(tsv), second_choices.parse_hocr(hocr)


def texts(lines: list[list[Word]]) -> list[str]:
    return [w.text for line in lines for w in line]


def test_an_iban_a_coarse_scan_misread_by_a_figure_is_mended_with_tesseracts_second_choice():
    lines, choices = read(coarse_line(f"IBAN {IBAN} del 31/03/2025"))
    assert IBAN not in texts(lines)  # tesseract read a 3 for the 5: mod-97 fails

    mended, changed = second_choices.mend(lines, choices)

    assert changed == 1 and texts(mended) == ["IBAN", IBAN, "del", "31/03/2025"]
    assert [w.box for line in mended for w in line] == [w.box for line in lines for w in line]


def test_a_codice_fiscale_misread_at_two_places_is_mended_with_tesseracts_second_choices():
    lines, choices = read(coarse_line("P.IVA 03124570684 C.F. RSSMRA85T10A562S"))
    assert "RSSMRA85T10A562S" not in texts(lines)  # its 6 read 0 and its S read 5: the check letter fails

    assert texts(second_choices.mend(lines, choices)[0])[-1] == "RSSMRA85T10A562S"


def test_codes_read_right_are_left_as_read():
    lines, choices = read(coarse_line("P.IVA 03124570684 IBAN IT60 X054 2811 1010 0000 0123 456"))
    assert texts(lines)[-7:] == "IT60 X054 2811 1010 0000 0123 456".split()

    assert second_choices.mend(lines, choices) == (lines, 0)


def word(text: str, doubts: dict[int, str]) -> tuple[Word, tuple[Character, ...]]:
    """A word read as TEXT, tesseract in doubt at the places of DOUBTS between its reading and their characters."""
    return Word(text, (0.0, 0.0, 100.0, 10.0), 0.8), tuple(
        Character(c, tuple((other, 70.0) for other in doubts.get(n, ""))) for n, c in enumerate(text))


def test_a_p_iva_is_mended_only_where_a_single_figure_of_it_was_in_doubt():
    printed = "03124570684"
    one_doubt = word("03124570184", {8: "6"})  # its 6 read 1, a 6 weighed
    two_doubts = word("03124570184", {8: "6", 3: "5"})

    for (read_word, characters), expected in ((one_doubt, printed), (two_doubts, "03124570184")):
        [[mended]], _ = second_choices.mend([[read_word]], {read_word.box: characters})
        assert mended.text == expected


def test_a_code_that_two_readings_of_its_doubts_make_pass_is_left_as_read():
    read_as = "IT60X0542811101000000123436"
    alone = word(read_as, {25: "5"})  # the 5 tesseract read as 3: one reading passes
    among_others = word(read_as, {25: "5", 6: "7", 17: "2"})  # IT60X7542811101002000123436 passes too

    for (read_word, characters), expected in ((alone, IBAN), (among_others, read_as)):
        [[mended]], _ = second_choices.mend([[read_word]], {read_word.box: characters})
        assert mended.text == expected
