"""The label wordings, party markers, legal forms, payment methods and currencies
that extraction looks for, loaded from `patterns/*.json` and checked against a
strict schema (`pattern_file`): a bad entry stops the start with the file and
entry named.

One spaCy `PhraseMatcher` (on lower-cased tokens of `spacy.blank("it")`) finds
them all; a `Matcher` adds the token patterns of the same file, fallbacks for
wordings not listed ("Doc. numero", "Da saldare entro il"), which rank after
every listed phrase. Both are built once per process, when first needed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from demat.extractors.fields.pattern_file import LABEL_FIELDS as LABEL_FIELDS  # the names a label may stand for
from demat.extractors.fields.pattern_file import checked
from demat.kernel.errors import N_, ConfigError
from demat.kernel.schema import SCHEMA

PATTERNS_FILE = SCHEMA.vocabulary_path  # named by the schema of the domain
# Labels found by a token pattern rank after every exact phrase: a fallback for wordings not listed.
FALLBACK_RANK = 100


@dataclass(frozen=True)
class Patterns:
    fields: dict[str, list[str]]  # field -> label phrases, most specific first
    parties: dict[str, list[str]]  # supplier/customer -> block markers
    legal_forms: list[str]
    payment_methods: dict[str, list[str]]  # normalised name -> wordings
    currencies: dict[str, list[str]]  # ISO 4217 -> wordings
    # "fields"/"parties" -> name -> patterns; a pattern is a list of steps, a step
    # "a|b|c" (one of these lower-cased words), "*" (any word of letters), "!a|b"
    # (any word of letters but these); a trailing "?" makes a step optional.
    token_patterns: dict[str, dict[str, list[list[str]]]]


def load_patterns(path: Path = PATTERNS_FILE) -> Patterns:
    """Read and check PATH; raise ConfigError naming the file and the bad entry."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(N_("%(file)s: cannot read pattern file: %(problem)s"), file=path, problem=exc) from exc
    return Patterns(**checked(data, path))


def _step(step: str) -> dict:
    """One token of a spaCy Matcher pattern from the data file's step syntax."""
    optional = step.endswith("?") and len(step) > 1
    words = step[:-1] if optional else step
    if words == "*":
        token = {"IS_ALPHA": True}
    elif words.startswith("!"):
        token = {"IS_ALPHA": True, "LOWER": {"NOT_IN": words[1:].split("|")}}
    else:
        token = {"LOWER": {"IN": words.split("|")}}
    return {**token, "OP": "?"} if optional else token


@dataclass(frozen=True)
class PhraseHit:
    kind: str  # "field", "party", "legal_form", "payment_method", "currency"
    name: str  # the field, party, normalised method or currency code
    rank: int  # position of the phrase in its list: 0 is the most specific
    start: int  # character offsets in the text given to `find_phrases`
    end: int


# A line end is a token: no phrase runs across it; so is a run of underscores, which a scan reads for the
# gap between two words ("Serie B_N° 004512").
WORD_RE = re.compile(r"[^\W_]+|_+|[^\w\s]|\n")
# Characters that OCR reads for one another, each class written as its first one ("Scadcnza", "5cadenza", "Tota1e").
LOOK_ALIKES = str.maketrans({c: cls[0] for cls in ("eèéêc", "oòó0", "lií1ìt|!", "s5$", "aàá", "uùú", "z2") for c in cls})
# Letters that OCR reads as two, or two as one: "Scaderiza" for Scadenza, "Comrnittente" for Committente,
# "Chente" for Cliente.
TWO_FOR_ONE = (("rn", "m"), ("ri", "n"), ("li", "h"))
# An i that a scan read with a speck over it as an accent ("Indirìzzo dì fatturazione"), in a word of any length:
# phrases and text are both read so, a phrase spelt with one ("fecha límite") still matching its print.
SPECKED_I = str.maketrans("ìíÌÍ", "iiII")
# Marks a scan reads for a speck or a rule's end stuck to a word ("di [pagamento", "Bonifico]"): no label wording
# prints one, so a phrase runs past them. One standing alone is no speck: a form's box ("Pagamento [] Contanti
# [x] Bonifico") parts the wordings it ticks.
STRAY_MARKS = frozenset("[]{}")
# Shorter words are not read again: too many real words lie one look-alike away from each other.
MIN_MISREAD = 6
# A word of capitals whose opening I a scan read as a small l, a 1 or an i ("lVA", "1VA", "P.iVA" for IVA): a word
# too short for the look-alikes above, but the capitals after it say the letter was one too.
MISREAD_CAPITAL_I_RE = re.compile(r"[l1i](?=[A-Z]{2,}$)")


