"""The label wordings, party markers, legal forms, payment methods and currencies
that extraction looks for, loaded from `patterns/*.json` and checked against a
strict schema: a bad entry stops the start with the file and entry named.

One spaCy `PhraseMatcher` (on lower-cased tokens of `spacy.blank("it")`) finds
them all; a `Matcher` adds the token patterns of the same file, fallbacks for
wordings not listed ("Doc. numero", "Da saldare entro il"), which rank after
every listed phrase. Both are built once per process, when first needed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError
from pipeline.schema import SCHEMA

PATTERNS_FILE = SCHEMA.vocabulary_path  # named by the schema of the domain

# Every name a label may stand for: the fields the schema marks "labelled",
# plus its label helpers (vat table columns, payment date, a party's name in
# its block, a receipt's change, and "ignore").
LABEL_FIELDS = SCHEMA.label_fields
PARTIES = ("supplier", "customer")
SECTIONS = {"fields": dict, "parties": dict, "legal_forms": list, "payment_methods": dict, "currencies": dict,
            "token_patterns": dict}
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
        raise ConfigError(f"{path}: cannot read pattern file: {exc}") from exc
    _check(data, path)
    return Patterns(**data)


def _check(data: Any, path: Path) -> None:
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be an object with {', '.join(SECTIONS)}")
    missing = set(SECTIONS) - set(data)
    unknown = set(data) - set(SECTIONS)
    if missing or unknown:
        raise ConfigError(f"{path}: sections missing: {sorted(missing)}, unknown: {sorted(unknown)}; "
                          f"expected exactly {', '.join(SECTIONS)}")
    for section, kind in SECTIONS.items():
        if not isinstance(data[section], kind):
            raise ConfigError(f"{path}: {section} must be a{'n object' if kind is dict else ' list'}")
    _check_names(data["fields"], LABEL_FIELDS, "fields", path)
    _check_names(data["parties"], PARTIES, "parties", path)
    _check_phrases(data["legal_forms"], "legal_forms", path)
    for section in ("fields", "parties", "payment_methods", "currencies"):
        for name, phrases in data[section].items():
            _check_phrases(phrases, f"{section}.{name}", path)
    _check_token_patterns(data["token_patterns"], path)
    for code in data["currencies"]:
        if not (len(code) == 3 and code.isalpha() and code.isupper()):
            raise ConfigError(f"{path}: currencies.{code}: not an ISO 4217 code (three capital letters)")


def _check_names(section: dict, allowed: tuple[str, ...], where: str, path: Path) -> None:
    for name in section:
        if name not in allowed:
            raise ConfigError(f"{path}: {where}.{name}: unknown name; allowed: {', '.join(allowed)}")


def _check_phrases(phrases: Any, where: str, path: Path) -> None:
    if not isinstance(phrases, list) or not phrases:
        raise ConfigError(f"{path}: {where}: must be a non-empty list of phrases")
    for i, phrase in enumerate(phrases):
        if not isinstance(phrase, str) or not phrase.strip():
            raise ConfigError(f"{path}: {where}[{i}]: must be a non-empty string, got {phrase!r}")


def _check_token_patterns(section: dict, path: Path) -> None:
    allowed = {"fields": LABEL_FIELDS, "parties": PARTIES}
    for kind, named in section.items():
        if kind not in allowed or not isinstance(named, dict):
            raise ConfigError(f"{path}: token_patterns.{kind}: must be an object named fields or parties")
        _check_names(named, allowed[kind], f"token_patterns.{kind}", path)
        for name, patterns in named.items():
            where = f"token_patterns.{kind}.{name}"
            if not isinstance(patterns, list) or not patterns:
                raise ConfigError(f"{path}: {where}: must be a non-empty list of patterns")
            for i, steps in enumerate(patterns):
                _check_phrases(steps, f"{where}[{i}]", path)
                if all(step.endswith("?") for step in steps):
                    raise ConfigError(f"{path}: {where}[{i}]: every step is optional; one must be required")


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


WORD_RE = re.compile(r"\w+|[^\w\s]|\n")  # a line end is a token: no phrase runs across it


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

        doc, offsets = self._doc(text)
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


    def _doc(self, text: str) -> tuple[Any, list[int]]:
        from spacy.tokens import Doc

        matches = list(WORD_RE.finditer(text))
        words = [m.group(0) for m in matches]
        spaces = [i + 1 < len(matches) and matches[i + 1].start() > m.end() for i, m in enumerate(matches)]
        doc = Doc(self.nlp.vocab, words=words, spaces=spaces)
        return doc, [m.start() for m in matches]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    return load_patterns()


@lru_cache(maxsize=1)
def phrase_finder() -> PhraseFinder:
    return PhraseFinder(patterns())
