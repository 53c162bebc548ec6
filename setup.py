"""Install the repository's top-level folders as subpackages of `demat` (`demat.pipeline` from `pipeline/`, ...).

The folders stay where a reader expects them, and nothing with a generic name
(`pipeline`, `web`, `samples`) lands at the top of site-packages. The list of
subpackages is found, not written, so a new module needs no change here; the
rest of the metadata is in pyproject.toml.
"""

from setuptools import find_packages, setup

FOLDERS = ("kernel", "pipeline", "extractors", "classifiers", "training", "indexer", "web", "samples")

setup(
    package_dir={f"demat.{folder}": folder for folder in FOLDERS},
    packages=[f"demat.{package}" for package in find_packages(include=[f"{folder}*" for folder in FOLDERS])],
)
