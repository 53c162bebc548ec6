"""Routing: the default rules, first match wins, conditions, strict rule files."""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest

from demat.classifiers import routing
from demat.classifiers.routing import load_rules
from demat.classifiers.routing_rules import parse_rules
from demat.kernel.config import load_config
from demat.kernel.document import LABELS, Classification, Document, Field, Page, StageContext
from demat.kernel.errors import ConfigError
from demat.kernel.schema import SCHEMA
from demat.pipeline.executor import SerialExecutor


def document(label: str | None = "fattura", text: str = "", name: str = "x.pdf", **fields) -> Document:
    doc = Document(path=Path(name), original_name=name, pages=[Page(number=1, text=text)])
    if label:
        doc.classification = Classification(label, 0.95, [(label, 0.95)])
    doc.fields = {k: Field(value=v) for k, v in fields.items()}
    return doc


def rules(text: str, tmp_path: Path):
    path = tmp_path / "routing.toml"
    path.write_text(text, encoding="utf-8")
    return load_rules(path)


@pytest.mark.parametrize("label,department", sorted(SCHEMA.default_departments.items()))
def test_default_rules_follow_the_domain_table(label, department):
    assert load_rules().route(document(label))[0] == department


def test_unclassified_document_goes_to_the_default_department():
    department, rule = load_rules().route(document(None))
    assert (department, rule) == ("segreteria", None)


def test_stage_uses_home_routing_file(tmp_path):
    (tmp_path / "routing.toml").write_text(
        'default_department = "legale"\n[[rule]]\ntype = "cv"\ndepartment = "segreteria"\n')
    ctx = StageContext(config=load_config(tmp_path, environ={}), executor=SerialExecutor(), work_dir=tmp_path)
    assert routing.run(document("cv"), ctx).department == "segreteria"
    assert routing.run(document("fattura"), ctx).department == "legale"


def test_stage_without_routing_file_uses_defaults(tmp_path):
    ctx = StageContext(config=load_config(tmp_path, environ={}), executor=SerialExecutor(), work_dir=tmp_path)
    assert routing.run(document("ddt"), ctx).department == "acquisti"


RULES = '''
default_department = "segreteria"

[[rule]]
name = "Rossi to purchasing"
department = "acquisti"
type = ["fattura", "nota_credito"]
[rule.fields]
supplier_vat = "IT 01234567890"

[[rule]]
name = "big invoices"
department = "tesoreria"
type = "fattura"
[rule.fields]
total = { above = "5000" }
date = { after = 2024-01-01 }

[[rule]]
name = "site documents"
department = "legale"
keywords = ["cantiere", "commessa 42"]

[[rule]]
name = "warehouse scanner"
department = "acquisti"
subfolder = "Magazzino"

[[rule]]
name = "all invoices"
department = "amministrazione"
type = "fattura"
'''


def test_first_matching_rule_wins(tmp_path):
    r = rules(RULES, tmp_path)
    doc = document("fattura", supplier_vat="01234567890", total=Decimal("9000"), date=dt.date(2024, 5, 1))
    department, rule = r.route(doc)
    assert (department, rule.name) == ("acquisti", "Rossi to purchasing")


def test_field_conditions(tmp_path):
    r = rules(RULES, tmp_path)
    big = document("fattura", total=Decimal("5000.01"), date=dt.date(2024, 1, 2))
    assert r.route(big)[0] == "tesoreria"
    at_limit = document("fattura", total=Decimal("5000.00"), date=dt.date(2024, 1, 2))
    assert r.route(at_limit)[0] == "amministrazione"
    too_old = document("fattura", total=Decimal("9000"), date=dt.date(2023, 12, 31))
    assert r.route(too_old)[0] == "amministrazione"
    no_total = document("fattura", date=dt.date(2024, 3, 1))
    assert r.route(no_total)[0] == "amministrazione"
    other_supplier = document("nota_credito", supplier_vat="09876543210")
    assert r.route(other_supplier)[0] == "segreteria"


def test_keyword_conditions_fold_case_and_accents(tmp_path):
    r = rules(RULES, tmp_path)
    assert r.route(document("lettera", text="Oggetto: CANTIÈRE di via Po"))[0] == "legale"
    assert r.route(document("lettera", text="riferimento Commessa\n42"))[0] == "legale"
    assert r.route(document("lettera", text="cantieristica navale"))[0] == "segreteria"  # whole words only


def test_subfolder_condition_takes_nested_folders(tmp_path):
    r = rules(RULES, tmp_path)
    assert r.route(document("ddt", name="magazzino/2024/scan1.pdf"))[0] == "acquisti"
    assert r.route(document("lettera", name="Magazzino/scan2.pdf"))[0] == "acquisti"
    assert r.route(document("lettera", name="magazzino-bis/scan3.pdf"))[0] == "segreteria"
    assert r.route(document("lettera", name="scan4.pdf"))[0] == "segreteria"


def test_text_conditions(tmp_path):
    r = rules('default_department = "segreteria"\n[[rule]]\ndepartment = "legale"\n'
              '[rule.fields]\nsupplier_name = { contains = "rossi" }\n'
              'currency = { one_of = ["USD", "CHF"] }\n', tmp_path)
    assert r.route(document("fattura", supplier_name="ROSSI Forniture S.r.l.", currency="USD"))[0] == "legale"
    assert r.route(document("fattura", supplier_name="Rossi S.p.A.", currency="EUR"))[0] == "segreteria"


