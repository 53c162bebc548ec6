"""Party markers and captions that OCR blurred beyond the look-alikes the phrase finder reads
again: "Spettile" for "Spett.le", "BILETO" for "BILL TO", "csiente" for "Cliente";
"Inveice number", "N. documenta", "Dati documento" for a number's or a date's caption.

Such a word is taken for a marker only where a marker stands: alone at the head
of its cell (a scan's specks aside), on no label's words, its letters at most one edit
from one marker's letters (none: "BILLTO", words OCR glued) and closer to the markers
of one role than to the other's.
The blocks of the page then say whose block it heads, as for a marker read right.
A caption likewise only as a whole cell of a few words without digits, its letters
at most one edit from those of one listed caption of several words, two from one of
ten letters or more (a stray period inside "invoice. number" is none), and nearer one
field than any other.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from demat.extractors.fields.labels import Label
from demat.extractors.fields.layout import Layout, Token, words_of
from demat.extractors.fields.patterns import FALLBACK_RANK, letters, look_alike, patterns

# Words of fewer letters than this are too near too many others to be read again.
MIN_LETTERS = 6
# A caption's letters must be this many at least to be read again ("ndocumento", "datadocumento").
MIN_CAPTION_LETTERS = 9
# A caption of this many letters or more may stray by two edits ("NN dacumento." for "N. documento").
LONG_CAPTION_LETTERS = 10
# The fields whose blurred captions are read again: the document's number and dates.
CAPTION_FIELDS = ("number", "date", "due_date")
# A caption that heads an address block may stray by this share of a marker's letters ("sperti" is two of
# seven from "spettli", "liane" three of seven from "cliente"), and must keep this many letters.
LOOSE_SHARE = 3 / 7
LOOSE_LETTERS = 5
# ... and be nearer one role's markers than the other's by this share at least: "Citente" is about as near
# "Mittente" (two of eight) as "Cliente" (two of seven), and says whose block it heads no more than a tie would;
# "Liane" is three of seven from "Cliente", five of nine from "Lieferant".
LOOSE_MARGIN = 1 / 10
# A word of a name read in a party's block this near a marker's word (a share of its letters) is that word blurred
# ("Desrinatano" for "Destinatario" is three of twelve, "ESSIONARIO" one of eleven from "cessionario").
ECHO_SHARE = 1 / 4
# How far a word may stray from its marker: one edit ("Fornitura" and "Lieferung" are two from "fornitore"
# and "lieferant", and none of them).
MAX_EDITS = 1


def blurred_markers(layout: Layout, labels: list[Label]) -> list[Label]:
    """The party markers among the one- or two-word cells that open no label, and the first of a pair."""
    labelled = {id(t) for lb in labels for t in lb.tokens}
    found = []
    for line in layout.lines:
        for cell in map(_before_a_slash, line.cells()):
            if not cell or len(cell) > 2 or any(id(t) in labelled for t in cell):
                continue
            role = _role_of("".join(t.text for t in cell))
            if role:
                found.append(Label("party", role, FALLBACK_RANK, line.index, cell, ""))
    return found


def _before_a_slash(cell: list[Token]) -> list[Token]:
    """CELL's words, or only its first where a slash follows it: the first of a pair of markers
    ("Spettle/ Destinatario", "Spett.le / Destinatario")."""
    words = words_of(cell)
    slash = len(words) > 1 and (words[0].text.endswith("/") or words[1].text == "/")
    return words[:1] if slash else words


def _role_of(text: str) -> str | None:
    found = letters(text)
    return _role_of_letters(found) if len(found) >= MIN_LETTERS else None


@lru_cache(maxsize=4096)
def _role_of_letters(word: str) -> str | None:
    """The role whose markers WORD (letters alone) is a blurred reading of, if only one role's is nearest; a
    marker's very letters count too ("BILLTO": the phrase finder, reading words, missed the words OCR glued)."""
    nearest = {role: min((Levenshtein.distance(word, m, score_cutoff=MAX_EDITS) for m in markers),
                         default=MAX_EDITS + 1)
               for role, markers in marker_letters().items()}
    best = min(nearest.values(), default=MAX_EDITS + 1)
    roles = [role for role, distance in nearest.items() if distance == best]
    return roles[0] if best <= MAX_EDITS and len(roles) == 1 else None


def nearest_marker(text: str) -> str:
    """The letters of the marker TEXT is a blurred reading of ("destinazionemerce" for "Destihazione merce"), one
    edit from them at most; TEXT's own letters where no marker is so near: what the marker says besides its role
    (a delivery place) is read in them."""
    found = letters(text)
    markers = sorted(m for role in marker_letters().values() for m in role)
    return min(markers, key=lambda m: Levenshtein.distance(found, m), default=found) if any(
        Levenshtein.distance(found, m, score_cutoff=MAX_EDITS) <= MAX_EDITS for m in markers) else found


def loosely_blurred_role(cell: list[Token]) -> str | None:
    """The role whose markers the words of CELL, one or two without digits, are a badly blurred reading of
    ("Sperti" for "Spett.le", "Liane" for "Cliente"): at most a LOOSE_SHARE of a marker's letters wrong and
    nearer one role's markers than the other's by LOOSE_MARGIN. Only for a caption whose place proves it (see
    parties.py)."""
    words = words_of(cell)
    found = letters("".join(t.text for t in words))
    if not 1 <= len(words) <= 2 or any(ch.isdigit() for t in words for ch in t.text) or len(found) < LOOSE_LETTERS:
        return None
    nearest = {role: min((Levenshtein.normalized_distance(found, m) for m in markers), default=1.0)
               for role, markers in marker_letters().items()}
    best = min(nearest.values(), default=1.0)
    roles = [role for role, share in nearest.items() if share < best + LOOSE_MARGIN]
    return roles[0] if best <= LOOSE_SHARE and len(roles) == 1 else None


