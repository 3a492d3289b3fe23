# The two commands of the README. Both work on a fresh machine: they make a virtual
# environment in .venv and install what they need into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test bench chromium libreoffice check schema translations clean

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
test: $(STAMP) chromium libreoffice
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
	$(BIN)/raad schema --check
	$(BIN)/python -m pytest -q

# Browser tests drive Debian's Chromium; install it when we are root and it is missing.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# PDF tests convert documents with Debian's LibreOffice, as municipalities' word processors do.
libreoffice:
	@if ! command -v soffice >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's LibreOffice Writer for the PDF tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
	fi

## bench: the benchmark table for the small and the large synthetic municipality (on demand)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet zensical
	$(BIN)/python tests/bench/run.py small large

## translations: extract the labels from generator/ into generator/locale/messages.pot and merge
## them into every language's messages.po (new and changed messages then need translating)
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --add-location=file --no-wrap -c Translators: \
		--project=raad --copyright-holder="the raad authors" -o generator/locale/messages.pot .
	$(BIN)/pybabel update -i generator/locale/messages.pot -d generator/locale --no-wrap --ignore-obsolete

check: $(STAMP)
	$(BIN)/raad check --strict .

schema: $(STAMP)
	$(BIN)/raad schema

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache
