"""What installing demat puts into site-packages, and whether it can be installed on Python 3.12 and 3.13.

The repository keeps its top-level folders (pipeline/, web/, samples/, ...);
the wheel must hold them as subpackages of `demat` only, or they would clash
with any other package called `pipeline` or `web`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import REPO

FOLDERS = ("kernel", "pipeline", "extractors", "classifiers", "training", "indexer", "web", "samples")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out), str(REPO)],
                   check=True, capture_output=True)
    (built,) = out.glob("demat-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_puts_only_demat_at_the_top_of_site_packages(wheel: zipfile.ZipFile):
    top = {name.split("/")[0] for name in wheel.namelist()}
    assert {t for t in top if not t.endswith(".dist-info")} == {"demat"}
    metadata = next(n for n in wheel.namelist() if n.endswith(".dist-info/top_level.txt"))
    assert wheel.read(metadata).decode().split() == ["demat"]


def test_every_folder_is_a_subpackage_of_demat_with_its_data(wheel: zipfile.ZipFile):
    names = set(wheel.namelist())
    assert {f"demat/{folder}/__init__.py" for folder in FOLDERS} <= names
    assert "demat/kernel/schema.toml" in names  # read by the kernel when demat starts
    assert "demat/pipeline/commands/search.py" in names  # subpackages found, not listed
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "demat = demat.pipeline.cli:main" in wheel.read(entry_points).decode()


@pytest.mark.parametrize("python", ["3.12", "3.13"])
def test_every_dependency_has_a_wheel_for(python: str, tmp_path: Path):
    """Resolved for that Python without building anything from source (the tests run on 3.11).

    pip asks the package registry: a failed request is tried once more, and pip's own words are shown if
    the second attempt fails too, so a dependency with no wheel fails here and a network hiccup does not."""
    report = tmp_path / "report.json"
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed", "--only-binary",
               ":all:", "--python-version", python, "--target", str(tmp_path / "target"), "--report", str(report),
               f"{REPO}[test]"]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode == 0:
            break
    else:
        errors = [line for line in result.stderr.splitlines() if not line.startswith("WARNING: Location")]
        pytest.fail(f"pip could not resolve demat for Python {python}:\n" + "\n".join(errors[-20:]))
    installed = json.loads(report.read_text())["install"]
    files = [i["download_info"]["url"].rsplit("/", 1)[-1] for i in installed if i["metadata"]["name"] != "demat"]
    assert files and all(f.endswith(".whl") for f in files)
    assert {"spacy", "numpy", "pydantic"} <= {i["metadata"]["name"].lower() for i in installed}
