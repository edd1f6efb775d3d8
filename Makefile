# Two set-up commands for a newcomer: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Tests and benchmarks talk to the real services on this machine (override to point elsewhere).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/fantasy_edge
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
TEST_ENV := DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) CELERY_BROKER_URL=
# Production-like settings for `check --deploy` (throwaway secrets, never used to serve).
DEPLOY_ENV := DJANGO_ENV=production ALLOWED_HOSTS=api.example.com \
	DJANGO_SECRET_KEY=check-deploy-$(shell head -c 48 /dev/urandom | base64 | tr -d '/+=') \
	TOKEN_CRYPTO_KEY=$(shell head -c 32 /dev/urandom | base64 | tr '+/' '-_') \
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL)

.PHONY: run test lint fuzz bench worker beat e2e clean test-db

# Creates the database named in TEST_DATABASE_URL when it is missing (pytest adds test_<name>).
define ENSURE_DB
import psycopg, sys, urllib.parse as u
url = u.urlparse(sys.argv[1]); name = url.path.lstrip("/")
with psycopg.connect(url._replace(path="/postgres").geturl(), autocommit=True) as db:
    if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        db.execute(f'CREATE DATABASE "{name}"')
endef
export ENSURE_DB

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The demo league is seeded only into a database without any league (about 5 s the first time).
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_credentials
	$(PY) manage.py runserver 127.0.0.1:8000

# A real headless browser against a throwaway seeded server (needs root for apt, or chromium).
e2e: $(STAMP)
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	$(PY) -m pip install --quiet -r tests/e2e/requirements.txt
	$(PY) tests/e2e/browser_check.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test-db: $(STAMP)
	@$(PY) -c "$$ENSURE_DB" $(TEST_DATABASE_URL)

test: $(STAMP) lint test-db
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	@echo check --deploy with production settings
	@$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(TEST_ENV) $(VENV)/bin/pytest --create-db -q

# Schemathesis against /api/schema with a signed-in user (`make test` runs it too).
fuzz: $(STAMP) test-db
	$(TEST_ENV) $(VENV)/bin/pytest tests/fantasy/api/test_fuzz.py -q

# Each run's numbers also go to benchmarks/results/<UTC time>.txt, to compare runs. Every
# benchmark runs; the target fails afterwards, naming each one that missed its target.
BENCH_LOG := benchmarks/results/$(shell date -u +%Y%m%dT%H%M%SZ).txt
BENCHES := projections_bench playoff_odds_bench sync_bench workers_bench insights_bench \
	api_bench report_bench
bench: $(STAMP) test-db
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	mkdir -p benchmarks/results
	@missed=""; for bench in $(BENCHES); do \
		$(TEST_ENV) $(PY) benchmarks/$$bench.py 2>&1 | tee -a $(BENCH_LOG); \
		[ $${PIPESTATUS[0]} -eq 0 ] || missed="$$missed $$bench"; \
	done; \
	if [ -n "$$missed" ]; then echo "make bench: target missed by:$$missed" | tee -a $(BENCH_LOG); exit 1; fi; \
	echo "make bench: every target met" | tee -a $(BENCH_LOG)

worker: $(STAMP)
	$(VENV)/bin/celery -A edge worker --loglevel=INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A edge beat --loglevel=INFO

clean:
	rm -rf $(VENV) db.sqlite3
