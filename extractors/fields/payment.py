"""The document's currency and payment method, as invoices, receipts and bills print them.

Both are named words (patterns/labels.json), looked for after their caption
first; a word OCR marred is taken only where it names exactly one of them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from demat.extractors.fields import values
from demat.extractors.fields.identifiers import LETTER_TO_DIGIT
from demat.extractors.fields.labels import GUESS, Candidate, Label
from demat.extractors.fields.layout import Token, confidence_of, overlaps_x, text_of
from demat.extractors.fields.patterns import letters, one_character_apart, patterns, without_accents
from demat.extractors.fields.reading import Reading
from demat.kernel.document import Field

MIN_METHOD_LETTERS = 4  # a shorter word ("BA.", "bb") one letter off names too many things
DOT_LETTERS = "ijl"  # what OCR makes of an I's dot read apart
DIGIT_LETTERS = str.maketrans("10", "io")  # figures OCR reads for letters inside a word
# A crossed check box before a method's word: "X", "[x]", and as a fax or a low-resolution scan reads the box's
# cross and edges ("[&]", "jy]", "fx}", "x)", "ix]")
CROSS_RE = re.compile(r"[\[{(fji|]?[Xx×☒⊠][\]})|]?|[\[{(fj][XxYy&][\]})]")
EMPTY_BOX_RE = re.compile(r"[\[\]{}|]+|\[_+\]")  # an empty check box as a scan reads it: "[]", "[|", "{|", "[_]"
LEAST_UNTICKED = 2  # empty boxes that, all the others read empty, prove a row of check boxes
MIN_LETTERS_ALONE = 3  # "BB", "R.D." name a method only after the payment label
# FatturaPA's code of a method (ModalitaPagamento, "MP05"), which a courtesy copy prints alone in its payment table
PAYMENT_CODE_RE = re.compile(r"mp\d\d")
# The code as a scan reads it, its figures taken for the letters they look like ("MPOS", "MP0S" for MP05)
MISREAD_CODE_RE = re.compile(r"MP([0-9OoQDSsIlLBZz]{2})")
# Its letters made figures: an identifier's look-alikes, and more, since the code's two places hold figures only
CODE_FIGURES = {**LETTER_TO_DIGIT, **str.maketrans("QDsLz", "00512")}
# Methods named after the payment caption that make a form's row of choices, whatever a scan made of
# their boxes ("ia) Contanti E) Assegno O Bonifico El Ri.Ba."): a document names its own method once
LEAST_CHOICES = 3


# A currency symbol with a letter on each side: a letter misread, never a price ("US$" and "S$" end their word).
SYMBOL_IN_A_WORD_RE = re.compile(r"[^\W\d_][$£¥€][^\W\d_]")


def currency(reading: Reading) -> Field:
    """The currency the document names after "Valuta", else in or beside a total's caption, else next
    to its amounts (the most named); EUR by default.
    A symbol inside a word of figures is OCR's misreading of a digit ("LS1" read "1$1",
    "RAL 9010" read "$010"), and one between letters of a letter: a symbol counts alone or beside an amount
    with cents."""
    hits = [h for h in reading.labels_named("currency") if _alone_or_beside_an_amount(text_of(h.tokens))]
    labelled = [h for h in hits if any(lb.name == "currency" and lb.line == h.line for lb in reading.field_labels)]
    by_total = [h for h in hits if any(lb.name == "total" and lb.line == h.line for lb in reading.field_labels)]
    chosen = labelled or by_total or hits
    named_by_total = _named_by_a_total_label(reading)
    if not labelled and named_by_total:
        return named_by_total
    if not chosen:
        return Field(value="EUR", raw="", confidence=0.9)
    counts: dict[str, int] = {}
    for hit in chosen:
        counts[hit.name] = counts.get(hit.name, 0) + 1
    code = max(counts, key=counts.get)
    hit = next(h for h in chosen if h.name == code)
    return Field(value=code, raw=" ".join(t.text for t in hit.tokens), confidence=0.95,
                 source_box=hit.box, page=hit.first.page)


def _named_by_a_total_label(reading: Reading) -> Field | None:
    """The currency a total's caption names in its own words ("TOTALE NOTA CREDITO EUR", "Total USD"):
    the document's, whatever a scan made of a symbol among the items ("$3.145,00-" for 53.145,00)."""
    codes = {w: code for code, wordings in patterns().currencies.items() for w in wordings}
    for label in reversed(reading.field_labels):
        named = [t for t in label.tokens if t.text.lower() in codes] if label.name == "total" else []
        if named:
            return Field(value=codes[named[0].text.lower()], raw=named[0].text, confidence=0.95,
                         source_box=named[0].box, page=named[0].page)
    return None


def _alone_or_beside_an_amount(text: str) -> bool:
    """A symbol between two letters is OCR's misreading of one ("Sc.%" read "S$c.%" over a column of discounts)."""
    if SYMBOL_IN_A_WORD_RE.search(text):
        return False
    return not any(ch.isdigit() for ch in text) or values.amount(text) is not None


