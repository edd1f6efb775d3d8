"""`manage.py migrate` on real Postgres: an empty database, a database made by the old Alembic
stack (both variants, with real rows), and a rerun. Each test migrates its own throwaway
database (tests/edge/databases.py).
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError

from accounts.models import User
from accounts.sessions import session_id_for
from edge.legacy_db import AdoptionError, constraint_definition, project_models, schema_problems
from edge.schedules import default_schedules
from fantasy.models import League, RosterSlot
from tests.edge.databases import Throwaway, migrate, recorded_sql
from tests.factories import RosterSlotFactory, TeamFactory

SEED_TABLES = {
    "users",
    "sessions",
    "yahoo_accounts",
    "leagues",
    "teams",
    "players",
    "roster_slots",
    "matchups",
    "projections",
    "waiver_candidates",
    "streamer_signals",
    "user_preferences",
    "notes",
    "event_log",
    "jobs",
    "job_runs",
}
SEED_INDEXES = {
    "idx_sessions_user_expires",
    "idx_teams_league",
    "idx_players_pos",
    "idx_roster_slots_team_week",
    "idx_matchups_league_week",
    "idx_projections_week",
    "idx_notes_user_player",
    "idx_event_log_ts",
}
UPDATED_AT_TABLES = {
    "users",
    "yahoo_accounts",
    "leagues",
    "teams",
    "players",
    "roster_slots",
    "matchups",
    "projections",
    "user_preferences",
    "jobs",
}
OLD_SCHEMA = Path(__file__).with_name("old_alembic_schema.sql").read_text()
FIXED_DDL, OLDER_VARIANT_DDL = OLD_SCHEMA.split("-- older variant\n")
# The seed's §1 DDL verbatim declares the unique inline, so Postgres names it itself.
INLINE_UNIQUE_DDL = """
ALTER TABLE roster_slots DROP CONSTRAINT uq_team_week_slot;
ALTER TABLE roster_slots ADD UNIQUE (team_id, week, slot);
"""
VARIANTS = {
    "fixed": FIXED_DDL,
    "older": FIXED_DDL + OLDER_VARIANT_DDL,
    "inline_unique": FIXED_DDL + INLINE_UNIQUE_DDL,
}

# Real rows, explicit ids with gaps, as the old stack's sync and ops scripts left them.
# `{slot}` is roster_slots' slot column: `position` in the older variant.
OLD_ROWS = """
INSERT INTO users (id, yahoo_guid, email, display_name, avatar_url, created_at, updated_at) VALUES
 (1, 'GUIDALICE', 'Alice@Example.com', 'Alice', 'https://img.example/a.png',
  '2023-08-01 12:00:00+00', '2023-09-02 08:30:00+00'),
 (2, 'GUIDBOB', 'bob@example.com', 'Bob', NULL, '2023-08-02 12:00:00+00', '2023-08-02 12:00:00+00'),
 (7, NULL, 'demo@edge.local', 'Demo', NULL, '2023-08-03 09:00:00+00', '2023-08-03 09:00:00+00');
INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, user_agent, ip_addr) VALUES
 ('6f1c2a34-5b6d-4e7f-8091-a2b3c4d5e6f7', 1, '2023-09-01 10:00:00+00', '2023-09-03 10:00:00+00',
  '2023-10-01 10:00:00+00', 'Mozilla/5.0', '203.0.113.7'),
 ('0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', 2, '2023-09-01 11:00:00+00', '2023-09-01 11:00:00+00',
  '2023-10-01 11:00:00+00', NULL, '2001:db8::1');
INSERT INTO yahoo_accounts (id, user_id, yahoo_guid, scope, access_token_enc, refresh_token_enc,
  access_expires_at, created_at, updated_at) VALUES
 (3, 1, 'GUIDALICE', 'fspt-r', 'gAAAAABkAccessAlice', 'gAAAAABkRefreshAlice',
  '2023-09-03 11:00:00+00', '2023-08-01 12:00:00+00', '2023-09-03 10:00:00+00'),
 (4, 2, 'GUIDBOB', 'fspt-r', 'gAAAAABkAccessBob', 'gAAAAABkRefreshBob',
  '2023-09-03 12:00:00+00', '2023-08-02 12:00:00+00', '2023-09-03 11:00:00+00');
