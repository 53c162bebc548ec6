"""What a person reads for each code of the domain: one table, Italian and English.

Types, departments, fields and states are stored as codes (`nota_credito`,
`risorse_umane`, `supplier_vat`, `in_progress`); machines keep reading the
codes, people read these labels. A code missing here is shown as it is, and
a test checks that none is missing.
"""

from __future__ import annotations

# kind -> code -> (Italian, English)
NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "type": {
        "fattura": ("Fattura", "Invoice"),
        "nota_credito": ("Nota di credito", "Credit note"),
        "proforma": ("Fattura proforma", "Proforma invoice"),
        "ddt": ("Documento di trasporto", "Delivery note"),
        "ordine": ("Ordine", "Purchase order"),
        "preventivo": ("Preventivo", "Quotation"),
        "f24": ("Modello F24", "F24 tax form"),
        "bolletta": ("Bolletta", "Utility bill"),
        "estratto_conto": ("Estratto conto", "Bank statement"),
        "nota_spese": ("Nota spese", "Expense report"),
        "cv": ("Curriculum vitae", "CV"),
        "contratto": ("Contratto", "Contract"),
        "lettera": ("Lettera", "Letter"),
        "ricevuta": ("Ricevuta", "Receipt"),
        "notifica_sdi": ("Notifica SdI", "SdI notification"),
    },
    "department": {
        "amministrazione": ("Amministrazione", "Administration"),
        "acquisti": ("Acquisti", "Purchasing"),
        "commerciale": ("Commerciale", "Sales"),
        "tesoreria": ("Tesoreria", "Treasury"),
        "risorse_umane": ("Risorse umane", "Human resources"),
        "legale": ("Legale", "Legal"),
        "segreteria": ("Segreteria", "Front office"),
    },
    "field": {
        "taxable_amount": ("Imponibile", "Taxable amount"),
        "vat_amount": ("IVA", "VAT"),
        "total": ("Totale", "Total"),
        "balance": ("Saldo", "Balance"),
        "date": ("Data", "Date"),
        "due_date": ("Scadenza", "Due date"),
        "supplier_vat": ("P.IVA fornitore", "Supplier VAT number"),
        "customer_vat": ("P.IVA cliente", "Customer VAT number"),
        "supplier_tax_code": ("Codice fiscale fornitore", "Supplier tax code"),
        "customer_tax_code": ("Codice fiscale cliente", "Customer tax code"),
        "tax_code": ("Codice fiscale", "Tax code"),
        "iban": ("IBAN", "IBAN"),
        "vat_lines": ("Righe IVA", "VAT lines"),
        "number": ("Numero", "Number"),
        "supplier_name": ("Fornitore", "Supplier"),
        "customer_name": ("Cliente", "Customer"),
        "currency": ("Valuta", "Currency"),
        "payment_method": ("Modalità di pagamento", "Payment method"),
        "sender": ("Mittente", "Sender"),
        "recipient": ("Destinatario", "Recipient"),
        "subject": ("Oggetto", "Subject"),
        "protocol_number": ("Numero di protocollo", "Protocol number"),
        "supply_point": ("Punto di fornitura", "Supply point"),
    },
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
LANGUAGES = ("it", "en")


def label(kind: str, code: str | None, language: str = "it") -> str:
    """The label of CODE for people in LANGUAGE; the code itself where the table has none."""
    if code is None:
        return ""
    names = NAMES.get(kind, {}).get(code)
    if names is None:
        return code
    return names[LANGUAGES.index(language) if language in LANGUAGES else 0]
