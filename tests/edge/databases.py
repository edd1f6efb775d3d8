"""Throwaway databases for tests that run `migrate` themselves.

Each one is a fresh `fe_adopt_*` database on the test server, reachable through Django as an
extra connection alias (so `call_command("migrate", database=alias)` runs in-process and its SQL
can be watched) and through a raw autocommit psycopg connection (as the old ops scripts and psql
would use it). It is dropped after the test, whatever happened.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connections
from psycopg.conninfo import make_conninfo


@dataclass
class Throwaway:
    alias: str  # the Django connection alias, also the database name
    raw: psycopg.Connection  # autocommit, like psql

    def rows(self, sql: str, params=()) -> list[tuple]:
        return self.raw.execute(sql, params).fetchall()

    def value(self, sql: str, params=()):
        return self.raw.execute(sql, params).fetchone()[0]


@contextmanager
def database_alias(alias: str, config: dict) -> Iterator[str]:
    """Make `config` reachable as connections[alias] for the duration."""
    connections.settings[alias] = config  # the same dict as settings.DATABASES
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]


def _conninfo(config: dict, dbname: str) -> str:
    parts = {k: config.get(k.upper()) for k in ("host", "port", "user", "password")}
    return make_conninfo(dbname=dbname, **{k: str(v) for k, v in parts.items() if v})


@pytest.fixture
def throwaway_postgres(django_db_blocker) -> Iterator[Throwaway]:
    config = connections.settings["default"]
    if connections["default"].vendor != "postgresql":
        pytest.skip("adoption is about Postgres: set DATABASE_URL=postgres://...")
    name = f"fe_adopt_{uuid.uuid4().hex[:12]}"
    server = _conninfo(config, "postgres")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with (
            django_db_blocker.unblock(),
            database_alias(name, {**config, "NAME": name, "CONN_MAX_AGE": 0}),
            psycopg.connect(_conninfo(config, name), autocommit=True) as raw,
        ):
            yield Throwaway(alias=name, raw=raw)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(alias: str) -> str:
    out = StringIO()
    call_command("migrate", database=alias, interactive=False, verbosity=1, stdout=out)
    return out.getvalue()


@contextmanager
def recorded_sql(alias: str) -> Iterator[list[str]]:
    """Every statement Django sends through connections[alias] meanwhile."""
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connections[alias].execute_wrapper(record):
        yield statements