INSERT INTO leagues (id, yahoo_league_id, season, name, scoring_type, roster_positions, created_at,
  updated_at) VALUES
 (10, '423.l.1001', 2023, 'Misfits', 'head',
  '[{"position": "QB", "count": 1}, {"position": "WR", "count": 2},
    {"position": "BN", "count": 5}]',
  '2023-08-05 00:00:00+00', '2023-09-01 00:00:00+00'),
 (11, '423.l.2002', 2023, 'Office League', 'point', '[]', '2023-08-06 00:00:00+00',
  '2023-08-06 00:00:00+00');
INSERT INTO teams (id, league_id, yahoo_team_key, name, logo_url, manager_user_id, created_at,
  updated_at) VALUES
 (100, 10, '423.l.1001.t.1', 'Alice''s Aces', 'https://img.example/t1.png', 1,
  '2023-08-05 00:00:00+00', '2023-09-01 00:00:00+00'),
 (101, 10, '423.l.1001.t.2', 'Bob''s Bombers', NULL, 2, '2023-08-05 00:00:00+00',
  '2023-08-05 00:00:00+00'),
 (105, 11, '423.l.2002.t.1', 'Cubicle Crew', NULL, NULL, '2023-08-06 00:00:00+00',
  '2023-08-06 00:00:00+00');
INSERT INTO players (id, yahoo_player_id, full_name, position_primary, nfl_team, bye_week, status,
  meta, created_at, updated_at) VALUES
 (500, '423.p.30123', 'Patrick Mahomes', 'QB', 'KC', 10, NULL, '{"uniform": "15"}',
  '2023-08-05 00:00:00+00', '2023-09-01 00:00:00+00'),
 (501, '423.p.31883', 'Ja''Marr Chase', 'WR', 'CIN', 7, 'Q', '{}', '2023-08-05 00:00:00+00',
  '2023-09-02 00:00:00+00'),
 (502, '423.p.32692', 'Tee Higgins', 'WR', 'CIN', 7, NULL, '{}', '2023-08-05 00:00:00+00',
  '2023-08-05 00:00:00+00'),
 (503, NULL, 'Custom Kicker', 'K', NULL, NULL, NULL, '{"custom": true}',
  '2023-08-05 00:00:00+00', '2023-08-05 00:00:00+00');
INSERT INTO roster_slots (id, league_id, team_id, week, {slot}, player_id, projected_pts,
  actual_pts, is_starter, created_at, updated_at) VALUES
 (1000, 10, 100, 1, 'QB', 500, 22.40, 27.86, TRUE, '2023-09-07 00:00:00+00',
  '2023-09-12 00:00:00+00'),
 (1001, 10, 100, 1, 'WR1', 501, 17.10, 9.20, TRUE, '2023-09-07 00:00:00+00',
  '2023-09-12 00:00:00+00'),
 (1002, 10, 100, 1, 'BN1', 502, 11.00, NULL, FALSE, '2023-09-07 00:00:00+00',
  '2023-09-07 00:00:00+00'),
 (1003, 10, 101, 1, 'QB', NULL, NULL, NULL, TRUE, '2023-09-07 00:00:00+00',
  '2023-09-07 00:00:00+00'),
 (1004, 10, 100, 2, 'QB', 500, 23.00, NULL, TRUE, '2023-09-14 00:00:00+00',
  '2023-09-14 00:00:00+00'),
 (1010, 11, 105, 1, 'K', 503, 8.50, 10.00, TRUE, '2023-09-07 00:00:00+00',
  '2023-09-07 00:00:00+00');
INSERT INTO matchups (id, league_id, week, team_id, opponent_team_id, projected_pts, actual_pts,
  created_at, updated_at) VALUES
 (20, 10, 1, 100, 101, 112.35, 98.10, '2023-09-07 00:00:00+00', '2023-09-12 00:00:00+00'),
 (21, 10, 1, 101, 100, 104.90, 120.44, '2023-09-07 00:00:00+00', '2023-09-12 00:00:00+00'),
 (22, 11, 1, 105, NULL, NULL, NULL, '2023-09-07 00:00:00+00', '2023-09-07 00:00:00+00');
