"""A FatturaPA's attachments (Allegati): archived beside the invoice, their text searchable."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from reportlab.pdfgen import canvas

from demat.samples.generator import make_spec, render_pdf, write_fatturapa
from helpers import demat, demat_json_lines
from tests.test_fatturapa import assert_fields, read, reviewed


def note_pdf(path: Path, words: str) -> bytes:
    """A one-page PDF whose text layer says WORDS."""
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, words)
    pdf.save()
    return path.read_bytes()


def test_attachments_are_kept_and_their_text_read(tmp_path):
    copy = tmp_path / "copia.pdf"
    spec = make_spec("fattura", 90)
    render_pdf(spec, copy)
    note = note_pdf(tmp_path / "nota.pdf", "Verbale di collaudo numero 4471 firmato")
    path = tmp_path / "IT01234567890_00090.xml"
    [expected] = write_fatturapa(spec, path, attachments=[("copia.pdf", copy.read_bytes()), ("nota.pdf", note),
                                                          ("ordine.txt", b"ordine 12")])
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    assert [a.name for a in doc.attachments] == ["copia.pdf", "nota.pdf", "ordine.txt"]
    assert [a.path.read_bytes() for a in doc.attachments[:2]] == [copy.read_bytes(), note]
    assert doc.attachments[0].media_type == "application/pdf"
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    attached = "\n".join(p.text for p in doc.pages if p.source == "attachment")
    assert "Allegato nota.pdf - pagina 1" in attached and "collaudo numero 4471" in attached
    assert expected["number"] in attached  # the supplier's copy of the same invoice
    assert "check_failed" not in {r.code for r in reviewed(tmp_path, doc).review_reasons}


def test_a_zip_of_pdfs_is_unpacked(tmp_path):
    first, second = note_pdf(tmp_path / "a.pdf", "Primo allegato zebrafiore"), note_pdf(tmp_path / "b.pdf", "Secondo")
    path = tmp_path / "IT01234567890_00091.xml"
    write_fatturapa(make_spec("fattura", 91), path, attachments=[("a.pdf", first), ("dir/b.pdf", second)], zipped=True)
    doc = read(tmp_path, path)
    assert [(a.name, a.path.read_bytes()) for a in doc.attachments] == [("a.pdf", first), ("b.pdf", second)]
    assert "zebrafiore" in doc.text


def test_a_broken_attachment_keeps_the_invoice_and_goes_to_review(tmp_path):
    path = tmp_path / "IT01234567890_00092.xml"
    [expected] = write_fatturapa(make_spec("fattura", 92), path, attachments=[("x.pdf", b"%PDF-1.4 broken")])
    xml = path.read_bytes()
    path.write_bytes(xml.replace(base64.b64encode(b"%PDF-1.4 broken"), b"not*base64!"))
    doc = read(tmp_path, path)
    assert_fields(doc, expected)
    assert doc.attachments == [] and any("not valid base64" in r for r in reviewed(tmp_path, doc).review_reasons)


def test_attachments_are_archived_and_found_by_search(home, tmp_path):
    note = note_pdf(tmp_path / "verbale.pdf", "Verbale di collaudo zebrafiore")
    path = tmp_path / "IT01234567890_00093.xml.p7m"
    write_fatturapa(make_spec("fattura", 93), path, signed="der", attachments=[("verbale.pdf", note)])
    [record] = demat_json_lines(home, "ingest", str(path))
    shown = json.loads(demat(home, "show", str(record["id"]), "--json").stdout)
    folder = Path(shown["archive_dir"])
    assert (folder / "allegati" / "verbale.pdf").read_bytes() == note
    assert json.loads((folder / "document.json").read_text())["attachments"][0]["name"] == "verbale.pdf"
    found = demat(home, "search", "zebrafiore", "--json").stdout
    assert [hit["id"] for hit in json.loads(found)["hits"]] == [record["id"]]
