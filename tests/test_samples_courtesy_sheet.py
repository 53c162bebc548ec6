"""C0, our own courtesy-copy stylesheet (samples/grammar/courtesy_sheet.py): a FatturaPA of our generator
printed by headless Chromium through the same path as the public stylesheets' copies. A copy renders, prints
every expected value, expects the XML's own fields, is the same for the same seed, and the seed varies its style."""

from __future__ import annotations

import io
import json
import re
import shutil
from decimal import Decimal

import pdfplumber
import pytest

from demat.samples.grammar import courtesy, courtesy_sheet, write_corpus
from demat.samples.grammar.families import COURTESY, NEVER_TUNED, TUNED

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
SEEDS = (951, 953)  # a fattura and a nota di credito


def test_c0_is_a_tuned_courtesy_family_and_the_public_stylesheets_stay_never_tuned():
    assert "C0" in TUNED and "C0" in COURTESY
    assert set(courtesy.STYLESHEETS) <= set(NEVER_TUNED) and "C0" not in courtesy.STYLESHEETS


def _printed(text: str, value) -> bool:
    """VALUE in TEXT as the copy may print it: an amount as the XML has it or in the Italian way, a date ISO or
    day first."""
    if isinstance(value, str) and re.fullmatch(r"\d+\.\d\d", value):
        italian = f"{Decimal(value):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return value in text or italian in text
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        year, month, day = value.split("-")
        return value in text or f"{day}-{month}-{year}" in text
    return str(value) in text


@needs_chromium
@pytest.mark.parametrize("seed", SEEDS)
def test_a_c0_copy_renders_and_expects_the_xmls_fields(tmp_path, seed):
    [expected_json] = write_corpus(tmp_path, families=["C0"], per_family=1, seed=seed, kinds=("born_digital",))
    data = json.loads(expected_json.read_text(encoding="utf-8"))
    _, _, fields, doc_type = courtesy.invoice_xml(seed)
    assert (data["family"], data["tuned"], data["type"], data["fields"]) == ("C0", True, doc_type, fields)
    with pdfplumber.open(tmp_path / data["file"]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    # the XML states no imponibile nor IVA of the whole document, only each rate's: the copy prints those
    printed = {name: value for name, value in fields.items()
               if name not in ("vat_lines", "payment_method", "taxable_amount", "vat_amount")}
    printed["vat_lines"] = [row[key] for row in fields["vat_lines"] for key in ("taxable_amount", "vat_amount")]
    for name, value in printed.items():
        for one in value if isinstance(value, list) else [value]:
            assert one is None or _printed(text, one), (name, one)


@needs_chromium
def test_a_c0_copy_is_the_same_for_the_same_seed(tmp_path):
    first = write_corpus(tmp_path / "a", families=["C0"], per_family=1, seed=951)
    second = write_corpus(tmp_path / "b", families=["C0"], per_family=1, seed=951)
    assert [p.name for p in first] == [p.name for p in second] and len(first) == 2  # born-digital and scanned
    for name in sorted(p.name for p in (tmp_path / "a").iterdir()):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_seed_varies_what_such_stylesheets_vary():
    _, xml, _, _ = courtesy.invoice_xml(951)
    pages = [courtesy_sheet.html_page(xml, seed) for seed in range(951, 981)]
    styles = [courtesy_sheet.Style(seed) for seed in range(951, 981)]
    assert len(set(pages)) == len(pages)
    for trait in ("font", "size", "fill", "supplier", "vat_id", "side_by_side", "iso_dates", "payment_first"):
        assert len({getattr(style, trait) for style in styles}) > 1, trait
    assert all(re.search(r"td, th \{ border: 1px solid", page) for page in pages)  # every cell ruled


@needs_chromium
def test_the_public_path_takes_our_stylesheet_without_shared_fixtures(monkeypatch):
    monkeypatch.setattr(courtesy, "stylesheets", lambda: None)  # a clone without ../shared
    assert courtesy.available("C0") and not courtesy.available("C1")
    _, xml, _, _ = courtesy.invoice_xml(951)
    pdf = courtesy.render_pdf("C0", xml, 951)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "Tipologia documento".lower() in (document.pages[0].extract_text() or "").lower()
