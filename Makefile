# Signaal: `make run` sets up and serves the demo, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
PYTHON_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
# The suite runs in two processes, one per core of a small machine; 0 runs it in one.
PYTEST_WORKERS ?= 2
PORT ?= 8000

.PHONY: help install run serve worker test lint format check-chromium check-wrk bench bench-live messages clean backup restore check-haproxy cluster cluster-check cluster-stop bench-cluster

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(PYTHON_STAMP): pyproject.toml
	test -x $(PYTHON) || python3.11 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(PYTHON_STAMP) $(NODE_STAMP) ## Create .venv, install packages, migrate and load the demo content
	$(MANAGE) createcachetable
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo --base-url http://$(HOST):$(PORT)

run: install ## Set up everything and serve the demo at http://127.0.0.1:8000 (set HOST and PORT to change)
	$(MANAGE) runserver $(HOST):$(PORT)

serve: $(PYTHON_STAMP) $(NODE_STAMP) ## Serve under gunicorn with production settings (needs SECRET_KEY and ALLOWED_HOSTS)
	DJANGO_SETTINGS_MODULE=website.settings.production $(MANAGE) collectstatic --no-input
	DJANGO_SETTINGS_MODULE=website.settings.production $(MANAGE) createcachetable
	DJANGO_SETTINGS_MODULE=website.settings.production $(MANAGE) migrate --no-input
	DJANGO_SETTINGS_MODULE=website.settings.production $(VENV)/bin/gunicorn website.wsgi \
		--bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

worker: $(PYTHON_STAMP) ## Run the background task worker (reminders, PDFs, exports)
	$(MANAGE) db_worker

backup: ## Back up the PostgreSQL database at DATABASE_URL and MEDIA_ROOT into backups/<timestamp>/
	bash deploy/backup.sh

restore: $(PYTHON_STAMP) ## Restore a backup into DATABASE_URL and MEDIA_ROOT: make restore BACKUP=backups/<timestamp>
	BACKUP="$(BACKUP)" PYTHON=$(PYTHON) bash deploy/restore.sh

check-haproxy: ## Install Debian's HAProxy for the cluster when it is missing
	@command -v haproxy >/dev/null || { \
		echo "Installing Debian's HAProxy for the cluster..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy >/dev/null; }

cluster: $(PYTHON_STAMP) $(NODE_STAMP) check-haproxy ## Start HAProxy, three app servers, PostgreSQL with a streaming replica, Redis and two workers
	PYTHON=$(PYTHON) bash deploy/cluster/cluster.sh start

cluster-check: $(PYTHON_STAMP) ## Prove on the running cluster what several app servers must keep (docs/operations.md)
	. $${CLUSTER_DIR:-/tmp/signaal-cluster}/env && $(PYTHON) deploy/cluster/check.py

cluster-stop: ## Stop exactly what make cluster started
	PYTHON=$(PYTHON) bash deploy/cluster/cluster.sh stop

check-chromium: ## Install Debian's Chromium for the browser tests when it is missing
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's Chromium for the browser tests..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

check-wrk: ## Install Debian's wrk for the benchmarks when it is missing
	@command -v wrk >/dev/null || { \
		echo "Installing Debian's wrk for the benchmarks..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }

bench: $(PYTHON_STAMP) $(NODE_STAMP) check-wrk ## Load-test the production server on scale data (set DATABASE_URL for PostgreSQL)
	$(PYTHON) -m bench.run $(BENCH_ARGS)
	$(PYTHON) -m bench.live

bench-cluster: $(PYTHON_STAMP) $(NODE_STAMP) check-haproxy check-wrk ## The key pages through HAProxy with 1, 2 and 3 app servers (starts and stops its own cluster)
	$(PYTHON) -m bench.cluster $(BENCH_ARGS)

bench-live: $(PYTHON_STAMP) $(NODE_STAMP) ## Only the live-session benchmark: 200 phones vote on 10 statements (DATABASE_URL as for bench)
	$(PYTHON) -m bench.live

lint: $(PYTHON_STAMP) ## Check code style with ruff and the apps' layers with import-linter
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(PYTHON_STAMP) ## Reformat the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(PYTHON_STAMP) ## Update and compile the translation files
	$(MANAGE) makemessages --all --ignore='.venv/*' --ignore='node_modules/*'
	$(MANAGE) compilemessages --ignore='.venv/*'

test: $(PYTHON_STAMP) $(NODE_STAMP) check-chromium lint ## Lint, check, and run the whole test suite
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

clean: ## Remove the virtual environment, npm packages and the local database
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-wal db.sqlite3-shm .test-db-*.sqlite3*
