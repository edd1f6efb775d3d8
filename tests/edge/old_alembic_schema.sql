-- The schema a database made by the old FastAPI + Alembic stack has, written from seed 000 §1
-- and §3 (revisions 001_initial_auth ... 007_preferences_notes_events). tests/edge/
-- test_migrations.py loads it into a throwaway database to check that `manage.py migrate`
-- adopts it without losing a row.
--
-- The file has two parts, split at the line `-- older variant`:
--   1. the database as the fixed stack left it (roster_slots.slot, uq_team_week_slot, the
--      supporting indexes of 005);
--   2. statements that turn it into what the stack made before 005 was fixed: the column was
--      still called `position`, and neither the unique constraint nor 005's indexes existed.

CREATE EXTENSION IF NOT EXISTS citext;

-- 001: the old stack's own updated_at trigger function (its name differs from ours).
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE IF NOT EXISTS alembic_version (
  version_num VARCHAR(32) NOT NULL,
  CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version (version_num) VALUES ('007_preferences_notes_events');

-- 001_initial_auth
CREATE TABLE IF NOT EXISTS users (
  id               BIGSERIAL PRIMARY KEY,
  yahoo_guid       TEXT UNIQUE,
  email            CITEXT UNIQUE,
  display_name     TEXT,
  avatar_url       TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sessions (
  id               UUID PRIMARY KEY,
  user_id          BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at       TIMESTAMPTZ NOT NULL,
  user_agent       TEXT,
  ip_addr          INET
);

CREATE TABLE IF NOT EXISTS yahoo_accounts (
  id               BIGSERIAL PRIMARY KEY,
  user_id          BIGINT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  yahoo_guid       TEXT NOT NULL UNIQUE,
  scope            TEXT,
  access_token_enc TEXT NOT NULL,
  refresh_token_enc TEXT NOT NULL,
  access_expires_at TIMESTAMPTZ NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- 002_domain_core
CREATE TABLE IF NOT EXISTS leagues (
  id               BIGSERIAL PRIMARY KEY,
  yahoo_league_id  TEXT NOT NULL UNIQUE,
  season           SMALLINT NOT NULL,
  name             TEXT NOT NULL,
  scoring_type     TEXT NOT NULL,
  roster_positions JSONB NOT NULL DEFAULT '[]',
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS teams (
  id               BIGSERIAL PRIMARY KEY,
  league_id        BIGINT NOT NULL REFERENCES leagues(id) ON DELETE CASCADE,
  yahoo_team_key   TEXT NOT NULL,
  name             TEXT NOT NULL,
  logo_url         TEXT,
  manager_user_id  BIGINT REFERENCES users(id) ON DELETE SET NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (league_id, yahoo_team_key)
);

CREATE TABLE IF NOT EXISTS players (
  id               BIGSERIAL PRIMARY KEY,
  yahoo_player_id  TEXT UNIQUE,
  full_name        TEXT NOT NULL,
  position_primary TEXT,
  nfl_team         TEXT,
  bye_week         SMALLINT,
  status           TEXT,
  meta             JSONB NOT NULL DEFAULT '{}',
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- 003_roster_and_matchups
CREATE TABLE IF NOT EXISTS roster_slots (
  id               BIGSERIAL PRIMARY KEY,
  league_id        BIGINT NOT NULL REFERENCES leagues(id) ON DELETE CASCADE,
  team_id          BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  week             SMALLINT NOT NULL,
  slot             TEXT NOT NULL,
  player_id        BIGINT REFERENCES players(id) ON DELETE SET NULL,
  projected_pts    NUMERIC(6,2),
  actual_pts       NUMERIC(6,2),
  is_starter       BOOLEAN NOT NULL DEFAULT TRUE,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS matchups (
  id               BIGSERIAL PRIMARY KEY,
  league_id        BIGINT NOT NULL REFERENCES leagues(id) ON DELETE CASCADE,
  week             SMALLINT NOT NULL,
  team_id          BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  opponent_team_id BIGINT REFERENCES teams(id) ON DELETE SET NULL,
  projected_pts    NUMERIC(7,2),
  actual_pts       NUMERIC(7,2),
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (league_id, week, team_id)
);

-- 004_projections
CREATE TABLE IF NOT EXISTS projections (
  id               BIGSERIAL PRIMARY KEY,
  player_id        BIGINT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
  week             SMALLINT NOT NULL,
  source           TEXT NOT NULL,
  points           NUMERIC(6,2) NOT NULL,
  breakdown        JSONB NOT NULL DEFAULT '{}',
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (player_id, week, source)
);

-- 005_constraints_indexes (guarded in the old stack: only added when absent)
ALTER TABLE roster_slots ADD CONSTRAINT uq_team_week_slot UNIQUE (team_id, week, slot);
CREATE INDEX IF NOT EXISTS idx_sessions_user_expires ON sessions (user_id, expires_at);
CREATE INDEX IF NOT EXISTS idx_teams_league ON teams (league_id);
CREATE INDEX IF NOT EXISTS idx_players_pos ON players (position_primary);
CREATE INDEX IF NOT EXISTS idx_roster_slots_team_week ON roster_slots (team_id, week);
CREATE INDEX IF NOT EXISTS idx_matchups_league_week ON matchups (league_id, week);
CREATE INDEX IF NOT EXISTS idx_projections_week ON projections (week);

-- 006_waivers_streamers
CREATE TABLE IF NOT EXISTS waiver_candidates (
  id               BIGSERIAL PRIMARY KEY,
  league_id        BIGINT NOT NULL REFERENCES leagues(id) ON DELETE CASCADE,
  week             SMALLINT NOT NULL,
  player_id        BIGINT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
  delta_xfp        NUMERIC(6,2),
  fit_score        NUMERIC(5,2),
  faab_suggestion  INTEGER,
  acquisition_prob NUMERIC(5,2),
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (league_id, week, player_id)
);

CREATE TABLE IF NOT EXISTS streamer_signals (
  id               BIGSERIAL PRIMARY KEY,
  week             SMALLINT NOT NULL,
  kind             TEXT NOT NULL,
  subject_id       BIGINT NOT NULL,
  fit_score        NUMERIC(5,2),
  weather_bucket   SMALLINT,
  meta             JSONB NOT NULL DEFAULT '{}',
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (week, kind, subject_id)
);

-- 007_preferences_notes_events
CREATE TABLE IF NOT EXISTS user_preferences (
  user_id          BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  theme            TEXT NOT NULL DEFAULT 'system',
  saved_views      JSONB NOT NULL DEFAULT '{}',
  pinned_players   BIGINT[] NOT NULL DEFAULT '{}',
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS notes (
  id               BIGSERIAL PRIMARY KEY,
  user_id          BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  player_id        BIGINT NOT NULL REFERENCES players(id) ON DELETE CASCADE,
  note             TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_notes_user_player ON notes (user_id, player_id);

CREATE TABLE IF NOT EXISTS event_log (
  id               BIGSERIAL PRIMARY KEY,
  ts               TIMESTAMPTZ NOT NULL DEFAULT now(),
  type             TEXT NOT NULL,
  payload          JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_event_log_ts ON event_log (ts DESC);

-- §1.15, made alongside 007 by the old stack's background worker.
CREATE TABLE IF NOT EXISTS jobs (
  id               UUID PRIMARY KEY,
  kind             TEXT NOT NULL,
  payload          JSONB NOT NULL,
  not_before       TIMESTAMPTZ,
  attempts         SMALLINT NOT NULL DEFAULT 0,
  status           TEXT NOT NULL DEFAULT 'queued',
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS job_runs (
  id               BIGSERIAL PRIMARY KEY,
  job_id           UUID REFERENCES jobs(id) ON DELETE CASCADE,
  started_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at      TIMESTAMPTZ,
  ok               BOOLEAN,
  message          TEXT
);

-- The old stack's updated_at triggers, one per table with the column.
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER yahoo_accounts_set_updated_at BEFORE UPDATE ON yahoo_accounts
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER leagues_set_updated_at BEFORE UPDATE ON leagues
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER teams_set_updated_at BEFORE UPDATE ON teams
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER players_set_updated_at BEFORE UPDATE ON players
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER roster_slots_set_updated_at BEFORE UPDATE ON roster_slots
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER matchups_set_updated_at BEFORE UPDATE ON matchups
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER projections_set_updated_at BEFORE UPDATE ON projections
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER user_preferences_set_updated_at BEFORE UPDATE ON user_preferences
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER jobs_set_updated_at BEFORE UPDATE ON jobs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- older variant
ALTER TABLE roster_slots DROP CONSTRAINT uq_team_week_slot;
ALTER TABLE roster_slots RENAME COLUMN slot TO position;
DROP INDEX idx_sessions_user_expires;
DROP INDEX idx_teams_league;
DROP INDEX idx_players_pos;
DROP INDEX idx_roster_slots_team_week;
DROP INDEX idx_matchups_league_week;
DROP INDEX idx_projections_week;
