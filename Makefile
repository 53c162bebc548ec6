# demat: two commands on a fresh machine.
#   make run   installs what is missing, then watches ./var/inbox (samples on a first run)
#   make test  the same set-up, then the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint setup system browser model bench samples clean

run: setup
	$(BIN)/demat watch --demo samples/committed

# The tests on every core (pytest-xdist): one worker process per core, each
# with its own private servers and temporary folders. A test file stays on one
# worker, so a fixture a file builds once (a trained model, an archived home,
# a browser) is still built once. TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto

test: setup browser lint
	$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) --dist loadfile

# Style and pyflakes (ruff), the layers of ARCHITECTURE.md (import-linter), the
# kernel's types (mypy, on demat.kernel through a link: it cannot follow the
# editable install). Any finding stops `make test`.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	@mkdir -p $(VENV)/typecheck/demat && ln -sfn $(CURDIR)/kernel $(VENV)/typecheck/demat/kernel
	MYPYPATH=$(VENV)/typecheck $(BIN)/mypy -p demat.kernel

setup: system $(STAMP)

system:
	@scripts/ensure-system-packages.sh

# The web tests drive Debian's Chromium with Playwright (no browser download).
browser:
	@scripts/ensure-system-packages.sh chromium:chromium

$(STAMP): pyproject.toml setup.py
	@$(PYTHON) -c 'import sys; assert (3, 11) <= sys.version_info[:2] <= (3, 13), "demat needs Python 3.11 to 3.13, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Rebuild the shipped document-type model from generated samples (fixed seed).
model: setup
	$(BIN)/python -m demat.training.train --out classifiers/model

# Regenerate the committed sample documents.
samples: setup
	$(BIN)/python -m demat.samples.generator --committed

# Every benchmark with its default sizes (100,000 documents for search: long).
bench: setup
	$(BIN)/pip install --quiet -e '.[bench]'
	for b in bench/*.py; do $(BIN)/python -m bench.$$(basename $$b .py) || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
