# The two commands of the README: `make demo` and `make check`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/acme-retail/2026-Q4.yaml
BASELINE ?= examples/acme-retail/2026-Q3.yaml

# System programs the tests drive as real clients do: Chromium (live workshop pages), LibreOffice
# (workbooks and decks), poppler and qpdf (PDF text layer and structure), PostgreSQL (the workshop
# store against a throwaway server), and Carlito, the metric twin of Calibri that the workbooks
# are set in, so LibreOffice lays a sheet out as Excel does (with a wider stand-in font it shrinks
# every printed page to fit). Installed with apt-get when running as root on Debian; elsewhere the
# tests that need them are skipped with the reason.
SYSTEM_PACKAGES := chromium libreoffice-calc libreoffice-impress poppler-utils qpdf postgresql-15 \
	fonts-crosextra-carlito

.PHONY: demo check system lint test bench clean messages language

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/readiness score $(EXAMPLE)
	$(BIN)/readiness report $(EXAMPLE) --baseline $(BASELINE) --force

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(VENV)/.installed
	$(BIN)/pytest

system:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing system packages:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "not installed (the tests that need them are skipped):" $$missing; \
	fi

check: system lint test

# The report's words: extract them into the template (messages.pot), bring every language's
# messages.po up to date, compile each to the messages.mo the report reads. A new language:
# `make language LANG_CODE=fr`, then translate src/readiness/report/locale/fr/LC_MESSAGES/messages.po
# and run `make messages`.
LOCALE := src/readiness/report/locale
POT_OPTIONS := -F babel.cfg --omit-header --add-location=file --add-comments=TRANSLATORS:

messages: $(VENV)/.installed
	mkdir -p $(LOCALE)
	$(BIN)/pybabel --quiet extract $(POT_OPTIONS) -o $(LOCALE)/messages.pot .
	if ls $(LOCALE)/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then \
		$(BIN)/pybabel --quiet update -i $(LOCALE)/messages.pot -d $(LOCALE) --ignore-obsolete && \
		$(BIN)/pybabel compile -d $(LOCALE) --statistics; \
	fi

language: $(VENV)/.installed
	test -n "$(LANG_CODE)" || { echo "usage: make language LANG_CODE=fr"; exit 1; }
	$(BIN)/pybabel init -i $(LOCALE)/messages.pot -d $(LOCALE) -l $(LANG_CODE)

bench: $(VENV)/.installed
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
