"""Routing rules: parsed and checked against a strict schema, then matched.

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

from classifiers.textnorm import fold
from pipeline.document import DEPARTMENTS, LABELS, Document
from pipeline.errors import ConfigError
from pipeline.schema import SCHEMA

OPERATORS = SCHEMA.routing_operators  # field -> what a rule may ask of it, by the field's kind
AMOUNT_FIELDS = SCHEMA.of_kind("amount")
DATE_FIELDS = SCHEMA.of_kind("date")
COMPARISONS = {"equals": operator.eq, "above": operator.gt, "below": operator.lt, "at_least": operator.ge,
               "at_most": operator.le, "before": operator.lt, "after": operator.gt}
RULE_KEYS = ("name", "department", "type", "subfolder", "keywords", "fields")
TOP_KEYS = ("default_department", "type_routes", "rule")


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
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    where = _Locator(text, path, data.get("rule"))
    for key in data:
        if key not in TOP_KEYS:
            raise where.error(None, key, f"unknown key {key!r}; known: {', '.join(TOP_KEYS)}")
    default = data.get("default_department")
    if default is None:
        raise ConfigError(f"{path}: default_department is missing (the department of documents no rule takes)")
    _check_choice(where, None, "default_department", default, DEPARTMENTS, "department")
    rules = data.get("rule", [])
    if not isinstance(rules, list) or not all(isinstance(r, dict) for r in rules):
        raise where.error(None, "rule", "rules must be written as [[rule]] tables")
    type_routes = data.get("type_routes", False)
    if not isinstance(type_routes, bool):
        raise where.error(None, "type_routes", "type_routes must be true or false")
    compiled = tuple(_rule(where, i, r) for i, r in enumerate(rules))
    return RoutingRules(path=path, rules=compiled + (_type_routes() if type_routes else ()), default_department=default)


def _type_routes() -> tuple[Rule, ...]:
    """Each type to the department the schema of the domain gives it."""
    return tuple(Rule(department=department, name=SCHEMA.types[label].it, types=frozenset({label}))
                 for label, department in SCHEMA.default_departments.items())


def _rule(where: _Locator, index: int, raw: dict) -> Rule:
    for key in raw:
        if key not in RULE_KEYS:
            raise where.error(index, key, f"unknown key {key!r}; known: {', '.join(RULE_KEYS)}")
    if "department" not in raw:
        raise where.error(index, None, "department is missing")
    name = raw.get("name", "")
    if not isinstance(name, str):
        raise where.error(index, "name", "name must be text")
    _check_choice(where, index, "department", raw["department"], DEPARTMENTS, "department")
    types = _text_list(where, index, raw, "type")
    for label in types or ():
        _check_choice(where, index, "type", label, LABELS, "document type")
    subfolders = _text_list(where, index, raw, "subfolder")
    keywords = _text_list(where, index, raw, "keywords")
    fields = raw.get("fields", {})
    if not isinstance(fields, dict):
        raise where.error(index, "fields", "fields must be a table: [rule.fields]")
    return Rule(
        department=raw["department"],
        name=name,
        types=frozenset(types) if types is not None else None,
        subfolders=tuple(fold(s).strip("/") for s in subfolders) if subfolders is not None else None,
        keywords=_keyword_pattern(keywords) if keywords is not None else None,
        fields=tuple(c for field, spec in fields.items() for c in _conditions(where, index, field, spec)),
        line=where.rule_line(index),
    )


def _conditions(where: _Locator, index: int, field: str, spec: Any) -> list[FieldCondition]:
    if field not in OPERATORS:
        raise where.error(index, field, f"unknown field {field!r}; known: {', '.join(OPERATORS)}")
    ops = spec if isinstance(spec, dict) else {"equals": spec}
    if not ops:
        raise where.error(index, field, f"no condition given for {field}")
    conditions = []
    for op, value in ops.items():
        if op not in OPERATORS[field]:
            raise where.error(index, field, f"{field} takes {', '.join(OPERATORS[field])}; not {op!r}")
        conditions.append(FieldCondition(field, op, _condition_value(where, index, field, op, value)))
    return conditions


def _condition_value(where: _Locator, index: int, field: str, op: str, value: Any) -> Any:
    if field in AMOUNT_FIELDS:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise where.error(index, field, f'{field} {op}: write the amount as text, e.g. "5000.00"')
        try:
            return Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            raise where.error(index, field, f"{field} {op}: {value!r} is not an amount") from None
    if field in DATE_FIELDS:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise where.error(index, field, f"{field} {op}: {value!r} is not a date like 2024-03-14")
    if op == "one_of":
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise where.error(index, field, f"{field} one_of: give a list of texts")
        return tuple(_text_key(field, v) for v in value)
    if not isinstance(value, str):
        raise where.error(index, field, f"{field} {op}: give a text in quotes, not {value!r}")
    return _text_key(field, value)


def _text_key(field: str, value: str) -> str:
    """Text compared without case, accents or spaces; a P.IVA also without its IT prefix."""
    kind = SCHEMA.field_kinds[field]
    key = re.sub(r"\s+", "", fold(value)) if kind in ("vat", "iban", "tax_code") else fold(value).strip()
    return key[2:] if kind == "vat" and key.startswith("it") else key


def _text_list(where: _Locator, index: int, raw: dict, key: str) -> list[str] | None:
    if key not in raw:
        return None
    value = raw[key]
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise where.error(index, key, f"{key} must be a text or a list of texts")
    return values


def _check_choice(where: _Locator, index: int | None, key: str, value: Any, allowed: tuple, what: str) -> None:
    if value not in allowed:
        raise where.error(index, key, f"unknown {what} {value!r}; known: {', '.join(allowed)}")


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

    def error(self, index: int | None, key: str | None, problem: str) -> ConfigError:
        line = self.key_line(index, key)
        place = f"{self.path}:{line}" if line else str(self.path)
        rule = f" rule {index + 1}" if index is not None else ""
        name = self.names[index] if index is not None and index < len(self.names) else None
        rule += f" ({name!r})" if isinstance(name, str) and name else ""
        return ConfigError(f"{place}:{rule}{':' if rule else ''} {problem}")
