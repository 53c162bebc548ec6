"""Bug: an invoice among whose rated items one amount was read with a letter in it was quarantined.

`item_rates._readings` took the last amount with cents of each item line, and an item whose amount
a scan read with its 0 as O ("Riporto 4O.754,36") holds none: the fields stage stopped with
"IndexError: list index out of range" and the document went to quarantine (found by
`bench/ocr_noise.py` on a tuned G17 document). Such an item now proves no split, and the document
is read and archived with its totals.
"""

from __future__ import annotations

from pathlib import Path

from helpers import cells_pdf, demat_json_lines

# (x, y from the top, text) in points: issuer, customer, the document's line, rated items, the totals
CELLS = [(40, 60, "Rossi Forniture S.r.l."), (40, 72, "P.IVA: IT00743110157"),
         (330, 100, "Spett.le"), (330, 112, "Bianchi S.p.A."), (330, 124, "P.IVA: IT01533030183"),
         (40, 180, "Fattura n. 5732 del 29/06/2025"),
         (40, 300, "Articolo A 1 100,00 100,00 22%"), (40, 312, "Riporto 4O.754,36"),
         (40, 324, "Articolo B 1 50,00 50,00 10%"),
         (300, 400, "Totale imponibile 150,00"), (300, 412, "Totale IVA 27,00"), (300, 424, "Totale fattura 177,00")]


def test_an_invoice_with_an_item_amount_read_with_a_letter_is_archived_with_its_total(home: Path, tmp_path: Path):
    pdf = cells_pdf(tmp_path / "fattura_riporto.pdf", CELLS)
    [record] = demat_json_lines(home, "ingest", str(pdf))
    assert record["status"] == "archived", record
    assert record["fields"]["total"]["value"] == "177.00"
