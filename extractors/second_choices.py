"""Codes a scan spoilt by a character or two, mended with tesseract's own second choices where a check proves it.

Tesseract's LSTM weighs, for every character it reads, the others it took it
might be (`lstm_choice_mode=2`, written in the hOCR beside the TSV): a coarse
scan's IBAN read `...123436` often has the `5` it missed as the second choice
of its `3`. The fields stage mends a code with one figure misread where its
checks prove the one figure that mends it, blind to what was on the page; the
second choices say which characters were in doubt, so a code with two
misread, or with several blind mends that pass, can be read right too. A
code is mended only where it fails its check as read, and exactly one way of
putting second choices at its doubtful places makes it pass: an IBAN
(mod-97), a codice fiscale (its check letter) and a P.IVA (one check digit, a
one-in-ten chance that a wrong mend passes: only where a single one of its
figures was in doubt). The rest of the pipeline sees the mended word only.
"""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations, product

from stdnum import numdb

from demat.extractors.fields.identifiers import IBAN_START, cin_holds, is_valid_iban, is_valid_tax_code, is_valid_vat
from demat.kernel.document import Box, Word

CONFIG = "-c lstm_choice_mode=2 -c hocr_char_boxes=1"  # the hOCR lists each character and its other choices
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Character:
    """One character of a word as tesseract read it, and the others it weighed."""

    text: str
    others: tuple[tuple[str, float], ...]  # the other choices and their weights (0..100), likeliest first


def parse_hocr(hocr: str) -> dict[Box, tuple[Character, ...]]:
    """Each word of tesseract's hOCR (written with `CONFIG`), by its box in pixels: its characters."""
    try:
        page = ElementTree.fromstring(hocr)
    except ElementTree.ParseError:  # no choices to prove a mend with: the words stay as read
        return {}
    found: dict[Box, tuple[Character, ...]] = {}
    for word in page.iter(XHTML + "span"):
        if word.get("class") != "ocrx_word":
            continue
        box = tuple(float(v) for v in word.get("title", "").split(";")[0].split()[1:5])
        characters: list[Character] = []
        for part in word:
            if part.get("id", "").startswith("lstm_choices") and characters:
                read = characters[-1]
                others = tuple((c.text, _weight(c)) for c in part if c.text and c.text != read.text)
                characters[-1] = Character(read.text, others)
            elif part.text:
                characters.append(Character(part.text, ()))
        found[box] = tuple(characters)  # type: ignore[index]
    return found


def _weight(choice: ElementTree.Element) -> float:
    """How likely tesseract took the character of a CHOICE to be: its title's "x_confs 43.8"."""
    match = re.search(r"\bx_confs ([\d.]+)", choice.get("title", ""))
    return float(match.group(1)) if match else 0.0


CODE_CHARACTERS = string.digits + string.ascii_uppercase  # what a code is printed with
# Where a code may stand in a line as read: not inside a longer run of letters and figures, but an IBAN may
# start right after its caption ("IBAN:IT60...", "IBANIT60..."), and a P.IVA after IT. Spaces may split an IBAN.
IBAN_START_RE = re.compile(rf"{IBAN_START}(?=[A-Z]{{2}}[0-9A-Z]{{2}})")
VAT_RE = re.compile(r"(?:(?<![A-Za-z0-9])|(?<=IT))\d{11}(?![A-Za-z0-9])")
TAX_CODE_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Check:
    """How a kind of code proves a mend: its check, and how much doubt it takes before that check is trusted."""

    holds: Callable[[str], bool]
    most_changes: int  # at most this many characters changed: with more, too many mends pass by chance
    doubt: float  # a second choice weighed at least this (0..100) puts its character in doubt
    single_doubt: bool  # mended only where a single character of it was in doubt


def mend(lines: list[list[Word]], choices: dict[Box, tuple[Character, ...]]) -> tuple[list[list[Word]], int]:
    """LINES (as tesseract's TSV gave them) with each code that CHOICES prove misread put right; and how many
    words were changed."""
    mended = [_mended_line(line, choices) for line in lines]
    return mended, sum(a is not b for old, new in zip(lines, mended) for a, b in zip(old, new))


