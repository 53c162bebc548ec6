"""A failed check in words a clerk reads, not in the code's terms.

The extractors write checks for the log (`193.14 + 0.00 != 999.99`); a page
says the same with the field names and amounts as people write them:
"Imponibile + IVA = 193,14 €, ma il totale stampato è 999,99 €".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from web import i18n_formats, i18n_labels
from web.i18n import translate


def describe(check: dict, fields: dict, language: str) -> str:
    """CHECK (name, passed, message) of a document with FIELDS (the catalog's), in LANGUAGE."""
    value = {name: f.get("value") for name, f in fields.items()}

    def money(name):
        return i18n_formats.amount(value.get(name), language)

    name = check.get("name")
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
    if name == "due_date_after_date":
        return translate(language, "The due date %(due)s comes before the document date %(date)s",
                         due=i18n_formats.date(value.get("due_date")), date=i18n_formats.date(value.get("date")))
    if name == "vat_rate_legal":
        return translate(language, "A VAT rate not in use in Italy: %(detail)s",
                         detail=check.get("message", "").rpartition(":")[2].strip())
    if name == "vat_lines_sum":
        return translate(language, "The VAT lines do not add up to the totals: %(detail)s",
                         detail=check.get("message", ""))
    return check.get("message") or name or ""


def reason(text: str, fields: dict, language: str) -> str:
    """A review reason as the pipeline wrote it (`check failed: total: ...`), in words."""
    kind, _, rest = text.partition(": ")
    if kind == "check failed":
        name, _, message = rest.partition(": ")
        return describe({"name": name, "message": message}, fields, language)
    if kind == "missing field":
        return translate(language, "The field %(field)s is missing",
                         field=i18n_labels.label("field", rest, language))
    if kind == "no document type":
        return translate(language, "No document type: there is no readable text to classify")
    if kind == "uncertain type":
        return translate(language, "Uncertain type: %(ranked)s", ranked=rest)
    if text.startswith("unknown supplier "):
        return translate(language, "Supplier never seen before: %(supplier)s",
                         supplier=text.removeprefix("unknown supplier "))
    return text


def _number(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None