class PhraseFinder:
    """Every pattern phrase, matched on lower-cased tokens.

    Text and phrases are cut into tokens the same way (runs of letters and
    digits, each punctuation mark alone), so "Ri.Ba." matches "ri.ba." and
    "P.IVA:" matches "p.iva" wherever they stand.
    """

    def __init__(self, patterns: Patterns):
        import spacy  # slow import: only when extraction runs
        from spacy.matcher import Matcher, PhraseMatcher

        self.nlp = spacy.blank("it")
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        groups = [("field", patterns.fields), ("party", patterns.parties),
                  ("legal_form", {"legal_form": patterns.legal_forms}),
                  ("payment_method", patterns.payment_methods), ("currency", patterns.currencies)]
        for kind, named in groups:
            for name, phrases in named.items():
                for rank, phrase in enumerate(phrases):
                    self.matcher.add(f"{kind}|{name}|{rank}", [self._doc(phrase)[0]])
        self.label_words = _label_words(patterns)
        self.token_matcher = Matcher(self.nlp.vocab)
        for section, named in patterns.token_patterns.items():
            kind = {"fields": "field", "parties": "party"}[section]
            for name, steps_list in named.items():
                for i, steps in enumerate(steps_list):
                    self.token_matcher.add(f"{kind}|{name}|{FALLBACK_RANK + i}", [[_step(s) for s in steps]])

    def find(self, text: str) -> list[PhraseHit]:
        """Hits in TEXT; where phrases overlap, the longest wins (spaCy's filter_spans;
        at equal length an exact phrase wins over a token pattern)."""
        from spacy.util import filter_spans

        doc, offsets = self._doc(text, self.label_words)
        spans = []
        for match_id, start, end in [*self.matcher(doc), *self.token_matcher(doc)]:
            span = doc[start:end]
            span.label_ = self.nlp.vocab.strings[match_id]
            spans.append(span)
        hits = []
        for span in filter_spans(spans):
            kind, name, rank = span.label_.split("|")
            start = offsets[span.start]
            end = offsets[span.end - 1] + len(doc[span.end - 1].text)
            hits.append(PhraseHit(kind, name, int(rank), start, end))
        return hits


    def _doc(self, text: str, label_words: dict[str, str] | None = None) -> tuple[Any, list[int]]:
        """TEXT as spaCy tokens, an accented i read as an i (phrases and text alike); with LABEL_WORDS, a word
        that is none of them but becomes one when OCR's look-alikes are read for one another is matched as that
        label word."""
        from spacy.tokens import Doc

        matches = [m for m in WORD_RE.finditer(text) if not _stuck_stray_mark(text, m)]
        words = [m.group(0).translate(SPECKED_I) for m in matches]
        if label_words:
            words = [_read_as_label(w, label_words) for w in words]
        spaces = [i + 1 < len(matches) and matches[i + 1].start() > m.end() for i, m in enumerate(matches)]
        doc = Doc(self.nlp.vocab, words=words, spaces=spaces)
        return doc, [m.start() for m in matches]


def _stuck_stray_mark(text: str, match: re.Match) -> bool:
    if match.group(0) not in STRAY_MARKS:
        return False
    before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
    return before.isalnum() or after.isalnum()


def _label_words(patterns: Patterns) -> dict[str, str]:
    """The words of the field labels and party markers, by their look-alike spelling; a
    spelling that two words share names neither (it proves no reading)."""
    phrases = [p for named in (patterns.fields, patterns.parties) for group in named.values() for p in group]
    steps = [s for named in patterns.token_patterns.values() for group in named.values() for pattern in group
             for s in pattern]
    words = {w for text in phrases + steps for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) >= MIN_MISREAD}
    by_look: dict[str, set[str]] = {}
    for word in words:
        by_look.setdefault(look_alike(word), set()).add(word)
    spelt = {look: next(iter(found)) for look, found in by_look.items() if len(found) == 1}
    spelt.update({w: w for w in words})  # a label word is read as itself
    return spelt


def _read_as_label(word: str, label_words: dict[str, str]) -> str:
    lower = word.lower()
    if MISREAD_CAPITAL_I_RE.match(word):
        return "I" + word[1:]
    if len(word) < MIN_MISREAD or lower in label_words:
        return word
    return label_words.get(look_alike(lower), word)


def letters(text: str) -> str:
    """TEXT's letters alone, lower case: a word as a blurred reading of it is compared ("RI:BA.." is riba)."""
    return "".join(ch for ch in text.lower() if ch.isalpha())


def without_accents(text: str) -> str:
    """TEXT with its accents dropped: a scan drops a real one ("Societa") or adds one a word never had ("Octobér")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def one_character_apart(known: str, read: str) -> bool:
    """READ is KNOWN with exactly one character changed, as OCR misreads one ("GBO5..." for GB05...)."""
    return len(known) == len(read) and sum(a != b for a, b in zip(known, read)) == 1


def look_alike(word: str) -> str:
    """WORD as OCR may have read it, each look-alike written one way."""
    for two, one in TWO_FOR_ONE:
        word = word.replace(two, one)
    return word.translate(LOOK_ALIKES)


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return load_patterns()


@lru_cache(maxsize=1)
def phrase_finder() -> PhraseFinder:
    return PhraseFinder(patterns())
