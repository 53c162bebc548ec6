"""Bug (issue 16, 11): the pipeline's counts told anyone what the whole archive holds.

`/api/pipeline` gave every user the jobs counted by state over the whole
archive, so an accounting user who uploaded a copy of an HR document learned
from the duplicate count going up that HR has it. A user who does not see
every department now gets only counts over their own departments' documents;
the upload's fate is an archivist's to see.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from demat.web.app import create_app
from helpers import wait_for
from webhelpers import ARCHIVED, SAMPLES, bearer, make_site


def test_a_duplicate_of_an_hr_document_changes_nothing_an_accounting_user_sees(home, watch):
    site = make_site(home, ["cv", "fattura"])
    with TestClient(create_app(load_config(home))) as client:
        def pipeline(name: str) -> dict:
            return client.get("/api/pipeline", headers=bearer(site, name)).json()

        before = pipeline("carlo")
        assert before == {"documents": 1, "in_review": before["in_review"]}  # the invoice, not the CV
        copy = (SAMPLES / ARCHIVED["cv"]).read_bytes()
        uploaded = client.post("/api/upload", files={"file": ("curriculum.pdf", copy, "application/pdf")},
                               headers=bearer(site, "carlo"))
        assert uploaded.status_code == 201
        watch()
        catalog = Catalog(home / "catalog.sqlite3")
        wait_for(lambda: catalog.state_counts().get("duplicate"), 120, "the copy to be found a duplicate")

        assert pipeline("carlo") == before
        assert pipeline("anna")["counts"]["duplicate"] == 1
        assert pipeline("hilde")["documents"] == 1  # HR sees its CV, and nothing of the copy either
