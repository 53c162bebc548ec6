"""The document page shows a FatturaPA (and a .p7m's content) as a readable invoice in
demat's own template, with its attachments, its SdI notifications and its PDF copy."""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.pipeline.app import App
from demat.samples.generator import make_spec, render_pdf, write_fatturapa
from demat.samples.generator.sdi_messages import write_notification
from demat.web.app import create_app
from demat.web.users import Users

NOTE = b"%PDF-1.4 not a real pdf, kept as it came"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    home = tmp_path_factory.mktemp("fatturapa-web") / "home"
    home.mkdir()
    made = home.parent
    spec = make_spec("fattura", 120)
    invoice = made / "IT01234567890_00120.xml.p7m"
    [expected] = write_fatturapa(spec, invoice, signed="base64", attachments=[("nota consegna.pdf", NOTE)])
    copy = made / "copia-cortesia.pdf"
    render_pdf(spec, copy)
    receipt = write_notification("RC", made, invoice.name)
    simplified = made / "IT01234567890_00121.xml"
    write_fatturapa(make_spec("fattura", 121), simplified, versione="FSM10")
    with App(load_config(home)) as app:
        jobs = [app.copy_in(path, path.name) for path in (invoice, copy, receipt, simplified)]
        ids = [o.documents[0][0] for o in sorted(app.run_jobs(jobs), key=lambda o: o.job_id)]
        users = Users(app.catalog)
        users.add("anna", "archivist", [], "correct horse battery")
        users.add("tina", "staff", ["tesoreria"], "correct horse battery")
        tokens = {name: users.new_token(name) for name in ("anna", "tina")}
    client = TestClient(create_app(load_config(home)))
    yield client, dict(zip(("invoice", "copy", "receipt", "simplified"), ids)), tokens, expected
    client.close()


def get(site, path: str, user: str = "anna"):
    client, _, tokens, _ = site
    return client.get(path, headers={"Authorization": f"Bearer {tokens[user]}"})


def test_a_signed_fatturapa_is_shown_as_an_invoice(site):
    _, ids, _, expected = site
    page = html.unescape(get(site, f"/documents/{ids['invoice']}").text)
    assert "cannot be shown" not in page and 'class="fatturapa"' in page
    assert "Cedente prestatore" in page and expected["supplier_name"] in page
    assert "TD01 (Fattura)" in page and f"<td>{expected['number']}</td>" in page
    assert "Dettaglio linee" in page and "Dati riepilogo" in page  # tables, not raw XML
    assert "<FatturaElettronica" not in page and "base64" not in page
    assert "✓ signature</span>: signature verified, signed by" in page and "ROSSI MARIO" in page


def test_attachments_are_listed_and_downloaded(site):
    _, ids, _, _ = site
    page = get(site, f"/documents/{ids['invoice']}").text
    assert f"/api/documents/{ids['invoice']}/attachments/nota%20consegna.pdf" in page
    response = get(site, f"/api/documents/{ids['invoice']}/attachments/nota consegna.pdf")
    assert response.status_code == 200 and response.content == NOTE
    assert get(site, f"/api/documents/{ids['invoice']}/attachments/..%2Fdocument.json").status_code == 404
    assert get(site, f"/api/documents/{ids['invoice']}/attachments/nota consegna.pdf", "tina").status_code == 404


def test_the_invoice_page_links_its_copy_and_its_notifications(site):
    _, ids, _, _ = site
    page = get(site, f"/documents/{ids['invoice']}").text
    assert f'href="/documents/{ids["copy"]}">copia-cortesia.pdf</a>' in page and "non conteggiata due volte" in page
    assert f'<td>SdI</td><td>RC</td><td><a href="/documents/{ids["receipt"]}">' in page
    copy_page = get(site, f"/documents/{ids['copy']}").text
    assert f'href="/documents/{ids["invoice"]}">' in copy_page and "quella che conta" in copy_page


def test_a_notification_and_a_simplified_invoice_are_readable_too(site):
    _, ids, _, _ = site
    receipt = html.unescape(get(site, f"/documents/{ids['receipt']}").text)
    assert "Ricevuta consegna" in receipt and "<th>Identificativo SdI</th>" in receipt
    assert "Data ora consegna" in receipt
    simplified = html.unescape(get(site, f"/documents/{ids['simplified']}").text)
    assert "Fattura elettronica semplificata FSM10" in simplified and "TD07 (Fattura semplificata)" in simplified
