"""Helpers of the web tests: a home archived through the real pipeline, users, logging in."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from fastapi.testclient import TestClient
from reportlab.pdfgen import canvas

from demat.kernel.config import load_config
from demat.pipeline.app import App
from demat.web.app import create_app
from demat.web.users import Users
from helpers import REPO, SAMPLES  # tests/helpers.py: pytest puts tests/ on the path with its conftest

ARCHIVED = {  # name in the tests -> committed sample
    "fattura": "fattura-L1-s0009.pdf",
    "nota_credito": "nota_credito-L2-s0005.pdf",
    "cv": "cv-L3-s0003.pdf",
    "nota_spese": "nota_spese-L2-s0002.pdf",
    "lettera": "lettera-L1-s0007.pdf",
}
PASSWORD = "correct horse battery"
SCRIPT = "<script>alert('ocr')</script>"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def script_pdf(path: Path) -> Path:
    """A born-digital letter whose text contains an HTML script tag."""
    pdf = canvas.Canvas(str(path))
    lines = ["Spett.le Rossi S.p.A.", "Oggetto: prova di sicurezza", SCRIPT,
             "Con la presente comunichiamo quanto segue.", "Distinti saluti"]
    for i, line in enumerate(lines):
        pdf.drawString(72, 760 - 20 * i, line)
    pdf.save()
    return path


def archive(app: App, files: dict[str, Path]) -> dict[str, int]:
    """Run files through the real pipeline; {name: document id}."""
    jobs = {name: app.copy_in(path, path.name) for name, path in files.items()}
    outcomes = {o.job_id: o for o in app.run_jobs(list(jobs.values()))}
    ids = {}
    for name, job in jobs.items():
        outcome = outcomes[job.id]
        assert outcome.status == "archived", (name, outcome.error)
        ids[name] = outcome.documents[0][0]
    return ids


@dataclass
class Site:
    home: Path
    ids: dict[str, int]
    tokens: dict[str, str]


def make_site(home: Path, names: list[str]) -> Site:
    config = load_config(home)
    files = {name: SAMPLES / ARCHIVED[name] for name in names if name in ARCHIVED}
    if "script" in names:
        files["script"] = script_pdf(home.parent / "avviso.pdf")
    with App(config) as app:
        ids = archive(app, files)
        # The HR documents must be HR's, whatever the classifier made of them.
        for name in ("cv", "nota_spese"):
            if name in ids and app.catalog.document(ids[name])["department"] != "risorse_umane":
                from demat.pipeline.corrections import correct
                correct(app, ids[name], "setup", department="risorse_umane")
        users = Users(app.catalog)
        users.add("anna", "archivist", [], PASSWORD)
        users.add("carlo", "accounting", ["amministrazione"], PASSWORD)
        users.add("hilde", "staff", ["risorse_umane"], PASSWORD)
        tokens = {name: users.new_token(name) for name in ("anna", "carlo", "hilde")}
    return Site(home, ids, tokens)


def log_in(client: TestClient, name: str, password: str = PASSWORD, next: str = "/search"):
    form = client.get("/login")
    response = client.post("/login", data={"name": name, "password": password, "next": next,
                                           "csrf_token": csrf_of(form.text)}, follow_redirects=False)
    return response


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def bearer(site: Site, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {site.tokens[name]}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(home: Path, *options: str, env: dict[str, str] | None = None):
    """`demat serve` as a user starts it, on a free loopback port; yields (base URL, process)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "demat.pipeline.cli", "--home", str(home), "serve",
                               "--port", str(port), *options], cwd=REPO, env={**os.environ, **(env or {})},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read()
            try:
                httpx.get(base + "/api/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "demat serve did not start within a minute"
                time.sleep(0.2)
        yield base, server
    finally:
        server.terminate()
        server.wait(30)


def home_with_users(home: Path) -> dict[str, str]:
    """A home with no documents and the three users of `make_site`; {name: API token}."""
    home.mkdir(parents=True, exist_ok=True)
    with App(load_config(home), with_runner=False) as app:
        users = Users(app.catalog)
        users.add("anna", "archivist", [], PASSWORD)
        users.add("carlo", "accounting", ["amministrazione"], PASSWORD)
        users.add("hilde", "staff", ["risorse_umane"], PASSWORD)
        return {name: users.new_token(name) for name in ("anna", "carlo", "hilde")}


@contextlib.contextmanager
def serving(home: Path):
    """demat's web app over HOME on a free loopback port, in a thread: yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(create_app(load_config(home)), host="127.0.0.1", port=free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)
