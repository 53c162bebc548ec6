"""Bug: corrections were not crash-safe.

A new department renamed the archive folder before the catalog transaction;
a crash in between left the catalog pointing at a folder that was gone, and
nothing repaired it. Now the files are linked into the new folder, the catalog
is committed, then the old folder removed. The test kills a child process at
each seam (SIGKILL: nothing runs after it), then `demat check` must leave the
home consistent: the catalog on a whole folder, no spare copy.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from demat.indexer.catalog import Catalog
from helpers import REPO, demat, demat_json_lines, samples_of

CORRECT_AND_DIE = """
import os, signal, sys
from pathlib import Path
from demat.indexer import archive
from demat.pipeline.app import App
from demat.kernel.config import load_config
from demat.pipeline.corrections import correct

home, seam, doc_id = sys.argv[1], sys.argv[2], int(sys.argv[3])

def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

with App(load_config(home), with_runner=False) as app:
    old_folder = Path(app.catalog.document(doc_id)["archive_dir"])
    if seam == "before_commit":  # the new folder is written, the catalog not changed yet
        app.catalog.update_document = die
    else:  # committed, the old folder not removed yet
        remove = archive.remove_folder
        archive.remove_folder = lambda folder: die() if folder == old_folder else remove(folder)
    correct(app, doc_id, "anna", department="acquisti")
"""


def document_folders(home: Path, doc_id: int) -> list[Path]:
    return sorted(p.parent for p in (home / "archive").glob(f"*/*/*/{doc_id}-*/document.json"))


@pytest.mark.parametrize("seam, department", [("before_commit", "amministrazione"), ("after_commit", "acquisti")])
def test_a_crash_inside_a_correction_leaves_a_consistent_home(home: Path, tmp_path: Path, seam: str,
                                                              department: str):
    sample = samples_of("born_digital", "fattura")[0]
    [record] = demat_json_lines(home, "ingest", str(sample))
    doc_id = record["id"]
    script = tmp_path / "correct_and_die.py"
    script.write_text(CORRECT_AND_DIE)
    child = subprocess.run([sys.executable, str(script), str(home), seam, str(doc_id)], cwd=REPO,
                           capture_output=True, text=True, timeout=300)
    assert child.returncode == -9, child.stderr
    assert len(document_folders(home, doc_id)) == 2  # the crash left a spare copy

    doc = Catalog(home / "catalog.sqlite3").document(doc_id)
    assert doc["department"] == department
    assert Path(doc["original_path"]).read_bytes() == sample.read_bytes()  # never on a missing folder

    checked = demat(home, "check")
    assert "REPAIRED" in checked.stdout and "a spare copy of document" in checked.stdout
    [folder] = document_folders(home, doc_id)
    assert folder == Path(doc["archive_dir"]) and folder.relative_to(home / "archive").parts[0] == department
    assert "the catalog and the files agree" in demat(home, "check").stdout
    if seam == "before_commit":  # the correction can simply be made again
        demat(home, "correct", str(doc_id), "--department", "acquisti")
        [folder] = document_folders(home, doc_id)
        assert folder.relative_to(home / "archive").parts[0] == "acquisti"
