"""Bug (issue 16, 13, the web part): an upload name with `/` lost everything before its last part.

A browser may send a relative path as the name (a dragged folder:
`marzo/fattura.pdf`); the name was cut to `fattura.pdf`, so two uploads from
different folders looked the same in the archive. The name is now kept whole,
its separators made harmless (`marzo_fattura.pdf`), and it still never
leaves the inbox.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.web.app import create_app
from webhelpers import SAMPLES, home_with_users


def test_a_name_with_separators_is_kept_whole_inside_the_inbox(tmp_path):
    home = tmp_path / "home"
    tokens = home_with_users(home)
    pdf = (SAMPLES / "lettera-L1-s0007.pdf").read_bytes()
    headers = {"Authorization": f"Bearer {tokens['anna']}"}
    with TestClient(create_app(load_config(home))) as client:
        names = [client.post("/api/upload", files={"file": (sent, pdf, "application/pdf")}, headers=headers)
                 .json()["inbox_name"] for sent in ("marzo/fattura.pdf", "aprile\\fattura.pdf", "../../fuori.pdf")]
    assert names == ["marzo_fattura.pdf", "aprile_fattura.pdf", "_.._fuori.pdf"]
    assert sorted(p.name for p in (home / "inbox").iterdir()) == sorted(names)
    assert not (tmp_path / "fuori.pdf").exists() and not (home / "fuori.pdf").exists()
