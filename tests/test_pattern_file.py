"""The pattern file's schema: each kind of bad entry stops the load with the file and the entry named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demat.extractors.fields.patterns import PATTERNS_FILE, load_patterns
from demat.kernel.errors import ConfigError
from demat.web.i18n import error_text


def write(tmp_path: Path, change) -> Path:
    data = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_shipped_pattern_file_is_valid():
    patterns = load_patterns()
    assert "totale documento" in patterns.fields["total"]


@pytest.mark.parametrize("change, words", [
    (lambda d: d["fields"].__setitem__("totale", ["totale"]), "fields.totale: unknown name"),
    (lambda d: d["fields"]["total"].append(""), "fields.total["),
    (lambda d: d["fields"].__setitem__("number", []), "fields.number: must be a non-empty list"),
    (lambda d: d["legal_forms"].append(3), "legal_forms["),
    (lambda d: d.pop("parties"), "sections missing: ['parties']"),
    (lambda d: d["currencies"].__setitem__("euro", ["€"]), "currencies.euro: not an ISO 4217 code"),
])
def test_a_bad_pattern_file_names_the_file_and_the_entry(tmp_path, change, words):
    path = write(tmp_path, change)
    with pytest.raises(ConfigError) as err:
        load_patterns(path)
    assert str(path) in str(err.value) and words in str(err.value)


def test_a_pattern_file_that_is_not_json(tmp_path):
    path = tmp_path / "labels.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read pattern file"):
        load_patterns(path)


@pytest.mark.parametrize("change, words", [
    (lambda d: d["token_patterns"].__setitem__("labels", {}), "token_patterns.labels: must be an object"),
    (lambda d: d["token_patterns"]["fields"].__setitem__("totale", [["totale"]]), "token_patterns.fields.totale: unknown"),
    (lambda d: d["token_patterns"]["fields"]["number"].append(["n?", ".?"]), "every step is optional"),
    (lambda d: d["token_patterns"]["parties"]["customer"].append([]), "token_patterns.parties.customer["),
])
def test_a_bad_token_pattern_names_the_entry(tmp_path, change, words):
    path = write(tmp_path, change)
    with pytest.raises(ConfigError) as err:
        load_patterns(path)
    assert words in str(err.value)


@pytest.mark.parametrize("change, words", [
    (lambda d: d.__setitem__("extra", {}), "sections missing: [], unknown: ['extra']"),
    (lambda d: d.__setitem__("fields", []), "fields: must be an object"),
    (lambda d: d.__setitem__("legal_forms", []), "legal_forms: must be a non-empty list of phrases"),
    (lambda d: d["parties"].__setitem__("seller", ["venditore"]), "parties.seller: unknown name; allowed: supplier"),
    (lambda d: d["payment_methods"].__setitem__("bonifico", "bonifico"),
     "payment_methods.bonifico: must be a non-empty"),
    (lambda d: d["fields"]["total"].insert(0, "  "), "fields.total[0]: must be a non-empty string, got '  '"),
    (lambda d: d["token_patterns"]["parties"].__setitem__("supplier", []),
     "token_patterns.parties.supplier: must be a non-empty list of patterns"),
])
def test_each_kind_of_bad_entry_is_named(tmp_path, change, words):
    path = write(tmp_path, change)
    with pytest.raises(ConfigError) as err:
        load_patterns(path)
    assert str(err.value).startswith(f"{path}: ") and words in str(err.value)


def test_a_top_level_that_is_not_an_object(tmp_path):
    path = tmp_path / "labels.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError, match="the top level must be an object with fields, parties"):
        load_patterns(path)


def test_a_bad_entry_is_told_in_italian(tmp_path):
    path = write(tmp_path, lambda d: d["currencies"].__setitem__("euro", ["€"]))
    with pytest.raises(ConfigError) as err:
        load_patterns(path)
    assert error_text(err.value, "it").startswith(
        f"{path}: currencies.euro: non è un codice ISO 4217 (tre lettere maiuscole)")


def test_the_loaded_patterns_keep_the_files_data():
    data = json.loads(PATTERNS_FILE.read_text(encoding="utf-8"))
    patterns = load_patterns()
    assert patterns.fields == data["fields"] and patterns.currencies == data["currencies"]
    assert patterns.token_patterns["fields"] == data["token_patterns"]["fields"]
