"""Is an expected value in the OCR text at all? Splits a scan's lost fields between OCR and extraction.

A value the OCR text does not hold no field reader can give back; one it holds
and the field stage missed is extraction's to mend. Compared leniently, as a
person would search the text for it: amounts, dates and identifiers as their
digits (an amount `2484.11` is legible as `2.484,11`, a date `2025-03-26` as
`26.03.2025`, `26/3/25` or `26 marzo 2025`, a P.IVA behind its `IT` misread as
`17`, a figure whose 8 OCR printed as a `B`, an IBAN printed in groups of
four), names as their words, case-folded, all read wherever the layout put
them (over two lines, beside a title). Aggregate figures only: it runs on
never-tuned families, whose documents nobody opens.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal

from demat.extractors.fields.identifiers import LETTER_TO_DIGIT  # letters OCR prints for figures
from demat.kernel.document import Document
from demat.kernel.schema import SCHEMA

NAMES = ("supplier_name", "customer_name", "sender", "recipient")
TEXT_IDENTIFIERS = ("number", "protocol_number", "supply_point")  # kind "text", but read as their digits
GROUPS = {"amount": "amounts", "vat_lines": "amounts", "date": "dates",
          "vat": "identifiers", "tax_code": "identifiers", "iban": "identifiers"}
MONTHS = {  # a date in words, in the languages of the corpus's invoices: each month's names in order
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
MONTH_NUMBERS = {name: f"{n:02d}" for names in MONTHS.values() for n, month in enumerate(names.split(), start=1)
                 for name in (month, month[:3])}
LONG_IDENTIFIER = 8  # digits from which an identifier counts as read inside a longer run (`IT` read as `17`)
JOINED = 4  # neighbouring tokens of a line joined: "2.484, 11", "IT 01234567890", "26 marzo 2025"
IDENTIFIER_JOINED = 8  # an identifier's: "IT60 X054 2811 1010 0000 0123 456", an IBAN printed in groups of four


def group(name: str) -> str | None:
    """The field group NAME is counted in (None: not a value to search the text for)."""
    if name in NAMES:
        return "names"
    if name in TEXT_IDENTIFIERS:
        return "identifiers"
    return GROUPS.get(SCHEMA.field_kinds.get(name, ""))


def searched_values(name: str, value) -> list[str]:
    """The normalised strings of the expected VALUE of field NAME that must be found in the text."""
    kind = SCHEMA.field_kinds.get(name)
    if value in (None, "", []):
        return []
    if kind == "vat_lines":
        return [_digits(f"{Decimal(str(row[key])):.2f}") for row in value
                for key in ("taxable_amount", "vat_amount") if row.get(key) is not None]
    if kind == "amount":
        return [_digits(f"{abs(Decimal(str(value))):.2f}")]
    if kind == "date":
        return [str(value)]  # matched against each way of writing it, in `Text.holds`
    if name in NAMES:
        return [" ".join(_name_words(str(value)))]
    return [str(value)]  # an identifier: its digits, in `Text.holds`


class Text:
    """One document's OCR text, prepared once for every value searched in it."""

    def __init__(self, text: str):
        self.name_words = Counter(_name_words(text))
        self.numbers: set[str] = set()
        self.codes: set[str] = set()  # the numbers, and the longer runs of tokens an identifier may be printed in
        for line in (read for printed in text.splitlines() for read in {printed, _figures_read_back(printed)}):
            pieces = [piece for token in line.split() for piece in _date_pieces(token)]
            tokens = [_digits(_month_number(piece)) for piece in pieces]
            self.numbers.update(_joined(tokens, JOINED))
            self.codes.update(_joined(tokens, IDENTIFIER_JOINED))
            self.numbers.update(_day_first(words) for words in zip(*(pieces[i:] for i in range(3)))
                                if _month_number(words[0]) != words[0])

    def holds(self, name: str, searched: str) -> bool:
        if name in NAMES:  # its words read, wherever the layout put them (a name over two lines, beside a title)
            return not Counter(searched.split()) - self.name_words
        if group(name) == "dates":
            day = date.fromisoformat(searched)
            return any(form in self.numbers for form in _date_forms(day))
        if group(name) == "identifiers":  # its letters too may be printed as figures ("IT21I0886": "IT21 10886")
            return any(_among(digits, self.codes)
                       for digits in {_digits(searched), _digits(searched.translate(LETTER_TO_DIGIT))} if digits)
        return _among(searched, self.numbers)


