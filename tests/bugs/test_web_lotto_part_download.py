"""Bug (issue 16, 6): one invoice of a FatturaPA lotto gave away the others.

Each invoice of a lotto is its own document, but its original is the whole
file: an accounting user who may see part 1 downloaded part 2 with it, although
part 2 was routed to a department they do not see. The original is now given
only to who sees every invoice in it; the part's own fields and readable view
stay on its page.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from demat.kernel.config import load_config
from demat.pipeline.app import App
from demat.pipeline.corrections import correct
from demat.web.app import create_app
from helpers import SAMPLES
from webhelpers import archive, bearer, make_site

LOTTO = SAMPLES / "IT20674070303_0002U.xml"  # two invoices in one file


def test_a_lotto_part_is_downloaded_only_by_who_sees_every_part(home):
    site = make_site(home, [])
    with App(load_config(home)) as app:
        first = archive(app, {"lotto": LOTTO})["lotto"]
        second = app.catalog.part_job(first, 1).id
        correct(app, first, "setup", department="amministrazione")
        correct(app, second, "setup", department="legale")
    with TestClient(create_app(load_config(home))) as client:
        def download(user: str, doc_id: int):
            return client.get(f"/api/documents/{doc_id}/file", headers=bearer(site, user))

        refused = download("carlo", first)  # accounting sees amministrazione, not legale
        assert refused.status_code == 403 and "departments you do not see" in refused.json()["detail"]
        assert client.get(f"/api/documents/{first}", headers=bearer(site, "carlo")).status_code == 200
        allowed = download("anna", first)  # the archivist sees both
        assert allowed.status_code == 200 and allowed.content == LOTTO.read_bytes()
