"""Money amounts as written on Italian and foreign documents, to `Decimal`.

The decimal separator is decided per amount, never per document: the last of
`.`/`,` is the decimal mark when both occur (`1.471,60`, `1,471.60`); a lone
separator followed by exactly three digits groups thousands (`1.471`); one or
two digits after it are cents. So `€ 1.471,60` is 1471.60, never 1.60. French
and Swiss documents group thousands with a space or an apostrophe (`1 234,56`,
`1'234.56`), Indian ones in lakhs and crores (`12,34,567.50`); a space groups
them only in an amount with cents, since between bare numbers it more often
parts two values ("2 pz").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# One amount in running text: optional sign or "(", optional currency, digits
# with grouping, optional cents, optional trailing "-" / ")" / currency.
AMOUNT_RE = re.compile(
    r"(?<![\w.,/])"
    r"(?P<lead>[-−(]\s?)?"
    r"(?:(?:€|EUR)\s?)?"
    r"(?P<lead2>-\s?)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+[.,]\d{2}"  # "1 234,56": spaces group thousands only with cents
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"  # "12,34,567.50": India groups lakhs and crores
    r"|\d{1,3}(?:[.,'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?![\d/])"
    r"(?:\s?(?:€|EUR))?"
    r"(?P<trail>-|\))?"
    r"(?![\w,%]|\.\d|\s%)"
)

# "461, 25", "517 ,59": a scan's stray space; never "20,70. 20,70", two figures (a price and its amount)
SPACED_CENTS_RE = re.compile(r"(?<=\d)(?: ([.,])|([.,]) )(?=\d\d(?!\d|[.,]\d))")
# "3. 233,26", "13,,92": a stray space after a thousands mark, a mark doubled; never after a figure's cents
# ("1,50. 100,00" is a price and its amount)
SPACED_THOUSANDS_RE = re.compile(r"(?<![.,]\d\d)(?<=\d)([.,]) (?=\d{3}[.,]\d\d(?!\d))")
DOUBLED_MARK_RE = re.compile(r"(?<=\d)([.,])\1+(?=\d)")


def parse_amount(text: str) -> Decimal | None:
    """The amount in TEXT (the whole string must be one amount), or None."""
    text = text.strip()
    match = AMOUNT_RE.fullmatch(text)
    return _to_decimal(match) if match else None


def find_amounts(text: str) -> list[tuple[Decimal, str, int]]:
    """Every amount in TEXT as (value, raw text, start offset), left to right."""
    found = []
    for match in AMOUNT_RE.finditer(text):
        value = _to_decimal(match)
        if value is not None:
            found.append((value, match.group(0).strip(), match.start()))
    return found


def spaces_closed(text: str) -> str:
    """TEXT with a scan's stray space beside a figure's decimal mark taken out ("461, 25", "517 ,59"), or after
    its thousands mark ("3. 233,26"), and a mark it doubled read once ("13,,92")."""
    text = SPACED_CENTS_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return DOUBLED_MARK_RE.sub(r"\1", SPACED_THOUSANDS_RE.sub(r"\1", text))


def has_cents(raw: str) -> bool:
    """True when RAW ends in a decimal part (`12,00`), the usual shape of money."""
    return bool(re.search(r"\d[.,]\d{2}(?:\D*)$", raw))


def _to_decimal(match: re.Match) -> Decimal | None:
    number = _normalise_digits(match.group("num"))
    if number is None:
        return None
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    lead = (match.group("lead") or "").strip()
    trail = match.group("trail") or ""
    if lead == "(" and trail != ")" or trail == ")" and lead != "(":
        return None  # an unbalanced bracket is not an accounting negative
    if lead in ("-", "−", "(") or match.group("lead2") or trail == "-":
        value = -value
    return value


def _normalise_digits(num: str) -> str | None:
    """`1.234,56` / `1,234.56` / `1'234.56` / `1 234,56` / `1234,5` → `1234.56`-style text."""
    num = "".join(ch for ch in num if ch not in "'’ \u00a0\u202f")
    last_dot, last_comma = num.rfind("."), num.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_mark = "." if last_dot > last_comma else ","
    elif last_dot >= 0 or last_comma >= 0:
        sep = "." if last_dot >= 0 else ","
        groups = num.split(sep)
        if len(groups) > 2 and len(groups[-1]) == 2:
            return "".join(groups[:-1]) + "." + groups[-1]  # "4,059,60": OCR made one mark of both
        if len(groups) > 2 or len(groups[-1]) == 3:
            return num.replace(sep, "")  # thousands only: 1.234 / 1,234,567
        decimal_mark = sep
    else:
        return num
    thousands = "," if decimal_mark == "." else "."
    integer, _, cents = num.rpartition(decimal_mark)
    return integer.replace(thousands, "") + "." + cents


# A figure as OCR may print it: digits, their look-alikes (O for 0, l and I for 1, S for 5, ...),
# marks (a fax reads a comma as "/") and stray spaces; at least one true digit. A space ends it after
# its cents ("5.329,28 1.172,44" are two figures), before a lone "|", a table's rule ("12.65518 | 4%"),
# and before a rate ("247,921 4%": a stray digit, then the rate).
MISREAD_FIGURE_RE = re.compile(r"(?<![^\W\d_])(?=[\w.,;:/' ]*\d)(?!\|\s)[\dOoDIlÎ|SZB]"
                               r"(?:[\dOoDIlÎ|SZB.,;:/']|(?<![.,]\d\d) (?!\|(?:\s|$)|\d{1,2}(?:[.,]\d\d?)? ?%))*"
                               r"[\dOoDIlÎ|SZB]"
                               r"(?![^\W\d_])")
AMOUNT_LOOKALIKES = str.maketrans("OoDIlÎ|SZB;:/", "0001111528,.,")
# A figure cut short of its leading digits: how many may be lost, how many must be left to prove it.
MOST_DIGITS_LOST, LEAST_DIGITS_LEFT = 2, 4
LEAST_EUROS_DIGITS = 3  # a figure whose cents OCR mangled proves its amount by three figures of euros at least
RATE_DIGITS = 4  # a rate has at most four figures ("22,00 %"): a longer figure before "%" is an amount ("6:152,66-")


def misread_as(text: str, value: Decimal) -> tuple[int, int] | None:
    """Where TEXT holds VALUE's figure as OCR misread it ("1.22O,00", "1.220, 00"): its
    start and end, else None. Only a figure known from elsewhere (a sum) is read so:
    the agreement is what proves the repair."""
    for match in MISREAD_FIGURE_RE.finditer(text):
        if abs(value) in misread_readings(match.group(0)):
            return match.start(), match.end()
    return None


def cut_short_as(text: str, value: Decimal) -> tuple[int, int] | None:
    """Where TEXT holds VALUE's figure with its leading digits lost ("233,51" or ".233,51" for
    1.233,51: a fax or a faint scan dropped the first figure, and the thousands mark with it):
    its start and end, else None. At most two digits lost and four left, and only for a figure
    known from elsewhere (a sum): the agreement of the digits left is what proves the repair."""
    want = str(int(abs(value) * 100))
    for match in MISREAD_FIGURE_RE.finditer(text):
        digits = "".join(ch for ch in match.group(0).translate(AMOUNT_LOOKALIKES) if ch.isdigit())
        if (len(digits) >= LEAST_DIGITS_LEFT and 0 < len(want) - len(digits) <= MOST_DIGITS_LOST
                and want.endswith(digits)):
            return match.start(), match.end()
    return None


def digit_lost_as(text: str, value: Decimal) -> tuple[int, int] | None:
    """Where TEXT holds VALUE's figure with one digit inside it lost ("31,04" for 381,04: a low-resolution
    scan merged two figures): its start and end, else None. Four digits left at least, and only for a
    figure known from elsewhere (a sum): the agreement of the digits left, in order, proves the repair."""
    want = str(int(abs(value) * 100))
    for match in MISREAD_FIGURE_RE.finditer(text):
        digits = "".join(ch for ch in match.group(0).translate(AMOUNT_LOOKALIKES) if ch.isdigit())
        if len(digits) >= LEAST_DIGITS_LEFT and len(want) == len(digits) + 1 and any(
                want[:i] + want[i + 1:] == digits for i in range(1, len(want))):
            return match.start(), match.end()
    return None


def cents_misread_as(text: str, value: Decimal) -> tuple[int, int] | None:
    """Where TEXT holds VALUE's figure with its euros read right and its cents mangled, so that it reads
    as no amount with cents ("8.793.365" for 8.793,86: the comma read as a period, a figure doubled):
    its start and end, else None. Three figures of euros at least, then one to three figures; only
    for a figure known from elsewhere (a sum), the euros' agreement proving the repair."""
    euros = str(int(abs(value)))
    if len(euros) < LEAST_EUROS_DIGITS:
        return None
    for match in MISREAD_FIGURE_RE.finditer(text):
        figure = match.group(0)
        digits = "".join(ch for ch in figure.translate(AMOUNT_LOOKALIKES) if ch.isdigit())
        if (digits.startswith(euros) and 1 <= len(digits) - len(euros) <= 3
                and (parse_amount(figure) is None or not has_cents(figure))):
            return match.start(), match.end()
    return None


