"""Checks on extracted values, and the review reasons they give.

A value that fails a check is kept and flagged (its `Field.checks`), and the
document goes to review with one reason per failed check and per missing
required field. So is an IBAN whose check digits chose a figure other than the
one read: they pass two misread figures as readily as one. The required fields of every type are in `REQUIRED`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from demat.extractors.fields.identifiers import is_valid_iban, is_valid_tax_code, is_valid_vat, mended_places
from demat.kernel.document import Check, Document, Field, Reason
from demat.kernel.schema import SCHEMA

REQUIRED: dict[str | None, tuple[str, ...]] = dict(SCHEMA.required)  # declared in kernel/schema.toml
LEGAL_VAT_RATES = {Decimal(r) for r in ("0", "4", "5", "10", "22")}
CENT = Decimal("0.01")


def tax_at(amount: Decimal, rate: Decimal) -> Decimal:
    """The VAT that AMOUNT makes at RATE percent, rounded to the cent as invoices print it (half up)."""
    return (amount * rate / 100).quantize(CENT, ROUND_HALF_UP)


def legal_rates_making(taxable: Decimal, vat: Decimal) -> list[Decimal]:
    """The legal VAT rates at which TAXABLE makes VAT, to the cent."""
    return [r for r in LEGAL_VAT_RATES if abs((taxable * r / 100).quantize(CENT) - vat) <= CENT]


def at_a_legal_rate(taxable: Decimal, vat: Decimal) -> bool:
    """TAXABLE makes VAT at a legal rate other than zero: the two prove each other."""
    return any(rate != 0 for rate in legal_rates_making(taxable, vat))


# Field kind -> the check its values pass: its name, the validator, and what a failure says.
IDENTIFIER_CHECKS = {
    "vat": ("partita_iva", is_valid_vat, "fails the P.IVA check digit"),
    "tax_code": ("codice_fiscale", is_valid_tax_code, "fails the codice fiscale check"),
    "iban": ("iban", is_valid_iban, "fails the IBAN mod-97 check"),
}


def run_checks(fields: dict[str, Field]) -> None:
    """Attach every applicable check to the field it is about (replacing earlier runs)."""
    for f in fields.values():
        f.checks = []
    for kind, (check, valid, failure) in IDENTIFIER_CHECKS.items():
        for name in SCHEMA.of_kind(kind):
            if name in fields:
                value = fields[name].value
                ok = valid(value)
                fields[name].checks.append(Check(check, ok, "" if ok else f"{value} {failure}", {"value": value}))
    if "iban" in fields:
        _iban_as_printed(fields["iban"])
    if "vat_lines" in fields:
        fields["vat_lines"].checks += _vat_lines_checks(fields)
    if "total" in fields and "taxable_amount" in fields and "vat_amount" in fields:
        fields["total"].checks.append(_total_check(fields))
    if "due_date" in fields and "date" in fields:
        due, issued = fields["due_date"].value, fields["date"].value
        ok = due >= issued
        fields["due_date"].checks.append(Check("due_date_after_date", ok, "" if ok else f"due {due} is before {issued}",
                                               {"due_date": due, "date": issued}))


def _iban_as_printed(iban: Field) -> None:
    """An IBAN whose check digits chose a figure or a CIN letter other than the one read (identifiers.mended_places)
    passes them whether the scan misread one figure or two: a payment sent on it could go to another account, so it
    goes to review, kept, with the places a person compares with the document."""
    places = [at + 1 for at in mended_places(iban.value, iban.raw)]
    if places:
        iban.checks.append(Check("iban_as_printed", False,
                                 f"{iban.value} read as {iban.raw}: character {', '.join(map(str, places))} chosen "
                                 "by its check digits, which two misread figures may pass too",
                                 {"value": iban.value, "printed": iban.raw, "places": places}))


def _total_check(fields: dict[str, Field]) -> Check:
    taxable, vat, total = (fields[n].value for n in ("taxable_amount", "vat_amount", "total"))
    ok = taxable + vat == total
    signs = {v > 0 for v in (taxable, vat, total) if v != 0}
    values = {"taxable_amount": taxable, "vat_amount": vat, "total": total}
    if len(signs) > 1:
        return Check("total", False, f"signs differ: {taxable}, {vat}, {total}", {**values, "signs_differ": True})
    return Check("total", ok, "" if ok else f"{taxable} + {vat} != {total}", values)


def _vat_lines_checks(fields: dict[str, Field]) -> list[Check]:
    lines = fields["vat_lines"].value
    checks = []
    supplier_vat = fields["supplier_vat"].value if "supplier_vat" in fields else ""
    if not supplier_vat[:2].isalpha():  # a foreign supplier charges its own country's rates
        bad_rates = [str(line["rate"]) for line in lines
                     if line["rate"] is not None and line["rate"] not in LEGAL_VAT_RATES]
        checks.append(Check("vat_rate_legal", not bad_rates,
                            f"rates not in use in Italy: {', '.join(bad_rates)}" if bad_rates else "",
                            {"rates": bad_rates}))
    problems, lines_off, sums_off = [], [], []
    for line in lines:
        if line["rate"] is None or line["taxable_amount"] is None or line["vat_amount"] is None:
            continue
        expected = (line["taxable_amount"] * line["rate"] / 100).quantize(CENT)
        if abs(expected - line["vat_amount"]) > CENT:
            problems.append(f"{line['taxable_amount']} x {line['rate']}% = {expected}, not {line['vat_amount']}")
            lines_off.append({"taxable_amount": line["taxable_amount"], "rate": line["rate"], "expected": expected,
                              "vat_amount": line["vat_amount"]})
    for total_name, line_name in (("taxable_amount", "taxable_amount"), ("vat_amount", "vat_amount")):
        parts = [line[line_name] for line in lines if line[line_name] is not None]
        if total_name in fields and parts and sum(parts) != fields[total_name].value:
            problems.append(f"sum of {line_name} per rate {sum(parts)} != {fields[total_name].value}")
            sums_off.append({"field": total_name, "sum": sum(parts), "total": fields[total_name].value})
    checks.append(Check("vat_lines_sum", not problems, "; ".join(problems), {"lines": lines_off, "sums": sums_off}))
    return checks


def add_review_reasons(doc: Document) -> None:
    """One reason per failed check and per required field that is missing, but those its supplier's
    confirmation accepted (`Document.accepted`)."""
    for name, f in doc.fields.items():
        for check in f.failed_checks:
            if f"{name}:{check.name}" not in doc.accepted:
                doc.add_review_reason(Reason.failed(check, name))
    for name in REQUIRED.get(doc.label, ()):
        if name not in doc.fields and f"{name}:missing" not in doc.accepted:
            doc.add_review_reason(Reason(f"missing field: {name}", "missing_field", field=name))
