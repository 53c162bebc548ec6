"""Italian identifiers with real check digits: P.IVA, codice fiscale, IBAN, POD, PDR.

The extractors validate these with python-stdnum, so a sample with a wrong check
digit would teach them to flag good documents.
"""

from __future__ import annotations

import datetime as dt
import random
import string

# Codice fiscale / CIN check tables (DM 23/12/1976): value of a character in an
# odd (1st, 3rd, ...) or even position.
_ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]
_MONTH_LETTERS = "ABCDEHLMPRST"
_VOWELS = "AEIOU"


def _char_index(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A")


def check_letter(body: str) -> str:
    """The check letter shared by the codice fiscale and the IBAN's CIN."""
    total = 0
    for position, ch in enumerate(body.upper()):
        index = _char_index(ch)
        total += _ODD[index] if position % 2 == 0 else index
    return chr(ord("A") + total % 26)


def partita_iva(rng: random.Random) -> str:
    """Seven-digit matricola, a provincial office code, a Luhn check digit."""
    matricola = "".join(rng.choice(string.digits) for _ in range(7))
    office = f"{rng.choice(list(range(1, 101)) + [120, 121]):03d}"
    body = matricola + office
    return body + luhn_digit(body)


def luhn_digit(body: str) -> str:
    """The P.IVA check digit: doubled digits in even positions, as in Luhn."""
    total = 0
    for position, ch in enumerate(body):
        digit = int(ch)
        if position % 2 == 1:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return str((10 - total % 10) % 10)


def _name_code(name: str, is_first_name: bool) -> str:
    letters = [c for c in name.upper() if c.isalpha()]
    consonants = [c for c in letters if c not in _VOWELS]
    vowels = [c for c in letters if c in _VOWELS]
    if is_first_name and len(consonants) >= 4:
        consonants = [consonants[0], consonants[2], consonants[3]]
    return ("".join(consonants + vowels) + "XXX")[:3]


def codice_fiscale(surname: str, first_name: str, birth: dt.date, female: bool, comune: str) -> str:
    """A person's 16-character codice fiscale (comune = Belfiore code, e.g. F205)."""
    day = birth.day + (40 if female else 0)
    body = (
        _name_code(surname, False) + _name_code(first_name, True)
        + f"{birth.year % 100:02d}" + _MONTH_LETTERS[birth.month - 1] + f"{day:02d}" + comune
    )
    return body + check_letter(body)


def iban(rng: random.Random, abi: str | None = None) -> str:
    """An Italian IBAN: IT + mod-97 check digits + CIN + ABI + CAB + 12-char account."""
    abi = abi or f"{rng.randrange(1000, 9999):05d}"
    cab = f"{rng.randrange(1000, 99999):05d}"
    account = "".join(rng.choice(string.digits) for _ in range(12))
    bban = check_letter(abi + cab + account) + abi + cab + account
    return "IT" + iban_check_digits("IT", bban) + bban


def iban_check_digits(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    number = int("".join(str(int(c, 36)) for c in rearranged))
    return f"{98 - number % 97:02d}"


def pod(rng: random.Random) -> str:
    """Electricity point of delivery: IT + distributor code + E + 8 digits."""
    return f"IT{rng.choice(['001', '002', '012', '020'])}E{rng.randrange(10**7, 10**8)}"


def pdr(rng: random.Random) -> str:
    """Gas point of redelivery: 14 digits."""
    return "".join(rng.choice(string.digits) for _ in range(14))
