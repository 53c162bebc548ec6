"""The sample generator makes valid, self-consistent documents, and the committed set is reproducible."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pytest
from asn1crypto import cms
from lxml import etree
from PIL import Image
from stdnum import iban as stdnum_iban
from stdnum.it import codicefiscale, iva

from pipeline.document import DEPARTMENTS, INVOICE_LABELS, LABELS, TEXT_LABELS
from pipeline.schema import SCHEMA
from samples.bad_inputs import write_bad_inputs
from samples.generator import DOC_TYPES, SPLIT_LAYOUTS, make_spec, spec_text
from samples.generator.__main__ import main as generator_main
from samples.generator.corpus import COMMITTED, write_committed
from samples.generator.layout import STYLES
from samples.generator.wording import WORDINGS

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
REQUIRED = {
    "fattura": ["number", "date", "supplier_name", "supplier_vat", "supplier_tax_code", "customer_name", "customer_vat",
                "taxable_amount", "vat_amount", "vat_lines", "total", "currency", "due_date", "payment_method", "iban"],
    "lettera": ["sender", "recipient", "date", "subject", "protocol_number"],
    "f24": ["tax_code", "balance", "date"],
    "ddt": ["number", "date", "supplier_name", "customer_name"],
    "bolletta": ["supplier_name", "supply_point", "total", "due_date"],
    "estratto_conto": ["iban", "balance"],
    "ordine": ["date", "supplier_name"], "preventivo": ["date", "supplier_name"], "nota_spese": ["date", "sender"],
    "cv": ["date", "sender"], "contratto": ["date", "supplier_name"],
}
REQUIRED["nota_credito"] = REQUIRED["proforma"] = REQUIRED["fattura"]
SPECS = [make_spec(t, seed, split) for t in DOC_TYPES for split in ("train", "holdout") for seed in range(12)]


def committed(pattern: str) -> list[Path]:
    return sorted(COMMITTED.glob(pattern))


def test_every_label_has_a_generator_and_its_department():
    assert set(DOC_TYPES) == set(TEXT_LABELS) - {"ricevuta"}  # receipts: classifiers/receipts.py makes its own
    assert all(s.department == SCHEMA.types[s.doc_type].department for s in SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.split}-{s.name}")
def test_fields_present_and_identifiers_valid(spec):
    fields = spec.fields
    assert set(REQUIRED[spec.doc_type]) <= set(fields)
    for key in ("date", "due_date"):
        if fields.get(key):
            dt.date.fromisoformat(fields[key])
    for key in ("supplier_vat", "customer_vat"):
        if fields.get(key):
            assert iva.is_valid(fields[key]), fields[key]
    for key in ("supplier_tax_code", "tax_code"):
        value = fields.get(key)
        if value:
            assert iva.is_valid(value) if len(value) == 11 else codicefiscale.is_valid(value), value
    if fields.get("iban"):
        assert stdnum_iban.is_valid(fields["iban"]) and fields["iban"].startswith("IT") and len(fields["iban"]) == 27
    json.dumps(fields)


@pytest.mark.parametrize("spec", [s for s in SPECS if s.doc_type in INVOICE_LABELS],
                         ids=lambda s: f"{s.split}-{s.name}")
def test_invoice_amounts_add_up_to_the_cent(spec):
    fields = spec.fields
    lines = fields["vat_lines"]
    assert 1 <= len(lines) <= 3
    for line in lines:
        rate, taxable = Decimal(line["rate"]), Decimal(line["taxable_amount"])
        assert Decimal(line["vat_amount"]) == (taxable * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert (line["nature"] is not None) == (rate == 0)
    taxable, vat, total = (Decimal(fields[k]) for k in ("taxable_amount", "vat_amount", "total"))
    assert taxable == sum(Decimal(l["taxable_amount"]) for l in lines)
    assert vat == sum(Decimal(l["vat_amount"]) for l in lines)
    assert total == taxable + vat
    assert (total < 0) == (spec.doc_type == "nota_credito")
    if fields["due_date"]:
        assert fields["due_date"] > fields["date"]
    assert (fields["iban"] is not None) == (fields["payment_method"] == "bonifico")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: f"{s.split}-{s.name}")
def test_expected_text_values_are_printed_whole(spec):
    text = spec_text(spec)
    squeezed = text.replace(" ", "")
    for key in ("number", "supplier_name", "customer_name", "sender", "recipient", "subject", "protocol_number",
                "supplier_vat", "customer_vat", "tax_code", "supply_point"):
        if spec.fields.get(key):
            assert spec.fields[key].replace(" ", "") in squeezed, key
    if spec.fields.get("iban"):
        assert spec.fields["iban"] in squeezed


def test_train_and_holdout_never_share_layouts_wordings_or_names():
    assert not set(SPLIT_LAYOUTS["train"]) & set(SPLIT_LAYOUTS["holdout"])
    train_styles = {(s.font, s.header, s.top, s.pairs, s.totals) for k, s in STYLES.items() if k in SPLIT_LAYOUTS["train"]}
    holdout_styles = {(s.font, s.header, s.top, s.pairs, s.totals) for k, s in STYLES.items() if k in SPLIT_LAYOUTS["holdout"]}
    assert not train_styles & holdout_styles
    for key, pools in WORDINGS.items():
        assert not set(pools["train"]) & set(pools["holdout"]), key
    by_split = {split: [s for s in SPECS if s.split == split] for split in ("train", "holdout")}
    assert {s.layout for s in by_split["train"]} == set(SPLIT_LAYOUTS["train"])
    assert {s.layout for s in by_split["holdout"]} == set(SPLIT_LAYOUTS["holdout"])
    names = {split: {s.fields.get("supplier_name") for s in specs} - {None} for split, specs in by_split.items()}
    assert not names["train"] & names["holdout"]


def test_same_arguments_same_document():
    assert spec_text(make_spec("lettera", 5)) == spec_text(make_spec("lettera", 5))
    assert spec_text(make_spec("lettera", 5)) != spec_text(make_spec("lettera", 5, "holdout"))


@pytest.mark.parametrize("path", committed("*.json"), ids=lambda p: p.name)
def test_committed_expected_files_describe_their_sample(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (COMMITTED / data["file"]).is_file()
    assert data["type"] in LABELS and data["department"] in DEPARTMENTS and data["split"] == "train"
    assert data["kind"] in ("born_digital", "scan", "fatturapa") and data["rotation"] in (0, 90, 180, 270)
    assert ("fields" in data) != ("invoices" in data)
    if data["kind"] == "born_digital":
        with pdfplumber.open(COMMITTED / data["file"]) as pdf:
            assert len(pdf.pages) == data["pages"]
            text = "\n".join(page.extract_text() for page in pdf.pages)
        fields = data["fields"]
        for key in ("number", "subject", "tax_code", "supply_point"):
            if fields.get(key):
                assert fields[key] in text, key
        for key in ("total", "balance"):
            if fields.get(key):
                assert any(form in text for form in _printed_forms(Decimal(fields[key]))), key
        for word in data["search_words"]:
            assert word.lower() in text.lower()


def _printed_forms(amount: Decimal) -> list[str]:
    plain = f"{amount:.2f}"
    intl = f"{amount:,.2f}"
    return [plain, intl, intl.replace(",", "_").replace(".", ",").replace("_", ".")]


def test_committed_scans_have_no_text_layer_and_the_documented_shape():
    scans = [json.loads(p.read_text(encoding="utf-8")) for p in committed("*-scan*.json")]
    assert {Path(s["file"]).suffix for s in scans} == {".pdf", ".png", ".tif", ".jpg"}
    assert {s["rotation"] for s in scans} >= {0, 90, 180}
    assert any(s["pages"] == 2 and s["file"].endswith(".tif") for s in scans)
    for scan in scans:
        if scan["file"].endswith((".tif", ".png", ".jpg")):
            with Image.open(COMMITTED / scan["file"]) as image:
                assert getattr(image, "n_frames", 1) == scan["pages"] and image.mode in ("L", "P")
    for scan in scans:
        if scan["file"].endswith(".pdf"):
            with pdfplumber.open(COMMITTED / scan["file"]) as pdf:
                assert not (pdf.pages[0].extract_text() or "").strip()
    assert sum(p.stat().st_size for p in COMMITTED.iterdir()) < 4_000_000


def test_tesseract_reads_the_invoice_number_on_a_scan(tmp_path):
    (expected_file,) = [p for p in committed("fattura-*-scan0.json") if p.with_suffix(".pdf").exists()]
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    document = pdfium.PdfDocument(COMMITTED / expected["file"])
    image = tmp_path / "page.png"
    document[0].render(scale=200 / 72).to_pil().save(image)
    document.close()
    result = subprocess.run(["tesseract", str(image), "-", "-l", "ita+eng"], capture_output=True, text=True, check=True,
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    assert expected["fields"]["number"] in result.stdout


def test_fatturapa_files_follow_the_schema_shape():
    for path in committed("IT*_*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        raw = (COMMITTED / data["file"]).read_bytes()
        if data["file"].endswith(".p7m"):
            der = raw if raw[:1] == b"\x30" else base64.b64decode(raw)
            info = cms.ContentInfo.load(der)
            assert info["content_type"].native == "signed_data"
            raw = info["content"]["encap_content_info"]["content"].native
        root = etree.fromstring(raw)
        assert root.tag == f"{{{NAMESPACE}}}FatturaElettronica"
        bodies = root.findall("FatturaElettronicaBody")
        invoices = data.get("invoices") or [data["fields"]]
        assert len(bodies) == len(invoices) == data["pages"]
        supplier = root.findtext("FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA/IdCodice")
        assert data["file"].startswith(f"IT{supplier}_")
        for body, fields in zip(bodies, invoices):
            general = body.find("DatiGenerali/DatiGeneraliDocumento")
            assert general.findtext("Numero") == fields["number"]
            assert general.findtext("ImportoTotaleDocumento") == fields["total"]
            assert general.findtext("TipoDocumento") == {"fattura": "TD01", "nota_credito": "TD04"}[data["type"]] or len(bodies) > 1
            summary = body.findall("DatiBeniServizi/DatiRiepilogo")
            assert sum(Decimal(r.findtext("ImponibileImporto")) + Decimal(r.findtext("Imposta")) for r in summary) == Decimal(fields["total"])
    versions = {etree.fromstring((COMMITTED / json.loads(p.read_text())["file"]).read_bytes()).get("versione")
                for p in committed("IT*_*.json") if json.loads(p.read_text())["file"].endswith(".xml")}
    assert versions == {"FPR12", "FPA12"}


def test_committed_set_regenerates_byte_for_byte(tmp_path):
    write_committed(tmp_path)
    made = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    kept = {p.name: p.read_bytes() for p in COMMITTED.iterdir() if p.name != "README.md"}
    assert made.keys() == kept.keys()
    assert [name for name in made if made[name] != kept[name]] == []


def test_bad_inputs_are_what_they_claim(tmp_path):
    paths = write_bad_inputs(tmp_path)
    assert paths["zero_byte"].stat().st_size == 0
    for key in ("truncated_pdf", "corrupt_pdf", "random_pdf"):
        with pytest.raises(pdfium.PdfiumError):
            pdfium.PdfDocument(paths[key])
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(paths["password_pdf"])
    assert "word/document.xml" in zipfile.ZipFile(paths["docx"]).namelist()
    assert paths["exe"].read_bytes()[:2] == b"MZ"
    bomb = paths["bomb_png"].read_bytes()
    assert bomb[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(bomb[16:20], "big") == 30_000
    assert len(bomb) < 1_000_000
    with pdfplumber.open(paths["odd_name_pdf"]) as pdf:
        assert "fattura" in pdf.pages[0].extract_text().lower()
    assert {"'", "«", "è", " "} <= set(paths["odd_name_pdf"].name)


def test_command_line_writes_a_small_corpus(tmp_path):
    assert generator_main(["--out", str(tmp_path), "--per-type", "1", "--seed", "7", "--split", "holdout",
                           "--kinds", "born_digital,fatturapa"]) == 0
    expected = [json.loads(p.read_text(encoding="utf-8")) for p in tmp_path.glob("*.json")]
    assert len(expected) == len(DOC_TYPES) + 2
    assert all((tmp_path / e["file"]).is_file() and e["split"] == "holdout" for e in expected)
