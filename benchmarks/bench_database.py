"""A benchmark's own Postgres database beside DATABASE_URL's (`<name>_<bench>`): a benchmark that
starts real processes (gunicorn, Celery workers) writes where no test or developer data lives."""

import sys
import urllib.parse

import psycopg


def bench_database(database_url: str, bench: str, *, fresh: bool, why: str = "") -> tuple[str, str]:
    """(url of `<name>_<bench>`, url of the server's `postgres` database for dropping it).

    `fresh`: dropped and created empty; otherwise created when missing. `why` ends the message
    when DATABASE_URL is not Postgres."""
    url = urllib.parse.urlparse(database_url)
    if not url.scheme.startswith("postgres"):
        sys.exit(f"{bench} needs DATABASE_URL=postgres://…{why}")
    name = f"{url.path.lstrip('/')}_{bench}"
    admin_url = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as db:
        if fresh:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{name}"')
    return url._replace(path=f"/{name}").geturl(), admin_url


def drop_bench_database(database_url: str, admin_url: str) -> None:
    name = urllib.parse.urlparse(database_url).path.lstrip("/")
    with psycopg.connect(admin_url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