def _mended_line(line: list[Word], choices: dict[Box, tuple[Character, ...]]) -> list[Word]:
    text = " ".join(w.text for w in line)
    characters: list[Character | None] = []  # each character of TEXT as read, None for a space or an unknown word
    for n, word in enumerate(line):
        read = choices.get(word.box, ())
        characters += [None] * bool(n) + (list(read) if "".join(c.text for c in read) == word.text
                                          else [None] * len(word.text))
    mends: dict[int, str] = {}
    for span in _iban_spans(text):
        mends.update(_one_mend(text, characters, span, IBAN))
    for match in TAX_CODE_RE.finditer(text):
        mends.update(_one_mend(text, characters, match.span(), TAX_CODE))
    for match in VAT_RE.finditer(text):
        mends.update(_one_mend(text, characters, match.span(), VAT))
    if not mends:
        return line
    mended, start = [], 0
    for word in line:
        end = start + len(word.text)
        if any(start <= at < end for at in mends):
            word = Word("".join(mends.get(at, text[at]) for at in range(start, end)), word.box, word.confidence)
        mended.append(word)
        start = end + 1
    return mended


def _iban_spans(text: str) -> list[tuple[int, int]]:
    """Where an IBAN may stand in TEXT: from a country's two letters, as many letters and figures as that
    country's IBAN has, ending where a word does."""
    spans = []
    for match in IBAN_START_RE.finditer(text):
        structure = dict(numdb.get("iban").info(text[match.start():match.start() + 2])[0][1]).get("bban")
        if not structure:
            continue
        length, seen = 4 + sum(int(n) for n in re.findall(r"(\d+)!", structure)), 0
        for at in range(match.start(), len(text)):
            seen += text[at] != " "
            if seen == length:
                if at + 1 == len(text) or not text[at + 1].isalnum():
                    spans.append((match.start(), at + 1))
                break
    return spans


def _iban_holds(code: str) -> bool:
    """CODE passes mod-97, and an Italian one its CIN too: two checks against a mend that passes by chance."""
    return is_valid_iban(code) and (not code.startswith("IT") or cin_holds(code))


# An IBAN's two checks (mod-97, and an Italian one's CIN) let a wrong mend pass about once in 2,500: two of its
# characters may be mended. A codice fiscale's check letter passes one in 26. A P.IVA's check digit passes one
# in ten, and one and only one figure at each place passes it: only one figure of it in doubt, and strongly
# (tesseract weighed the figures it misread on tuned scans' P.IVAs at 70 and more, its idle doubts at 25 or less).
IBAN = Check(_iban_holds, most_changes=2, doubt=1.0, single_doubt=False)
TAX_CODE = Check(is_valid_tax_code, most_changes=2, doubt=1.0, single_doubt=False)
VAT = Check(is_valid_vat, most_changes=1, doubt=50.0, single_doubt=True)


def _one_mend(text: str, characters: Sequence[Character | None], span: tuple[int, int], check: Check) -> dict[int, str]:
    """The characters of TEXT[SPAN] to change, by place, where the code there fails its CHECK as read and exactly
    one way of putting second choices at some of its doubtful places makes it pass; none otherwise."""
    places = [at for at in range(*span) if text[at] != " "]
    read = "".join(text[at] for at in places)
    if check.holds(read):
        return {}
    doubts = [(n, others) for n, at in enumerate(places) if (c := characters[at]) is not None
              and (others := [o for o, weight in c.others if weight >= check.doubt and o in CODE_CHARACTERS])]
    if check.single_doubt and len(doubts) != 1:
        return {}
    passing = []
    for changes in range(1, check.most_changes + 1):
        for chosen in combinations(doubts, changes):
            for others in product(*(o for _, o in chosen)):
                code = list(read)
                for (n, _), other in zip(chosen, others):
                    code[n] = other
                if check.holds("".join(code)):
                    passing.append({places[n]: other for (n, _), other in zip(chosen, others)})
    return passing[0] if len(passing) == 1 else {}
