# intl_portal. `make run` and `make test` are the README's two commands.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Debian packages WeasyPrint needs to render (Pango, fonts).
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2
# And for the test suite: a browser for the end-to-end tests, PDF tools, gettext, LibreOffice
# (reads Word and Excel output back) and Java (runs the Nu HTML Checker).
TEST_DEBS := chromium poppler-utils gettext libreoffice-writer-nogui libreoffice-calc-nogui default-jre-headless

.PHONY: run test install install-dev python-base python-dev debs test-debs node-tools lint messages lock clean-test

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py seed_demo
	scripts/run_local.sh

# The suite runs in one process per core (pytest-xdist); TEST_PROCESSES=0 runs it in this one.
TEST_PROCESSES ?= auto
test: install-dev
	$(PY) -m pytest -n $(TEST_PROCESSES)

# Each says in one line what is wrong when it cannot install (no sudo, no network).
debs:
	@scripts/install_debs.sh $(RUN_DEBS)

test-debs: debs
	@scripts/install_debs.sh $(TEST_DEBS)

# The Python packages: scripts/install_python.sh checks for Python 3.11, makes .venv, bootstraps
# the pip pinned with its hashes in requirements/bootstrap.lock (never the one the system's Python
# bundles), installs the lock with --require-hashes --no-deps and runs `pip check`.
python-base: $(VENV)/.installed-base
python-dev: $(VENV)/.installed-dev

$(VENV)/.installed-base: requirements/base.lock requirements/bootstrap.lock
	@scripts/install_python.sh $(PYTHON) $(VENV) requirements/base.lock
	@touch $@

$(VENV)/.installed-dev: requirements/dev.lock requirements/bootstrap.lock
	@scripts/install_python.sh $(PYTHON) $(VENV) requirements/dev.lock
	@touch $@ $(VENV)/.installed-base

install: debs python-base

install-dev: test-debs node-tools python-dev

# Test-only processes from npm (an OpenID Connect provider, the Nu HTML Checker), locked in
# tools/package-lock.json.
node-tools: tools/node_modules/.installed

tools/node_modules/.installed: tools/package-lock.json
	@command -v npm >/dev/null || scripts/install_debs.sh nodejs npm
	@mkdir -p var/log; PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools --no-audit --no-fund --loglevel=error >var/log/npm.log 2>&1 \
	  || { echo "intl_portal: npm could not install tools/ from tools/package-lock.json (no network to the npm registry?); details in var/log/npm.log." >&2; exit 1; }
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

# Refresh the locks (README, "Refreshing the locks"): uv, pinned in dev.lock, resolves
# pyproject.toml and requirements/bootstrap.in for Python 3.11 with every file's hash.
lock: python-dev
	$(VENV)/bin/uv pip compile requirements/bootstrap.in --generate-hashes --python-version 3.11 -o requirements/bootstrap.lock
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/base.lock
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.lock