INSERT INTO projections (id, player_id, week, source, points, breakdown, created_at, updated_at)
VALUES
 (300, 500, 1, 'yahoo', 22.40, '{"pass_yds": 285, "pass_td": 2}', '2023-09-06 00:00:00+00',
  '2023-09-06 00:00:00+00'),
 (301, 500, 1, 'internal', 21.75, '{}', '2023-09-06 00:00:00+00', '2023-09-06 00:00:00+00'),
 (302, 501, 1, 'yahoo', 17.10, '{"rec": 7}', '2023-09-06 00:00:00+00', '2023-09-06 00:00:00+00');
INSERT INTO waiver_candidates (id, league_id, week, player_id, delta_xfp, fit_score,
  faab_suggestion, acquisition_prob, created_at) VALUES
 (40, 10, 2, 502, 3.25, 71.50, 12, 0.45, '2023-09-12 00:00:00+00'),
 (41, 11, 2, 502, 1.10, 40.00, NULL, NULL, '2023-09-12 00:00:00+00');
INSERT INTO streamer_signals (id, week, kind, subject_id, fit_score, weather_bucket, meta,
  created_at) VALUES
 (50, 2, 'def', 105, 66.60, 1, '{"opponent": "ARI"}', '2023-09-12 00:00:00+00'),
 (51, 2, 'idp', 502, 42.00, 0, '{}', '2023-09-12 00:00:00+00');
INSERT INTO user_preferences (user_id, theme, saved_views, pinned_players, updated_at) VALUES
 (1, 'dark', '{"roster": {"sort": "proj"}}', '{500,501}', '2023-09-02 00:00:00+00'),
 (2, 'system', '{}', '{}', '2023-08-02 12:00:00+00');
INSERT INTO notes (id, user_id, player_id, note, created_at) VALUES
 (60, 1, 501, 'Ankle: check Friday''s report', '2023-09-08 00:00:00+00'),
 (61, 2, 500, 'Start every week', '2023-09-08 01:00:00+00');
INSERT INTO event_log (id, ts, type, payload) VALUES
 (70, '2023-09-08 15:00:00+00', 'injury', '{"player_id": 501, "status": "Q"}'),
 (71, '2023-09-10 16:00:00+00', 'lock', '{"game": "CIN@CLE"}');
INSERT INTO jobs (id, kind, payload, not_before, attempts, status, created_at, updated_at) VALUES
 ('9b2d7e4a-1c3f-4e5a-8b6c-7d8e9f0a1b2c', 'sync_user', '{"user_id": 1}', NULL, 1, 'done',
  '2023-09-10 00:00:00+00', '2023-09-10 00:05:00+00'),
 ('1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', 'sync_user', '{"user_id": 2}', '2023-09-11 00:00:00+00',
  0, 'queued', '2023-09-10 00:00:00+00', '2023-09-10 00:00:00+00');
INSERT INTO job_runs (id, job_id, started_at, finished_at, ok, message) VALUES
 (80, '9b2d7e4a-1c3f-4e5a-8b6c-7d8e9f0a1b2c', '2023-09-10 00:01:00+00', '2023-09-10 00:05:00+00',
  TRUE, 'synced 1 league'),
 (81, NULL, '2023-09-10 00:06:00+00', NULL, NULL, NULL);
