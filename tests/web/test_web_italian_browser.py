"""The Italian interface in a real headless Chromium (Debian's, driven by Playwright) against a live server.

An Italian page, an Italian amount typed into a filter, a review item
confirmed with the keyboard, a scan photographed upside down shown upright
(read back by tesseract), every main page from 360 px to a desktop with no
sideways scroll, 403 and 404 pages with the menu, one audit event per page
view, failed logins audited. With DEMAT_SCREENSHOTS=folder the pages are also saved there as PNGs
(the README's pictures come from it).
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytesseract
import pytest
from PIL import Image
from test_web_browser import browser, log_in  # noqa: F401  (the fixture of Debian's Chromium)

from demat.kernel.config import load_config
from demat.pipeline.app import App
from webhelpers import SAMPLES, archive, make_site, serving

UPSIDE_DOWN = SAMPLES / "lettera-L2-s0001-scan180.jpg"  # its letter comes from "Trasporti Ferrari S.r.l."
SHOTS = os.environ.get("DEMAT_SCREENSHOTS")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("italian") / "home"
    home.mkdir()
    site = make_site(home, ["fattura", "nota_credito", "cv", "lettera"])
    with App(load_config(home)) as app:
        site.ids.update(archive(app, {"scan": UPSIDE_DOWN}))
    with serving(home) as base:
        yield site, base


@pytest.fixture
def page(browser, server):  # noqa: F811
    """A page of a browser set up in Italian, as an office's is."""
    _, base = server
    context = browser.new_context(base_url=base, locale="it-IT")
    yield context.new_page()
    context.close()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach((img) => { img.loading = 'eager'; })")
        for _ in range(100):  # the page's CSP forbids wait_for_function's eval: ask until every image is drawn
            if page.evaluate("Array.from(document.images).every((img) => img.complete)"):
                break
            page.wait_for_timeout(100)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def test_the_pages_are_in_italian(page, server):
    log_in(page, "anna")
    page.goto("/search?q=fattura")
    assert page.get_attribute("html", "lang") == "it"
    menu = page.inner_text("header nav")
    assert all(word in menu for word in ("Cerca", "Verifica", "Code", "Contabilità"))
    hits = page.inner_text("section.hits")
    assert "Nota di credito" in hits and "nota_credito" not in hits
    assert "€" in hits and "," in hits.split("€")[0][-4:]  # 1.234,56 €
    shot(page, "search")


def test_an_italian_amount_typed_into_the_filter(page, server):
    site, _ = server
    log_in(page, "anna")
    page.goto("/search")
    page.click("details.more summary")
    page.fill("input[name=amount_min]", "60.000,00")
    page.fill("input[name=date_from]", "01/01/2023")
    with page.expect_navigation():
        page.press("input[name=amount_min]", "Enter")
    assert page.locator(f"a.title[href='/documents/{site.ids['fattura']}']").count() == 1
    assert page.locator(f"a.title[href='/documents/{site.ids['nota_credito']}']").count() == 0
    assert page.input_value("input[name=amount_min]") == "60.000,00"
    assert page.input_value("input[name=date_from]") == "01/01/2023"


def test_a_review_item_confirmed_with_the_keyboard(page, server):
    site, _ = server
    doc_id = site.ids["nota_credito"]
    log_in(page, "anna")
    page.goto(f"/review#doc-{doc_id}")
    item = page.locator(f"#doc-{doc_id}")
    assert item.locator("figure.page img").count() >= 1  # the original beside the form
    page.keyboard.press("f")  # the first failed (or first) field
    assert page.evaluate("document.activeElement.closest('.review-item').id") == f"doc-{doc_id}"
    box = item.locator("figure.page .box").first
    box.wait_for(state="visible")  # the field's place on the original, once the page is drawn
    assert box.bounding_box()["width"] > 10 and box.bounding_box()["height"] > 5
    shot(page, "review")
    page.keyboard.press("Escape")
    with page.expect_navigation():
        page.keyboard.press("c")
    assert f"Documento {doc_id} confermato" in page.inner_text("main")
    assert page.locator(f"#doc-{doc_id}").count() == 0


def test_a_scan_taken_upside_down_is_shown_upright(page, server, tmp_path):
    site, _ = server
    doc_id = site.ids["scan"]
    log_in(page, "anna")
    with page.expect_response(lambda r: r.url.endswith(f"/documents/{doc_id}/pages/1.png")) as drawn:
        page.goto(f"/documents/{doc_id}")
    page.wait_for_selector("figure.page img")
    shown = tmp_path / "shown.png"
    shown.write_bytes(drawn.value.body())
    with Image.open(shown) as image:
        text = pytesseract.image_to_string(image, lang="ita", config="--psm 3")
    assert "Trasporti" in text, text[:300]
    shot(page, "document")


@pytest.mark.parametrize("width", [360, 390, 1280])
@pytest.mark.parametrize("path", ["/search?q=fattura", "/review", "/documents/{fattura}", "/accounting",
                                  "/queues/amministrazione", "/inbox", "/audit", "/users", "/account",
                                  "/documents/999999"])
def test_every_page_fits_from_a_phone_360_px_wide_to_a_desktop(browser, server, path, width):  # noqa: F811
    site, base = server
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 844}, locale="it-IT")
    phone = context.new_page()
    try:
        log_in(phone, "anna")
        phone.goto(path.format(**site.ids))
        widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{path}: {widths[0]} px of content in a {widths[1]} px window"
        if path == "/search?q=fattura" and width == 390:
            shot(phone, "phone-search")
        if path == "/accounting" and width == 1280:
            shot(phone, "accounting")
    finally:
        context.close()


def test_forbidden_and_missing_pages_keep_the_menu(page, server):
    site, _ = server
    log_in(page, "carlo")
    for path, status in (("/audit", 403), ("/documents/999999", 404)):
        answer = page.goto(path)
        assert answer.status == status
        assert page.locator("nav a[href='/search']").is_visible(), path
        assert page.locator("nav a[href='/accounting']").is_visible(), path


def test_one_page_view_is_one_audit_event_and_the_history_has_no_server_paths(page, server):
    """The page, its page images and thumbnails are one view: no "download" for the pictures of it."""
    site, base = server
    doc_id = site.ids["cv"]
    headers = {"Authorization": f"Bearer {site.tokens['anna']}"}

    def trail() -> list[str]:  # hilde's entries only: asking the API is anna's view
        audit = httpx.get(f"{base}/api/documents/{doc_id}", headers=headers).json()["audit"]
        return [e["action"] for e in audit if e["user"] == "hilde"]

    before = trail()
    log_in(page, "hilde")
    page.goto(f"/documents/{doc_id}")
    page.wait_for_load_state("networkidle")
    assert page.locator("img[src$='/pages/1.png']").first.evaluate("img => img.naturalWidth") > 0
    after = trail()
    assert after[len(before):].count("view") == 1 and "download" not in after[len(before):]
    history = page.locator(".history").inner_text()
    assert str(site.home) not in history and "archive/" not in history


def test_a_failed_login_in_the_browser_is_in_the_audit_log(page, server):
    site, base = server
    page.goto("/login")
    page.fill("input[name=name]", "carlo")
    page.fill("input[name=password]", "non è la password")
    page.click("form.login button[type=submit]")
    assert "Nome o password errati" in page.content()
    entries = httpx.get(f"{base}/api/audit", headers={"Authorization": f"Bearer {site.tokens['anna']}"}).json()
    assert any(e["action"] == "login_failed" and e["user"] == "carlo" for e in entries["entries"])
