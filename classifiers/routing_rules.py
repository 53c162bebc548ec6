"""Routing rules: checked against the strict schema of `routing_file`, compiled, then matched.

The customer edits `routing.toml`; a typo must stop demat at start with the
file, the line and the rule named, never route documents silently elsewhere.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from demat.classifiers.routing_file import OPERATORS as OPERATORS  # field -> what a rule may ask of it
from demat.classifiers.routing_file import RoutingFile, RuleEntry, problem
from demat.classifiers.textnorm import fold
from demat.kernel.document import Document
from demat.kernel.errors import N_, ConfigError, DematError
from demat.kernel.schema import SCHEMA

AMOUNT_FIELDS = SCHEMA.of_kind("amount")
DATE_FIELDS = SCHEMA.of_kind("date")
COMPARISONS = {"equals": operator.eq, "above": operator.gt, "below": operator.lt, "at_least": operator.ge,
               "at_most": operator.le, "before": operator.lt, "after": operator.gt}


@dataclass(frozen=True)
class FieldCondition:
    """`field op value`, e.g. total above 5000; a missing field never holds."""

    field: str
    op: str
    value: Any  # Decimal, date, folded str, or a tuple of folded str

    def holds(self, doc_value: Any) -> bool:
        value = _comparable(self.field, doc_value)
        if value is None:
            return False
        if self.op == "one_of":
            return value in self.value
        if self.op == "contains":
            return self.value in value
        return COMPARISONS[self.op](value, self.value)


def _comparable(field: str, value: Any) -> Any:
    """The document's value in the form the rule's value has, None if it has none."""
    if value is None:
        return None
    if field in AMOUNT_FIELDS:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    if field in DATE_FIELDS:
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else None
    return _text_key(field, str(value))


@dataclass(frozen=True)
class Rule:
    department: str
    name: str = ""
    types: frozenset[str] | None = None
    subfolders: tuple[str, ...] | None = None
    keywords: re.Pattern | None = None
    fields: tuple[FieldCondition, ...] = ()
    line: int = 0

    def matches(self, doc: Document, folded_text: str) -> bool:
        if self.types is not None and doc.label not in self.types:
            return False
        if self.subfolders is not None and not _under_any(doc.subfolder, self.subfolders):
            return False
        if self.keywords is not None and not self.keywords.search(folded_text):
            return False
        return all(c.holds(doc.field_value(c.field)) for c in self.fields)

    def describe(self) -> str:
        return f"rule {self.name!r}" if self.name else f"the rule at line {self.line}"


@dataclass(frozen=True)
class RoutingRules:
    path: Path
    rules: tuple[Rule, ...]
    default_department: str

    def route(self, doc: Document) -> tuple[str, Rule | None]:
        """The department for `doc` and the rule that chose it (None = the default)."""
        folded = fold(doc.text) if any(r.keywords for r in self.rules) else ""
        for rule in self.rules:
            if rule.matches(doc, folded):
                return rule.department, rule
        return self.default_department, None


def parse_rules(text: str, path: Path) -> RoutingRules:
    """Check and compile the rules in `text` (the content of `path`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(N_("%(file)s is not valid TOML: %(problem)s"), file=path, problem=exc) from exc
    where = _Locator(text, path, data.get("rule"))
    try:
        checked = RoutingFile.model_validate(data)
    except ValidationError as exc:
        raise where.error(*problem(_first(exc.errors()))) from None
    compiled = tuple(_rule(entry, where.rule_line(i)) for i, entry in enumerate(checked.rule))
    return RoutingRules(path=path, rules=compiled + (_type_routes() if checked.type_routes else ()),
                        default_department=checked.default_department)


def _first(errors: list[dict]) -> dict:
    """The complaint to tell: an unknown key first, the likeliest cause of the others (a misspelt key is missing)."""
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def _type_routes() -> tuple[Rule, ...]:
    """Each type to the department the schema of the domain gives it."""
    return tuple(Rule(department=department, name=SCHEMA.types[label].it, types=frozenset({label}))
                 for label, department in SCHEMA.default_departments.items())


def _rule(entry: RuleEntry, line: int) -> Rule:
    return Rule(
        department=entry.department,
        name=entry.name,
        types=frozenset(entry.type) if entry.type is not None else None,
        subfolders=tuple(fold(s).strip("/") for s in entry.subfolder) if entry.subfolder is not None else None,
        keywords=_keyword_pattern(entry.keywords) if entry.keywords is not None else None,
        fields=tuple(FieldCondition(field, op, _compiled(field, op, value))
                     for field, conditions in entry.fields if conditions is not None
                     for op, value in conditions.given().items()),
        line=line,
    )


def _compiled(field: str, op: str, value: Any) -> Any:
    """A condition's value in the form a document's value is compared in (folded text)."""
    if op == "one_of":
        return tuple(_text_key(field, v) for v in value)
    return _text_key(field, value) if isinstance(value, str) else value


def _text_key(field: str, value: str) -> str:
    """Text compared without case, accents or spaces; a P.IVA also without its IT prefix."""
    kind = SCHEMA.field_kinds[field]
    key = re.sub(r"\s+", "", fold(value)) if kind in ("vat", "iban", "tax_code") else fold(value).strip()
    return key[2:] if kind == "vat" and key.startswith("it") else key


def _keyword_pattern(keywords: list[str]) -> re.Pattern:
    words = sorted({fold(k).strip() for k in keywords}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")(?!\w)")


def _under_any(subfolder: str, wanted: tuple[str, ...]) -> bool:
    folder = fold(subfolder).strip("/")
    return any(folder == w or folder.startswith(w + "/") for w in wanted)


class _Locator:
    """Finds the line of a rule or of one of its keys in the file, for error messages."""

    HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]")

    def __init__(self, text: str, path: Path, rules: Any):
        self.path = path
        self.names = [r.get("name") if isinstance(r, dict) else None for r in rules] if isinstance(rules, list) else []
        self.lines = text.splitlines()
        self.headers = [i for i, line in enumerate(self.lines) if self.HEADER.match(line)]

    def rule_line(self, index: int) -> int:
        return self.headers[index] + 1 if index < len(self.headers) else 0

    def key_line(self, index: int | None, key: str | None) -> int:
        if index is None:
            start, end = 0, (self.headers[0] if self.headers else len(self.lines))
        elif index < len(self.headers):
            start = self.headers[index]
            end = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
        else:
            return 0
        if key:
            assignment = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
            for i in range(start, end):
                if assignment.match(self.lines[i]):
                    return i + 1
        return start + 1 if index is not None else 0

    def error(self, index: int | None, key: str | None, what: DematError) -> ConfigError:
        line = self.key_line(index, key)
        place = f"{self.path}:{line}" if line else str(self.path)
        if index is None:
            return ConfigError("%(place)s: %(problem)s", place=place, problem=what)  # only the problem has words
        name = self.names[index] if index < len(self.names) else None
        rule = f"{index + 1} ({name!r})" if isinstance(name, str) and name else str(index + 1)
        return ConfigError(N_("%(place)s: rule %(rule)s: %(problem)s"), place=place, rule=rule, problem=what)
