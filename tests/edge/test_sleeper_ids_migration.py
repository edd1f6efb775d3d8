"""fantasy 0014 on real Postgres: Sleeper ids stored in Yahoo's key columns move to their own,
and the check constraints keep each provider's id where it belongs."""

from io import StringIO

import psycopg
import pytest
from django.core.management import call_command

from edge.legacy_db import schema_problems
from tests.edge.databases import migrate

BEFORE = "0013_event_log_from_insights"
# The default schedules' data migration (edge.schedules) reads the default database: the test
# database, as in the rest of the suite, not the developer's.
pytestmark = pytest.mark.usefixtures("db")


def _migrate_fantasy_to(alias: str, target: str) -> None:
    call_command("migrate", "fantasy", target, database=alias, interactive=False, stdout=StringIO())


def _insert_league(db, key: str, provider: str) -> int:
    return db.value(
        "INSERT INTO leagues (yahoo_league_id, season, name, scoring_type, provider) "
        "VALUES (%s, 2025, 'L', 'head', %s) RETURNING id",
        [key, provider],
    )


def _insert_team(db, league_id: int, key: str) -> None:
    db.raw.execute(
        "INSERT INTO teams (league_id, yahoo_team_key, name) VALUES (%s, %s, 'T')",
        [league_id, key],
    )


def test_sleeper_keys_leave_the_yahoo_columns_and_come_back_on_reverse(throwaway_postgres):
    db = throwaway_postgres
    migrate(db.alias)
    _migrate_fantasy_to(db.alias, BEFORE)
    sleeper = _insert_league(db, "sleeper.l.1180365827213979648", "sleeper")
    yahoo = _insert_league(db, "461.l.595012", "yahoo")
    for roster in (1, 12):
        _insert_team(db, sleeper, f"sleeper.l.1180365827213979648.t.{roster}")
    _insert_team(db, yahoo, "461.l.595012.t.3")

    migrate(db.alias)

    assert db.rows(
        "SELECT provider, yahoo_league_id, sleeper_league_id FROM leagues ORDER BY id"
    ) == [
        ("sleeper", None, "1180365827213979648"),
        ("yahoo", "461.l.595012", None),
    ]
    assert db.rows(
        "SELECT league_id, yahoo_team_key, sleeper_roster_id FROM teams ORDER BY league_id, id"
    ) == [(sleeper, None, 1), (sleeper, None, 12), (yahoo, "461.l.595012.t.3", None)]
    assert schema_problems(using=db.alias) == []

    _migrate_fantasy_to(db.alias, BEFORE)

    assert db.rows("SELECT yahoo_league_id FROM leagues ORDER BY id") == [
        ("sleeper.l.1180365827213979648",),
        ("461.l.595012",),
    ]
    assert [key for (key,) in db.rows("SELECT yahoo_team_key FROM teams ORDER BY id")] == [
        "sleeper.l.1180365827213979648.t.1",
        "sleeper.l.1180365827213979648.t.12",
        "461.l.595012.t.3",
    ]


@pytest.mark.parametrize(
    "row",
    [
        ("yahoo", None, None),  # a Yahoo league keeps the seed's NOT NULL key
        ("yahoo", "461.l.1", "118"),  # no Sleeper id on a Yahoo league
        ("sleeper", "sleeper.l.118", "118"),  # no Sleeper key in Yahoo's column
    ],
)
def test_each_provider_keeps_its_own_league_id(throwaway_postgres, row):
    db = throwaway_postgres
    migrate(db.alias)
    with pytest.raises(psycopg.errors.CheckViolation):
        db.raw.execute(
            "INSERT INTO leagues (provider, yahoo_league_id, sleeper_league_id, season, name, "
            "scoring_type) VALUES (%s, %s, %s, 2025, 'L', 'head')",
            list(row),
        )


def test_a_team_has_one_provider_id_and_a_roster_once_per_league(throwaway_postgres):
    db = throwaway_postgres
    migrate(db.alias)
    league = db.value(
        "INSERT INTO leagues (provider, sleeper_league_id, season, name, scoring_type) "
        "VALUES ('sleeper', '118', 2025, 'L', 'head') RETURNING id"
    )
    insert = "INSERT INTO teams (league_id, yahoo_team_key, sleeper_roster_id, name) "
    with pytest.raises(psycopg.errors.CheckViolation):
        db.raw.execute(insert + "VALUES (%s, NULL, NULL, 'T')", [league])
    db.raw.execute(insert + "VALUES (%s, NULL, 1, 'T')", [league])
    with pytest.raises(psycopg.errors.UniqueViolation):
        db.raw.execute(insert + "VALUES (%s, NULL, 1, 'T')", [league])