"""

# One raw insert per table giving only what has no database default: the old ops scripts do so.
RAW_INSERTS_WITHOUT_DEFAULTS = {
    "users": "INSERT INTO users (email) VALUES ('ops@edge.local')",
    "sessions": "INSERT INTO sessions (id, user_id, expires_at) "
    "VALUES ('5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', 7, now() + interval '1 day')",
    "yahoo_accounts": "INSERT INTO yahoo_accounts (user_id, yahoo_guid, access_token_enc, "
    "refresh_token_enc, access_expires_at) VALUES (7, 'GUIDDEMO', 'a', 'r', now())",
    "leagues": "INSERT INTO leagues (yahoo_league_id, season, name, scoring_type) "
    "VALUES ('423.l.3003', 2023, 'Raw League', 'head')",
    "teams": "INSERT INTO teams (league_id, yahoo_team_key, name) "
    "VALUES (11, '423.l.2002.t.2', 'T')",
    "players": "INSERT INTO players (full_name) VALUES ('Raw Player')",
    "roster_slots": "INSERT INTO roster_slots (league_id, team_id, week, slot) "
    "VALUES (11, 105, 1, 'BN1')",
    "matchups": "INSERT INTO matchups (league_id, week, team_id) VALUES (11, 2, 105)",
    "projections": "INSERT INTO projections (player_id, week, source, points) "
    "VALUES (503, 1, 'yahoo', 8.00)",
    "waiver_candidates": "INSERT INTO waiver_candidates (league_id, week, player_id) "
    "VALUES (10, 3, 502)",
    "streamer_signals": "INSERT INTO streamer_signals (week, kind, subject_id) "
    "VALUES (3, 'def', 105)",
    "user_preferences": "INSERT INTO user_preferences (user_id) VALUES (7)",
    "notes": "INSERT INTO notes (user_id, player_id, note) VALUES (7, 500, 'raw')",
    "event_log": "INSERT INTO event_log (type, payload) VALUES ('refresh', '{}')",
    "jobs": "INSERT INTO jobs (id, kind, payload) "
    "VALUES ('7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', 'sync_user', '{}')",
    "job_runs": "INSERT INTO job_runs (job_id) VALUES ('7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d')",
}

SCHEMA_CHANGE = re.compile(r"^\s*(CREATE|ALTER|DROP|COMMENT|TRUNCATE|INSERT|UPDATE|DELETE)\b", re.I)


def load_old_database(db: Throwaway, variant: str) -> None:
    db.raw.execute(VARIANTS[variant])
    db.raw.execute(OLD_ROWS.replace("{slot}", "position" if variant == "older" else "slot"))


def table_columns(db: Throwaway, table: str) -> list[str]:
    return [
        row[0]
        for row in db.rows(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
            [table],
        )
    ]


def dump_rows(db: Throwaway, columns_by_table: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every row of every table as Postgres prints it, over the given columns."""
    dump = {}
    for table, columns in columns_by_table.items():
        row = ", ".join(f'"{c}"' for c in columns)
        dump[table] = [r[0] for r in db.rows(f"SELECT ROW({row})::text FROM {table} ORDER BY 1")]
    return dump


