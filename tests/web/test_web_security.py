"""CSRF, login limits, cookies, path traversal, escaping of document text, upload checks."""

from __future__ import annotations

import json
import os
import stat

from fastapi.testclient import TestClient

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.web.app import create_app
from demat.web.sessions import LoginLimiter
from webhelpers import PASSWORD, SAMPLES, SCRIPT, bearer, csrf_of, log_in


def test_forms_without_the_csrf_token_are_refused(login, site):
    client = login("hilde")
    doc_id = site.ids["cv"]
    assert client.post(f"/queues/risorse_umane/{doc_id}", data={"state": "done"}).status_code == 403
    wrong = client.post(f"/queues/risorse_umane/{doc_id}", data={"state": "done", "csrf_token": "forged"})
    assert wrong.status_code == 403
    assert client.post("/logout").status_code == 403
    ok = client.post(f"/queues/risorse_umane/{doc_id}", follow_redirects=False,
                     data={"state": "in_progress", "csrf_token": csrf_of(client.get("/search").text)})
    assert ok.status_code == 303


def test_login_needs_the_login_form_token(anonymous):
    answer = anonymous.post("/login", data={"name": "anna", "password": PASSWORD, "csrf_token": "x"})
    assert answer.status_code == 403


def test_an_upload_without_csrf_is_refused_and_nothing_reaches_the_inbox(login, site):
    client = login("anna")
    before = set((site.home / "inbox").iterdir())
    pdf = (SAMPLES / "lettera-L1-s0007.pdf").read_bytes()
    assert client.post("/inbox", files={"files": ("a.pdf", pdf, "application/pdf")}).status_code == 403
    assert set((site.home / "inbox").iterdir()) == before


def test_login_is_limited_after_five_failures(web_app):
    web_app.state.web.users.add("rita", "staff", ["legale"], PASSWORD)
    with TestClient(web_app) as client:
        for _ in range(5):
            assert log_in(client, "rita", "wrong password").status_code == 401
        blocked = log_in(client, "rita", PASSWORD)  # even the right password, for 15 minutes
        assert blocked.status_code == 429
        assert client.get("/api/me").status_code == 401
    with TestClient(web_app) as other:  # another user from the same address is not locked out
        assert log_in(other, "carlo").status_code == 303


def test_session_cookie_is_httponly_lax_and_secure_over_https(web_app):
    with TestClient(web_app, base_url="https://demat.example") as client:
        cookie = log_in(client, "anna").headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" in cookie
        assert client.get("/api/me").json()["name"] == "anna"


def test_a_forged_session_cookie_is_no_session(web_app):
    with TestClient(web_app) as client:
        client.cookies.set("demat_session", '{"user": "anna"}')
        assert client.get("/api/me").status_code == 401


def test_the_secret_is_made_once_readable_by_its_owner_only(site, web_app):
    secret = site.home / "web-secret"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    before = secret.read_text()
    create_app(load_config(site.home))
    assert secret.read_text() == before


def test_downloads_never_leave_the_archive(site, anonymous, tmp_path):
    """A catalog path outside the archive (edited, or a symlink) is never served."""
    outside = site.home / "web-secret"
    link = site.home / "archive" / "link-out.pdf"
    link.symlink_to(outside)
    catalog = Catalog(site.home / "catalog.sqlite3")
    original = catalog.document(site.ids["lettera"])
    try:
        for path in (str(outside), str(site.home / "archive" / ".." / "web-secret"), str(link), "/etc/passwd"):
            with catalog.transaction():
                catalog.update_document(site.ids["lettera"], {"original_path": path}, fields_of(original))
            answer = anonymous.get(f"/api/documents/{site.ids['lettera']}/file", headers=bearer(site, "anna"))
            assert answer.status_code == 404, path
            assert outside.read_text() not in answer.text
    finally:
        with catalog.transaction():
            catalog.update_document(site.ids["lettera"], {"original_path": original["original_path"]},
                                    fields_of(original))
        link.unlink()
    for url in ("/api/documents/..%2F..%2Fweb-secret/file", "/api/documents/../../web-secret"):
        answer = anonymous.get(url, headers=bearer(site, "anna"))
        assert answer.status_code in (404, 422) and outside.read_text() not in answer.text