def payment_method(reading: Reading) -> Candidate | None:
    """The normalised method (bonifico, riba, ...) named after the payment label, else anywhere: FatturaPA's code
    of a method as a scan misread it ("MPO5" under "Modalità pagamento") before a method's word printed alone
    ("Carta A4" in an item's description)."""
    methods = reading.labels_named("payment_method")
    alone = [method for method in methods if _names_a_method_alone(method)]
    for label in reading.field_labels:
        if label.name != "payment_method":
            continue
        named = [method for method in methods
                 if method.line in (label.line, label.line + 1) and method.first.box[0] >= label.box[0] - 1]
        crossed = [method for method in named if _crossed(reading, method)]
        unticked = [method for method in named if _after_an_empty_box(reading, method)]
        left = [method for method in named if method not in unticked]
        misread = _crossed_word_misread(reading, label) if len(crossed) != 1 else None
        if misread is not None:  # the word after the cross marred ("[x] Contenti", "[x] R.Ba."): no other is chosen
            return misread
        if len(crossed) != 1 and len(unticked) >= LEAST_UNTICKED:
            if len(left) != 1:  # none of the methods read left: no proof of any
                return None
            crossed = left  # the scan lost the cross with its box: the one method whose box was not read empty
        if len(crossed) != 1 and named and (_boxes_beside(reading, named) >= LEAST_UNTICKED
                                            or len({method.name for method in named}) >= LEAST_CHOICES):
            return None  # a form whose boxes a scan marred: the first method is no choice
        method = crossed[0] if len(crossed) == 1 else next(iter(named), None)
        if method is not None:
            return Candidate(method.name, " ".join(t.text for t in method.tokens), method.tokens,
                             confidence_of(method.tokens) * 0.95)
    code = _code_misread(reading)  # the specification's code names one method, a word alone may be an item's
    if code is None and alone:
        method = alone[0]
        return Candidate(method.name, " ".join(t.text for t in method.tokens), method.tokens,
                         confidence_of(method.tokens) * GUESS)
    return code or _method_misread(reading)


def _code_misread(reading: Reading) -> Candidate | None:
    """FatturaPA's code of a method whose figures a scan read as letters ("MPOS" for MP05): the code's two
    places hold figures only, so each letter is the figure it looks like; a word of its own, the first so read."""
    codes = {code: name for name, words in patterns().payment_methods.items() for code in words
             if PAYMENT_CODE_RE.fullmatch(code)}
    for line in reading.layout.lines:
        for token in line.tokens:
            found = MISREAD_CODE_RE.fullmatch(token.text.rstrip(".,;:"))
            code = "mp" + found.group(1).translate(CODE_FIGURES) if found else None
            if code in codes:
                return Candidate(codes[code], token.text, [token], confidence_of([token]) * GUESS)
    return None


def _boxes_beside(reading: Reading, named: list[Label]) -> int:
    """The words on the lines of the NAMED methods that hold a check box's bracket ("[]Assegio", "CU]", "[x]"), as
    a scan reads a form's row of boxes whichever it makes of them; not those of a table's header below a method
    named alone ("[Articolo Nr. P. unitario Cod. IVA Tot.]")."""
    return sum(any(ch in "[]" for ch in t.text) for line in sorted({method.line for method in named})
               for t in reading.layout.lines[line].tokens)


def _crossed(reading: Reading, method: Label) -> bool:
    """METHOD's word follows a crossed check box ("X Bonifico", "[X] Ri.Ba.", "[x]RiBa"): on a form that prints
    every method, the one crossed is the document's, wherever it stands in the row."""
    word = method.first.text
    return bool(CROSS_RE.fullmatch(_word_before(reading, method))) or word.startswith("[") and bool(CROSS_RE.match(word))


def _after_an_empty_box(reading: Reading, method: Label) -> bool:
    """METHOD's word follows a check box read empty ("[] Assegno", "[|", "[]RiBa" in one word)."""
    word = method.first.text
    return bool(EMPTY_BOX_RE.fullmatch(_word_before(reading, method))) or word.startswith("[") and not CROSS_RE.match(word)


def _word_before(reading: Reading, method: Label) -> str:
    tokens = reading.layout.lines[method.line].tokens
    at = tokens.index(method.first)
    return tokens[at - 1].text if at else ""


def _names_a_method_alone(method: Label) -> bool:
    """A method's word away from the payment label names it when it is long, or short and printed as the
    method's wording is, marks and all ("SDD", "MAV"): a two-letter one ("BB") names too many things, and a
    period the wording lacks makes it another word's abbreviation ("Pos." for posizione, an items column).
    FatturaPA's code of a method ("MP05") is no other word's: it names its method alone."""
    printed = text_of(method.tokens).lower().rstrip(",;:")
    found = len(letters(printed))
    wording = printed in patterns().payment_methods[method.name]
    return found >= MIN_METHOD_LETTERS or wording and (found >= MIN_LETTERS_ALONE or bool(PAYMENT_CODE_RE.fullmatch(printed)))


