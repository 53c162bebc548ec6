"""Dates as written on Italian documents, to `datetime.date`.

Day comes before month (14/03/2024), unless the month would be past 12
(03/14/2024 from the United States; `foreign.month_first` tells a whole
American page); ISO (2024-03-14) and month names in Italian, English, German,
French, Dutch and Spanish (14 marzo 2024, 14 mar. 2024, March 14, 2024,
3rd March 2025, 14-Mar-2024, 14. März 2024, 1er mars 2024, 14 maart 2025,
14 de marzo de 2025) also occur.
Two-digit years are 2000-2069 below 70, else 19xx. Anything that is not a real calendar date is not a date,
nor is a year no document bears (a scan's "17/09/3025").
"""

from __future__ import annotations

import datetime as dt
import re

from demat.extractors.fields.identifiers import LETTER_TO_DIGIT  # the letters OCR prints for figures
from demat.extractors.fields.patterns import without_accents

MONTHS = {
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6,
    "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12,
    "gen": 1, "feb": 2, "mar": 3, "apr": 4, "mag": 5, "giu": 6,
    "lug": 7, "ago": 8, "set": 9, "sett": 9, "ott": 10, "nov": 11, "dic": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "aug": 8, "sep": 9, "oct": 10, "dec": 12,
    "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "septembre": 9,
    "octobre": 10, "décembre": 12,
    "jän": 1, "jänner": 1, "mär": 3, "okt": 10, "dez": 12,
    "janv": 1, "févr": 2, "fév": 2, "fevrier": 2, "avr": 4, "juil": 7, "aout": 8, "sept": 9, "déc": 12,
    "decembre": 12,
    "januari": 1, "februari": 2, "maart": 3, "mrt": 3, "mei": 5, "augustus": 8,
    "enero": 1, "ene": 1, "febrero": 2, "abril": 4, "abr": 4, "mayo": 5, "junio": 6, "julio": 7, "septiembre": 9,
    "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}


# Vowels as a scan may read them, accented or not.
_ACCENTED = {"a": "aàáâä", "e": "eèéêë", "i": "iìíîï", "o": "oòóôö", "u": "uùúûü"}
_MONTH_BY_PLAIN = {without_accents(name): number for name, number in MONTHS.items()}
_MONTH_NAMES = "|".join("".join(f"[{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in name)
                        for name in sorted(_MONTH_BY_PLAIN, key=len, reverse=True))

DATE_RE = re.compile(
    # Not inside a code ("A-12/03/2025"); after a form's underscores ("Data ___07/09/25") or a speck's dash
    # ("Napoli, -12. gennaio 2025") it is a date.
    r"(?<![^\W_]|[/.])(?<!\S-)(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4}|\d{2})"
    r"|(?P<od>\d{1,2})[.,](?P<om>\d{1,2})[.,](?P<oy>\d{4})"  # "04,11.2025": OCR read a dot as a comma
    rf"|(?P<nd>\d{{1,2}})(?:°|º|\.|er|st|nd|rd|th)?(?:\s+|-)(?:(?:de|of)\s+)?(?P<nm>{_MONTH_NAMES})\.?"
    rf"(?:\s+|-)?(?:de\s+)?(?P<ny>\d{{4}})"  # the year a scan joined to the month ("3 January2025") too
    rf"|(?P<em>{_MONTH_NAMES})(?:\.\s*|\s+)(?P<ed>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<ey>\d{{4}})"
    r")(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)

# The years a document's dates fall in: beyond them a four-digit year is a misread ("3025" for 2025).
FIRST_YEAR, LAST_YEAR = 1900, 2099

# What OCR leaves of a day, month and year printed with two separators: one dropped ("2706.2025"), both, or
# either read as a space, a comma, a colon or an apostrophe ("30.04 2025", "30:04,2025").
MISREAD_DATE_RE = re.compile(r"(?<![\w/.-])(?P<d>\d{2})(?:\s?[/.\-,:;'’]\s?|\s)?(?P<m>\d{2})(?:\s?[/.\-,:;'’]\s?|\s)?"
                             r"(?P<y>(?:19|20)\d{2})(?![\w/]|[.-]\d)")


def parse_date(text: str) -> dt.date | None:
    """The date that TEXT is (the whole string), or None."""
    match = DATE_RE.fullmatch(text.strip())
    return _to_date(match) if match else None


def find_dates(text: str) -> list[tuple[dt.date, str, int]]:
    """Every real date in TEXT as (date, raw text, start offset), left to right."""
    found = []
    for match in DATE_RE.finditer(text):
        value = _to_date(match)
        if value is not None:
            found.append((value, match.group(0), match.start()))
    return found


def find_misread_dates(text: str) -> list[tuple[dt.date, str, int]]:
    """Every day-month-year that MISREAD_DATE_RE reads in TEXT: a guess that only a
    check (the date order) may take."""
    found = []
    for match in MISREAD_DATE_RE.finditer(text):
        try:
            found.append((dt.date(int(match.group("y")), int(match.group("m")), int(match.group("d"))),
                          match.group(0), match.start()))
        except ValueError:
            continue
    return found


def _to_date(match: re.Match) -> dt.date | None:
    if match.group("iy"):
        year, month, day = match.group("iy"), match.group("im"), match.group("id")
    elif match.group("d"):
        year, month, day = match.group("y"), match.group("m"), match.group("d")
    elif match.group("od"):
        year, month, day = match.group("oy"), match.group("om"), match.group("od")
    elif match.group("nm"):
        year, month, day = match.group("ny"), _month(match.group("nm")), match.group("nd")
    else:  # "March 3, 2025"
        year, month, day = match.group("ey"), _month(match.group("em")), match.group("ed")
    year = int(year)
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    month, day = int(month), int(day)
    if month > 12 >= day and match.group("d"):
        month, day = day, month  # 03/14/2025: an American date, the only reading that is a date
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    return _MONTH_BY_PLAIN[without_accents(name.lower())]


# A day, month and year as a scan may misread them: letters for digits ("O7-ott-2025"), a month's name blurred
# ("Apri! 13, 2025", "24-aga-2025", a mark read for its last letter), a digit read for another ("27/40/2025").
_FIGURE = r"[\dOoIlSBZ]"
_BLURRED_MONTH = r"[^\W\d_]{3,9}[^\s\d\w]?"
SLIPPED_DATE_RE = re.compile(
    rf"(?<![^\W_]|[/.])(?<!\S-)(?:(?P<d>{_FIGURE}{{1,2}})\s?[/.\-]\s?(?P<m>{_FIGURE}{{1,2}})\s?[/.\-]\s?"
    rf"(?P<y>{_FIGURE}{{4}}|\d{{2}})"
    rf"|(?P<nd>{_FIGURE}{{1,2}})[.°]?(?:\s+|-)(?P<nm>{_BLURRED_MONTH})\.?(?:\s+|-)(?P<ny>{_FIGURE}{{4}})"
    rf"|(?P<em>{_BLURRED_MONTH})\.?\s+(?P<ed>{_FIGURE}{{1,2}})[,.]?\s+(?P<ey>{_FIGURE}{{4}}))(?![\w/]|[.-]\d)")
NEAR_DAYS = 31  # a document's dates (ordered, issued, delivered) fall within a month of one another
# Words a date prints between a day and a year that are no month's, whatever one letter of a month they are.
NO_MONTHS = frozenset({"del", "dal", "nel", "per"})


def slipped_dates(text: str) -> list[tuple[set[dt.date], str, int]]:
    """Every day-month-year figure in TEXT that reads as no date (or as a month-first one only by a month past
    12), with the real dates one slip from it: its letters read as the digits they look like, a month's name
    one letter off, or one digit of the day, the month or the year read for another. A guess each: only a
    check (one reading alone, the date order, a payment term) may take one."""
    found = []
    for match in SLIPPED_DATE_RE.finditer(text):
        raw = match.group(0)
        if any(start == match.start() and printed == raw for _, printed, start in find_dates(text)) \
                and not (match.group("m") and int(match.group("m").translate(LETTER_TO_DIGIT)) > 12):
            continue  # read as printed, day first
        readings = _slipped_readings(match)
        if readings:
            found.append((readings, raw, match.start()))
    return found


def _slipped_readings(match: re.Match) -> set[dt.date]:
    day, month, year = (match.group(g) or match.group("n" + g) or match.group("e" + g) for g in "dmy")
    day, year = day.translate(LETTER_TO_DIGIT), year.translate(LETTER_TO_DIGIT)
    if match.group("m") is None:  # a month's name: one of one month's names, the digits as printed or one off
        months = _blurred_month(month)
        if len(months) != 1:
            return set()
        month = str(months.pop())
        if found := _real_date(year, month, day):
            return {found}
        if len(day) < 2:  # a day of one figure may have lost one: a second slip
            return set()
        return {found for y, d in _one_digit_off(year, day) if (found := _real_date(y, month, d))}
    month = month.translate(LETTER_TO_DIGIT)
    if (found := _real_date(year, month, day)) and int(month) <= 12:
        return {found}  # letters for digits
    if len(day) < 2 or len(month) < 2:  # a figure of one may have lost one ("7-95. 2025" for 17.05.2025): a second slip
        return set()
    return {found for y, m, d in _one_digit_off(year, month, day) if (found := _real_date(y, m, d))}


def _one_digit_off(*parts: str) -> list[tuple[str, ...]]:
    """PARTS with one digit of one of them read for another."""
    return [parts[:i] + (part[:j] + digit + part[j + 1:],) + parts[i + 1:]
            for i, part in enumerate(parts) for j in range(len(part)) for digit in "0123456789" if digit != part[j]]


def _real_date(year: str, month: str, day: str) -> dt.date | None:
    year = int(year) + (0 if len(year) > 2 else 2000 if int(year) < 70 else 1900)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        return None


def _blurred_month(word: str) -> set[int]:
    """The month WORD names, else those whose names it is a letter or a trailing mark off ("Apri!", "aga" for
    ago)."""
    read = without_accents(word.lower()).rstrip(".")
    read = "".join(ch for ch in read if ch.isalpha())
    if read in _MONTH_BY_PLAIN:
        return {_MONTH_BY_PLAIN[read]}
    if read in NO_MONTHS or len(read) < 3:
        return set()
    return {number for name, number in _MONTH_BY_PLAIN.items()
            if len(name) >= 3 and _one_edit(read, name)}


def _one_edit(read: str, name: str) -> bool:
    """READ is NAME, or NAME with one letter changed, added or lost."""
    if abs(len(read) - len(name)) > 1:
        return False
    if len(read) == len(name):
        return sum(a != b for a, b in zip(read, name)) <= 1
    short, long = sorted((read, name), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def one_reading(readings: set[dt.date], others: list[dt.date]) -> dt.date | None:
    """The one date among READINGS of a figure a scan slipped, alone or else the one alone within NEAR_DAYS
    of one of the OTHER dates the page prints (an order's, a delivery's, a due date): a document's dates lie
    close together. None where several are as near (a "39" read for 09, 19, 29, 30 or 31)."""
    if len(readings) > 1 and others:
        readings = {r for r in readings if any(abs((r - other).days) <= NEAR_DAYS for other in others)}
    return next(iter(readings)) if len(readings) == 1 else None
