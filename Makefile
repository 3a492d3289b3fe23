# The two commands of the README. Both work on a fresh machine: they make a virtual
# environment in .venv and install what they need into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test check lint schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: install, check the example councils, and build the example site into site/
site: $(STAMP)
	$(BIN)/raad build . --out site

## test: install what the tests need and run lint, type checks and the whole suite
test: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/raad schema --check
	$(BIN)/python -m pytest -q

check: $(STAMP)
	$(BIN)/raad check --strict .

schema: $(STAMP)
	$(BIN)/raad schema

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache
