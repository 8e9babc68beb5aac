# Two commands: `make run` and `make test`. Both set up everything they need and are
# quick and harmless to repeat.

PYTHON ?= $(shell command -v python3.11 || command -v python3 || command -v python)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test setup setup-dev static translations migrate demo lint typecheck format e2e bench clean

# The development server and a Celery worker with beat (the periodic jobs), started and stopped
# together by portal/run.py: on Redis when REDIS_URL is set, else on a broker in the folder var/.
run: setup migrate demo
	$(MANAGE) ensure_admin
	$(PY) -m portal.run --host $(HOST) --port $(PORT)

test: setup-dev
	$(PY) -m pytest $(PYTEST_ARGS)

# --- set-up -------------------------------------------------------------------------

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PIP) install -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PIP) install -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime translations static

setup-dev: $(VENV)/.dev translations static

translations: $(VENV)/.runtime
	@$(MANAGE) compiletranslations --verbosity 0

static: $(VENV)/.runtime
	@$(MANAGE) collectstatic --noinput --verbosity 0

migrate: $(VENV)/.runtime
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# --- tooling ------------------------------------------------------------------------

# The speed at volume through nginx and gunicorn, on PostgreSQL and Redis (bench/pages.py;
# BENCH_ARGS='--scales 0.1,1,10' for single requests at three volumes).
BENCH_ARGS ?=
bench: setup-dev
	$(PY) bench/pages.py $(BENCH_ARGS)

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(MAKE) typecheck

# mypy with django-stubs on what pyproject.toml's [tool.mypy] names (portal/lib, services,
# selectors, tasks).
typecheck: $(VENV)/.dev
	$(PY) -m mypy

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

e2e: setup-dev
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache .mypy_cache
	find locale -name '*.mo' -delete
