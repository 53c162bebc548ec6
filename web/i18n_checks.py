"""Failed checks and review reasons in words a clerk reads, not in the code's terms.

The pipeline records a check as a name with its values and a reason as a
code with its values (`{"code": "check_failed", "check": "total",
"taxable_amount": "193.14", ...}`); a page, or the command line, says it with
the field names and amounts as people write them: "Imponibile + IVA =
193,14 €, ma il totale stampato è 999,99 €". A reason written as plain text
by an older demat is shown as it is.
"""

from __future__ import annotations

import functools
from decimal import Decimal, InvalidOperation

from demat.web import i18n_formats, i18n_labels
from demat.web.i18n import translate


def describe(check: dict, fields: dict, language: str) -> str:
    """CHECK (name, passed, message, params) of a document with FIELDS (the catalog's), in LANGUAGE."""
    # An older catalog has no params: the document's own values stand in for them.
    value = {**{name: f.get("value") for name, f in fields.items()}, **(check.get("params") or {})}

    def money(name):
        return i18n_formats.amount(value.get(name), language)

    name = check.get("name")
    if name == "total" and value.get("signs_differ"):
        return translate(language, "Taxable, VAT and total have different signs: %(taxable)s, %(vat)s, %(total)s",
                   taxable=money("taxable_amount"), vat=money("vat_amount"), total=money("total"))
    if name == "total" and _number(value.get("taxable_amount")) is not None and _number(value.get("total")) is not None:
        computed = _number(value["taxable_amount"]) + (_number(value.get("vat_amount")) or Decimal(0))
        return translate(language, "Taxable + VAT = %(computed)s, but the printed total is %(total)s",
                   computed=i18n_formats.amount(computed, language), total=money("total"))
    if name == "partita_iva":
        return translate(language, "This VAT number fails its check digit: check it on the document")
    if name == "codice_fiscale":
        return translate(language, "This tax code fails its check character: check it on the document")
    if name == "iban":
        return translate(language, "This IBAN fails its check digits: check it on the document")
    if name == "iban_as_printed" and value.get("printed"):
        return translate(language, "IBAN read as %(printed)s: the character at position %(places)s was chosen by its "
                         "check digits, which two misread figures may pass too: compare it with the document",
                         printed=value["printed"],
                         places=", ".join(str(place) for place in value.get("places", [])))
    if name == "due_date_after_date":
        return translate(language, "The due date %(due)s comes before the document date %(date)s",
                   due=i18n_formats.date(value.get("due_date")), date=i18n_formats.date(value.get("date")))
    if name == "vat_rate_legal" and value.get("rates"):
        return translate(language, "A VAT rate not in use in Italy: %(detail)s",
                   detail=", ".join(i18n_formats.percent(rate, language) for rate in value["rates"]))
    if name == "vat_lines_sum" and ("lines" in value or "sums" in value):
        return translate(language, "The VAT lines do not add up to the totals: %(detail)s",
                         detail=_vat_lines_detail(value, language))
    return check.get("message") or name or ""


def reason(reason: dict | str, fields: dict, language: str) -> str:
    """A review reason (code and values) in words; one written as plain text by an older demat as it is."""
    if isinstance(reason, str):
        return reason
    code = reason.get("code")
    if code == "check_failed":
        params = {k: v for k, v in reason.items() if k not in ("code", "check", "message", "text")}
        return describe({"name": reason.get("check"), "message": reason.get("message"), "params": params},
                        fields, language)
    if code == "missing_field":
        return translate(language, "The field %(field)s is missing",
                         field=i18n_labels.label("field", reason.get("field"), language))
    if code == "no_type":
        return translate(language, "No document type: there is no readable text to classify")
    if code == "uncertain_type":
        return translate(language, "Uncertain type: %(ranked)s", ranked=", ".join(
            f"{i18n_labels.label('type', label, language)} {i18n_formats.percent(round(p * 100), language)}"
            for label, p in reason.get("alternatives", [])))
    if code == "unknown_supplier":
        supplier = reason.get("vat", "") + (f" ({reason['name']})" if reason.get("name") else "")
        return translate(language, "Supplier never seen before: %(supplier)s", supplier=supplier)
    if code == "layout_changed":
        return translate(language, "The supplier's layout has changed: %(failures)s",
                         failures="; ".join(reason.get("failures", [])))
    if code == "read_away":
        return translate(language, "The field %(field)s was not read where the supplier's layout has it: check it",
                         field=i18n_labels.label("field", reason.get("field"), language))
    if code == "read_twice":
        return translate(language, "The field %(field)s reads otherwise when read again on the scan: check it",
                         field=i18n_labels.label("field", reason.get("field"), language))
    if code == "misshapen":
        return translate(language, "The field %(field)s is not written as the supplier writes it: check it",
                         field=i18n_labels.label("field", reason.get("field"), language))
    if code == "implausible":
        return translate(language, "The field %(field)s is not a likely date beside the document's other dates: check it",
                         field=i18n_labels.label("field", reason.get("field"), language))
    return reason.get("text") or code or ""


def _vat_lines_detail(value: dict, language: str) -> str:
    """Each VAT line whose VAT is not its rate of its taxable amount, and each column whose sum is not the total."""
    money = functools.partial(i18n_formats.amount, language=language)
    lines = [translate(language, "%(taxable)s at %(rate)s is %(expected)s of VAT, not %(vat)s",
                       taxable=money(line["taxable_amount"]), rate=i18n_formats.percent(line["rate"], language),
                       expected=money(line["expected"]), vat=money(line["vat_amount"]))
             for line in value.get("lines", [])]
    sums = [translate(language, "the lines add up to %(sum)s, the document says %(field)s %(total)s",
                      sum=money(line["sum"]), field=i18n_labels.label("field", line["field"], language),
                      total=money(line["total"]))
            for line in value.get("sums", [])]
    return "; ".join(lines + sums)


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None
