# The two commands of the README. Both work on a fresh machine: they make a virtual
# environment in .venv and install what they need into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The exact versions of everything installed, the ones the tests passed with (see `make lock`).
LOCK := constraints.txt

.PHONY: site test bench chromium libreoffice ocr vnu check schema translations lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs the lock's versions and nothing else: pip and setuptools first (raad's editable
# install is built with these, not with whatever setuptools is newest), then raad with its test
# extras. A package the lock no longer names is removed, and the result must equal the lock.
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(LOCK) pip setuptools
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-build-isolation -c $(LOCK) -e '.[test]'
	$(BIN)/python -m pip freeze --all --exclude-editable > $(VENV)/installed.txt
	grep -vxFf $(LOCK) $(VENV)/installed.txt | cut -d= -f1 | xargs -r $(BIN)/python -m pip uninstall --quiet -y
	grep -v '^#' $(LOCK) > $(VENV)/locked.txt
	$(BIN)/python -m pip freeze --all --exclude-editable | diff -u $(VENV)/locked.txt - \
		|| { echo "$(VENV) differs from $(LOCK) (above); run make clean and try again" >&2; exit 1; }
	touch $(STAMP)

## site: install, check the example councils, and build the example site into site/
site: $(STAMP) ocr
	$(BIN)/raad build . --out site

## test: install what the tests need and run lint, type checks and the whole suite
test: $(STAMP) chromium libreoffice ocr vnu
	$(BIN)/ruff check generator tests
	$(BIN)/mypy
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

# Scanned pages are read by text recognition: OCRmyPDF (installed with raad) runs Debian's
# Tesseract with its Norwegian model; install them when we are root and they are missing.
# (OCRmyPDF renders pages itself and writes plain PDF, so it needs no Ghostscript.)
ocr:
	@if ! { command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx nor; } \
		&& [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's Tesseract with the Norwegian model for OCR of scanned minutes"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-nor >/dev/null; \
	fi

# The W3C Nu HTML checker (vnu.jar from npm, in the version of tests/tools/vnu/package-lock.json)
# checks the built pages' HTML; it runs on Java, installed from Debian when we are root and it is
# missing. The package's own install script (which would download a Java) is not run.
VNU := tests/tools/vnu
VNU_STAMP := $(VNU)/node_modules/.installed
vnu: $(VNU_STAMP)
	@if ! command -v java >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's Java runtime for the HTML checker"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	fi

$(VNU_STAMP): $(VNU)/package.json $(VNU)/package-lock.json
	npm ci --prefix $(VNU) --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(VNU_STAMP)

## bench: the benchmark table for the small and the large synthetic municipality, and the
## cost of each hostile input (on demand)
# (Zensical comes with the test extras, in the lock's version.)
bench: $(STAMP)
	$(BIN)/python tests/bench/run.py small large
	$(BIN)/python tests/bench/hostile.py

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

## lock: upgrade the lock to the newest versions pyproject.toml allows (then make test, and commit it)
# A fresh temporary environment on $(PYTHON), so nothing of .venv carries over; $(STAMP)
# depends on the lock, so the next make installs what it now says.
lock:
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip setuptools; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-build-isolation -e '.[test]'; \
	{ echo "# The exact versions make installs (pip install -c $(LOCK)): the ones the tests passed with."; \
	  echo "# Written by make lock on Python $$("$$tmp/venv/bin/python" -c 'import platform; print(platform.python_version())'); do not edit by hand:"; \
	  echo "# run make lock, then make test, and commit this file with what the new versions changed."; \
	  "$$tmp/venv/bin/python" -m pip freeze --all --exclude-editable; } > $(LOCK).new; \
	mv $(LOCK).new $(LOCK); \
	echo "$(LOCK) now holds the newest versions pyproject.toml allows; run make test, then commit it"

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache
