# ThesisDesk: two commands set everything up on a fresh machine.
#   make run   install what it needs, then run ThesisDesk on its embedded default
#   make test  install what it needs, then run every check CI runs

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install --disable-pip-version-check -q
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test lint typecheck migrations-check pytest pytest-sqlite pytest-postgres php-lint \
	system-deps contract plugin bench clean

$(VENV)/.base-installed: requirements/base.txt requirements/constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -c requirements/constraints.txt -r requirements/base.txt
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.base-installed requirements/dev.txt
	$(PIP) -c requirements/constraints.txt -r requirements/dev.txt
	touch $@

run: $(VENV)/.base-installed
	$(BIN)/thesisdesk run

# Debian packages the checks use: PHP for the plugin's syntax check, Chromium for browser tests.
system-deps:
	@missing=""; \
	command -v php >/dev/null 2>&1 || missing="$$missing php-cli"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy src/thesisdesk

migrations-check: $(VENV)/.dev-installed
	$(BIN)/thesisdesk makemigrations --check --dry-run

php-lint: system-deps
	@if [ -d moodle/local_thesisdesk ]; then \
		find moodle/local_thesisdesk -name '*.php' -print0 | xargs -0 -n1 -P2 php -l -d display_errors=1 >/dev/null && \
		echo "PHP syntax OK"; \
	fi

pytest-sqlite: $(VENV)/.dev-installed system-deps
	DATABASE_URL= $(BIN)/pytest

pytest-postgres: $(VENV)/.dev-installed system-deps
	DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/pytest -p no:cacheprovider

pytest: pytest-sqlite pytest-postgres

test: lint typecheck migrations-check php-lint pytest

# The contract suite against a real Moodle named by MOODLE_URL, MOODLE_TOKEN,
# MOODLE_STUDENT_USERNAME and MOODLE_STUDENT_PASSWORD.
contract: $(VENV)/.dev-installed
	$(BIN)/pytest tests/contract --moodle=real

# The Moodle plugin as a zip for Moodle's plugin installer (Site administration > Plugins > Install plugins).
plugin:
	$(PYTHON) tools/build_plugin.py

clean:
	rm -rf $(VENV) dist .pytest_cache .mypy_cache .ruff_cache