def fields_of(doc: dict) -> list[dict]:
    return [{"document_id": doc["id"], "name": name, "value": json.dumps(f["value"]), "raw": f["raw"],
             "confidence": f["confidence"], "page": f["page"], "box": None, "checks": json.dumps(f["checks"])}
            for name, f in doc["fields"].items()]


def test_document_text_with_a_script_is_shown_not_run(login, site):
    client = login("anna")
    page = client.get(f"/documents/{site.ids['script']}")
    assert SCRIPT not in page.text
    assert "&lt;script&gt;alert(&#39;ocr&#39;)&lt;/script&gt;" in page.text
    found = client.get("/search", params={"q": "alert"}).text
    assert SCRIPT not in found
    assert "&lt;script&gt;<mark>alert</mark>(&#39;ocr&#39;)&lt;/script&gt;" in found
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_uploads_are_checked_before_the_inbox(login, site):
    client = login("anna")
    token = csrf_of(client.get("/inbox").text)
    inbox = site.home / "inbox"
    before = set(inbox.iterdir())
    for name, content in (("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200), ("empty.pdf", b""),
                          ("page.pdf", b"<html><script>alert(1)</script></html>")):
        answer = client.post("/inbox", data={"csrf_token": token}, files={"files": (name, content, "application/pdf")},
                             follow_redirects=False)
        assert answer.status_code == 303, name
        assert f'<ul class="error"><li>{name}: ' in client.get("/inbox").text, name  # said refused
    assert set(inbox.iterdir()) == before
    too_big = client.post("/inbox", data={"csrf_token": token}, headers={"content-length": str(600 * 1024 * 1024)},
                          content=b"x")
    assert too_big.status_code == 413


def test_upload_names_cannot_climb_out_of_the_inbox_nor_hide(login, site):
    client = login("anna")
    token = csrf_of(client.get("/inbox").text)
    pdf = (SAMPLES / "lettera-L1-s0007.pdf").read_bytes()
    for name in ("../../escape.pdf", ".hidden.pdf"):
        answer = client.post("/inbox", data={"csrf_token": token}, files={"files": (name, pdf, "application/pdf")},
                             follow_redirects=False)
        assert answer.status_code == 303 and 'class="error"' not in client.get("/inbox").text
    assert not (site.home / "escape.pdf").exists()
    landed = sorted(p.name for p in (site.home / "inbox").iterdir())
    assert landed == ["_.._escape.pdf", "hidden.pdf"]
    for name in landed:
        os.unlink(site.home / "inbox" / name)


def test_the_login_limit_lifts_after_fifteen_minutes(tmp_path):
    now = [1000.0]
    limiter = LoginLimiter(Catalog(tmp_path / "catalog.sqlite3"), clock=lambda: now[0])
    for _ in range(5):
        limiter.failed("rita", "10.0.0.7")
    assert limiter.blocked("rita", "10.0.0.7")
    assert not limiter.blocked("rita", "10.0.0.8") and not limiter.blocked("anna", "10.0.0.7")
    now[0] += 15 * 60 + 1
    assert not limiter.blocked("rita", "10.0.0.7")


def test_the_secure_flag_follows_each_requests_scheme(web_app):
    """Why web/sessions.py sets the cookie itself: one app is reached over http and over https."""
    with TestClient(web_app, base_url="http://127.0.0.1") as client:
        cookie = log_in(client, "anna").headers["set-cookie"]
        assert "HttpOnly" in cookie and "Secure" not in cookie


def test_a_new_session_brings_a_new_csrf_token(web_app):
    """Why the CSRF token lives in the session cookie: a token seen before login, or in an ended session, is dead."""
    with TestClient(web_app) as client:
        before_login = csrf_of(client.get("/login").text)
        assert log_in(client, "anna").status_code == 303
        during = csrf_of(client.get("/search").text)
        assert during != before_login
        assert client.post("/logout", data={"csrf_token": before_login}).status_code == 403
        assert client.post("/logout", data={"csrf_token": during}, follow_redirects=False).status_code == 303
        assert log_in(client, "anna").status_code == 303
        assert client.post("/logout", data={"csrf_token": during}).status_code == 403
