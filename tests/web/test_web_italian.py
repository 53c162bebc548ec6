"""The interface in Italian, with Italian formats, the review queue's Conferma, and upright page images.

Against the app over a home archived by the real pipeline (tests/web/conftest.py).
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from PIL import Image

from demat.indexer.catalog import WORK_STATES
from demat.kernel.document import DEPARTMENTS, FIELD_KINDS, LABELS
from demat.kernel.schema import LANGUAGES
from demat.web import i18n, i18n_formats, i18n_labels
from demat.web.users import ROLES
from webhelpers import csrf_of


def test_every_code_of_the_domain_has_an_italian_and_an_english_label():
    for kind, codes in (("type", LABELS), ("department", DEPARTMENTS), ("field", FIELD_KINDS),
                        ("work_state", WORK_STATES), ("role", ROLES)):
        for code in codes:  # not "code in NAMES": types, departments and fields come from the same schema as LABELS
            names = [i18n_labels.label(kind, code, language) for language in LANGUAGES]
            assert all(name.strip() and name != code for name in names), (kind, code, names)
    assert i18n_labels.label("department", "risorse_umane") == "Risorse umane"
    assert i18n_labels.label("department", "risorse_umane", "en") == "Human resources"


def test_every_message_of_the_pages_has_an_italian_translation():
    catalog = i18n.translations("it")
    template = (i18n.LOCALE_DIR / "messages.pot").read_text(encoding="utf-8")
    singular = [line[7:-1] for line in template.splitlines() if line.startswith('msgid "') and line != 'msgid ""']
    untranslated = [m for m in singular if catalog.gettext(m.replace('\\"', '"')) == m.replace('\\"', '"')
                    and m not in ("Account", "Password", "P.IVA", "file")]
    assert untranslated == []


@pytest.mark.parametrize("value, language, shown", [
    (Decimal("6967.58"), "it", "6.967,58\xa0€"), (Decimal("1234567.5"), "en", "€1,234,567.50"),
    ("0.5", "it", "0,50\xa0€"), (None, "it", "")])
def test_amounts_are_written_as_people_read_them(value, language, shown):
    assert i18n_formats.amount(value, language) == shown


def test_credit_notes_are_negative_and_times_local(monkeypatch):
    assert i18n_formats.amount(Decimal("100"), doc_type="nota_credito") == "-100,00\xa0€"
    assert i18n_formats.date("2025-09-03") == "03/09/2025"
    assert i18n_formats.when("2025-07-01T10:00:00+00:00") == "01/07/2025 12:00"  # Rome, summer time
    monkeypatch.setenv("DEMAT_TIMEZONE", "UTC")
    assert i18n_formats.when("2025-07-01T10:00:00+00:00") == "01/07/2025 10:00"


@pytest.mark.parametrize("accept, cookie, language", [
    (None, None, "it"), ("en-US,en;q=0.9", None, "en"), ("de,fr;q=0.8", None, "it"),
    ("de,en;q=0.5,it;q=0.7", None, "it"), ("it", "en", "en")])
def test_the_language_is_the_users_choice_then_the_browsers_then_italian(accept, cookie, language):
    assert i18n.negotiate(cookie, accept) == language


def test_pages_are_italian_by_default_and_english_on_request(login, site):
    client = login("anna")
    page = client.get("/search", params={"q": "fattura"}).text
    assert '<html lang="it">' in page and ">Cerca<" in page and ">Verifica<" in page and ">Contabilità<" in page
    assert "Nota di credito" in page and "nota_credito</a>" not in page
    english = client.get("/search", params={"q": "fattura"}, headers={"Accept-Language": "en-GB,en"}).text
    assert '<html lang="en">' in english and ">Search<" in english and "Credit note" in english
    chosen = client.get("/language", params={"set": "en", "back": "/review"}, follow_redirects=False)
    assert chosen.status_code == 303 and chosen.headers["location"] == "/review"
    assert ">Review queue" in client.get("/review").text
    client.get("/language", params={"set": "it"})
    assert ">Da verificare" in client.get("/review").text


def test_an_italian_amount_and_date_filter_the_search_and_the_api(login, site):
    client = login("anna")
    for written in ("60.000,00", "60000,00", "60000.00"):
        page = client.get("/search", params={"amount_min": written}).text
        assert f'href="/documents/{site.ids["fattura"]}"' in page, written
        assert 'value="60.000,00"' in page  # shown back as an Italian writes it
    api = client.get("/api/search", params={"amount_min": "1.000,00", "date_from": "01/01/2000"})
    assert api.status_code == 200 and api.json()["total"] >= 1
    assert client.get("/search", params={"date_from": "14/03/2024"}).status_code == 200


def test_search_and_queue_show_italian_amounts_and_dates(login, site):
    client = login("anna")
    page = client.get("/search", params={"type": "nota_credito"}).text
    assert "-" in page[page.index('class="meta"'):].split("</div>")[0].split("·")[-1]  # the credit note's total
    rows = client.get("/api/search", params={"type": "fattura"}).json()["hits"]
    total = Decimal(rows[0]["total"])
    assert i18n_formats.amount(total) in client.get("/search", params={"type": "fattura"}).text


def test_a_check_reads_as_words(own_site):
    site, client = own_site
    doc_id = site.ids["nota_credito"]
    token = csrf_of(client.get(f"/documents/{doc_id}").text)
    client.post(f"/review/{doc_id}", data={"csrf_token": token, "field.total": "999,99",
                                           "field.taxable_amount": "100,00", "field.vat_amount": "22,00",
                                           "back": f"/documents/{doc_id}"})
    page = client.get(f"/documents/{doc_id}").text
    assert "Imponibile + IVA = 122,00\xa0€, ma il totale stampato è 999,99\xa0€" in page
    assert "!=" not in page


def test_a_vat_line_that_cannot_be_read_is_explained_in_italian(own_site):
    site, client = own_site
    doc_id = site.ids["nota_credito"]
    token = csrf_of(client.get(f"/documents/{doc_id}").text)
    form = {"csrf_token": token, "vat.rate": "22", "vat.taxable_amount": "tanto", "vat.vat_amount": "22,00",
            "vat.nature": "", "back": f"/documents/{doc_id}"}
    answer = client.post(f"/review/{doc_id}", data=form)
    assert answer.status_code == 400
    assert "riga IVA non valida: &#39;tanto&#39; non è un importo" in answer.text

def test_saving_an_unchanged_item_changes_nothing_and_conferma_leaves_review(own_site):
    site, client = own_site
    doc_id = site.ids["nota_credito"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["review_state"] == "review"
    page = client.get("/review").text
    assert "documento da verificare" in page or "documenti da verificare" in page
    token = csrf_of(page)
    form = {"csrf_token": token, "back": "/review?page=1", "type": doc["type"], "department": doc["department"]}
    for name, f in doc["fields"].items():
        if name != "vat_lines" and f["value"] is not None:
            form[f"field.{name}"] = i18n_formats.number(f["value"]) if FIELD_KINDS[name] == "amount" else (
                i18n_formats.date(f["value"]) if FIELD_KINDS[name] == "date" else f["value"])
    saved = client.post(f"/review/{doc_id}", data=form, follow_redirects=False)
    assert saved.status_code == 303
    corrections = [e for e in client.get(f"/api/documents/{doc_id}").json()["audit"] if e["action"] == "correct"]
    assert corrections == [e for e in doc["audit"] if e["action"] == "correct"]  # nothing said "corrected"
    confirmed = client.post(f"/review/{doc_id}", data={**form, "action": "confirm"}, follow_redirects=False)
    assert confirmed.status_code == 303 and "confirmed=" in confirmed.headers["location"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    assert doc["review_state"] == "confirmed"
    assert [e["user"] for e in doc["audit"] if e["action"] == "confirm"] == ["anna"]
    assert f'id="doc-{doc_id}"' not in client.get("/review").text


def test_page_images_and_thumbnails_are_pngs_without_a_download_in_the_audit(login, site):
    client = login("anna")
    doc_id = site.ids["fattura"]

    def downloads():
        return sum(e["action"] == "download" for e in client.get(f"/api/documents/{doc_id}").json()["audit"])

    before = downloads()
    page = client.get(f"/documents/{doc_id}/pages/1.png")
    thumb = client.get(f"/documents/{doc_id}/thumbnail")
    assert page.headers["content-type"] == thumb.headers["content-type"] == "image/png"
    with Image.open(io.BytesIO(page.content)) as image:
        assert image.width > 1000 and image.height > image.width  # an A4 page at 144 dpi
    with Image.open(io.BytesIO(thumb.content)) as image:
        assert image.width == 160
    assert client.get(f"/documents/{doc_id}/pages/99.png").status_code == 404
    assert downloads() == before
    assert login("hilde").get(f"/documents/{doc_id}/pages/1.png").status_code == 404


def test_failed_logins_are_in_the_audit_log(anonymous, login, site):
    token = csrf_of(anonymous.get("/login").text)
    anonymous.post("/login", data={"name": "anna", "password": "wrong", "csrf_token": token})
    page = login("anna").get("/audit").text
    assert "login_failed" in page


def test_a_missing_page_keeps_the_menu_and_history_keeps_the_servers_paths_to_archivists(login, site):
    hilde = login("hilde")
    missing = hilde.get("/documents/999999")
    assert missing.status_code == 404 and "Non trovato" in missing.text and 'href="/review"' in missing.text
    page = hilde.get(f"/documents/{site.ids['cv']}").text
    history = page[page.index('class="history"'):]
    assert str(site.home) not in history and "archive/" not in history
    assert "archive/" in login("anna").get(f"/documents/{site.ids['cv']}").text.split('class="history"')[1]
