"""The schema of the domain: document types, departments and fields, declared once.

`schema.toml` beside this module holds the data; `load_schema` checks it
(pydantic models, unknown keys refused) and the rest of demat derives its
tables from the result (`kernel/document.py`, the routing operators, the
export columns, the labels in the UI) instead of repeating them. This module
imports nothing of demat's, so every layer may import it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from pydantic_core import ErrorDetails

from demat.kernel.errors import N_, ConfigError

T = TypeVar("T")  # what a registry maps a family to (an extractor)

SCHEMA_FILE = Path(__file__).with_name("schema.toml")
ROOT = Path(__file__).resolve().parent.parent  # where the paths in the schema start
LANGUAGES = ("it", "en")

# What routing rules may ask of a field, by its kind.
AMOUNT_OPERATORS = ("equals", "above", "below", "at_least", "at_most")
DATE_OPERATORS = ("equals", "before", "after")
TEXT_OPERATORS = ("equals", "one_of", "contains")
KINDS: dict[str, tuple[str, ...]] = {
    "text": TEXT_OPERATORS, "vat": TEXT_OPERATORS, "tax_code": TEXT_OPERATORS, "iban": TEXT_OPERATORS,
    "amount": AMOUNT_OPERATORS, "date": DATE_OPERATORS, "vat_lines": (),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Named(_Strict):
    """What people read for a code, in Italian and English."""

    it: str
    en: str

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.it


class DocType(Named):
    department: str
    family: str = "generic"  # the extractor that reads its fields
    required: tuple[str, ...] = ()
    invoice: bool = False  # invoice-like: read by the invoice rules, in the invoice export
    counted: bool = False  # in the accounting totals (a proforma asks for payment but is not counted)
    sign: Literal[1, -1] = 1  # credit notes count against the supplier: negative everywhere
    source: Literal["text", "xml"] = "text"
    titles: tuple[str, ...] = ()  # headings besides `it` and `en` that name the type on a document

    @property
    def all_titles(self) -> tuple[str, ...]:
        """Every heading that names the type: its names for people first, then the others."""
        return (self.it, self.en, *self.titles)


class FatturaPACode(_Strict):
    """A TipoDocumento code: the type it is archived as, and its name for people (if demat prints one)."""

    type: str
    name: str = ""


class FieldSpec(Named):
    kind: Literal["text", "amount", "date", "vat", "tax_code", "iban", "vat_lines"]
    labelled: bool = False  # the label vocabulary lists the phrases that announce it
    routable: bool = True
    exported: bool = False  # a column of the invoice export


class Schema(_Strict):
    label_vocabulary: str
    label_helpers: tuple[str, ...] = ()
    departments: dict[str, Named]
    types: dict[str, DocType]
    fields: dict[str, FieldSpec]
    fatturapa_codes: dict[str, FatturaPACode] = {}

    @model_validator(mode="after")
    def _names_agree(self) -> Schema:
        for code, t in self.types.items():
            if t.department not in self.departments:
                raise ValueError(f"type {code}: unknown department {t.department!r}; "
                                 f"known: {', '.join(self.departments)}")
            unknown = [f for f in t.required if f not in self.fields]
            if unknown:
                raise ValueError(f"type {code}: required fields not declared under [fields]: {', '.join(unknown)}")
        for code, fatturapa in self.fatturapa_codes.items():
            if fatturapa.type not in self.types:
                raise ValueError(f"fatturapa_codes {code}: unknown type {fatturapa.type!r}")
        clash = set(self.label_helpers) & set(self.fields)
        if clash:
            raise ValueError(f"label_helpers repeat fields: {', '.join(sorted(clash))}")
        return self

    # -- derived tables --------------------------------------------------------

    @cached_property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.types)

    @cached_property
    def xml_labels(self) -> tuple[str, ...]:
        return tuple(code for code, t in self.types.items() if t.source == "xml")

    @cached_property
    def text_labels(self) -> tuple[str, ...]:
        return tuple(code for code, t in self.types.items() if t.source == "text")

    @cached_property
    def invoice_labels(self) -> tuple[str, ...]:
        return tuple(code for code, t in self.types.items() if t.invoice)

    @cached_property
    def counted_labels(self) -> tuple[str, ...]:
        return tuple(code for code, t in self.types.items() if t.counted)

    @cached_property
    def negative_labels(self) -> tuple[str, ...]:
        return tuple(code for code, t in self.types.items() if t.sign < 0)

    @cached_property
    def fatturapa_types(self) -> dict[str, str]:
        """TipoDocumento code (`TD04`) -> the type it is archived as."""
        return {code: c.type for code, c in self.fatturapa_codes.items()}

    @cached_property
    def fatturapa_names(self) -> dict[str, str]:
        """TipoDocumento code -> its name for people, for the codes that have one."""
        return {code: c.name for code, c in self.fatturapa_codes.items() if c.name}

    @cached_property
    def field_kinds(self) -> dict[str, str]:
        return {name: f.kind for name, f in self.fields.items()}

    @cached_property
    def required(self) -> dict[str, tuple[str, ...]]:
        return {code: t.required for code, t in self.types.items() if t.required}

    @cached_property
    def default_departments(self) -> dict[str, str]:
        return {code: t.department for code, t in self.types.items()}

    @cached_property
    def label_fields(self) -> tuple[str, ...]:
        return tuple(name for name, f in self.fields.items() if f.labelled) + self.label_helpers

    @cached_property
    def routing_operators(self) -> dict[str, tuple[str, ...]]:
        return {name: KINDS[f.kind] for name, f in self.fields.items() if f.routable and KINDS[f.kind]}

    @cached_property
    def exported_fields(self) -> tuple[str, ...]:
        return tuple(name for name, f in self.fields.items() if f.exported)

    @cached_property
    def vocabulary_path(self) -> Path:
        return ROOT / self.label_vocabulary

    def of_kind(self, *kinds: str) -> tuple[str, ...]:
        """The fields of these kinds, in the schema's order."""
        return tuple(name for name, f in self.fields.items() if f.kind in kinds)

    def families(self, extractors: Mapping[str, T]) -> dict[str, T]:
        """Type -> its family's extractor, from a registry family -> extractor; ValueError names a missing one."""
        missing = {t.family for t in self.types.values()} - set(extractors)
        if missing:
            raise ValueError(f"no extractor registered for the families {', '.join(sorted(missing))}")
        return {code: extractors[t.family] for code, t in self.types.items()}

    def names(self, kind: str) -> Mapping[str, Named]:
        """Code -> its labels for people, for kind "type", "department" or "field"."""
        named: dict[str, Mapping[str, Named]] = {"type": self.types, "department": self.departments,
                                                 "field": self.fields}
        return named[kind]


def parse_schema(text: str, where: str = "schema") -> Schema:
    """Check TEXT (TOML); raise ConfigError naming WHERE and the bad entry."""
    try:
        return Schema.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(N_("%(file)s is not valid TOML: %(problem)s"), file=where, problem=exc) from None
    except ValidationError as exc:
        problems = "; ".join(_problem(e) for e in exc.errors())
        raise ConfigError(N_("%(file)s is not a valid schema of the domain: %(problems)s"), file=where,
                          problems=problems) from None


def _problem(error: ErrorDetails) -> str:
    where = ".".join(map(str, error["loc"]))
    what = error["msg"].removeprefix("Value error, ")
    return f"{where}: {what}" if where else what


def load_schema(path: Path = SCHEMA_FILE) -> Schema:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(N_("%(file)s: cannot read the schema of the domain: %(problem)s"), file=path,
                          problem=exc) from None
    return parse_schema(text, str(path))


SCHEMA = load_schema()
