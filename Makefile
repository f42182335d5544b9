# The portal's commands. Needs GNU make and Python 3.11+ (python3 -m venv); nothing else.
#
#   make run            create .venv, install, migrate, load reference and demo data, serve on
#                       http://127.0.0.1:5000 (embedded mode: SQLite, in-process tasks)
#   make test           create .venv if needed and run the whole test suite
#   make lint           ruff check and ruff format --check
#   make translations   extract messages, update the vi/en catalogs, compile them
#   make worker / beat  Celery worker / scheduler (production mode: needs PORTAL_REDIS_URL)
#
# Variables: PYTHON (interpreter that creates .venv), HOST, PORT, PYTEST_ARGS.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_ARGS ?=
FLASK := $(BIN)/flask --app portal

TRANSLATIONS := portal/translations
LANGUAGES := vi en
CATALOGS := $(foreach lang,$(LANGUAGES),$(TRANSLATIONS)/$(lang)/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGS:.po=.mo)
POT := build/messages.pot
# Keep in step with EXTRA_KEYWORDS in tests/core/test_translations.py.
BABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k _ln:1,2 -k lazy_pgettext:1c,2

.PHONY: help install run serve test lint translations compile-translations worker beat

help:
	@sed -n '2,10p' Makefile | sed 's/^# \{0,1\}//'

# --- environment ------------------------------------------------------------------------------

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else \
		"Python 3.11 or newer is needed, found " + sys.version.split()[0] + \
		": run make with PYTHON=python3.11 (or newer)")'
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "python3 -m venv failed: on Debian/Ubuntu install the python3-venv package"; \
		exit 1; }

# Reinstall only when pyproject.toml (the pinned dependency list) changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

# --- translations -----------------------------------------------------------------------------

# .mo files are build products (git-ignored), compiled from the catalogs when these change.
$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po | $(STAMP)
	$(BIN)/pybabel compile --statistics -l $* -i $< -o $@

compile-translations: $(COMPILED)

translations: $(STAMP)
	@mkdir -p $(dir $(POT))
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --add-comments=TRANSLATORS: \
		--no-location --sort-output --project="Hai Duong labour portal" --version=0.1.0 \
		--copyright-holder="Hai Duong labour portal contributors" -o $(POT) .
	$(BIN)/pybabel update -i $(POT) -d $(TRANSLATIONS) --ignore-obsolete
	$(MAKE) --no-print-directory compile-translations

# --- the two commands -------------------------------------------------------------------------

run: $(STAMP) compile-translations
	$(FLASK) db upgrade
	$(FLASK) ref load
	$(FLASK) demo seed
	@$(MAKE) --no-print-directory serve

# One process with threads: the embedded mode's SQLite file, in-memory rate limits and
# in-process tasks are then shared by every request. Production runs more (see README).
serve: $(STAMP) compile-translations
	@echo "Serving the portal on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/gunicorn --workers 1 --threads 4 --bind $(HOST):$(PORT) \
		--access-logfile - 'portal:create_app()'

test: $(STAMP) compile-translations
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# --- background work (production mode) --------------------------------------------------------

worker: $(STAMP) compile-translations
	@test -n "$$PORTAL_REDIS_URL" || { echo "make worker needs PORTAL_REDIS_URL (and \
	PORTAL_DATABASE_URL, PORTAL_SECRET_KEY); the embedded mode runs tasks in-process"; exit 1; }
	$(BIN)/celery -A worker worker --loglevel=INFO

beat: $(STAMP)
	@test -n "$$PORTAL_REDIS_URL" || { echo "make beat needs PORTAL_REDIS_URL (and \
	PORTAL_DATABASE_URL, PORTAL_SECRET_KEY); run exactly one beat per deployment"; exit 1; }
	$(BIN)/celery -A worker beat --loglevel=INFO
