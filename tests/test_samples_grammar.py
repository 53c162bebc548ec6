"""The independent grammar: the same seed gives the same bytes, and every expected
value is really printed in the PDF's text (read back with pdfplumber), in a form
that a reader would turn into that value."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from demat.kernel.schema import SCHEMA
from demat.samples.grammar import write_corpus
from demat.samples.grammar.corpus import KINDS, draft_for, family_module, grammar_families, write_document
from demat.samples.grammar.families import COURTESY, FAMILIES, NEVER_TUNED, TUNED
from demat.samples.grammar.sheet import pdf_bytes

MONTHS = {name: number for names in (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "january february march april may june july august september october november december",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre")
    for number, name in enumerate(names.split(), start=1)}
AMOUNTS = SCHEMA.of_kind("amount")
DATES = SCHEMA.of_kind("date")
IDENTIFIERS = (*SCHEMA.of_kind("vat", "tax_code", "iban"), "supply_point")  # read with their spaces squeezed out
# tuned families added for issue 11: terms, parcelle, shops, forms; an ERP's pages, a craftsman's template;
# a courtesy copy of an e-invoice
NEW_ITALIAN = ("G13", "G14", "G15", "G16", "G17", "G18", "G19")
# the specification's ModalitaPagamento codes a courtesy copy prints, alone or with their meaning
MODALITA_PAGAMENTO = {"mp01": "contanti", "mp05": "bonifico", "mp08": "carta", "mp12": "RiBa", "mp19": "SDD"}
NAMES = ("supplier_name", "customer_name", "sender", "recipient", "subject")  # may be printed in capitals


def test_families_are_split_once_and_every_family_is_drawn():
    assert not set(TUNED) & set(NEVER_TUNED)
    assert set(COURTESY) - {"C0"} <= set(NEVER_TUNED)  # C0 is our own stylesheet (round 22), the rest public ones
    assert 0.25 <= len(TUNED) / len(FAMILIES) <= 0.5  # C0 (issue 11, round 22) made it 12 of 24
    assert set(grammar_families()) | set(COURTESY) == set(FAMILIES)
    drawn = {doc_type for family in grammar_families() for doc_type in family_module(family).TYPES}
    assert drawn == set(SCHEMA.text_labels)


@pytest.mark.parametrize("families", [("G2", "G8", "G11"), NEW_ITALIAN])
def test_the_same_seed_writes_the_same_bytes(tmp_path, families):
    first = write_corpus(tmp_path / "a", families=families, per_family=1, seed=7)
    second = write_corpus(tmp_path / "b", families=families, per_family=1, seed=7)
    assert [p.name for p in first] == [p.name for p in second] and len(first) == 2 * len(families)  # both kinds
    written = [json.loads(path.read_text(encoding="utf-8")) for path in first]
    assert {(data["family"], data["kind"]) for data in written} == {(f, k) for f in families for k in KINDS}
    assert all((tmp_path / "a" / data["file"]).stat().st_size and data["pages"] >= 1 for data in written)
    for name in sorted(p.name for p in (tmp_path / "a").iterdir()):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# Examples drawn from a fixed seed so that CI sees the same ones; no deadline and no too-slow health check,
# since tests never fail on time.
@settings(max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
# The families before NEW_ITALIAN only, so that their examples stay the ones CI has always drawn; the new ones
# are checked document by document below.
@given(st.sampled_from([f for f in grammar_families() if f not in NEW_ITALIAN]), st.integers(0, 9999))
def test_expected_values_are_printed_in_the_pdf(family, seed):
    assert_printed(family, seed)


@pytest.mark.parametrize("family", NEW_ITALIAN)
def test_every_document_of_a_new_family_prints_its_expected_values(family):
    for seed in range(24):
        assert_printed(family, seed)


def test_a_parcella_expects_the_documents_total_not_the_net_to_pay_after_the_withholding_tax():
    withheld = 0
    for seed in range(40):
        name, draft = draft_for("G14", seed)
        text = pdf_text(name, draft)
        fields = {k: Decimal(draft.fields[k]) for k in ("taxable_amount", "vat_amount", "total")}
        assert fields["total"] == fields["taxable_amount"] + fields["vat_amount"], name
        if match := re.search(r"Ritenuta d'acconto 20% su ([\d.]+,\d\d) (-€? ?[\d.]+,\d\d) [^\d]+ (€? ?[\d.]+,\d\d)", text):
            base, withholding, net = (_amount(group) for group in match.groups())
            assert withholding == -(base * Decimal("0.20")).quantize(Decimal("0.01")) and withholding < 0, name
            assert net == fields["total"] + withholding != fields["total"], name
            withheld += 1
    assert 0 < withheld < 40  # most parcelle withhold, not all


def test_payment_terms_alone_expect_no_due_date_and_a_table_of_instalments_its_first_date():
    tables = terms_alone = 0
    for seed in (s for s in range(60) if s % 4 in (0, 3)):  # G13's invoices
        name, draft = draft_for("G13", seed)
        text = pdf_text(name, draft)
        due = draft.fields["due_date"]
        if "Scadenze" in text:
            later = [_date(d) for d in re.findall(r"\b\d{2}[-/]\d{2}[-/]\d{2,4}\b", text[text.index("Scadenze"):])]
            assert due == min(d for d in later if d.isoformat() > draft.fields["date"]).isoformat(), name
            tables += 1
        else:
            assert due is None, name
            terms_alone += 1
    assert tables and terms_alone


def test_a_document_of_several_pages_is_scanned_whole_and_totalled_on_its_last_page(tmp_path):
    """An ERP's printout runs over pages: the scan keeps them all (a phone's photo of each page is a PDF, not a
    JPEG of the first), the header repeats on each, the total is printed on the last page alone."""
    seed = next(s for s in range(40) if len(draft_for("G17", s)[1].sheets) > 1)
    name, draft = draft_for("G17", seed)
    written = write_document(tmp_path, "G17", seed, kinds=("scan",), recipe="phone")
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert data["file"].endswith(".pdf") and data["pages"] == len(draft.sheets) > 1
    with pdfplumber.open(tmp_path / data["file"]) as pdf:
        assert len(pdf.pages) == data["pages"]
    with pdfplumber.open(io.BytesIO(pdf_bytes(draft.sheets, name))) as pdf:
        pages = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    total = draft.printed["total"][0]
    assert all(draft.fields["number"] in page for page in pages)
    assert [total in page for page in pages] == [False] * (len(pages) - 1) + [True]
    assert all("A riportare" in page for page in pages[:-1]) and all("Riporto" in page for page in pages[1:])


def test_a_courtesy_copy_prints_the_specifications_codes_and_a_credit_note_its_amounts_positive():
    """G19 prints what a FatturaPA has: the SdI file named after the supplier's P.IVA, the document's TD code, the
    payment's MP code alone or with its meaning, the disclaimer; a TD04 prints its amounts positive, as the XML."""
    alone = with_meaning = credit_notes = 0
    for seed in range(24):
        name, draft = draft_for("G19", seed)
        text = pdf_text(name, draft)
        assert f"IT{draft.fields['supplier_vat']}_" in text and "valenza fiscale" in text, name
        assert re.search(r"\bTD(?:01|04|06|24)\b", text), name
        if draft.doc_type == "nota_credito":
            credit_notes += 1
            assert "TD04" in text and Decimal(draft.fields["total"]) > 0, name
        printed = draft.printed.get("payment_method", [""])[0]
        alone += bool(re.fullmatch(r"MP\d\d", printed))
        with_meaning += bool(re.fullmatch(r"MP\d\d - \w.*", printed))
    assert alone and with_meaning and credit_notes


