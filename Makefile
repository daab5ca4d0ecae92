# intl_portal. `make run` and `make test` are the README's two commands.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages WeasyPrint needs to render (Pango, fonts).
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2
# And for the test suite: a browser for the end-to-end tests, PDF tools, gettext, LibreOffice
# (reads Word and Excel output back) and Java (runs the Nu HTML Checker).
TEST_DEBS := chromium poppler-utils gettext libreoffice-writer-nogui libreoffice-calc-nogui default-jre-headless

.PHONY: run test install install-dev debs test-debs node-tools lint messages lock clean-test

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo
	scripts/run_local.sh

# The suite runs in one process per core (pytest-xdist); TEST_PROCESSES=0 runs it in this one.
TEST_PROCESSES ?= auto
test: install-dev
	$(PY) -m pytest -n $(TEST_PROCESSES)

debs:
	@missing=$$(for p in $(RUN_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

test-debs: debs
	@missing=$$(for p in $(TEST_DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: requirements/base.lock | $(VENV)/bin/python
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements/base.lock
	touch $@

$(VENV)/.installed-dev: requirements/dev.lock | $(VENV)/bin/python
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements/dev.lock
	touch $@ $(VENV)/.installed-base

install: debs $(VENV)/.installed-base

install-dev: test-debs node-tools $(VENV)/.installed-dev

# Test-only processes from npm (an OpenID Connect provider, the Nu HTML Checker), locked in
# tools/package-lock.json.
node-tools: tools/node_modules/.installed

tools/node_modules/.installed: tools/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; }
	npm ci --prefix tools --no-audit --no-fund --loglevel=error
	touch $@

# Style, migrations, types (mypy with django-stubs) and the layers (import-linter contracts in
# pyproject.toml). CI runs this before the tests.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

messages: install-dev
	$(PY) manage.py makemessages -l sv -l en --no-obsolete --ignore=.venv --ignore=var --ignore=static --ignore=test-artifacts --ignore=tools
	$(PY) manage.py compilemessages --ignore=.venv

lock:
	$(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.lock
