"""Bug (issue 16, 9): uploads the watcher never takes were accepted.

An upload named `Thumbs.db`, `x.part` or `~$lock.pdf` was answered 201 and
put into the inbox, where the watcher ignores such names: it stayed there
forever, uncounted. The upload now refuses them with a 400 that says why, by
the watcher's own rule (`demat.pipeline.inbox.is_ignored`), and whatever it accepts
is a name the watcher takes.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.pipeline.inbox import is_ignored
from demat.web.app import create_app
from webhelpers import SAMPLES, home_with_users

IGNORED = ["Thumbs.db", "x.part", "~$lock.pdf", "scan.pdf.tmp", "desktop.ini", "fattura.pdf.crdownload"]
TAKEN = ["fattura.pdf", ".nascosto.pdf", "2024/03/fattura.pdf", "~fattura.pdf", "fattura.part.pdf", ".~lock.a.pdf#"]


@pytest.fixture(scope="module")
def upload(tmp_path_factory):
    home = tmp_path_factory.mktemp("ignored") / "home"
    tokens = home_with_users(home)
    pdf = (SAMPLES / "lettera-L1-s0007.pdf").read_bytes()
    with TestClient(create_app(load_config(home))) as client:
        yield home, lambda name: client.post("/api/upload", files={"file": (name, pdf, "application/pdf")},
                                             headers={"Authorization": f"Bearer {tokens['carlo']}"})


@pytest.mark.parametrize("name", IGNORED)
def test_a_name_the_watcher_ignores_is_refused_with_the_reason(upload, name):
    home, send = upload
    answer = send(name)
    assert answer.status_code == 400
    assert "watcher leaves files named like this alone" in answer.json()["detail"]
    assert "Rename the file" in answer.json()["detail"]
    assert not [p for p in (home / "inbox").iterdir() if p.name.removeprefix(".").startswith(name[:4])]


@pytest.mark.parametrize("name", TAKEN)
def test_what_is_accepted_is_taken_by_the_watcher(upload, name):
    home, send = upload
    answer = send(name)
    assert answer.status_code == 201, answer.text
    landed = home / "inbox" / answer.json()["inbox_name"]
    assert landed.exists() and not is_ignored(landed.relative_to(home / "inbox"))
    landed.unlink()
