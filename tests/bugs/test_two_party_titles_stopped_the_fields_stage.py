"""Bug: an invoice whose two party boxes each carry their title a little above their lines was quarantined.

`parties.find_parties` reused the name of the page's set of caption ids for the blocks a party's
title heads; the next title then looked a caption up in a block, and the fields stage stopped with
"TypeError: argument of type 'Block' is not iterable" (a courtesy copy's `Fornitore` / `Cliente`
boxes, a Swiss supplier's invoice, a never-tuned document of the bench: three engineers met it in
one round). The document is now read, its parties each in its box.
"""

from __future__ import annotations

from pathlib import Path

from helpers import cells_pdf, demat_json_lines

# (x, y from the top, text) in points: two titled boxes, the document's strip, the totals
CELLS = [(40, 100, "Fornitore"), (40, 125, "Rossi Forniture S.r.l."), (40, 137, "P.IVA: IT00743110157"),
         (330, 100, "Cliente"), (330, 125, "Bianchi S.p.A."), (330, 137, "P.IVA: IT01533030183"),
         (40, 200, "Tipologia documento"), (150, 200, "Numero"), (220, 200, "Data"),
         (40, 212, "TD01"), (150, 212, "FE2025-0042"), (220, 212, "2025-03-14"),
         (300, 400, "TOTALE IMPONIBILE"), (470, 400, "1.000,00"), (300, 412, "TOTALE IVA"), (470, 412, "220,00"),
         (300, 424, "TOTALE DOCUMENTO EUR"), (470, 424, "1.220,00")]


def test_an_invoice_with_two_titled_party_boxes_is_archived_with_its_parties(home: Path, tmp_path: Path):
    pdf = cells_pdf(tmp_path / "fattura_due_riquadri.pdf", CELLS)
    [record] = demat_json_lines(home, "ingest", str(pdf))
    assert record["status"] == "archived", record
    fields = record["fields"]
    assert fields["supplier_vat"]["value"] == "00743110157"
    assert fields["customer_vat"]["value"] == "01533030183"
    assert fields["customer_name"]["value"] == "Bianchi S.p.A."