def _method_misread(reading: Reading) -> Candidate | None:
    """The method whose word OCR marred right after the payment label, or under it in a table's
    row ("RI:BA..", "RI\\BA.", "RE.BA.", "RIi.BA,", "R1.BA." for Ri.Ba.): see `_misread_word`."""
    wordings = _wordings()
    for label in reading.field_labels:
        if label.name != "payment_method":
            continue
        after = reading.layout.tokens_after(label.line, label.last, cells=None)[:1]
        for word in (after, _word_under(reading, label)):
            found = _misread_word(word, wordings)
            if found is not None:
                return found
    return _method_word_anywhere(reading, wordings)


def _crossed_word_misread(reading: Reading, label: Label) -> Candidate | None:
    """On a form of check boxes, the method whose word after the crossed box OCR marred ("[x] Contenti",
    "[x]Bonifco" in one word, "[x] Ri. Ga." in two): `_misread_word`, or a letter lost from exactly one
    method's wording, which the crossed box proves a method; else none, as every other method the form
    prints is one not chosen."""
    wordings = _wordings()
    for line in reading.layout.lines[label.line:label.line + 2]:
        for i, (before, token) in enumerate(zip([None, *line.tokens], line.tokens)):
            word = _after_a_cross(before, token)
            for words in (word, word + line.tokens[i + 1:i + 2]) if word else ():
                found = _misread_word(words, wordings) or _letter_lost(words, wordings)
                if found:
                    return found
    return None


def _after_a_cross(before: Token | None, token: Token) -> list[Token]:
    """TOKEN as the word after a crossed box: whole after a cross of its own ("[x]"), its letters past the
    cross when a scan joined the two ("[x]Bonifco"), else no word."""
    if before is not None and CROSS_RE.fullmatch(before.text):
        return [token]
    joined = CROSS_RE.match(token.text) if token.text.startswith("[") else None
    return [replace(token, text=token.text[joined.end():])] if joined and joined.end() < len(token.text) else []


def _letter_lost(word: list[Token], wordings: dict[str, set[str]]) -> Candidate | None:
    """The method one of whose wordings WORD is, one letter lost ("Bonifco")."""
    read = _plain_letters(text_of(word))
    return _the_one_named([name for name, letters in wordings.items()
                           if any(len(w) == len(read) + 1 and any(w[:i] + w[i + 1:] == read for i in range(len(w)))
                                  for w in letters)], word)


def _wordings() -> dict[str, set[str]]:
    """Each method's wordings as their letters, those of four letters at least."""
    return {name: {letters(w) for w in words if len(letters(w)) >= MIN_METHOD_LETTERS}
            for name, words in patterns().payment_methods.items()}


def _misread_word(word: list[Token], wordings: dict[str, set[str]]) -> Candidate | None:
    """The method whose marred WORD this is: its letters are a wording's letters (four at least), or one
    letter off from, or one letter more than, exactly one method's."""
    read = _plain_letters(text_of(word)) if word else ""
    if len(read) < MIN_METHOD_LETTERS:
        return None
    named = [name for name, letters in wordings.items() if read in letters]
    named = named or [name for name, letters in wordings.items()
                      if any(one_character_apart(w, read) or _one_letter_astray(w, read) for w in letters)]
    return _the_one_named(named, word)


def _the_one_named(named: list[str], word: list[Token]) -> Candidate | None:
    """The method WORD names where it names exactly one (NAMED); none where it could be several."""
    return Candidate(named[0], text_of(word), word, confidence_of(word) * GUESS) if len(named) == 1 else None


def _word_under(reading: Reading, label: Label) -> list[Token]:
    """The first word of the next line under LABEL's caption (a table's header row, its values below)."""
    lines = reading.layout.lines
    below = lines[label.line + 1].tokens if label.line + 1 < len(lines) else []
    return [t for t in below if overlaps_x(t.box, label.box)][:1]


def _one_letter_astray(known: str, read: str) -> bool:
    """READ is KNOWN with an i added, as OCR reads the dot of an I for another ("RIi.BA," for Ri.Ba.);
    another letter added makes another word ("vista fattura" is no Visa card)."""
    return len(read) == len(known) + 1 and any(read[:i] + read[i + 1:] == known and read[i] in DOT_LETTERS
                                               for i in range(len(read)))


def _method_word_anywhere(reading: Reading, wordings: dict[str, set[str]]) -> Candidate | None:
    """A word anywhere whose letters, accents OCR added taken off, are exactly one method's wording
    ("RÎ.BA." for Ri.Ba. after a "BAGAMENTO?" no label matches): whole, never one letter off."""
    for line in reading.layout.lines:
        for token in line.tokens:
            word = _plain_letters(token.text)
            named = [name for name, letters in wordings.items() if word in letters] if len(word) >= MIN_METHOD_LETTERS else []
            if found := _the_one_named(named, [token]):
                return found
    return None


def _plain_letters(text: str) -> str:
    """TEXT's letters without the accents OCR puts on capitals ("RÎ.BA." is riba), the figures it reads for
    an I or an O taken for them ("R1.BA.", "B0NIFICO")."""
    return letters(without_accents(text).translate(DIGIT_LETTERS))
