# Two set-up commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
# The first Python >= 3.11 found (a pyenv shim that cannot run counts as absent); PYTHON=... overrides.
PYTHON_CANDIDATES := python3.13 python3.12 python3.11 python3
ifndef PYTHON
PYTHON := $(shell for candidate in $(PYTHON_CANDIDATES); do \
	$$candidate -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
	&& { echo $$candidate; break; }; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
# Runtime packages for `make run`; development and test tools on top for the other targets.
STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
# Where `make run` serves (`make run PORT=8001 HOST=0.0.0.0`).
HOST ?= 127.0.0.1
PORT ?= 8000

# Tests and benchmarks talk to the real services on this machine (override to point elsewhere).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/fantasy_edge
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) CELERY_BROKER_URL=
# Production-like settings for `check --deploy` (throwaway secrets, never used to serve).
DEPLOY_ENV = DJANGO_ENV=production ALLOWED_HOSTS=api.example.com \
	DJANGO_SECRET_KEY=check-deploy-$(shell head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	TOKEN_CRYPTO_KEY=$(shell head -c 32 /dev/urandom | base64 | tr '+/' '-_') \
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL)

.PHONY: run port-free python test lint fuzz bench worker beat e2e clean test-db

# Creates the database named in TEST_DATABASE_URL when it is missing (pytest adds test_<name>).
define ENSURE_DB
import psycopg, sys, urllib.parse as u
url = u.urlparse(sys.argv[1]); name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as db:
    if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        db.execute(f'CREATE DATABASE "{name}"')
endef
export ENSURE_DB

# Fails before anything changes when the port is taken (SO_REUSEADDR as runserver binds, so a
# port a stopped server left in TIME_WAIT counts as free).
define PORT_FREE
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
with socket.socket(family, kind, proto) as probe:
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        probe.bind(address)
    except OSError as exc:
        sys.exit(f"Port {port} on {host} is already in use ({exc.strerror}): stop what serves "
                 f"it or choose another port, e.g. make run PORT={port + 1}")
endef
export PORT_FREE

python:
	@test -n "$(PYTHON)" || { echo "Fantasy Edge needs Python 3.11 or newer: none of \
	$(PYTHON_CANDIDATES) runs one here (or set PYTHON=/path/to/python3.11)" >&2; exit 1; }

$(STAMP): requirements.txt | python
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

port-free: python
	@$(PYTHON) -c "$$PORT_FREE" $(HOST) $(PORT)

# Rerunnable: the port is checked first, migrate and `seed_demo --if-empty` are no-ops on a
# seeded database, and demo_credentials shows the same demo key again (see the README).
run: port-free $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_credentials --base-url http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

# A real headless browser against a throwaway seeded server (needs root for apt, or chromium).
e2e: $(DEV_STAMP)
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	$(PY) -m pip install --quiet -r tests/e2e/requirements.txt
	$(PY) tests/e2e/browser_check.py

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-db: $(DEV_STAMP)
	@$(PY) -c "$$ENSURE_DB" $(TEST_DATABASE_URL)

test: $(DEV_STAMP) lint test-db
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	@echo check --deploy with production settings
	@$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(TEST_ENV) $(VENV)/bin/pytest --create-db -q -n auto --dist loadgroup

# Schemathesis against /api/schema with a signed-in user (`make test` runs it too).
fuzz: $(DEV_STAMP) test-db
	$(TEST_ENV) $(VENV)/bin/pytest tests/fantasy/api/test_fuzz.py -q

# Each run's numbers also go to benchmarks/results/<UTC time>.txt, to compare runs. Every
# benchmark runs; the target fails afterwards, naming each one that missed its target.
BENCHES := projections_bench playoff_odds_bench sync_bench workers_bench insights_bench \
	api_bench report_bench
bench: $(DEV_STAMP) test-db
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	mkdir -p benchmarks/results
	@log=benchmarks/results/$$(date -u +%Y%m%dT%H%M%SZ).txt; missed=""; \
	for bench in $(BENCHES); do \
		$(TEST_ENV) $(PY) benchmarks/$$bench.py 2>&1 | tee -a $$log; \
		[ $${PIPESTATUS[0]} -eq 0 ] || missed="$$missed $$bench"; \
	done; \
	if [ -n "$$missed" ]; then echo "make bench: target missed by:$$missed" | tee -a $$log; exit 1; fi; \
	echo "make bench: every target met" | tee -a $$log

worker: $(STAMP)
	$(VENV)/bin/celery -A edge worker --loglevel=INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A edge beat --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3 .demo-api-key