def misread_figure(text: str) -> tuple[list[Decimal], int, int] | None:
    """The first figure in TEXT that is no rate (not a short figure followed by "%") and holds
    at least three figures, with what OCR may have made of it (`misread_readings`): its
    readings, signed as printed, and its start and end."""
    found = _figure_with_sign(text)
    if found is None:
        return None
    figure, negative, start, end = found
    readings = misread_readings(figure)
    return ([-r if negative else r for r in readings], start, end) if readings else None


def slipped_figure(text: str) -> tuple[tuple[list[Decimal], list[Decimal]], int, int] | None:
    """The figure `misread_figure` finds, as (its likeliest reading, the others and the amounts
    one slip away from it: `slipped_readings`), each signed as printed, with its start and end."""
    found = _figure_with_sign(text)
    if found is None:
        return None
    figure, negative, start, end = found
    sign = -1 if negative else 1
    likeliest, *others = misread_readings(figure) or [None]
    # a letter for a digit ("1.23O,00") is a slip already: another would make two
    slips = [] if any(ch.isalpha() for ch in figure) else slipped_readings(figure)
    slipped = [r for r in others + slips if r != likeliest]
    return ([sign * likeliest] if likeliest is not None else [], [sign * r for r in slipped]), start, end


def _figure_with_sign(text: str) -> tuple[str, bool, int, int] | None:
    for match in MISREAD_FIGURE_RE.finditer(text):
        figure, digits = match.group(0), sum(ch.isdigit() for ch in match.group(0))
        if digits < 3 or digits <= RATE_DIGITS and text[match.end():].lstrip().startswith("%"):
            continue
        before, after = text[:match.start()].rstrip(), text[match.end():]
        return figure, before.endswith(("-", "−")) or after.startswith("-"), match.start(), match.end()
    return None


