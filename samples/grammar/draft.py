"""A grammar document while it is drawn: its pages, and every expected value with
the exact text that printed it (so a test can check the JSON against the PDF)."""

from __future__ import annotations

from dataclasses import dataclass, field

from demat.kernel.schema import SCHEMA
from demat.samples.grammar.sheet import Sheet


@dataclass
class Draft:
    doc_type: str
    font: str = "Helvetica"
    size: tuple[float, float] = (210.0, 297.0)
    sheets: list[Sheet] = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    printed: dict[str, list[str]] = field(default_factory=dict)  # field -> the pieces of text showing it
    foreign: bool = False  # an invoice from abroad: other captions, VAT numbers and currencies

    def page(self) -> Sheet:
        self.sheets.append(Sheet(self.font, self.size))
        return self.sheets[-1]

    def show(self, name: str, value, text: str) -> str:
        """Record VALUE as the expected field NAME, printed as TEXT; returns TEXT for drawing."""
        self.fields[name] = value
        self.printed.setdefault(name, []).append(text)
        return text

    def show_lines(self, name: str, value: str, lines: list[str]) -> list[str]:
        """A value printed over several lines (a legal name on two lines)."""
        self.fields[name] = value
        self.printed.setdefault(name, []).extend(lines)
        return lines

    def known(self, name: str, value) -> None:
        """An expected value that is not printed as such (vat_lines: the rows of a table)."""
        self.fields[name] = value

    @property
    def department(self) -> str:
        return SCHEMA.types[self.doc_type].department
