"""Bug: a bad file with a 240-255 byte name failed again at every start.

Its job was marked quarantined, then writing `.NAME.error.json.tmp` (the name
plus 16 bytes) failed with ENAMETOOLONG, and recover() failed the same way at
each start. Names we store are now shortened to leave room for what we add,
and a folder that cannot be recovered no longer stops the others.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from demat.indexer.archive import MAX_NAME_BYTES, safe_file_name
from demat.indexer.catalog import Catalog
from demat.kernel.config import load_config
from helpers import demat_json_lines, restart, samples_of


def long_name(length: int, extension: str = ".pdf") -> str:
    return "è" * ((length - len(extension)) // 2) + "x" * ((length - len(extension)) % 2) + extension


def test_stored_names_keep_their_extension_and_room_for_suffixes():
    for length in (240, 250, 255):
        name = safe_file_name(long_name(length, ".xml.p7m"))
        assert len(name.encode()) <= MAX_NAME_BYTES and name.endswith("~.xml.p7m")
        assert len(f".{name}-123456.error.json.tmp".encode()) <= 255
    assert safe_file_name("fattura.pdf") == "fattura.pdf"


def test_a_bad_file_with_a_long_name_is_quarantined_with_its_reason(home: Path, tmp_path: Path):
    name = long_name(252)
    bad, good = tmp_path / "bad" / name, tmp_path / "good" / name
    bad.parent.mkdir()
    good.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 nothing else")
    shutil.copyfile(samples_of("born_digital", "lettera")[0], good)
    records = demat_json_lines(home, "ingest", str(bad), str(good), check=False)
    assert sorted(r["status"] for r in records) == ["archived", "quarantined"]
    catalog = Catalog(home / "catalog.sqlite3")
    [job] = catalog.jobs(("quarantined",))
    assert job.original_name == name  # the catalog keeps the whole name
    reason = Path(job.quarantine_path + ".error.json")
    assert json.loads(reason.read_text())["file"] == name
    assert Path(job.quarantine_path).read_bytes() == b"%PDF-1.4 nothing else"


def test_a_processing_folder_that_cannot_be_recovered_is_held_and_the_rest_go_on(home: Path):
    config = load_config(home)
    config.ensure_folders()
    stuck = config.processing / "aaaa" / "stuck.pdf"
    stuck.parent.mkdir()
    stuck.write_bytes(b"x")
    catalog = Catalog(config.catalog_path)
    job = catalog.add_job("aaaa", "stuck.pdf")
    # quarantined in the catalog, but the move cannot be finished: the reason file's name is a folder
    catalog.update_job(job.id, "quarantined", "test", state="quarantined",
                       quarantine_path=str(config.quarantine / "stuck.pdf"))
    (config.quarantine / "stuck.pdf.error.json").mkdir()
    good = config.processing / "bbbb" / "lettera.pdf"
    good.parent.mkdir()
    shutil.copyfile(samples_of("born_digital", "lettera")[0], good)
    _, outcomes, counts, _ = restart(home)
    assert [o.status for o in outcomes] == ["archived"]
    assert counts == {"held": 1, "archived": 1}
    held = Catalog(config.catalog_path).job(job.id)
    assert "recovery after a crash failed" in held.error_message and held.error_action
    assert restart(home)[2] == counts  # and the next start is fine too
