"""The schema of the pattern file (`patterns/*.json`) as strict pydantic models, and its errors told to people.

pydantic checks the shape: exactly the six sections, names the schema of the
domain knows, non-empty lists of non-empty phrases, ISO 4217 currency codes,
token patterns with at least one required step. `checked()` returns the data
or raises a ConfigError naming the file and the entry (`fields.total[3]`),
translatable like every DematError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import PydanticCustomError

from demat.kernel.errors import N_, ConfigError
from demat.kernel.schema import SCHEMA

# Every name a label may stand for: the fields the schema marks "labelled",
# plus its label helpers (vat table columns, payment date, a party's name in
# its block, a receipt's change, and "ignore").
LABEL_FIELDS = SCHEMA.label_fields
PARTIES = ("supplier", "customer")
STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


def _some_step_required(steps: list[str]) -> list[str]:
    if all(step.endswith("?") for step in steps):
        raise PydanticCustomError("all_optional", "every step is optional")
    return steps


Phrase = Annotated[str, StringConstraints(pattern=r"\S")]
Phrases = Annotated[list[Phrase], Field(min_length=1)]
TokenPattern = Annotated[list[Phrase], Field(min_length=1), AfterValidator(_some_step_required)]
TokenPatterns = Annotated[list[TokenPattern], Field(min_length=1)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class TokenPatternSections(BaseModel):
    model_config = STRICT

    fields: dict[Literal[LABEL_FIELDS], TokenPatterns] = {}
    parties: dict[Literal[PARTIES], TokenPatterns] = {}


class PatternFile(BaseModel):
    model_config = STRICT

    fields: dict[Literal[LABEL_FIELDS], Phrases]
    parties: dict[Literal[PARTIES], Phrases]
    legal_forms: Phrases
    payment_methods: dict[str, Phrases]
    currencies: dict[Currency, Phrases]
    token_patterns: TokenPatternSections


SECTIONS = tuple(PatternFile.model_fields)


def checked(data: Any, path: Path) -> dict[str, Any]:
    """DATA (the parsed content of PATH) once it fits the schema; raise ConfigError naming the bad entry."""
    if not isinstance(data, dict):
        raise ConfigError(N_("%(file)s: the top level must be an object with %(sections)s"), file=path,
                          sections=", ".join(SECTIONS))
    try:
        return PatternFile.model_validate(data).model_dump()
    except ValidationError as exc:
        raise _error(exc.errors(), path) from None


def _error(errors: list[dict], path: Path) -> ConfigError:
    top = [e for e in errors if len(e["loc"]) == 1 and e["type"] in ("missing", "extra_forbidden")]
    if top:
        missing = sorted(str(e["loc"][0]) for e in top if e["type"] == "missing")
        unknown = sorted(str(e["loc"][0]) for e in top if e["type"] == "extra_forbidden")
        return ConfigError(N_("%(file)s: sections missing: %(missing)s, unknown: %(unknown)s; "
                              "expected exactly %(sections)s"), file=path, missing=missing, unknown=unknown,
                           sections=", ".join(SECTIONS))
    error = errors[0]
    loc, kind = error["loc"], error["type"]
    values = {"file": path, "entry": _entry(loc), "value": repr(error.get("input"))}
    if loc[-1] == "[key]":
        if loc[0] == "currencies":
            return ConfigError(N_("%(file)s: %(entry)s: not an ISO 4217 code (three capital letters)"), **values)
        allowed = PARTIES if loc[-3] == "parties" else LABEL_FIELDS
        return ConfigError(N_("%(file)s: %(entry)s: unknown name; allowed: %(allowed)s"),
                           allowed=", ".join(allowed), **values)
    if loc[0] == "token_patterns" and len(loc) == 2 and kind == "extra_forbidden":
        return ConfigError(N_("%(file)s: %(entry)s: must be an object named fields or parties"), **values)
    if kind == "all_optional":
        return ConfigError(N_("%(file)s: %(entry)s: every step is optional; one must be required"), **values)
    if kind in ("string_type", "string_pattern_mismatch"):
        return ConfigError(N_("%(file)s: %(entry)s: must be a non-empty string, got %(value)s"), **values)
    if kind in ("dict_type", "model_type"):
        return ConfigError(N_("%(file)s: %(entry)s: must be an object"), **values)
    if loc[0] == "token_patterns" and len(loc) == 3:
        return ConfigError(N_("%(file)s: %(entry)s: must be a non-empty list of patterns"), **values)
    return ConfigError(N_("%(file)s: %(entry)s: must be a non-empty list of phrases"), **values)


def _entry(loc: tuple) -> str:
    """('fields', 'total', 3) -> 'fields.total[3]'; a bad name is the name itself."""
    loc = loc[:-1] if loc[-1] == "[key]" else loc
    entry = ""
    for part in loc:
        entry += f"[{part}]" if isinstance(part, int) else f"{'.' if entry else ''}{part}"
    return entry
