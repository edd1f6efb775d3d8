"""Player search by name, accent- and case-insensitive, served by a trigram index on Postgres.

`fe_unaccent` wraps `unaccent` as IMMUTABLE (unaccent itself is only STABLE, as its dictionary
could change), which an expression index needs. SQLite gets the same function from Python on
each connection (edge.db.sqlite_functions_register), so there is nothing to create there.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION fe_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """CREATE INDEX IF NOT EXISTS idx_players_name_search
       ON players USING gin (fe_unaccent(lower(full_name)) gin_trgm_ops)""",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS idx_players_name_search",
    "DROP FUNCTION IF EXISTS fe_unaccent(text)",
]


def _on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("fantasy", "0010_team_yahoo_standings_league_schedule_synced_at")]

    operations = [
        migrations.RunPython(_on_postgres(POSTGRES_FORWARD), _on_postgres(POSTGRES_BACKWARD))
    ]
