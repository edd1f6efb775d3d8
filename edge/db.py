"""Column types and defaults that are Postgres-native but still run on the embedded SQLite.

The seed schema uses `citext`, `bigint[]`, `jsonb` and `DEFAULT now()`; these fields give those
exact types on Postgres and the nearest portable type on SQLite.
"""

import json
import unicodedata

from django.db import models
from django.db.models.functions import Now


class CITextField(models.TextField):
    """Case-insensitive text: `citext` on Postgres, `text COLLATE NOCASE` on SQLite."""

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return "citext"
        if connection.vendor == "sqlite":
            return "text COLLATE NOCASE"
        return super().db_type(connection)


class EmptyBigIntArray(models.Expression):
    """The database default `'{}'` of a `bigint[]` column (`'[]'` where it is JSON text)."""

    output_field = models.TextField()
    allowed_default = True

    def as_sql(self, compiler, connection):
        return "'[]'", []

    def as_postgresql(self, compiler, connection):
        return "'{}'::bigint[]", []

    def deconstruct(self):
        return ("edge.db.EmptyBigIntArray", [], {})


class BigIntArrayField(models.Field):
    """A list of integers: `bigint[]` on Postgres, JSON text elsewhere."""

    description = "List of big integers"

    def db_type(self, connection):
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)

    def to_python(self, value):
        if value is None or isinstance(value, list):
            return value
        return json.loads(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None or connection.vendor == "postgresql":
            return None if value is None else [int(v) for v in value]
        return json.dumps([int(v) for v in value])


def created_at_field(**kwargs) -> models.DateTimeField:
    return models.DateTimeField(db_default=Now(), editable=False, **kwargs)


def updated_at_field(**kwargs) -> models.DateTimeField:
    """`updated_at` with `DEFAULT now()`; a Postgres trigger bumps it on every UPDATE."""
    return models.DateTimeField(db_default=Now(), auto_now=True, **kwargs)


def json_default(value):
    """A database-side JSON default (`'{}'` / `'[]'`), so raw SQL inserts work too."""
    return models.Value(json.dumps(value))


# --- Accent- and case-insensitive search ------------------------------------------------------

FOLD_FUNCTION = "fe_unaccent"


def folded(text: str) -> str:
    """Lower case without accents ("Chávez" → "chavez"): how names are compared in searches."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


class Folded(models.Func):
    """`folded()` in SQL. Postgres: the `fe_unaccent` wrapper of `unaccent` (immutable, so a
    trigram index can hold it; created by fantasy's migration 0009) over `lower()`; SQLite: the
    Python `folded` registered on each connection by `sqlite_functions_register`."""

    function = FOLD_FUNCTION
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template=f"{FOLD_FUNCTION}(lower(%(expressions)s))"
        )


def sqlite_functions_register(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite gets `fe_unaccent` as Python's `folded`."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            FOLD_FUNCTION,
            1,
            lambda text: None if text is None else folded(text),
            deterministic=True,
        )
