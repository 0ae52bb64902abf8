# The project's commands. Each target creates the virtual environment and installs what it
# needs, so `make serve` and `make test` work on a fresh clone.
#   make serve   live preview on http://127.0.0.1:8000, rebuilt on every change
#   make build   strict build into site/ (never leaves a half-built site)
#   make test    the whole test suite (installs Debian's chromium and poppler-utils when missing)
#   make bench   page weight, Lighthouse and build time per edition (prints one JSON line)
# Every target that runs the build calls `python -m build_scripts COMMAND` (see --help there).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
export BROWSER_PATH ?= $(CHROMIUM)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build build-zensical test test-fast bench deps chromium poppler clean new-chapter new-chart snapshots urls

help:
	@sed -n 's/^#   //p' Makefile

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

deps: $(STAMP) chromium poppler

# Debian's chromium: used by kaleido (static chart images) and by the browser tests.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium (needed for static chart images and browser tests)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# Debian's poppler-utils (pdftotext, pdfinfo): the print tests read the PDFs Chromium prints.
poppler:
	@if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then \
	  echo "Installing Debian's poppler-utils (pdftotext, pdfinfo: needed by the print tests)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq poppler-utils >/dev/null; \
	fi

serve: deps
	$(BIN)/python -m build_scripts serve

build: deps
	$(BIN)/python -m build_scripts build

build-zensical: deps
	$(BIN)/python -m build_scripts build --generator zensical --site-dir site-zensical

test: deps
	$(BIN)/python -m pytest

test-fast: deps
	$(BIN)/python -m pytest -m "not browser and not slow"

bench: deps
	$(BIN)/python -m build_scripts bench

# Scaffolds (docs/contributing.md):
#   make new-chapter SLUG=cartel-finances TITLE="Where the money goes" [SOURCE=registry-id]
#   make new-chart ID=seizures-border SOURCE=registry-id
new-chapter: $(STAMP)
	@test -n "$(SLUG)" -a -n "$(TITLE)" || { echo 'usage: make new-chapter SLUG=some-slug TITLE="The title" [SOURCE=registry-id]'; exit 2; }
	$(BIN)/python -m build_scripts new-chapter --slug "$(SLUG)" --title "$(TITLE)" $(if $(SOURCE),--source "$(SOURCE)")

new-chart: $(STAMP)
	@test -n "$(ID)" || { echo 'usage: make new-chart ID=some-chart SOURCE=registry-id'; exit 2; }
	$(BIN)/python -m build_scripts new-chart --id "$(ID)" $(if $(SOURCE),--source "$(SOURCE)")

# After an intended change to a chart (docs/adding-a-chart.md); after adding pages or anchors:
#   make snapshots     rewrite the chart figure snapshots in tests/snapshots/
#   make urls          add the new pages and anchors to tests/published-urls.txt
snapshots: $(STAMP)
	$(BIN)/python -m build_scripts snapshots --update

urls: $(STAMP)
	$(BIN)/python -m build_scripts urls

# Maintainers, online only (not part of make test):
#   make check-links   fetch every url and archived_url in sources.yml, report the dead ones
#   make check-evidence   fetch each cited page, report every excerpt no longer on it
.PHONY: check-links check-evidence
check-links: $(STAMP)
	$(BIN)/python -m build_scripts check-links

check-evidence: $(STAMP)
	$(BIN)/python -m build_scripts check-evidence

clean:
	rm -rf site site.building site-zensical .cache content/generated .pytest_cache
