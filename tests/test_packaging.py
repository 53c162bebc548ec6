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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import REPO

PYTHONS = ("3.12", "3.13")  # besides 3.11, which runs the tests
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


def resolve(python: str, folder: Path) -> tuple[dict | None, str]:
    """pip's report of demat resolved for PYTHON without building anything from source, or pip's words.

    pip asks the package registry: a failed request is tried once more, so a dependency with no wheel
    fails the test and a network hiccup does not."""
    report = folder / f"report-{python}.json"
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed", "--only-binary",
               ":all:", "--python-version", python, "--target", str(folder / python), "--report", str(report),
               f"{REPO}[test]"]
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode == 0:
            return json.loads(report.read_text()), ""
    errors = [line for line in result.stderr.splitlines() if not line.startswith("WARNING: Location")]
    return None, "\n".join(errors[-20:])


@pytest.fixture(scope="module")
def resolved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict | None, str]]:
    """Both Pythons resolved at once: pip spends most of its time waiting for the registry."""
    folder = tmp_path_factory.mktemp("resolve")
    with ThreadPoolExecutor(len(PYTHONS)) as pool:
        return dict(zip(PYTHONS, pool.map(lambda python: resolve(python, folder), PYTHONS), strict=True))


@pytest.mark.parametrize("python", PYTHONS)
def test_every_dependency_has_a_wheel_for(python: str, resolved: dict[str, tuple[dict | None, str]]):
    """Only 3.11 runs the tests here; 3.12 and 3.13 must at least install from wheels."""
    report, errors = resolved[python]
    assert report is not None, f"pip could not resolve demat for Python {python}:\n{errors}"
    installed = report["install"]
    files = [i["download_info"]["url"].rsplit("/", 1)[-1] for i in installed if i["metadata"]["name"] != "demat"]
    assert files and all(f.endswith(".whl") for f in files)
    assert {"spacy", "numpy", "pydantic"} <= {i["metadata"]["name"].lower() for i in installed}
