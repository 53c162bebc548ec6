"""Every kind of bad file goes to quarantine with a reason, and the watcher carries on."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from demat.indexer.catalog import Catalog
from demat.samples.bad_inputs import write_bad_inputs
from helpers import demat, samples_of, wait_for

EXPECTED_ERRORS = {
    "zero_byte": "EmptyFile",
    "truncated_pdf": "CorruptFile",
    "corrupt_pdf": "CorruptFile",
    "password_pdf": "PasswordProtected",
    "docx": "UnsupportedFile",
    "exe": "UnsupportedFile",
    "random_pdf": "UnsupportedFile",
    "bomb_png": "TooLarge",
}


def test_bad_files_are_quarantined_with_reasons_and_good_ones_still_archived(home: Path, watch, tmp_path: Path):
    made = write_bad_inputs(tmp_path / "bad")
    assert set(EXPECTED_ERRORS) <= set(made), sorted(made)
    good = samples_of("born_digital", "lettera")[0]
    watch()
    inbox = home / "inbox"
    for path in made.values():
        shutil.copyfile(path, inbox / path.name)
    shutil.copyfile(good, inbox / good.name)  # after the bad ones: the watcher must get to it
    total = len(made) + 1
    catalog_path = home / "catalog.sqlite3"
    wait_for(lambda: catalog_path.exists() and sum(Catalog(catalog_path).state_counts().values()) == total
             and not Catalog(catalog_path).jobs(("claimed", "archiving")), 300, "every file handled")

    catalog = Catalog(catalog_path)
    by_name = {Path(j.original_name).name: j for j in catalog.jobs()}
    for key, error in EXPECTED_ERRORS.items():
        job = by_name[made[key].name]
        assert job.state == "quarantined", (key, job)
        assert job.error_kind == error, (key, job.error_kind, job.error_message)
        quarantined = Path(job.quarantine_path)
        assert quarantined.parent == home / "quarantine"
        assert quarantined.read_bytes() == made[key].read_bytes()  # kept exactly as dropped
        reason = json.loads((quarantined.parent / (quarantined.name + ".error.json")).read_text())
        assert reason["error"] == error and reason["reason"] and reason["what_to_do"]
        assert reason["retry"] == f"demat retry {job.id}"
    for key in set(made) - set(EXPECTED_ERRORS):  # the good ones among them (odd names)
        assert by_name[made[key].name].state == "archived", key
    assert by_name[good.name].state == "archived"
    assert list(inbox.iterdir()) == []

    status = demat(home, "status").stdout
    assert re.search(rf"quarantined:\s+{len(EXPECTED_ERRORS)}\n", status), status
    for key in EXPECTED_ERRORS:
        assert made[key].name in status


def test_a_fixed_file_can_be_retried_from_quarantine(home: Path, tmp_path: Path):
    broken = tmp_path / "fattura rotta.pdf"
    good = samples_of("born_digital", "fattura")[0]
    broken.write_bytes(good.read_bytes()[:300])  # truncated
    out = demat(home, "ingest", str(broken), "--json", check=False)
    assert out.returncode == 1 and '"status": "quarantined"' in out.stdout
    job = Catalog(home / "catalog.sqlite3").jobs()[0]
    Path(job.quarantine_path).write_bytes(good.read_bytes())  # the user replaces it with a good copy
    retried = demat(home, "retry", str(job.id)).stdout
    assert "document" in retried and "QUARANTINED" not in retried
    catalog = Catalog(home / "catalog.sqlite3")
    assert catalog.job(job.id).state == "archived"
    assert not (home / "quarantine" / "fattura rotta.pdf.error.json").exists()
    assert catalog.document(job.id)["original_name"] == "fattura rotta.pdf"