def slipped_readings(figure: str) -> list[Decimal]:
    """The amounts (unsigned, in cents as money is printed) one slip away from FIGURE: one
    digit read for another ("14.748,00" for 14.745,00) or one stray digit ("615,297" for
    615,27). Dozens of them: only two equations that one of them solves at once (a legal
    rate and the sum) prove it."""
    digits = "".join(ch for ch in figure.translate(AMOUNT_LOOKALIKES) if ch.isdigit())
    variants = {digits[:i] + d + digits[i + 1:] for i in range(len(digits)) for d in "0123456789"}
    variants |= {digits[:i] + digits[i + 1:] for i in range(len(digits))} if len(digits) > 3 else set()
    return sorted({Decimal(v) / 100 for v in variants if v and v != digits})


def misread_readings(figure: str) -> list[Decimal]:
    """The amounts (unsigned) that FIGURE, as OCR may have misread it, could stand for:
    letters for digits ("1.22O,00"), stray spaces and doubled or wrong marks ("2.171, 21",
    "25,817.,06", "73;753.24", "1:368,23"), the decimal mark lost ("2.56509" for 2.565,09), a currency
    sign read as a leading digit ("81,055.21" for £1,055.21), both marks lost and the thousands
    one read as a digit ("3132754." for 3.327,54). Never kept on its own: only
    a sum that one of them makes proves it."""
    figure = re.sub(r"[.,]{2,}", lambda m: m.group(0)[-1], figure.translate(AMOUNT_LOOKALIKES).replace(" ", ""))
    digits = "".join(ch for ch in figure if ch.isdigit())
    readings = [parse_amount(figure), Decimal(digits) / 100 if len(digits) >= 3 else None]
    if len(digits) > 3 and figure[1].isdigit():
        readings.append(parse_amount(figure[1:]))
    if len(digits) >= 7 and figure.isdigit():  # "3132754" for 3.327,54: the thousands mark read as a digit
        readings.append(Decimal(digits[:-6] + digits[-5:]) / 100)
    return list(dict.fromkeys(abs(r) for r in readings if r is not None))
