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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from stdnum import iban as stdnum_iban
from stdnum.it import codicefiscale, iva

from demat.kernel.document import DEPARTMENTS, INVOICE_LABELS, LABELS, TEXT_LABELS
from demat.kernel.schema import SCHEMA
from demat.samples.bad_inputs import write_bad_inputs
from demat.samples.generator import DOC_TYPES, SPLIT_LAYOUTS, make_spec, spec_text
from demat.samples.generator.__main__ import main as generator_main
from demat.samples.generator.corpus import COMMITTED, write_committed
from demat.samples.generator.invoices import PAYMENTS
from demat.samples.generator.layout import STYLES
from demat.samples.generator.render import pdf_bytes
from demat.samples.generator.wording import WORDINGS

NAMESPACE = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
MONTHS = "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split()
IMPLIED = {"currency": "EUR"}  # an Italian page that names no currency is in euro: the truth may say so unprinted
CODED = {"payment_method": PAYMENTS}  # value -> the wordings that print it
# Property tests: examples drawn from a fixed seed so that CI sees the same ones; no deadline and no
# too-slow health check, since tests never fail on time.
EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
SPLITS = tuple(SPLIT_LAYOUTS)
specs = st.builds(make_spec, st.sampled_from(DOC_TYPES), st.integers(0, 9999), st.sampled_from(SPLITS))


def committed(pattern: str) -> list[Path]:
    return sorted(COMMITTED.glob(pattern))


def test_every_type_and_family_of_the_schema_is_generated():
    text_types = {code: t for code, t in SCHEMA.types.items() if code in TEXT_LABELS}
    assert set(DOC_TYPES) == set(text_types) - {"ricevuta"}  # receipts: training/receipts.py makes its own
    assert {SCHEMA.types[t].family for t in DOC_TYPES} == {t.family for t in text_types.values()} - {"receipt"}
    for doc_type in DOC_TYPES:
        assert make_spec(doc_type, 0).department == SCHEMA.types[doc_type].department


@EXAMPLES
@given(specs)
def test_the_expected_values_are_the_schemas_and_printed_in_the_pdf(spec):
    """The truth file matches the page: every value it names is in the PDF's text layer."""
    fields = spec.fields
    assert set(SCHEMA.types[spec.doc_type].required) <= set(fields) <= set(SCHEMA.fields)
    json.dumps(fields)
    assert unprinted(fields, pdf_text(pdf_bytes(spec))) == [], spec.name


@EXAMPLES
@given(specs)
def test_identifiers_have_valid_check_digits(spec):
    for name in SCHEMA.of_kind("vat"):
        assert not spec.fields.get(name) or iva.is_valid(spec.fields[name]), name
    for name in SCHEMA.of_kind("tax_code"):  # a company's codice fiscale is its P.IVA
        value = spec.fields.get(name)
        assert not value or (iva.is_valid(value) if len(value) == 11 else codicefiscale.is_valid(value)), name
    for name in SCHEMA.of_kind("iban"):
        value = spec.fields.get(name)
        assert not value or (stdnum_iban.is_valid(value) and value.startswith("IT") and len(value) == 27), name


