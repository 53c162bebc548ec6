"""Fixtures of the web tests: a home archived through the real pipeline, users, logged-in clients.

The home is built once per session (the pipeline reads real sample PDFs) and
no test changes its documents: a test that corrects or confirms one builds a
home of its own (`own_site`), so that order does not matter.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.web.app import create_app
from webhelpers import ARCHIVED, Site, log_in, make_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    home = tmp_path_factory.mktemp("web") / "home"
    home.mkdir()
    return make_site(home, [*ARCHIVED, "script"])


@pytest.fixture(scope="session")
def web_app(site):
    return create_app(load_config(site.home))


@pytest.fixture
def anonymous(web_app):
    with TestClient(web_app) as client:
        yield client


@pytest.fixture
def login(web_app):
    """login(name) -> a TestClient with that user's session."""
    clients = []

    def make(name: str) -> TestClient:
        client = TestClient(web_app)
        clients.append(client)
        log_in(client, name)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def own_site(tmp_path):
    """(site, anna's client) over a home of its own holding the credit note, for a test that changes it."""
    home = tmp_path / "home"
    home.mkdir()
    site = make_site(home, ["nota_credito"])
    with TestClient(create_app(load_config(site.home))) as client:
        log_in(client, "anna")
        yield site, client
