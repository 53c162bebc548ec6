"""What a person reads for each code of the domain: one table, Italian and English.

Types, departments, fields and states are stored as codes (`nota_credito`,
`risorse_umane`, `supplier_vat`, `in_progress`); machines keep reading the
codes, people read these labels. Those of types, departments and fields are
declared in the schema of the domain (kernel/schema.toml). A code missing here is shown as it is, and
a test checks that none is missing.
"""

from __future__ import annotations

from demat.kernel.schema import LANGUAGES, SCHEMA  # the languages the schema names things in

# kind -> code -> (Italian, English)
NAMES: dict[str, dict[str, tuple[str, str]]] = {
    **{kind: {code: (n.it, n.en) for code, n in SCHEMA.names(kind).items()}  # declared in kernel/schema.toml
       for kind in ("type", "department", "field")},
    "vat_line": {  # the columns of one VAT line
        "rate": ("Aliquota %", "Rate %"),
        "taxable_amount": ("Imponibile", "Taxable"),
        "vat_amount": ("Imposta", "VAT"),
        "nature": ("Natura", "Nature"),
    },
    "work_state": {
        "new": ("Da fare", "To do"),
        "in_progress": ("In lavorazione", "In progress"),
        "done": ("Fatto", "Done"),
    },
    "review_state": {
        "review": ("Da verificare", "To review"),
        "auto": ("Automatico", "Automatic"),
        "confirmed": ("Confermato", "Confirmed"),
    },
    "job_state": {
        "claimed": ("In elaborazione", "Processing"),
        "archiving": ("In archiviazione", "Archiving"),
        "archived": ("Archiviato", "Archived"),
        "duplicate": ("Duplicato", "Duplicate"),
        "quarantined": ("In quarantena", "Quarantined"),
        "held": ("Trattenuto", "Held"),
        "discarded": ("Scartato", "Discarded"),
    },
    "role": {
        "archivist": ("Archivista", "Archivist"),
        "accounting": ("Contabilità", "Accounting"),
        "staff": ("Personale", "Staff"),
    },
}


def label(kind: str, code: str | None, language: str = "it") -> str:
    """The label of CODE for people in LANGUAGE; the code itself where the table has none."""
    if code is None:
        return ""
    names = NAMES.get(kind, {}).get(code)
    if names is None:
        return code
    return names[LANGUAGES.index(language) if language in LANGUAGES else 0]
