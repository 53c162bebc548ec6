"""The archivist's query syntax, parsed once into a tree every backend compiles.

    fattura enel            both words (AND is implied)
    fattura OR proforma     either
    fattura NOT enel        the first without the second
    "nota di credito"       a phrase
    forn*                   a prefix
    (a OR b) c              grouping

Words are matched by stem and forgive one or two wrong letters (OCR).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from demat.kernel.errors import N_, UsageError


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Prefix:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class And:
    parts: tuple


@dataclass(frozen=True)
class Or:
    parts: tuple


@dataclass(frozen=True)
class Not:
    keep: object
    drop: object


Node = Word | Prefix | Phrase | And | Or | Not

TOKEN = re.compile(r'\s*(?:(?P<phrase>"[^"]*"?)|(?P<paren>[()])|(?P<word>[^\s()"]+))')
OPERATORS = ("AND", "OR", "NOT")


def parse(text: str) -> Node | None:
    """The tree of a query, or None when it is empty. Bad syntax raises UsageError."""
    tokens = _tokens(text)
    if not tokens:
        return None
    parser = _Parser(tokens, text)
    node = parser.expression()
    if parser.pos < len(tokens):
        raise UsageError(N_("search query %(query)s: unexpected ')'"),
                         N_('Balance the parentheses, or put the text in quotes: "(testo)".'), query=repr(text))
    return node


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    for match in TOKEN.finditer(text):
        if match.group("phrase") is not None:
            phrase = match.group("phrase")
            if len(phrase) < 2 or not phrase.endswith('"'):
                raise UsageError(N_("search query %(query)s: a quote is not closed"), N_('Close the phrase with ".'),
                                 query=repr(text))
            tokens.append(("phrase", phrase[1:-1]))
        elif match.group("paren"):
            tokens.append((match.group("paren"), match.group("paren")))
        elif match.group("word") in OPERATORS:
            tokens.append((match.group("word"), match.group("word")))
        elif match.group("word"):
            tokens.append(("word", match.group("word")))
    return tokens


class _Parser:
    """Recursive descent: or := and (OR and)*; and := not (AND? not)*; not := unit (NOT unit)*."""

    def __init__(self, tokens: list[tuple[str, str]], text: str):
        self.tokens, self.text, self.pos = tokens, text, 0

    def peek(self) -> str | None:
        return self.tokens[self.pos][0] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def fail(self, why: str, **values) -> UsageError:
        """WHY: a template naming the query as %(query)s."""
        return UsageError(why, N_('Write e.g. fattura AND (enel OR eni) NOT proforma, or "una frase" in quotes.'),
                          query=repr(self.text), **values)

    def expression(self) -> Node:
        parts = [self.conjunction()]
        while self.peek() == "OR":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def conjunction(self) -> Node:
        parts = [self.exclusion()]
        while self.peek() not in (None, "OR", ")"):
            if self.peek() == "AND":
                self.take()
            parts.append(self.exclusion())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def exclusion(self) -> Node:
        if self.peek() == "NOT":
            raise self.fail(N_("search query %(query)s: "
                               "NOT needs something before it to exclude from (fattura NOT enel)"))
        node = self.unit()
        while self.peek() == "NOT":
            self.take()
            node = Not(node, self.unit())
        return node

    def unit(self) -> Node:
        kind = self.peek()
        if kind is None:
            raise self.fail(N_("search query %(query)s: the query ends where a word was expected"))
        if kind in OPERATORS or kind == ")":
            raise self.fail(N_("search query %(query)s: %(operator)s where a word was expected"),
                            operator=self.tokens[self.pos][1])
        _, value = self.take()
        if kind == "(":
            node = self.expression()
            if self.peek() != ")":
                raise self.fail(N_("search query %(query)s: a parenthesis is not closed"))
            self.take()
            return node
        if kind == "phrase":
            return Phrase(value)
        if value.endswith("*") and value.strip("*"):
            return Prefix(value.rstrip("*"))
        if not value.strip("*"):
            raise self.fail(N_("search query %(query)s: * must follow the start of a word (forn*)"))
        return Word(value)
