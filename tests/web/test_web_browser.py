"""The pages in a real headless Chromium (Debian's, driven by Playwright) against a live server.

The server is uvicorn in a thread on a free loopback port, over a home of its
own archived by the real pipeline. Chromium is launched with networking
extras off: the machine may have no internet.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright import sync_api

from webhelpers import PASSWORD, SCRIPT, make_site, serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]



@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser") / "home"
    home.mkdir()
    site = make_site(home, ["fattura", "nota_credito", "cv", "script"])
    with serving(home) as base:
        yield site, base


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "the browser tests need Debian's chromium: apt-get install chromium"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    site, base = server
    context = browser.new_context(base_url=base, accept_downloads=True)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def log_in(page, name: str) -> None:
    page.goto("/search")
    assert "/login" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url("**/search")


def test_log_in_search_and_open_a_document(page, server):
    site, _ = server
    log_in(page, "anna")
    page.fill("input[name=q]", "fattura")
    page.click("form.search button")
    page.wait_for_selector("li.hit")
    assert page.locator("li.hit mark").first.inner_text().lower() == "fattura"
    page.click(f"a.title[href='/documents/{site.ids['fattura']}']")
    page.wait_for_url(f"**/documents/{site.ids['fattura']}")
    with page.expect_response(lambda r: r.url.endswith(f"/documents/{site.ids['fattura']}/pages/1.png")) as shown:
        page.reload()
    assert shown.value.status == 200 and shown.value.headers["content-type"] == "image/png"
    assert "2023-FV-1380" in page.locator(".page-text").first.inner_text()


def test_a_script_in_a_document_is_shown_not_run(page, server):
    site, _ = server
    log_in(page, "anna")
    page.goto(f"/documents/{site.ids['script']}")
    assert SCRIPT in page.locator(".page-text").first.inner_text()
    page.goto("/search?q=alert")
    assert "alert" in page.locator(".snippet").first.inner_text()
    assert page.dialogs == []


def test_correct_a_field_in_review(page, server):
    site, _ = server
    doc_id = site.ids["nota_credito"]
    log_in(page, "anna")
    page.goto("/review")
    item = page.locator(f"#doc-{doc_id}")
    item.locator("input[name='field.number']").fill("NC-2024/9")
    item.locator("button:has-text('Save corrections')").click()
    page.wait_for_url("**/review?*corrected=*")
    assert f"Document {doc_id} saved" in page.inner_text("main")
    page.goto(f"/documents/{doc_id}")
    assert "NC-2024/9" in page.inner_text("table.fields")
    history = page.inner_text("table.history")
    assert "anna" in history and "correct" in history


def test_move_work_state_with_the_select(page, server):
    site, _ = server
    log_in(page, "hilde")
    page.goto("/queues/risorse_umane")
    row = page.locator(f"#doc-{site.ids['cv']}")
    with page.expect_navigation():
        row.locator("select[name=state]").select_option("in_progress")  # the script submits on change
    assert page.locator(f"#doc-{site.ids['cv']}").get_attribute("class") == "state-in_progress"


def test_download_an_export(page, server, tmp_path):
    site, _ = server
    log_in(page, "carlo")
    page.goto("/accounting")
    assert "invoices" in page.inner_text("table.invoices tr.totals")
    with page.expect_download() as download:
        page.click("a:has-text('JSON')")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    rows = json.loads(saved.read_text(encoding="utf-8"))
    assert {r["document_id"] for r in rows} == {site.ids["fattura"], site.ids["nota_credito"]}
    with page.expect_download() as xlsx:
        page.click("a:has-text('XLSX')")
    assert xlsx.value.suggested_filename.endswith(".xlsx")
