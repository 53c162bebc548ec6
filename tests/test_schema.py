"""The schema of the domain: checked when loaded, and the one source of every table of types and fields."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from demat.classifiers import routing_rules
from demat.classifiers.routing import load_rules
from demat.kernel import document
from demat.kernel.errors import ConfigError
from demat.kernel.schema import SCHEMA, SCHEMA_FILE, parse_schema
from demat.web import actions, i18n_formats

ROOT = Path(__file__).resolve().parent.parent

# A new type and a new field, written as a contributor would (docs/contributing-types-and-fields.md).
EXTRA = '''
[types.parcella]
it = "Parcella"
en = "Professional fee note"
department = "legale"
family = "invoice"
required = ["number", "total", "cig"]
invoice = true
counted = true

[fields.cig]
kind = "text"
it = "Codice CIG"
en = "Tender code (CIG)"
exported = true
'''

# Imports the product with the extended schema in place of the shipped one, then prints every derived table.
DERIVED = '''
import json, sys
import demat.kernel.schema as schema
schema.SCHEMA = schema.parse_schema(sys.stdin.read(), "extended schema")
from demat.kernel import document
from demat.extractors import fields
from demat.extractors.fields import checks, invoice, patterns
from demat.classifiers import routing_rules
from demat.indexer import exports
from demat.web import actions, i18n_formats, i18n_labels
from demat.samples.grammar.draft import Draft
rules = routing_rules.parse_rules('default_department = "segreteria"\\ntype_routes = true\\n'
                                  '[[rule]]\\ndepartment = "acquisti"\\n[rule.fields]\\ncig = { contains = "z1" }\\n',
                                  schema.ROOT / "routing.toml")
print(json.dumps({
    "LABELS": document.LABELS, "TEXT_LABELS": document.TEXT_LABELS, "INVOICE_LABELS": document.INVOICE_LABELS,
    "FIELD_KINDS": document.FIELD_KINDS, "REQUIRED": checks.REQUIRED, "LABEL_FIELDS": patterns.LABEL_FIELDS,
    "FAMILY": fields.FAMILIES["parcella"] is invoice.extract, "OPERATORS": routing_rules.OPERATORS,
    "routes": [[sorted(r.types or []), r.department, [c.field for c in r.fields]] for r in rules.rules],
    "export_keys": exports.header([]), "export_headers": exports.header([], italian=True),
    "labels": {kind: i18n_labels.label(kind, code, "en") for kind, code in (("type", "parcella"), ("field", "cig"))},
    "COUNTED_TYPES": actions.COUNTED_TYPES, "CREDIT_NOTES": i18n_formats.CREDIT_NOTES,
    "draft_department": Draft("parcella").department,
}))
'''


def test_a_new_type_and_field_in_the_schema_reach_every_derived_table():
    text = SCHEMA_FILE.read_text(encoding="utf-8") + EXTRA
    done = subprocess.run([sys.executable, "-c", DERIVED], input=text, capture_output=True, text=True, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stderr
    tables = json.loads(done.stdout)
    assert tables["LABELS"][-1] == "parcella" and "parcella" in tables["TEXT_LABELS"]
    assert "parcella" in tables["INVOICE_LABELS"] and "parcella" in tables["COUNTED_TYPES"]
    assert "parcella" not in tables["CREDIT_NOTES"]
    assert tables["FAMILY"] is True
    assert tables["REQUIRED"]["parcella"] == ["number", "total", "cig"]
    assert tables["FIELD_KINDS"]["cig"] == "text"
    assert "cig" not in tables["LABEL_FIELDS"]  # not "labelled": the vocabulary has no phrases for it
    assert tables["OPERATORS"]["cig"] == ["equals", "one_of", "contains"]
    assert tables["routes"][0] == [[], "acquisti", ["cig"]]  # a rule may test the new field
    assert [["parcella"], "legale", []] in tables["routes"]  # and the new type has its default route
    assert tables["export_keys"][-4:] == ["cig", "cig_check", "vat_lines_check", "archive_path"]
    assert tables["export_headers"][-4:-2] == ["Codice CIG", "Codice CIG (controllo)"]
    assert tables["labels"] == {"type": "Professional fee note", "field": "Tender code (CIG)"}
    assert tables["draft_department"] == "legale"


def test_the_shipped_tables_are_the_schema():
    assert tuple(SCHEMA.types) == document.LABELS and tuple(SCHEMA.departments) == document.DEPARTMENTS
    assert document.INVOICE_LABELS == ("fattura", "nota_credito", "proforma")
    assert actions.COUNTED_TYPES == ("fattura", "nota_credito") and i18n_formats.CREDIT_NOTES == ("nota_credito",)
    assert "notifica_sdi" in document.LABELS and "notifica_sdi" not in document.TEXT_LABELS
    assert document.FIELD_KINDS["supplier_vat"] == "vat" and "vat_lines" not in routing_rules.OPERATORS
    routes = load_rules().rules  # the shipped defaults: each type to its department
    assert {label: rule.department for rule in routes for label in rule.types} == SCHEMA.default_departments
    assert SCHEMA.default_departments["nota_spese"] == "risorse_umane"


def test_the_label_vocabulary_names_only_labelled_fields_and_helpers():
    vocabulary = json.loads(SCHEMA.vocabulary_path.read_text(encoding="utf-8"))
    assert set(vocabulary["fields"]) == set(SCHEMA.label_fields)


@pytest.mark.parametrize("extra, message", [
    ('[types.x]\nit = "X"\nen = "X"\ndepartment = "magazzino"\n',
     "type x: unknown department 'magazzino'; known: amministrazione"),
    ('[types.x]\nit = "X"\nen = "X"\ndepartment = "legale"\nrequired = ["cup"]\n', "required fields not declared"),
    ('[fields.cup]\nkind = "txt"\nit = "CUP"\nen = "CUP"\n', "fields.cup.kind"),
    ('[fields.cup]\nkind = "text"\nit = "CUP"\n', "fields.cup.en: Field required"),
    ('[fields.cup]\nkind = "text"\nit = "CUP"\nen = "CUP"\nshown = true\n', "fields.cup.shown: Extra inputs"),
])
def test_a_bad_entry_stops_the_start_with_the_entry_named(extra, message):
    with pytest.raises(ConfigError) as caught:
        parse_schema(SCHEMA_FILE.read_text(encoding="utf-8") + extra, "schema.toml")
    assert str(caught.value).startswith("schema.toml is not a valid schema of the domain: ")
    assert message in str(caught.value)
