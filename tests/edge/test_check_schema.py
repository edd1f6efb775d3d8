"""`manage.py check_schema`: the seed §6.4 report, and a non-zero exit naming what is missing."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, connections

from tests.edge.databases import database_alias, migrate

REPO = Path(settings.BASE_DIR)


def check_schema(**options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("check_schema", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def failing_check_schema(**options) -> tuple[str, str, CommandError]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("check_schema", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue(), failed.value


@pytest.mark.django_db
def test_prints_tables_and_the_unique_slot_constraint():
    out, err = check_schema()

    tables = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert {"users", "roster_slots", "event_log", "job_runs", "auth_user"} <= set(tables)
    assert tables == sorted(tables)
    assert "uq_team_week_slot: UNIQUE (team_id, week, slot)" in out
    assert "matches the models" in out
    assert err == ""


@pytest.mark.django_db
def test_missing_constraint_fails_naming_it():
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE roster_slots DROP CONSTRAINT uq_team_week_slot")

    out, err, failed = failing_check_schema()

    assert "uq_team_week_slot: MISSING" in out
    assert "constraint uq_team_week_slot on roster_slots is missing" in err
    assert failed.returncode == 1
    assert "1 problem" in str(failed)


@pytest.mark.django_db
def test_missing_trigger_fails_naming_it():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER trg_leagues_updated_at ON leagues")

    _, err, _ = failing_check_schema()

    assert err.strip() == "trigger trg_leagues_updated_at is missing"


@pytest.mark.django_db
def test_lost_on_delete_action_and_index_are_reported():
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX idx_players_pos")
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'teams'::regclass "
            "AND contype = 'f' AND conkey = ARRAY[(SELECT attnum FROM pg_attribute "
            "WHERE attrelid = 'teams'::regclass AND attname = 'league_id')]"
        )
        (name,) = cursor.fetchone()
        cursor.execute(
            f'ALTER TABLE teams DROP CONSTRAINT "{name}", ADD CONSTRAINT "{name}" '
            "FOREIGN KEY (league_id) REFERENCES leagues (id)"
        )

    _, err, _ = failing_check_schema()

    assert "index idx_players_pos on players is missing" in err
    assert "teams.league_id lacks ON DELETE CASCADE" in err


def test_exits_non_zero_on_a_database_never_migrated(throwaway_postgres):
    env = {**os.environ, "DATABASE_URL": _url(throwaway_postgres.alias)}
    env.pop("DJANGO_ENV", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check_schema"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert "table users is missing" in result.stderr
    assert "table roster_slots is missing" in result.stderr
    assert "uq_team_week_slot: MISSING" in result.stdout


def _url(name: str) -> str:
    config = connections.settings["default"]
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    return (
        f"postgres://{config['USER']}{password}@{config['HOST'] or '127.0.0.1'}:"
        f"{config['PORT'] or 5432}/{name}"
    )


@pytest.fixture
def sqlite_alias(tmp_path, django_db_blocker):
    config = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "embedded.sqlite3"),
        "OPTIONS": {},
        "CONN_MAX_AGE": 0,
    }
    with django_db_blocker.unblock(), database_alias("embedded", config) as alias:
        yield alias


def test_on_sqlite_reports_tables_and_missing_columns(sqlite_alias):
    migrate(sqlite_alias)

    out, _ = check_schema(database=sqlite_alias)
    assert "  roster_slots\n" in out
    assert "uq_team_week_slot: UNIQUE (team_id, week, slot)" in out
    assert "matches the models" in out

    with connections[sqlite_alias].cursor() as cursor:
        cursor.execute("ALTER TABLE players DROP COLUMN injury_note")
        cursor.execute("DROP TABLE notes")
    _, err, failed = failing_check_schema(database=sqlite_alias)
    assert "column players.injury_note is missing" in err
    assert "table notes is missing" in err
    assert failed.returncode == 1