def test_rules_are_read_again_when_the_file_changes(tmp_path):
    path = tmp_path / "routing.toml"
    first = rules('default_department = "legale"\n', tmp_path)
    assert load_rules(path) is first
    path.write_text('default_department = "tesoreria"\n')
    os.utime(path, ns=(0, path.stat().st_mtime_ns + 1_000_000_000))  # a later edit, even on a coarse clock
    assert load_rules(path).default_department == "tesoreria"


BAD_FILES = [
    ('default_department = "segreteria"\n\n[[rule]]\ndepartment = "acquisti"\ntipo = "ddt"\n',
     ":5: rule 1: unknown key 'tipo'"),
    ('default_department = "segreteria"\n[[rule]]\ntype = "ddt"\ndepartment = "acquisti"\n\n'
     '[[rule]]\nname = "x"\ndepartment = "acquisto"\n', ":8: rule 2 ('x'): unknown department 'acquisto'"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\ntype = ["ddt", "bolla"]\n',
     ":4: rule 1: unknown document type 'bolla'"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\nkeywords = 42\n',
     ":4: rule 1: keywords must be a text or a list of texts"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\ntotal = { above = 5000.5 }\n',
     ":5: rule 1: total above: write the amount as text"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\ntotal = { above = "lots" }\n',
     ":5: rule 1: total above: 'lots' is not an amount"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\ntotale = "5"\n',
     ":5: rule 1: unknown field 'totale'"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\ndate = { above = 2024-01-01 }\n',
     ":5: rule 1: date takes equals, before, after; not 'above'"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\ndue_date = "soon"\n',
     ":5: rule 1: due_date equals: 'soon' is not a date"),
    ('default_department = "segreteria"\n[[rule]]\ntype = "ddt"\n', ":2: rule 1: department is missing"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\ntotal = {}\n',
     ":5: rule 1: no condition given for total"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\n'
     'supplier_name = { one_of = [] }\n', ":5: rule 1: supplier_name one_of: give a list of texts"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\n[rule.fields]\nsupplier_vat = 123\n',
     ":5: rule 1: supplier_vat equals: give a text in quotes, not 123"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\nname = 3\n',
     ":4: rule 1: name must be text"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\nsubfolder = " "\n',
     ":4: rule 1: subfolder must be a text or a list of texts"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = "acquisti"\nfields = 3\n',
     ":4: rule 1: fields must be a table"),
    ('default_department = "segreteria"\ntype_routes = "yes"\n', ":2: type_routes must be true or false"),
    ('default_department = "segreteria"\nrule = [3]\n', ":2: rules must be written as [[rule]] tables"),
    ('default_department = "segreteria"\n[[rule]]\ndepartment = 7\n', ":3: rule 1: unknown department 7"),
    ('default_department = "ufficio"\n', ":1: unknown department 'ufficio'"),
    ('default_departement = "segreteria"\n', ":1: unknown key 'default_departement'"),
    ('[[rule]]\ntype = "ddt"\ndepartment = "acquisti"\n', "default_department is missing"),
    ('default_department = "segreteria"\n[[rule]\n', "not valid TOML"),
]


@pytest.mark.parametrize("text,message", BAD_FILES)
def test_bad_rule_files_raise_config_error_naming_file_and_line(text, message, tmp_path):
    with pytest.raises(ConfigError) as caught:
        rules(text, tmp_path)
    assert str(caught.value).startswith(str(tmp_path / "routing.toml"))
    assert message in str(caught.value)


def test_a_bad_rule_is_told_in_italian_with_file_line_and_rule(tmp_path):
    from demat.web.i18n import error_text

    with pytest.raises(ConfigError) as caught:
        rules('default_department = "segreteria"\n[[rule]]\nname = "x"\ndepartment = "acquisto"\n', tmp_path)
    said = error_text(caught.value, "it")
    place = tmp_path / "routing.toml"
    assert said.startswith(f"{place}:4: regola 1 ('x'): reparto 'acquisto' sconosciuto; quelli noti:")
    assert "Correggi il file indicato nel messaggio" in said


def test_missing_configured_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_rules(tmp_path / "nowhere.toml")


def test_parse_rules_reads_the_shipped_defaults_without_error():
    text = routing.DEFAULT_RULES.read_text(encoding="utf-8")
    rules = parse_rules(text, routing.DEFAULT_RULES).rules
    assert sorted(label for rule in rules for label in rule.types) == sorted(LABELS)  # each type its usual department


def test_amount_and_date_operators(tmp_path):
    r = rules('default_department = "segreteria"\n[[rule]]\ndepartment = "tesoreria"\n[rule.fields]\n'
              'balance = { at_least = "-100", at_most = 0 }\ndue_date = { before = "2024-06-30" }\n', tmp_path)
    assert r.route(document("f24", balance=Decimal("0.00"), due_date=dt.date(2024, 6, 29)))[0] == "tesoreria"
    assert r.route(document("f24", balance=Decimal("-100"), due_date=dt.datetime(2024, 1, 1, 9)))[0] == "tesoreria"
    assert r.route(document("f24", balance=Decimal("0.01"), due_date=dt.date(2024, 1, 1)))[0] == "segreteria"
    assert r.route(document("f24", balance=Decimal("-5"), due_date=dt.date(2024, 6, 30)))[0] == "segreteria"
