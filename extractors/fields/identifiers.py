"""Identifiers found in text: P.IVA (and the VAT numbers of other countries),
codice fiscale, IBAN, POD, PDR.

Finders return candidates with their checksum verdict, validated with
python-stdnum; the caller decides whether an invalid one is kept (and flagged)
or skipped. Spaces inside an IBAN are allowed, an `IT` before a P.IVA too.

OCR reads `0` as `O`, `1` as `I` or `l`, `5` as `S`: where a letter stands in a place that only a digit may take (or
the other way round), the identifier is read again with the look-alike, and that reading is kept only when its check
digits pass (a foreign VAT number's too); so is `IT` read as `17`, `(T` or `11` before a P.IVA, the end of its
caption glued to it ("C.F/P 41202..."), its IT glued to the caption ("VAT ID1T0746..."), its digits glued to the
caption ("P.IVA01234567890") or split in two after IT or its caption ("IT54561 140903"), and a speck read as a mark
or a letter among them ("IT8668£9970613", "1T8B4234661001"). An Italian IBAN with one figure misread is mended where
its two checks, the CIN and mod-97, prove the one figure that mends it. After a P.IVA caption, eleven digits that
fail the check are mended where changing one digit makes a valid P.IVA and only one such change does. A foreign VAT
number has no fixed shape to tell it from other codes, so only one that passes its country's check is taken; it
keeps its country prefix (`DE232446240`), an Italian P.IVA does not; an Irish one's I read as 1, | or a bracket is
read again. A codice fiscale printed a character a box (an F24) is read as one code where its check passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from stdnum import iban as stdnum_iban
from stdnum import numdb
from stdnum.ch import uid as swiss_uid
from stdnum.ch import vat as swiss_vat
from stdnum.eu import vat as eu_vat
from stdnum.gb import vat as uk_vat
from stdnum.it import codicefiscale, iva


@dataclass(frozen=True)
class Found:
    value: str  # compact form: no spaces, no IT prefix for a P.IVA
    raw: str
    start: int
    valid: bool


# What OCR makes of the I of the IT before a P.IVA: "ÎT", "1T", "[T", "{T", "(T", "JT".
IT_I = r"[IÎÍÌ1l|£\[{(J]"
# The captions of a P.IVA that a number follows: "P.IVA", "Partita IVA", "VAT ID" (its I read as 1: "VAT 1D"),
# "VAT No.", and a courtesy copy's "Identificativo fiscale ai fini IVA" or, shortened, "Id. fiscale IVA".
VAT_CAPTION = r"(?:P\.?\s?IVA|Partita\s+IVA|(?:ai\s+fini|fiscale)\s+IVA|VAT(?:\s?[I1l]D|\s?No\.?)?)"
# The caption of the identifier of whoever transmitted a FatturaPA to the SdI ("Id trasmittente",
# "Identificativo del trasmittente"), which a courtesy copy prints among the transmission's data: no party's
TRANSMITTER_RE = re.compile(r"trasmittent", re.IGNORECASE)
VAT_RE = re.compile(rf"(?<![\w])(?:{IT_I}T\s?)?(\d{{11}})(?!\d)", re.IGNORECASE)
# The T of "IT" read as a 7 ("17 84277930081" as one 13-digit run, "[749778691003" with its I read as a bracket):
# only where the check digit proves the 11 after it.
SEVEN_FOR_T_VAT_RE = re.compile(rf"(?<![\w]){IT_I}7\s?(\d{{11}})(?!\d)")
# The end of a P.IVA caption glued by OCR to its number as one or two characters ("C.F./P.I. 1202..." read
# "C.F/P 41202...", "P.IVA IT3966..." read "P.IVA [13966...", "Partita IVA: IT9388..." read "Partita IVA:
# 119388...", "P.IVA IT2162..." read "P.IVA (12162..."): after the caption's P or a P.IVA caption only, where
# the check digit proves the 11 digits that follow.
GLUED_CAPTION_VAT_RE = re.compile(rf"(?:(?<![^\W\d_])P(?:\.?\s?IVA)?|{VAT_CAPTION})[.:,]?\s?"
                                  r"([\[\](){|!0-9IlT]{1,2}(\d{11}))(?!\d)", re.IGNORECASE)
# The IT of a P.IVA glued to the end of its caption ("VAT ID1T07460440378"): only where the check digit proves
# the 11 digits after it.
GLUED_PREFIX_VAT_RE = re.compile(rf"(?<=[^\W\d_]){IT_I}T(\d{{11}})(?!\d)")
# Eleven digits right after a P.IVA caption (and IT, or the 17 OCR reads for it) that fail the check: one digit
# misread ("P.IVA 1741142746392" for IT41142740392), mended where a single digit changed passes the check and
# no other does.
CAPTIONED_VAT_RE = re.compile(rf"{VAT_CAPTION}[.:,]?\s?(?:{IT_I}T|17)?\s?(\d{{11}})(?!\d)", re.IGNORECASE)
# Eleven digits that OCR split in two with a space ("IT54561 140903", "1T5 1044330408"), right after IT or a
# P.IVA (its I read as 1 too: "P.1.") or codice fiscale caption: only where the check digit proves them one number.
SPLIT_VAT_RE = re.compile(rf"(?:(?<![\w]){IT_I}T\s?|(?:IVA|P\.\s?[I1l]\.?|C\.\s?F\.?|fiscale|VAT)[.:]?\s)"
                          r"(\d{1,10} \d{1,10})(?![\w])", re.IGNORECASE)
# Eleven digits after IT or a P.IVA caption with a speck read as a mark or a letter among them ("IT8668£9970613",
# "1T8B4234661001"): only where the check digit proves the eleven digits without it.
SPECKED_VAT_RE = re.compile(rf"(?:(?<![\w]){IT_I}T\s?|{VAT_CAPTION}[.:,]?\s)"
                            r"(\d{1,10}(?:[^\w\s]|[A-Z])\d{1,10})(?![\w])", re.IGNORECASE)
# Eleven digits of which OCR made some letters: O, I, l, S, Z, B among them, T for a 7 ("T1467020070"),
# "!" for a closing 1 ("6033497040!") and & for an 8 ("IT&9780560945"); only where the check digit proves them.
MISREAD_VAT_RE = re.compile(r"(?<![\w])(?:IT\s?)?((?=[0-9OIlSZBT!&]{11}(?![\w]))(?=(?:\D*\d){6})[0-9OIlSZBT!&]{11})"
                            r"(?![\w])")
LETTER_TO_DIGIT = str.maketrans("OoIlSZB", "0011528")
VAT_LOOK_ALIKES = {**LETTER_TO_DIGIT, **str.maketrans("T!&", "718")}
# Where a foreign VAT number or IBAN wants a figure, a scan's Q is a 0 too ("IEQ938723W" for IE0938723W); where it
# wants a letter, its 0 or O may be a Q as well as an O ("IE980GWX..." for IE98QGWX...): only the check proves which.
FOREIGN_LOOK_ALIKES = {**LETTER_TO_DIGIT, **str.maketrans("Q", "0")}
ROUND_LETTERS = "OQ"
DIGIT_TO_LETTER = str.maketrans("0125", "OIZS")
# What a scan reads for an IBAN's CIN letter besides a figure: "$" for S, "¥" for Y.
CIN_LOOK_ALIKES = {**DIGIT_TO_LETTER, **str.maketrans("$¥", "SY")}
# A VAT number of another country: its prefix (upper case), then letters and digits.
FOREIGN_VAT_RE = re.compile(r"(?<![\w])(?=((?:AT|BE|BG|CY|CZ|DE|DK|EE|EL|GR|ES|FI|FR|HR|HU|IE|LT|LU|LV|MT|NL|PL|PT|RO|SE|"
                            r"SI|SK|XI|GB|CHE)[ .-]?[0-9A-Z](?:[ .-]?[0-9A-Z]){6,13}))")
# The I of an Irish "IE1234567W" read as 1, l, | or a bracket ("[E9410425W"), and its E as a pound sign
# ("1£3139661W"): same length, so the offsets hold; only a valid number is taken.
IRISH_PREFIX_RE = re.compile(r"(?<![\w])[1l|\[(!](?=E\d)")
IRISH_E_RE = re.compile(r"(?<=(?<![\w])[1l|\[(!I])£(?=\d{7}[A-Z])")
_OMOCODE_DIGIT = r"[0-9LMNPQRSTUV]"
PERSON_CF_RE = re.compile(
    rf"(?<![A-Z0-9])([A-Z]{{6}}{_OMOCODE_DIGIT}{{2}}[A-EHLMPRST]{_OMOCODE_DIGIT}{{2}}[A-Z]{_OMOCODE_DIGIT}{{3}}[A-Z])(?![A-Z0-9])",
    re.IGNORECASE,
)
# Where a person's codice fiscale has letters (A) and digits (9; omocodes put letters there too).
CF_SHAPE = "AAAAAA99A99A999A"
# Sixteen characters, or seventeen where a scan read a typewriter's 5 or 8 as S and the figure ("GS58" for G58) or
# its S as the S and a figure ("S854" for S54); an 8 may be read as an ampersand ("FNTLRI&7T55...").
MISREAD_CF_RE = re.compile(r"(?<![A-Z0-9&])([A-Z0-9&]{16,17})(?![A-Z0-9&])", re.IGNORECASE)
# The same that a scan split in two with a space ("BSSNRC81T17 E506H").
SPLIT_CF_RE = re.compile(r"(?<![A-Z0-9&])(?=[A-Z0-9& ]{17,18}(?![A-Z0-9&]))([A-Z0-9&]{2,15} [A-Z0-9&]{1,15})(?![A-Z0-9&])",
                         re.IGNORECASE)
DOUBLED_S_RE = re.compile(r"S(?=[58])|(?<=S)[58]")
# What a scan reads for a digit where a codice fiscale has one (S for 5 or 8, G for 6) and for a letter where it
# has one.
CF_DIGIT_READINGS = {"O": "0", "I": "1", "L": "1", "S": "58", "Z": "2", "B": "8", "G": "60", "&": "8"}
CF_LETTER_READINGS = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B"}
# A codice fiscale printed a character a box, as an F24 prints it: each character a word of its own.
BOXED_TAX_CODE_RE = re.compile(r"(?<!\S)(?=((?:[A-Z0-9] ){15}[A-Z0-9]|(?:\d ){10}\d)(?!\S))", re.IGNORECASE)
# An Italian IBAN by its structure (IT, 2 check digits, CIN letter, ABI+CAB, account),
# spaces allowed between any characters; other countries: letters and digits.
_S = r"[ ]?"
# Where an IBAN opens: no letter or figure runs into it, but for its caption, which a scan may join to it
# ("IBANIT60X0542811101000000123456").
IBAN_START = r"(?:(?<![A-Z0-9])|(?<=IBAN))"
IT_IBAN_RE = re.compile(rf"{IBAN_START}(IT{_S}\d{_S}\d{_S}[A-Z](?:{_S}\d){{10}}(?:{_S}[A-Z0-9]){{12}})(?![A-Z0-9])",
                        re.IGNORECASE)
# The same with look-alike letters where the digits go (the account number is read as digits too),
# the I of IT read as a one or a mark ("1T", "lT", "|T", "!T"), its T as a 7 or a 1 ("I721I...", "1194U..."), a 5 as a dollar
# ("0$84738..."), and the CIN letter as a digit (0 for O, 9 for S, 8 for R), a sign ("$" for S, "¥" for Y) or a
# brace or bracket (a J read "{" or "}": the CIN their figures make is the letter then).
_D = "[0-9OIlSZB$]"
MISREAD_IT_IBAN_RE = re.compile(rf"{IBAN_START}([I1l|!][T71]{_S}{_D}{_S}{_D}{_S}[A-Z0-9$¥{{}}\[\]](?:{_S}{_D}){{10}}"
                                rf"(?:{_S}[A-Z0-9]){{12}})(?![A-Z0-9])")
IBAN_FIGURES = {**LETTER_TO_DIGIT, **str.maketrans("$", "5")}
# A lookahead, so that a candidate that swallowed its neighbours does not hide them; a space may part the country
# from the check digits ("IE 98QGWX...") as it may any two characters, and a check digit may be read as its
# look-alike letter ("IES8AUFE7..."): mod-97 proves the reading.
IBAN_RE = re.compile(rf"{IBAN_START}(?=([A-Z]{{2}}{_S}[0-9OSB]{{2}}(?:{_S}[A-Z0-9]){{11,30}}))", re.IGNORECASE)
# One whose leading I (IE, IS, IL, ...) a scan read as a mark, a one or a J: "(E39HTVI9604…", "|E39…", "1E64…".
I_MARKED_IBAN_RE = re.compile(rf"(?<![A-Z0-9])[(|\[!1lJ](?=([A-Z]\d{{2}}(?:{_S}[A-Z0-9]){{11,30}}))", re.IGNORECASE)
POD_RE = re.compile(r"(?<![A-Z0-9])(IT\d{3}E\d{8}[A-Z]?)(?![A-Z0-9])", re.IGNORECASE)
PDR_RE = re.compile(r"(?<!\d)(\d{14})(?!\d)")


def find_vats(text: str) -> list[Found]:
    """P.IVA candidates (11 digits, optionally after `IT`), misread ones that their
    check digit proves, and valid VAT numbers of other countries."""
    found = [Found(m.group(1), m.group(0), m.start(), iva.is_valid(m.group(1))) for m in VAT_RE.finditer(text)]
    found += [Found(m.group(1), m.group(0), m.start(), True) for m in SEVEN_FOR_T_VAT_RE.finditer(text)
              if iva.is_valid(m.group(1))]
    for m in GLUED_CAPTION_VAT_RE.finditer(text):
        if iva.is_valid(m.group(2)) and not any(f.start <= m.start(1) < f.start + len(f.raw) for f in found):
            found.append(Found(m.group(2), m.group(1), m.start(1), True))
    for m in GLUED_PREFIX_VAT_RE.finditer(text):
        if iva.is_valid(m.group(1)) and not any(f.start <= m.start() < f.start + len(f.raw) for f in found):
            found.append(Found(m.group(1), m.group(0), m.start(), True))
    for m in [*SPLIT_VAT_RE.finditer(text), *SPECKED_VAT_RE.finditer(text)]:
        digits = re.sub(r"\D", "", m.group(1))
        if len(digits) == 11 and iva.is_valid(digits):
            found.append(Found(digits, m.group(1), m.start(1), True))
    for m in MISREAD_VAT_RE.finditer(text):
        digits = m.group(1).translate(VAT_LOOK_ALIKES)
        if not m.group(1).isdigit() and iva.is_valid(digits):
            found.append(Found(digits, m.group(0), m.start(), True))
    for m in CAPTIONED_VAT_RE.finditer(text):
        if iva.is_valid(m.group(1)):  # glued to its caption ("P.IVA01234567890"), no IT the lookbehind could skip
            if not any(f.start <= m.start(1) < f.start + len(f.raw) for f in found):
                found.append(Found(m.group(1), m.group(1), m.start(1), True))
            continue
        mended = _one_digit_mended(m.group(1))
        if mended:
            found = [f for f in found if not f.start <= m.start(1) < f.start + len(f.raw)]
            found.append(Found(mended, m.group(1), m.start(1), True))
    for m in FOREIGN_VAT_RE.finditer(IRISH_PREFIX_RE.sub("I", IRISH_E_RE.sub("E", text))):
        compact = _foreign_vat(m.group(1))
        if compact and not any(f.start <= m.start() < f.start + len(f.raw) for f in found):
            printed = text[m.start(1):m.start(1) + len(m.group(1))]  # as printed: "1E8121566W"
            found.append(Found(compact, _printed(printed, len(compact)), m.start(), True))
    return sorted(found, key=lambda f: f.start)


def _one_digit_mended(digits: str) -> str | None:
    """The one P.IVA that DIGITS, which fail the check, make with a single digit changed; None where they pass
    or where two readings would (the check cannot tell which digit OCR misread)."""
    if iva.is_valid(digits):
        return None
    readings = [mended for at in range(len(digits)) for digit in "0123456789"
                if iva.is_valid(mended := digits[:at] + digit + digits[at + 1:])]
    return readings[0] if len(readings) == 1 else None


def _printed(text: str, length: int) -> str:
    """The start of TEXT that prints LENGTH letters and digits: "DE342366712", not "DE342366712 IBAN D"."""
    seen = 0
    for end, char in enumerate(text, start=1):
        seen += char.isalnum()
        if seen == length:
            return text[:end]
    return text


def _foreign_vat(text: str) -> str | None:
    """The longest start of TEXT that is a valid VAT number of its country, compacted; else
    one with OCR's letters for digits ("IESS29861W") read as digits where that makes it valid
    (the last character, a check letter in some countries, kept)."""
    compact = re.sub(r"[ .-]", "", text)
    prefix = 3 if compact.startswith("CHE") else 2
    readings = (compact, compact[:prefix] + compact[prefix:-1].translate(FOREIGN_LOOK_ALIKES) + compact[-1:])
    for reading in dict.fromkeys(readings):
        for length in range(len(reading), 8, -1):
            if is_valid_vat(reading[:length]):
                return reading[:length]
    return None


def find_tax_codes(text: str) -> list[Found]:
    """Codici fiscali of people (16 characters); companies use their 11-digit P.IVA form.
    A code that OCR misread in a place of letters or of digits is read again there, one
    with a 5 or 8 read as S and the figure without the S, and one split by a space as one: taken where the print
    fails the check and one reading only passes it, in place of the print."""
    found = []
    for m in PERSON_CF_RE.finditer(text):
        code = m.group(1).upper()
        found.append(Found(code, m.group(0), m.start(), codicefiscale.is_valid(code)))
    for m in [*MISREAD_CF_RE.finditer(text), *SPLIT_CF_RE.finditer(text)]:
        printed = m.group(1).upper()
        code = printed.replace(" ", "")
        if codicefiscale.is_valid(code):  # as printed: PERSON_CF_RE has it unless a space split it
            valid = {code} if code != printed else set()
        else:
            valid = {reading for reading in _cf_readings(code) if codicefiscale.is_valid(reading)}
        if len(valid) == 1:
            found = [f for f in found if f.start != m.start()]
            found.append(Found(valid.pop(), m.group(0), m.start(), True))
    return sorted(found, key=lambda f: f.start)


def _cf_readings(printed: str) -> set[str]:
    """Every codice fiscale PRINTED may be as a scan read it: its look-alikes read for the letters or digits
    of each place (CF_SHAPE), and a 5 or 8 read as S and the figure ("GS58") or an S as S and a figure ("S854")
    read once."""
    spellings = [printed] if len(printed) == 16 else [printed[:m.start()] + printed[m.end():]
                                                      for m in DOUBLED_S_RE.finditer(printed)]
    readings = set()
    for spelling in spellings:
        places = [CF_LETTER_READINGS.get(c, c) if kind == "A" else CF_DIGIT_READINGS.get(c, c) if not c.isdigit()
                  else c for c, kind in zip(spelling, CF_SHAPE)]
        readings |= {"".join(chars) for chars in product(*places)}
    return readings


def find_boxed_tax_codes(text: str) -> list[Found]:
    """Codici fiscali printed a character a box (a person's 16, a company's 11 digits): taken only
    where the check character proves that the single characters in a row make one code."""
    found = []
    for m in BOXED_TAX_CODE_RE.finditer(text):
        code = m.group(1).replace(" ", "").upper()
        if codicefiscale.is_valid(code) if len(code) == 16 else iva.is_valid(code):
            found.append(Found(code, m.group(1), m.start(), True))
    return found


def find_ibans(text: str) -> list[Found]:
    """IBANs, spaces removed. Italian ones are kept even when the check fails
    (flagged), but one read again through look-alikes only where mod-97 proves it
    (its CIN read as a digit is the letter its ABI, CAB and account make: the CIN is
    their check letter), and one with a figure misread, its look-alikes read again or not, where the CIN
    as read and mod-97 prove the one figure that mends it; a foreign one must pass mod-97 to be told apart
    from other codes."""
    found = []
    for m in IT_IBAN_RE.finditer(text):
        compact = _compact(m.group(1))
        mended = None if stdnum_iban.is_valid(compact) else _one_digit_mended_iban(compact)
        found.append(Found(mended or compact, m.group(1), m.start(), bool(mended) or stdnum_iban.is_valid(compact)))
    for m in MISREAD_IT_IBAN_RE.finditer(text):
        compact = _compact(m.group(1))
        head, bban = "IT" + compact[2:4].translate(IBAN_FIGURES), compact[5:].translate(IBAN_FIGURES)
        cins = (compact[4].translate(CIN_LOOK_ALIKES), codicefiscale.calc_check_digit(bban))  # the codice fiscale's tables
        digits = next((r for r in (head + cin + bban for cin in cins) if stdnum_iban.is_valid(r)), None)
        digits = digits or compact[4].isalpha() and _one_digit_mended_iban(head + compact[4] + bban) or compact
        if digits != compact and not any(f.start == m.start() and f.valid for f in found):
            found = [f for f in found if f.start != m.start()]  # "…887S1": the reading that passes replaces the print
            found.append(Found(digits, m.group(1), m.start(), True))
    for m in [*IBAN_RE.finditer(text), *I_MARKED_IBAN_RE.finditer(text)]:
        compact = ("I" if m.group(0) else "") + _compact(m.group(1))  # a mark read for the I: only mod-97 proves it
        if compact.startswith("IT") and not m.group(0) or any(f.start == m.start() for f in found):
            continue
        for length in range(len(compact), 14, -1):
            read = next((r for r in (compact[:length], *_as_structured(compact[:length])) if stdnum_iban.is_valid(r)), None)
            if read:
                found.append(Found(read, m.group(0) + m.group(1), m.start(), True))
                break
    return sorted(found, key=lambda f: f.start)


def _one_digit_mended_iban(compact: str) -> str | None:
    """The one Italian IBAN that COMPACT, which fails mod-97, makes with a single figure of its ABI, CAB or account
    changed, where the CIN as read (their check letter, the codice fiscale's tables) and mod-97 then both pass;
    None where no change does or two would. Two checks prove the figure a scan misread, as the P.IVA's one cannot."""
    readings = [reading for at in range(5, len(compact)) if compact[at].isdigit() for figure in "0123456789"
                if figure != compact[at] and cin_holds(reading := compact[:at] + figure + compact[at + 1:])
                and stdnum_iban.is_valid(reading)]
    return readings[0] if len(readings) == 1 else None


# What the CIN's tables (the codice fiscale's) hold: capitals and figures.
CIN_TABLES_RE = re.compile(r"[A-Z0-9]+")
# Where an Italian IBAN's checked characters start: its IT, read as "lT" or "17" alike, is the country's, no mend.
IBAN_CHECKED_FROM = 2


def mended_places(value: str, printed: str) -> list[int]:
    """The places where VALUE, an Italian IBAN read from PRINTED, has another figure, or another CIN letter, than
    the one printed there: the figure `_one_digit_mended_iban` chose, the one change its CIN and mod-97 accept, or
    the CIN worked out again from figures that mod-97 then passes. A print with two figures misread gives such a
    change too (the checks pass a wrong IBAN about one time in ten), so a mended IBAN is a reading to confirm, not
    a proof. A look-alike read for a figure or for the CIN letter (O for 0, 5 or $ for S) is no mend."""
    compact = _compact(printed)
    if not value.startswith("IT") or len(compact) != len(value):
        return []
    return [at for at, (read, taken) in enumerate(zip(compact, value)) if at >= IBAN_CHECKED_FROM and read != taken
            and (read.isdigit() and taken.isdigit() or read.isalpha() and taken.isalpha())]


def cin_holds(compact: str) -> bool:
    """The CIN of the Italian IBAN COMPACT is the check letter of its ABI, CAB and account. An IBAN read with a
    small letter ("...12345x": mod-97 reads it as capital) is checked as capitals; a character the check's tables
    do not hold fails it rather than stopping the page's OCR."""
    bban = compact[5:].upper()
    return CIN_TABLES_RE.fullmatch(bban) is not None and codicefiscale.calc_check_digit(bban) == compact[4:5].upper()


def _as_structured(compact: str) -> list[str]:
    """COMPACT read again where its country's structure wants letters ("GF00" for the Irish bank
    code GFOO, bban `4!a6!n8!n`; a 0 there an O or a Q) or digits: readings which only mod-97 can prove."""
    country = dict(numdb.get("iban").info(compact)[0][1]).get("bban", "")
    places, at = [[ch] for ch in compact[:2] + compact[2:4].translate(FOREIGN_LOOK_ALIKES)], 4
    for size, kind in re.findall(r"(\d+)!([acn])", country):
        for ch in compact[at:at + int(size)]:
            places.append(list(ROUND_LETTERS) if kind == "a" and ch in "0" + ROUND_LETTERS else
                          [ch.translate(DIGIT_TO_LETTER) if kind == "a" else ch.translate(FOREIGN_LOOK_ALIKES)
                           if kind == "n" else ch])
        at += int(size)
    return ["".join(chars) + compact[at:] for chars in product(*places)]


def _compact(text: str) -> str:
    return re.sub(r"\s", "", text).upper()


def find_supply_points(text: str) -> list[Found]:
    """POD (electricity, IT001E...) and PDR (gas, 14 digits) codes."""
    found = [Found(m.group(1).upper(), m.group(0), m.start(), True) for m in POD_RE.finditer(text)]
    found += [Found(m.group(1), m.group(0), m.start(), True) for m in PDR_RE.finditer(text)]
    return sorted(found, key=lambda f: f.start)


def is_valid_vat(value: str) -> bool:
    """An Italian P.IVA (11 digits), or another country's VAT number with its prefix."""
    if value[:2].isalpha():
        return (eu_vat.is_valid(value) or uk_vat.is_valid(value) or swiss_vat.is_valid(value)
                or swiss_uid.is_valid(value))  # a Swiss UID printed without its MWST/TVA/IVA
    return iva.is_valid(value)


def is_valid_tax_code(value: str) -> bool:
    """A person's 16-character code or a company's 11-digit one."""
    return codicefiscale.is_valid(value) if len(value) == 16 else iva.is_valid(value)


def is_valid_iban(value: str) -> bool:
    return stdnum_iban.is_valid(value)
