"""What a supplier layout remembers: for each confirmed field, the label printed
before (or above) its value and where both sat, in fractions of the page so that
a scan of the same invoice at another resolution finds them in the same place."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from demat.kernel.document import Box, Page

# The fields a layout remembers, and the parser (demat.extractors.fields.values) that reads each.
LEARNT_FIELDS = ("number", "date", "due_date", "supplier_vat", "iban", "taxable_amount", "vat_amount", "total")
ROW_PARTS = ("taxable_amount", "vat_amount")  # of each row of the VAT split


def row_place(index: int, part: str) -> str:
    return f"vat_lines.{index}.{part}"
FORMAT = 1  # of the JSON a layout is stored and exported in


@dataclass
class FieldPlace:
    """Where one field's value sat: beside its label (`right`), under it (`below`),
    or, with no label near it, only at its place on the page (`page`)."""

    name: str
    page: int  # 1-based; 0 means the last page (totals close a document)
    how: str  # right, below, page
    value_box: Box  # fractions of the page's width and height
    label: list[str] = field(default_factory=list)  # the label's words, as printed
    label_box: Box | None = None


@dataclass
class SupplierLayout:
    """One supplier's invoice layout on one page size, learnt from a confirmed document."""

    supplier: str  # vat:01234567890, iban:IT60X..., or name:rossi srl
    page_size: str  # e.g. 595x842, width x height in points
    fields: dict[str, FieldPlace]  # vat_lines.0.taxable_amount ... for the rows of the VAT split
    vat_rates: list[dict[str, Any]] = field(default_factory=list)  # each row's rate and nature, as confirmed
    items: dict[str, list[float]] | None = None  # the goods table's amount and rate columns (items.py)
    accepted: list[str] = field(default_factory=list)  # checks the confirmed values failed: not a sign of change
    anchors: list[list] = field(default_factory=list)  # words the template prints once on a page (placement.py)
    name: str = ""  # the supplier's name as confirmed: with the anchors, it tells its invoices when no P.IVA is read
    shapes: dict[str, str] = field(default_factory=dict)  # how the number and date are written (proof.py)
    others_vats: list[str] = field(default_factory=list)  # P.IVAs the confirmed pages print that are not the
    # supplier's, where it printed none of its own (the customer's, its own codice fiscale): read as the
    # supplier's on its next invoice, another's (match.py)
    terms: int | None = None  # days from the confirmed invoice's date to its due date: its payment terms (accepted.py)

    def forget(self, name: str) -> bool:
        """Stop reading field NAME through this layout (`vat_lines`: every row of the VAT split, and
        the goods table's columns), as an archivist asks; whether the layout read it."""
        if name == "vat_lines":
            places = [place for place in self.fields if place.startswith("vat_lines.")]
            known = bool(places or self.items)
            self.vat_rates, self.items = [], None
        else:
            places = [name] if name in self.fields else []
            known = bool(places)
        for place in places:
            del self.fields[place]
        self.shapes.pop(name, None)
        return known

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SupplierLayout:
        if data.get("format") != FORMAT:
            raise ValueError(f"supplier layout format {data.get('format')!r} is not {FORMAT}")
        places = {name: FieldPlace(**{**p, "value_box": tuple(p["value_box"]),
                                      "label_box": tuple(p["label_box"]) if p["label_box"] else None})
                  for name, p in data["fields"].items()}
        return cls(data["supplier"], data["page_size"], places, data.get("vat_rates", []), data.get("items"),
                   data.get("accepted", []), data.get("anchors", []), data.get("name", ""), data.get("shapes", {}),
                   data.get("others_vats", []), data.get("terms"))


def page_key(number: int, count: int) -> int:
    """A page's number in a layout: 0 for the last page of several (totals close a document)."""
    return 0 if number == count and count > 1 else number


def page_size(page: Page) -> str:
    """The size a layout is kept under: width x height rounded to 10 points."""
    return f"{round(page.width / 10) * 10:.0f}x{round(page.height / 10) * 10:.0f}"


def relative(box: Box, page: Page) -> Box:
    w, h = page.width or 1.0, page.height or 1.0
    return (round(box[0] / w, 4), round(box[1] / h, 4), round(box[2] / w, 4), round(box[3] / h, 4))


def absolute(box: Box, page: Page) -> Box:
    w, h = page.width or 1.0, page.height or 1.0
    return (box[0] * w, box[1] * h, box[2] * w, box[3] * h)
