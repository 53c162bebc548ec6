"""The schema of a routing file, as strict pydantic models, and its errors told to people.

pydantic checks the shape: known keys only, departments and document types
from the schema of the domain, texts, amounts written as text, ISO dates, and
for each field the operators its kind takes. `problem()` turns pydantic's first
complaint into the words a person fixing the file needs (which key, what is
wrong), translatable like every DematError; `routing_rules` adds the file, the
line and the rule.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, create_model, model_validator
from pydantic_core import PydanticCustomError

from demat.kernel.document import DEPARTMENTS, LABELS
from demat.kernel.errors import N_, DematError
from demat.kernel.schema import SCHEMA

OPERATORS = SCHEMA.routing_operators  # field -> what a rule may ask of it, by the field's kind
STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _amount(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PydanticCustomError("amount_as_text", "write the amount as text")
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise PydanticCustomError("not_an_amount", "not an amount") from None


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise PydanticCustomError("not_a_date", "not a date") from None


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Texts = Annotated[list[Text], Field(min_length=1), BeforeValidator(_one_or_many)]
Amount = Annotated[Decimal, BeforeValidator(_amount)]
Date = Annotated[dt.date, BeforeValidator(_date)]
VALUE_TYPES = {"amount": Amount, "date": Date}  # any other kind is compared as text


class Conditions(BaseModel):
    """What a rule asks of one field: each operator it names, with its value."""

    model_config = STRICT

    @model_validator(mode="after")
    def _some(self):
        if not self.given():
            raise PydanticCustomError("no_condition", "no condition given")
        return self

    def given(self) -> dict[str, Any]:
        return {op: value for op, value in self if value is not None}


def _conditions_model(field: str) -> type[Conditions]:
    value_type = VALUE_TYPES.get(SCHEMA.field_kinds[field], str)
    return create_model(f"Conditions_{field}", __base__=Conditions, **{
        op: ((Annotated[list[str], Field(min_length=1)] if op == "one_of" else value_type) | None, None)
        for op in OPERATORS[field]})


def _plain_equals(value: Any) -> Any:
    """`supplier_vat = "0123"` is short for `supplier_vat = { equals = "0123" }`."""
    return value if isinstance(value, dict) else {"equals": value}


FieldConditions = create_model("FieldConditions", __config__=STRICT, **{
    field: (Annotated[_conditions_model(field) | None, BeforeValidator(_plain_equals)], None)
    for field in OPERATORS})


class RuleEntry(BaseModel):
    """One [[rule]]: its conditions all hold, the document goes to `department`."""

    model_config = STRICT

    department: Literal[DEPARTMENTS]
    name: str = ""
    type: Annotated[list[Literal[LABELS]], Field(min_length=1), BeforeValidator(_one_or_many)] | None = None
    subfolder: Texts | None = None
    keywords: Texts | None = None
    fields: FieldConditions = Field(default_factory=FieldConditions)


class RoutingFile(BaseModel):
    model_config = STRICT

    default_department: Literal[DEPARTMENTS]
    type_routes: bool = False
    rule: list[RuleEntry] = []


RULE_KEYS = tuple(RuleEntry.model_fields)
TOP_KEYS = tuple(RoutingFile.model_fields)
TEXT_LISTS = ("type", "subfolder", "keywords")
# What each of pydantic's complaints about a field condition means, with the field and operator named.
CONDITION_PROBLEMS = {
    "amount_as_text": N_('%(field)s %(op)s: write the amount as text, e.g. "5000.00"'),
    "not_an_amount": N_("%(field)s %(op)s: %(value)s is not an amount"),
    "not_a_date": N_("%(field)s %(op)s: %(value)s is not a date like 2024-03-14"),
    "string_type": N_("%(field)s %(op)s: give a text in quotes, not %(value)s"),
}


def problem(error: dict) -> tuple[int | None, str | None, DematError]:
    """(the rule's index or None, the key to find its line by, what is wrong) for one pydantic error."""
    loc, kind, given = error["loc"], error["type"], error.get("input")
    index = loc[1] if len(loc) > 1 and loc[0] == "rule" and isinstance(loc[1], int) else None
    path = loc[2:] if index is not None else loc
    key = str(path[0]) if path else None
    value = repr(given)
    if kind == "extra_forbidden" and len(path) == 1:
        known = RULE_KEYS if index is not None else TOP_KEYS
        return index, key, DematError(N_("unknown key %(key)s; known: %(known)s"), key=repr(key),
                                      known=", ".join(known))
    if kind == "missing":
        if key == "default_department":
            return None, None, DematError(
                N_("default_department is missing (the department of documents no rule takes)"))
        return index, None, DematError(N_("%(key)s is missing"), key=key)
    if kind == "literal_error":
        what = N_("unknown document type %(value)s; known: %(known)s") if key == "type" else \
            N_("unknown department %(value)s; known: %(known)s")
        return index, key, DematError(what, value=value, known=", ".join(LABELS if key == "type" else DEPARTMENTS))
    if key == "rule" or (index is not None and not path):  # `rule` itself, or one of its items, is no table
        return None, "rule", DematError(N_("rules must be written as [[rule]] tables"))
    if key == "type_routes":
        return None, key, DematError(N_("type_routes must be true or false"))
    if key == "name":
        return index, key, DematError(N_("name must be text"))
    if key in TEXT_LISTS:
        return index, key, DematError(N_("%(key)s must be a text or a list of texts"), key=key)
    if key == "fields" and len(path) == 1:
        return index, key, DematError(N_("fields must be a table: [rule.fields]"))
    return _condition_problem(index, path[1:], kind, value)


def _condition_problem(index: int | None, path: tuple, kind: str, value: str) -> tuple[int | None, str, DematError]:
    field = str(path[0])
    if field not in OPERATORS:
        return index, field, DematError(N_("unknown field %(field)s; known: %(known)s"), field=repr(field),
                                        known=", ".join(OPERATORS))
    if len(path) == 1:
        return index, field, DematError(N_("no condition given for %(field)s"), field=field)
    op = str(path[1])
    if kind == "extra_forbidden":
        return index, field, DematError(N_("%(field)s takes %(ops)s; not %(op)s"), field=field,
                                        ops=", ".join(OPERATORS[field]), op=repr(op))
    if op == "one_of":
        return index, field, DematError(N_("%(field)s one_of: give a list of texts"), field=field)
    template = CONDITION_PROBLEMS.get(kind, CONDITION_PROBLEMS["string_type"])
    return index, field, DematError(template, field=field, op=op, value=value)