def snapshot(db: Throwaway) -> dict:
    """Everything about a database a migration could change: schema, sequences and rows."""
    tables = [r[0] for r in db.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    return {
        "columns": db.rows(
            "SELECT table_name, column_name, data_type, column_default, is_nullable "
            "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2"
        ),
        "constraints": db.rows(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2"
        ),
        "indexes": db.rows(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
        ),
        "triggers": db.rows(
            "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal "
            "ORDER BY 1"
        ),
        "functions": db.rows(
            "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1"
        ),
        "sequences": db.rows(
            "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' "
            "ORDER BY 1"
        ),
        "rows": dump_rows(db, {t: table_columns(db, t) for t in tables}),
    }


def public_tables(db: Throwaway) -> set[str]:
    return {r[0] for r in db.rows("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def assert_rerun_is_a_noop(db: Throwaway) -> None:
    before = snapshot(db)
    with recorded_sql(db.alias) as statements:
        output = migrate(db.alias)
    assert "No migrations to apply." in output
    assert [s for s in statements if SCHEMA_CHANGE.match(s)] == []
    assert snapshot(db) == before
    shown = StringIO()
    call_command("showmigrations", database=db.alias, stdout=shown)
    assert "[X]" in shown.getvalue()
    assert "[ ]" not in shown.getvalue()
    assert schema_problems(using=db.alias) == []


def assert_updated_at_triggers(db: Throwaway, tables: set[str]) -> None:
    triggers = {
        r[0]: r[1]
        for r in db.rows(
            "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
            "WHERE NOT tgisinternal AND tgname LIKE 'trg\\_%%\\_updated\\_at'"
        )
    }
    assert {t: f"trg_{t}_updated_at" for t in tables} == {
        t: name for t, name in triggers.items() if t in tables
    }


def test_migrate_creates_every_table_on_an_empty_database(throwaway_postgres):
    db = throwaway_postgres
    migrate(db.alias)

    tables = public_tables(db)
    assert tables >= SEED_TABLES
    assert tables >= {m._meta.db_table for m in project_models()}
    assert "alembic_version" not in tables
    # The data migrations write to the database being migrated, not the default one.
    assert {name for (name,) in db.rows("SELECT name FROM django_celery_beat_periodictask")} == {
        default.name for default in default_schedules()
    }
    assert schema_problems(using=db.alias) == []
    report = StringIO()
    call_command("check_schema", database=db.alias, stdout=report)
    assert "uq_team_week_slot: UNIQUE (team_id, week, slot)" in report.getvalue()
    assert (
        constraint_definition("roster_slots", "uq_team_week_slot", using=db.alias)
        == "UNIQUE (team_id, week, slot)"
    )
    assert {r[0] for r in db.rows("SELECT indexname FROM pg_indexes")} >= SEED_INDEXES
    assert_updated_at_triggers(db, UPDATED_AT_TABLES)
    assert (
        db.value(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'users' AND column_name = 'email'"
        )
        == "USER-DEFINED"
    )
    assert (
        db.value(
            "SELECT udt_name FROM information_schema.columns "
            "WHERE table_name = 'user_preferences' AND column_name = 'pinned_players'"
        )
        == "_int8"
    )

    # Raw SQL keeps working as it did for the old ops scripts: database defaults and triggers.
    league_id, created, roster_positions = db.raw.execute(
        "INSERT INTO leagues (yahoo_league_id, season, name, scoring_type) "
        "VALUES ('423.l.1', 2023, 'L', 'head') RETURNING id, created_at, roster_positions"
    ).fetchone()
    assert created is not None and roster_positions == []
    db.raw.execute("UPDATE leagues SET updated_at = '2000-01-01' WHERE id = %s", [league_id])
    assert db.value("SELECT updated_at FROM leagues WHERE id = %s", [league_id]).year > 2000

    assert_rerun_is_a_noop(db)


@pytest.mark.parametrize("variant", ["fixed", "older", "inline_unique"])
def test_migrate_adopts_an_old_alembic_database_without_changing_a_row(throwaway_postgres, variant):
    db = throwaway_postgres
    load_old_database(db, variant)
    slot_column = "position" if variant == "older" else "slot"
    old_columns = {t: table_columns(db, t) for t in SEED_TABLES | {"alembic_version"}}
    max_ids = {
        t: db.value(f"SELECT max(id) FROM {t}")
        for t in SEED_TABLES - {"sessions", "jobs", "user_preferences"}
    }

    old_session_ids = {str(row[0]) for row in db.rows("SELECT id FROM sessions")}
    # Stored session ids are cookie values there: the migration keeps each session under the
    # digest of its value (accounts 0003), every other column as it was.
    kept = {**old_columns, "sessions": [c for c in old_columns["sessions"] if c != "id"]}
    before = dump_rows(db, kept)

    output = migrate(db.alias)

    assert "fantasy.0001_initial... OK" in output
    renamed = {
        **kept,
        "roster_slots": ["slot" if c == slot_column else c for c in old_columns["roster_slots"]],
    }
    assert dump_rows(db, renamed) == before
    assert {row[0] for row in db.rows("SELECT id FROM sessions")} == {
        session_id_for(old_id) for old_id in old_session_ids
    }
    assert db.value("SELECT version_num FROM alembic_version") == "007_preferences_notes_events"
    # `position` now is Yahoo's selected_position (a column of its own), empty for old rows.
    assert db.value("SELECT count(*) FROM roster_slots WHERE position IS NOT NULL") == 0
    assert (
        constraint_definition("roster_slots", "uq_team_week_slot", using=db.alias)
        == "UNIQUE (team_id, week, slot)"
    )
    assert (
        db.value(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'u' "
            "AND conrelid = 'roster_slots'::regclass"
        )
        == 1
    )
    assert {r[0] for r in db.rows("SELECT indexname FROM pg_indexes")} >= SEED_INDEXES
    assert_updated_at_triggers(db, UPDATED_AT_TABLES)
    assert schema_problems(using=db.alias) == []

    # The ORM continues after the adopted ids.
    league = League.objects.using(db.alias).create(
        yahoo_league_id="423.l.9999", season=2023, name="New", scoring_type="head"
    )
    assert league.id > max_ids["leagues"]
    slot = RosterSlot.objects.using(db.alias).create(league=league, team_id=105, week=3, slot="QB")
    assert slot.id > max_ids["roster_slots"]
    assert User.objects.using(db.alias).get(pk=1).email == "Alice@Example.com"

    # Raw inserts that name only what has no default (ids, timestamps, JSON, arrays, flags).
    for table, sql in RAW_INSERTS_WITHOUT_DEFAULTS.items():
        db.raw.execute(sql)
        if table in max_ids:
            assert db.value(f"SELECT max(id) FROM {table}") > max_ids[table], table
    assert db.rows(
        "SELECT is_starter, position FROM roster_slots WHERE slot = 'BN1' AND team_id = 105"
    ) == [(True, None)]
    assert db.rows(
        "SELECT theme, saved_views, pinned_players FROM user_preferences WHERE user_id = 7"
    ) == [("system", {}, [])]
    assert db.rows(
        "SELECT attempts, status FROM jobs WHERE kind = 'sync_user' AND payload = '{}'"
    ) == [(0, "queued")]
    assert db.rows(
        "SELECT settings, is_finished, roster_positions FROM leagues WHERE name = 'Raw League'"
    ) == [({}, False, [])]

    # A raw UPDATE bumps updated_at on every table that has it.
    for table in UPDATED_AT_TABLES:
        years = db.rows(f"UPDATE {table} SET updated_at = '2000-01-01' RETURNING updated_at")
        assert years and all(when.year > 2000 for (when,) in years), table

    # Deleting a league in raw SQL takes its teams, slots, matchups and candidates with it.
    db.raw.execute("DELETE FROM leagues WHERE id = 10")
    assert db.rows("SELECT DISTINCT league_id FROM teams") == [(11,)]
    assert db.rows("SELECT DISTINCT team_id FROM roster_slots") == [(105,)]
    assert db.rows("SELECT DISTINCT team_id FROM matchups") == [(105,)]
    assert db.rows("SELECT DISTINCT league_id FROM waiver_candidates") == [(11,)]
    assert db.value("SELECT count(*) FROM players") == 5  # players belong to no league

    assert_rerun_is_a_noop(db)


def test_adoption_refuses_rows_that_break_uq_team_week_slot_and_changes_nothing(
    throwaway_postgres,
):
    db = throwaway_postgres
    load_old_database(db, "older")
    db.raw.execute(
        "INSERT INTO roster_slots (id, league_id, team_id, week, position, is_starter) "
        "VALUES (1099, 10, 100, 1, 'WR1', FALSE)"
    )
    before = snapshot(db)

    with pytest.raises(AdoptionError) as refused:
        migrate(db.alias)

    message = str(refused.value)
    assert "uq_team_week_slot" in message and "roster_slots" in message
    assert "team_id=100, week=1, position='WR1' (2 rows)" in message
    assert snapshot(db) == before
    assert "django_migrations" not in public_tables(db)

    # Once the operator removes the duplicate, adoption goes through.
    db.raw.execute("DELETE FROM roster_slots WHERE id = 1099")
    migrate(db.alias)
    assert schema_problems(using=db.alias) == []


@pytest.mark.django_db
def test_two_slots_for_one_team_week_succeed_and_a_duplicate_slot_fails():
    team = TeamFactory()
    RosterSlotFactory(team=team, league=team.league, week=1, slot="WR1")
    RosterSlotFactory(team=team, league=team.league, week=1, slot="WR2")
    RosterSlotFactory(team=team, league=team.league, week=2, slot="WR1")

    with pytest.raises(IntegrityError, match="uq_team_week_slot"):
        RosterSlotFactory(team=team, league=team.league, week=1, slot="WR1")