def assert_printed(family: str, seed: int) -> None:
    """Every value the document expects is in its PDF's text, in a form a reader turns into that value."""
    name, draft = draft_for(family, seed)
    assert draft.printed, name  # nothing recorded as printed would check nothing
    text = pdf_text(name, draft)
    for field, pieces in draft.printed.items():
        for piece in pieces:
            assert " ".join(piece.split()) in text, f"{name}: {field} printed as {piece!r} is not in the text"
        value = reads_as(field, pieces)
        if field in NAMES:  # a letterhead in capitals still names the same company
            value, expected = value.casefold(), draft.fields[field].casefold()
        else:
            expected = draft.fields[field]
        assert value == expected, f"{name}: {field} printed as {pieces!r}"
    assert set(draft.printed) <= set(draft.fields)


def pdf_text(name: str, draft) -> str:
    with pdfplumber.open(io.BytesIO(pdf_bytes(draft.sheets, name))) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def reads_as(field: str, pieces: list[str]):
    """What a careful reader makes of the printed text, written without the grammar's formatters."""
    piece = pieces[0]
    if field in NAMES:
        return " ".join(pieces)
    if field in AMOUNTS:
        return str(_amount(piece))
    if field in DATES:
        return _date(piece).isoformat()
    if field in IDENTIFIERS:
        compact = piece.replace(" ", "")
        italian_vat = field.endswith("_vat") and re.fullmatch(r"IT\d{11}", compact)
        return compact[2:] if italian_vat else compact  # a P.IVA is 11 digits; foreign ones keep their prefix
    if field == "payment_method":
        return _payment(piece.lower())
    return piece


def _payment(text: str) -> str | None:
    """The schema's word for a printed payment method, or for FatturaPA's code of it (ModalitaPagamento)."""
    code = re.search(r"\bmp\d\d\b", text)
    if code:
        return MODALITA_PAGAMENTO[code.group()]
    words = (("bonifico", "bonifico"), ("sdd", "SDD"), ("carta", "carta"), ("contant", "contanti"), ("ri", "RiBa"),
             ("r.b.", "RiBa"))
    return next((value for word, value in words if word in text), None)


def _amount(text: str) -> Decimal:
    negative = text.strip().endswith("-") or text.strip().startswith("-")
    digits = re.sub(r"[^\d.,]", "", text)
    whole, cents = digits[:-3], digits[-2:]
    assert digits[-3] in ".,", text
    value = Decimal(re.sub(r"\D", "", whole) + "." + cents)
    return -value if negative else value


def _date(text: str) -> dt.date:
    text = text.lower().replace(",", "")
    if match := re.fullmatch(r"(\d{1,2})\.? ([^\d\s]+) (\d{4})", text):
        return dt.date(int(match[3]), MONTHS[match[2]], int(match[1]))
    if match := re.fullmatch(r"([^\d\s]+) (\d{1,2}) (\d{4})", text):
        return dt.date(int(match[3]), MONTHS[match[1]], int(match[2]))
    if match := re.fullmatch(r"(\d{2})-([a-z]{3})-(\d{4})", text):
        return dt.date(int(match[3]), next(n for m, n in MONTHS.items() if m.startswith(match[2])), int(match[1]))
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    day, month, year = re.fullmatch(r"(\d{2})[./-](\d{2})[./-](\d{4}|\d{2})", text).groups()
    return dt.date(int(year) if len(year) == 4 else 2000 + int(year), int(month), int(day))
