"""Column types and defaults that are Postgres-native but still run on the embedded SQLite.

The seed schema uses `citext`, `bigint[]`, `jsonb` and `DEFAULT now()`; these fields give those
exact types on Postgres and the nearest portable type on SQLite.
"""

import json

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
