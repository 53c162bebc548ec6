"""Bug (issue 16, 12): a session outlived its logout, and nothing could be revoked.

After logout the old cookie still opened everything for up to 12 hours (the
session lived only in the signed cookie); there was no way to revoke a
token, delete a user or change a password; documents and exports went out
without `Cache-Control: no-store`; and there was no HSTS behind https.
Sessions now live in the catalog and end at logout, at a password change
(every session of the user) and with the user; `demat user` and the web
change passwords, revoke tokens and delete users.
"""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.web.app import create_app
from helpers import REPO
from webhelpers import PASSWORD, bearer, csrf_of, log_in, make_site, served

NEW_PASSWORD = "una password nuova"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    home = tmp_path_factory.mktemp("sessions") / "home"
    home.mkdir()
    return make_site(home, ["fattura"])


@pytest.fixture
def web_app(site):
    return create_app(load_config(site.home))


def browser(web_app, name: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(web_app)
    assert log_in(client, name, password).status_code == 303
    return client


def cookie_of(client: TestClient) -> dict[str, str]:
    return {"demat_session": client.cookies["demat_session"]}


def still_in(web_app, cookies: dict[str, str]) -> bool:
    with TestClient(web_app, cookies=cookies) as copy:
        return copy.get("/api/me").status_code == 200


def user_command(site, *argv: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "demat.pipeline.cli", "--home", str(site.home), "user", *argv],
                          input=stdin, capture_output=True, text=True, cwd=REPO, timeout=120)


def test_a_cookie_copied_before_logout_opens_nothing_after_it(web_app):
    client = browser(web_app, "anna")
    copied = cookie_of(client)
    assert still_in(web_app, copied)
    assert client.post("/logout", data={"csrf_token": csrf_of(client.get("/search").text)},
                       follow_redirects=False).status_code == 303
    assert not still_in(web_app, copied)


def test_a_password_changed_in_the_browser_ends_the_other_sessions(site, web_app):
    here, elsewhere = browser(web_app, "hilde"), browser(web_app, "hilde")
    form = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "again": NEW_PASSWORD,
            "csrf_token": csrf_of(here.get("/account").text)}
    wrong = here.post("/account/password", data={**form, "current_password": "not my password"})
    assert wrong.status_code == 403 and still_in(web_app, cookie_of(elsewhere))
    assert here.post("/account/password", data=form, follow_redirects=False).status_code == 303
    assert here.get("/api/me").json()["name"] == "hilde"  # this browser got a new session
    assert elsewhere.get("/api/me").status_code == 401
    assert log_in(TestClient(web_app), "hilde").status_code == 401
    assert log_in(TestClient(web_app), "hilde", NEW_PASSWORD).status_code == 303
    assert user_command(site, "password", "hilde", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0


def test_a_password_set_with_demat_user_ends_every_session(site, web_app):
    client = browser(web_app, "carlo")
    done = user_command(site, "password", "carlo", "--password-stdin", stdin=NEW_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert client.get("/api/me").status_code == 401
    assert log_in(TestClient(web_app), "carlo", NEW_PASSWORD).status_code == 303
    assert user_command(site, "password", "carlo", "--password-stdin", stdin=PASSWORD + "\n").returncode == 0


def test_tokens_are_revoked_by_the_api_and_the_command_line(site, web_app):
    client = TestClient(web_app)
    first = user_command(site, "token", "anna").stdout.strip()
    before = set(user_command(site, "tokens", "anna").stdout.split()[::3])  # "<id>  made <date>" lines
    second = user_command(site, "token", "anna").stdout.strip()
    listed = client.get("/api/me/tokens", headers={"Authorization": f"Bearer {first}"}).json()["tokens"]
    (second_id,) = {t["id"] for t in listed} - before
    assert second_id not in second  # an id names a token; it cannot stand for it

    answer = client.delete(f"/api/me/tokens/{second_id}", headers={"Authorization": f"Bearer {first}"})
    assert answer.status_code == 200
    assert client.get("/api/me", headers={"Authorization": f"Bearer {second}"}).status_code == 401
    assert client.get("/api/me", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    assert user_command(site, "revoke-token", "anna", "--all").returncode == 0
    assert client.get("/api/me", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    assert client.get("/api/me", headers=bearer(site, "anna")).status_code == 401


def test_a_deleted_user_loses_sessions_and_tokens(site, web_app):
    assert user_command(site, "add", "rita", "--role", "staff", "--department", "legale", "--password-stdin",
                        stdin=PASSWORD + "\n").returncode == 0
    token = user_command(site, "token", "rita").stdout.strip()
    session = browser(web_app, "rita")
    assert user_command(site, "delete", "rita").returncode == 0
    assert session.get("/api/me").status_code == 401
    assert TestClient(web_app).get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_an_archivist_deletes_a_user_from_the_web_but_not_themselves(site, web_app):
    assert user_command(site, "add", "ugo", "--role", "staff", "--department", "legale", "--password-stdin",
                        stdin=PASSWORD + "\n").returncode == 0
    ugo, anna = browser(web_app, "ugo"), browser(web_app, "anna")
    token = csrf_of(anna.get("/users").text)
    assert ugo.post("/users/anna/delete", data={"csrf_token": csrf_of(ugo.get("/search").text)}).status_code == 403
    assert anna.post("/users/anna/delete", data={"csrf_token": token}).status_code == 400
    assert anna.post("/users/ugo/delete", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert ugo.get("/api/me").status_code == 401
    assert "ugo" not in user_command(site, "list").stdout


def test_documents_and_exports_are_not_stored_by_browsers_or_proxies(site, web_app):
    client = browser(web_app, "anna")
    doc_id = site.ids["fattura"]
    for url in (f"/documents/{doc_id}", f"/api/documents/{doc_id}", f"/api/documents/{doc_id}/file",
                "/api/exports/invoices?format=xlsx", "/api/invoices", "/search?q=fattura", "/api/search?q=fattura"):
        answer = client.get(url)
        assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store", url
    assert "no-store" not in client.get("/static/demat.css").headers.get("cache-control", "")


def test_hsts_only_when_the_trusted_proxy_says_https(site):
    https = {"X-Forwarded-Proto": "https"}
    with served(site.home, "--workers", "1", "--proxy", "127.0.0.1") as (base, _):
        assert "max-age=" in httpx.get(base + "/login", headers=https).headers["strict-transport-security"]
        assert "strict-transport-security" not in httpx.get(base + "/login").headers
    with served(site.home, "--workers", "1") as (base, _):  # no --proxy: the header is anyone's to forge
        assert "strict-transport-security" not in httpx.get(base + "/login", headers=https).headers