def report(samples: Iterable[tuple[dict, Document]], is_tuned: Callable[[str], bool],
           right: Callable[[str, object, Document], bool]) -> None:
    """Print, per field group, per scan damage and per field, tuned and never-tuned apart, the scans'
    expected values legible in their OCR text beside the share the fields stage got right (RIGHT(name,
    expected, doc)). The damages say which kind of scan the OCR loses values on, the fields which field
    the fields stage loses where the text holds it, in aggregate: the never-tuned families' documents
    stay unopened."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # values, legible, right
    for data, doc in samples:
        if data["kind"] != "scan":
            continue
        text = Text("\n".join(page.text for page in doc.pages))
        tally = "tuned" if is_tuned(data["family"]) else "never-tuned"
        for name, value in data["fields"].items():
            searched = searched_values(name, value)
            field_group = group(name)
            if not searched or field_group is None:
                continue
            for key in (field_group, "all", f"damage {data['damage']}", f"field {name}"):
                cell = counts[tally, key]
                cell[0] += 1
                cell[1] += all(text.holds(name, s) for s in searched)
                cell[2] += right(name, value, doc)
    print("\n== scans: expected values legible in the OCR text (digits / case-folded names) vs fields right")
    print(f"{'group':<22}" + "".join(f"{g + ' legible/right (n)':>36}" for g in ("tuned", "never-tuned")))
    damages = sorted({key for _, key in counts if key.startswith("damage ")})
    fields = sorted({key for _, key in counts if key.startswith("field ")})
    for key in ("amounts", "dates", "identifiers", "names", "all", *damages, *fields):
        cells = []
        for tally in ("tuned", "never-tuned"):
            n, legible, got = counts[tally, key]
            cells.append(f"{legible / n:.3f} / {got / n:.3f} ({n})" if n else "-")
        print(f"{key:<22}" + "".join(f"{cell:>36}" for cell in cells))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _joined(tokens: list[str], most: int) -> Iterator[str]:
    """The digits of up to MOST neighbouring TOKENS run together, ending on one with a digit."""
    for start in range(len(tokens)):
        for end in range(start + 1, min(start + most, len(tokens)) + 1):
            if tokens[end - 1]:
                yield "".join(tokens[start:end])


def _among(searched: str, numbers: set[str]) -> bool:
    """SEARCHED is one of NUMBERS, or a long one ends with it (a P.IVA behind its `IT` read as `17`)."""
    return searched in numbers or (
        len(searched) >= LONG_IDENTIFIER and any(number.endswith(searched) for number in numbers))


def _figures_read_back(line: str) -> str:
    """LINE with the letters OCR prints for figures read as figures, in the words that hold a figure
    ("2:B99,27" is 2.899,27 to whoever reads it; the amounts reader repairs it so too)."""
    return " ".join(word.translate(LETTER_TO_DIGIT) if any(c.isdigit() for c in word) else word for word in line.split())


def _name_words(text: str) -> list[str]:
    """TEXT's words, case-folded, without the punctuation around them (`Ltd.,`: `ltd`)."""
    words = (re.sub(r"^\W+|\W+$", "", word).casefold() for word in text.split())
    return [word for word in words if word]


def _month_number(token: str) -> str:
    """A month's name (`marzo`, `May`, `Mar.`) as its number, so that a date in words compares as digits."""
    return MONTH_NUMBERS.get(token.strip(".,").casefold(), token)


def _date_pieces(token: str) -> list[str]:
    """TOKEN cut at its dashes, slashes and dots where one of its pieces is a month's name (`11-mar-2025`)."""
    pieces = re.split(r"[-/.]", token)
    return pieces if len(pieces) > 1 and any(_month_number(piece) != piece for piece in pieces) else [token]


def _day_first(words: tuple[str, str, str]) -> str:
    """A date written month first (`March 15, 2025`, an English invoice's) as the digits of day, month, year."""
    month, day, year = words
    return _digits(day) + _month_number(month) + _digits(year)


def _date_forms(day: date) -> set[str]:
    """DAY as the digits of the ways Italian documents print it: 26.03.2025, 26/3/25, 2025-03-26."""
    days, months = {f"{day.day:02d}", str(day.day)}, {f"{day.month:02d}", str(day.month)}
    years = {str(day.year), f"{day.year % 100:02d}"}
    return {d + m + y for d in days for m in months for y in years} | {f"{day:%Y%m%d}"}
