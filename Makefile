# Coaction Hub. The two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_URL ?= postgresql://postgres@127.0.0.1:5432
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup demo test test-sqlite test-postgres lint bench serve assets messages clean chromium

## setup: create .venv, install Python and npm packages, build and collect static files (idempotent)
setup: $(VENV)/.installed node_modules/.installed assets

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: build/static/coaction/app.css build/static/govuk/govuk-frontend.min.js staticfiles/.collected

build/static/coaction/app.css: $(wildcard coaction/core/assets/scss/*.scss) node_modules/.installed
	@mkdir -p $(dir $@)
	npx --no-install sass --pkg-importer=node --no-source-map --style=compressed --quiet-deps \
		coaction/core/assets/scss/app.scss $@

# Only the JavaScript: the precompiled CSS and the fonts carry the Transport typeface and the
# images carry the crown, neither of which Coaction Hub uses.
build/static/govuk/govuk-frontend.min.js: node_modules/.installed
	@mkdir -p $(dir $@)
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $@

staticfiles/.collected: build/static/coaction/app.css build/static/govuk/govuk-frontend.min.js $(shell find coaction -path '*/static/*' -type f 2>/dev/null)
	$(BIN)/coaction collectstatic --noinput --verbosity 0
	@touch $@

## demo: set everything up, load the invented demo area and serve it on 127.0.0.1:$(PORT)
demo: setup
	$(BIN)/coaction migrate --noinput --verbosity 0
	$(BIN)/pybabel --quiet compile --domain=django --directory=coaction/locale
	$(BIN)/coaction generate_dataset --scale demo
	DEBUG=$${DEBUG:-1} $(BIN)/coaction runserver 127.0.0.1:$(PORT)

## test: set everything up and run every test, on SQLite and then on PostgreSQL if one answers
test: setup chromium lint test-sqlite test-postgres

lint:
	$(BIN)/ruff check coaction bench tests
	$(BIN)/mypy

test-sqlite:
	$(BIN)/pybabel --quiet compile --domain=django --directory=coaction/locale
	@echo "== Tests on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/.test-db.sqlite3 $(BIN)/pytest -n 2 -q

test-postgres:
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== Tests on PostgreSQL ($(PG_URL))"; \
		DATABASE_URL=$(PG_URL)/coaction_ci_$$$$ $(BIN)/pytest -n 2 -q; \
	else \
		echo "== No PostgreSQL answers at $(PG_URL): skipping the PostgreSQL pass"; \
	fi

# Browser tests drive Debian's Chromium; install it when it is missing and we are root.
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser tests"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); \
		else \
			echo "chromium is missing: the browser tests will be skipped"; \
		fi; \
	fi

## bench: run the benchmarks; each prints its figure as a ratio against a baseline
bench: setup
	$(BIN)/python bench/run.py

## messages: refresh the translation catalogues from the source
messages:
	$(BIN)/pybabel extract --mapping-file=babel.cfg --project="Coaction Hub" --add-location=file \
		--ignore-dirs=".* ._ node_modules build staticfiles bench tests" \
		--keyword=gettext_lazy --keyword=gettext_noop --keyword=ngettext_lazy:1,2 \
		--keyword=pgettext:1c,2 --keyword=pgettext_lazy:1c,2 --keyword=npgettext:1c,2,3 \
		--output-file=coaction/locale/django.pot .
	$(BIN)/pybabel update --domain=django --input-file=coaction/locale/django.pot \
		--output-dir=coaction/locale --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile --domain=django --directory=coaction/locale --statistics

clean:
	rm -rf build staticfiles .test-db.sqlite3*