def echoes_a_marker(tokens: list[Token]) -> bool:
    """TOKENS, read as a name, are but a party marker's words blurred: every word of MIN_LETTERS letters or more
    near a marker's word ("Desrinatano" heading the addressee's block, its marker unread; "CESSIONARIO. ESSIONARIO /
    COM COMMITTENTI E", a faint heading read twice), the shorter ones fragments. No one's name."""
    long = [word for t in tokens if len(word := letters(t.text)) >= MIN_LETTERS]
    return bool(long) and all(map(_near_a_marker_word, long))


@lru_cache(maxsize=4096)
def _near_a_marker_word(word: str) -> bool:
    return any(Levenshtein.normalized_distance(word, m) <= ECHO_SHARE for m in marker_words())


@lru_cache(maxsize=1)
def marker_words() -> frozenset[str]:
    """The words of every party marker, as their letters alone, long enough to be read again."""
    return frozenset(w for markers in patterns().parties.values() for marker in markers
                     for w in map(letters, marker.split()) if len(w) >= MIN_LETTERS)


@lru_cache(maxsize=1)
def marker_letters() -> dict[str, frozenset[str]]:
    """Each role's markers as their letters alone ("spettle", "billto"), long enough to be read again."""
    return {role: frozenset(m for m in map(letters, markers) if len(m) >= MIN_LETTERS)
            for role, markers in patterns().parties.items()}


def blurred_captions(layout: Layout, labels: list[Label]) -> list[Label]:
    """The captions of CAPTION_FIELDS among the cells of two to four words that hold no digit and are no
    listed label, nor a listed label of another field (a bare "N." that a token pattern found in "N.
    documenta" may stand in one; so may "Data", the opening of "Data ducumento", whose blurred last word
    would leave the short caption heading a title, not the column below)."""
    labelled = {id(t): lb.name for lb in labels if lb.rank < FALLBACK_RANK for t in lb.tokens}
    found = []
    for line in layout.lines:
        for cell in line.cells():
            if not 2 <= len(cell) <= 4 or all(id(t) in labelled for t in cell) \
                    or any(any(c.isdigit() for c in t.text) for t in cell):
                continue
            caption = _caption_of(letters("".join(t.text for t in cell)))
            if caption and all(labelled.get(id(t), caption[0]) == caption[0] for t in cell):
                found.append(Label("field", caption[0], caption[1], line.index, cell, ""))
    return found


@lru_cache(maxsize=4096)
def _caption_of(word: str) -> tuple[str, int] | None:
    """The field and rank of the one listed caption WORD is a blurred reading of (one edit away, two from a
    caption of LONG_CAPTION_LETTERS), if no other field's is as near."""
    if len(word) < MIN_CAPTION_LETTERS:
        return None
    nearest: dict[str, tuple[int, int]] = {}
    for name, captions in caption_letters().items():
        for rank, caption in captions:
            edits = MAX_EDITS + (len(caption) >= LONG_CAPTION_LETTERS)
            if abs(len(caption) - len(word)) <= edits:
                distance = Levenshtein.distance(word, caption, score_cutoff=edits)
                if distance <= edits and (name not in nearest or distance < nearest[name][0]):
                    nearest[name] = (distance, rank)
    best = min((d for d, _ in nearest.values()), default=MAX_EDITS + 2)
    names = [name for name, (distance, _) in nearest.items() if distance == best]
    if len(names) != 1 or names[0] not in CAPTION_FIELDS:
        return None
    return names[0], nearest[names[0]][1]


def blurred_one_word_captions(layout: Layout, labels: list[Label], name: str) -> list[Label]:
    """Cells of one word, on no label, whose letters are one edit from a listed one-word caption of NAME
    ("Scadenra" for "Scadenza") and from no other field's: the caller proves what stands after them
    (a due date falls on or after the document's date)."""
    labelled = {id(t) for lb in labels for t in lb.tokens}
    return [Label("field", name, FALLBACK_RANK, line.index, cell, "")
            for line in layout.lines for cell in line.cells()
            if len(cell) == 1 and id(cell[0]) not in labelled and _one_word_caption_of(letters(cell[0].text)) == name]


@lru_cache(maxsize=4096)
def _one_word_caption_of(word: str) -> str | None:
    """The field whose one-word captions WORD is one edit from, if only one field's is, OCR's look-alikes
    read for one another ("seagenza": "c" read as "e", "d" as "g")."""
    if len(word) < MIN_LETTERS + 2:
        return None
    names = {name for name, captions in patterns().fields.items() for caption in captions
             if " " not in caption.strip() and abs(len(letters(caption)) - len(word)) <= MAX_EDITS
             and Levenshtein.distance(look_alike(word), look_alike(letters(caption)), score_cutoff=MAX_EDITS)
             <= MAX_EDITS and word != letters(caption)}
    return names.pop() if len(names) == 1 else None


@lru_cache(maxsize=1)
def caption_letters() -> dict[str, tuple[tuple[int, str], ...]]:
    """Each field's listed captions of several words, as (rank, letters alone), long enough to be read again."""
    return {name: tuple((rank, letters(c)) for rank, c in enumerate(captions)
                        if " " in c.strip() and len(letters(c)) >= MIN_CAPTION_LETTERS)
            for name, captions in patterns().fields.items()}