@EXAMPLES
@given(st.builds(make_spec, st.sampled_from(INVOICE_LABELS), st.integers(0, 9999), st.sampled_from(SPLITS)))
def test_invoice_amounts_add_up_to_the_cent(spec):
    fields = spec.fields
    assert set(SCHEMA.exported_fields) | set(SCHEMA.of_kind("vat_lines")) <= set(fields)  # all the export asks
    lines = fields["vat_lines"]
    assert 1 <= len(lines) <= 3
    for line in lines:
        rate, taxable = Decimal(line["rate"]), Decimal(line["taxable_amount"])
        assert Decimal(line["vat_amount"]) == (taxable * rate / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert (line["nature"] is not None) == (rate == 0)
    taxable, vat, total = (Decimal(fields[k]) for k in ("taxable_amount", "vat_amount", "total"))
    assert taxable == sum(Decimal(line["taxable_amount"]) for line in lines)
    assert vat == sum(Decimal(line["vat_amount"]) for line in lines)
    assert total == taxable + vat
    assert (total < 0) == (spec.doc_type in SCHEMA.negative_labels)
    if fields["due_date"]:
        assert fields["due_date"] > fields["date"]
    assert (fields["iban"] is not None) == (fields["payment_method"] == "bonifico")


@EXAMPLES
@given(st.sampled_from(DOC_TYPES), st.integers(0, 9999), st.sampled_from(SPLITS))
def test_the_same_seed_gives_the_same_bytes(doc_type, seed, split):
    assert pdf_bytes(make_spec(doc_type, seed, split)) == pdf_bytes(make_spec(doc_type, seed, split))
    other_split = next(s for s in SPLITS if s != split)
    assert spec_text(make_spec(doc_type, seed, split)) != spec_text(make_spec(doc_type, seed, other_split))


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def unprinted(fields: dict, text: str) -> list[str]:
    """The fields whose value is not in TEXT in any form a reader would take for it (spaces aside)."""
    squeezed = "".join(text.split())
    return [name for name, value in fields.items()
            if value not in (None, IMPLIED.get(name)) and name not in SCHEMA.of_kind("vat_lines")
            and not any("".join(form.split()) in squeezed for form in printed_forms(name, value))]


def printed_forms(name: str, value: str) -> list[str]:
    """How a reader may find VALUE of field NAME on the page; written apart from the generator's
    formatters so that a formatter's mistake shows."""
    kind = SCHEMA.fields[name].kind
    if name in CODED:
        return CODED[name][value]
    if kind == "amount":
        intl = f"{abs(Decimal(value)):,.2f}"
        return [intl.replace(",", ""), intl, intl.replace(",", "_").replace(".", ",").replace("_", ".")]
    if kind == "date":
        day = dt.date.fromisoformat(value)
        return [f"{day:%d/%m/%Y}", f"{day:%d-%m-%Y}", f"{day:%d.%m.%Y}", day.isoformat(),
                f"{day.day}{MONTHS[day.month - 1]}{day.year}"]
    return ["".join(value.split())]


def test_train_and_holdout_never_share_layouts_wordings_or_names():
    assert not set(SPLIT_LAYOUTS["train"]) & set(SPLIT_LAYOUTS["holdout"])
    train_styles = {(s.font, s.header, s.top, s.pairs, s.totals) for k, s in STYLES.items() if k in SPLIT_LAYOUTS["train"]}
    holdout_styles = {(s.font, s.header, s.top, s.pairs, s.totals) for k, s in STYLES.items() if k in SPLIT_LAYOUTS["holdout"]}
    assert not train_styles & holdout_styles
    for key, pools in WORDINGS.items():
        assert not set(pools["train"]) & set(pools["holdout"]), key
    by_split = {split: [make_spec(t, seed, split) for t in DOC_TYPES for seed in range(12)] for split in SPLITS}
    assert {s.layout for s in by_split["train"]} == set(SPLIT_LAYOUTS["train"])
    assert {s.layout for s in by_split["holdout"]} == set(SPLIT_LAYOUTS["holdout"])
    names = {split: {s.fields.get("supplier_name") for s in specs} - {None} for split, specs in by_split.items()}
    assert not names["train"] & names["holdout"]


def test_committed_expected_files_describe_their_samples():
    paths = committed("*.json")
    assert paths  # an empty set would describe nothing
    for path in paths:
        describes_its_sample(path)


def describes_its_sample(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (COMMITTED / data["file"]).is_file(), path.name
    assert data["type"] in LABELS and data["department"] in DEPARTMENTS and data["split"] == "train"
    assert data["kind"] in ("born_digital", "scan", "fatturapa") and data["rotation"] in (0, 90, 180, 270)
    assert ("fields" in data) != ("invoices" in data)
    if data["kind"] == "born_digital":
        with pdfplumber.open(COMMITTED / data["file"]) as pdf:
            assert len(pdf.pages) == data["pages"]
            text = "\n".join(page.extract_text() for page in pdf.pages)
        assert unprinted(data["fields"], text) == [], path.name
        for word in data["search_words"]:
            assert word.lower() in text.lower()


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
            code = {"fattura": "TD01", "nota_credito": "TD04"}[data["type"]]
            assert general.findtext("TipoDocumento") == code or len(bodies) > 1
            summary = body.findall("DatiBeniServizi/DatiRiepilogo")
            total = sum(Decimal(r.findtext("ImponibileImporto")) + Decimal(r.findtext("Imposta")) for r in summary)
            assert total == Decimal(fields["total"])
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
