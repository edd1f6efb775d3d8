"""The one diff-and-write engine: make stored rows equal the desired ones in a few statements.

Callers load what is stored (keyed on the rows' natural key), build the desired column values
(the key's columns included) and call `rows_diff_write`: unchanged rows are not touched (so
the `updated_at` trigger never fires for them), new and changed rows go in one upsert on the
natural key (`INSERT … ON CONFLICT DO UPDATE`), and with `delete_missing` stored rows that are
no longer desired go in one `DELETE`. `row_values` rounds values the way their columns store
them (and `json_value` JSON), so what is written compares equal to what is read back next
time.

On Postgres the upsert sends one array per column (`INSERT … SELECT * FROM UNNEST(%s::text[],
…)`), bound server-side: a few parameters instead of one per value, so neither Django's insert
compiler nor psycopg's client-side binding walks thousands of values, and the statement's plan
does not depend on the row count. Elsewhere (the embedded SQLite) it is Django's `bulk_create`.
"""

import json
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from typing import Any

import psycopg
from django.db import connection, models
from psycopg import sql


@dataclass
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@cache
def _decimal_scales(model: type[models.Model]) -> dict[str, Decimal]:
    """The quantum of each decimal column by field name (looked up once per model, not once per
    value: a league-week builds thousands of values)."""
    return {
        field.name: Decimal(1).scaleb(-field.decimal_places)
        for field in model._meta.concrete_fields
        if isinstance(field, models.DecimalField)
    }


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def json_value(value: Any) -> Any:
    """What a JSON column gives back for `value`: Decimals as JSON numbers, tuples as lists,
    keys as strings, recursively (so stored and new compare equal)."""
    if isinstance(value, Decimal):
        return _json_number(value)
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def row_values(model: type[models.Model], **values: Any) -> dict[str, Any]:
    """`values` with decimals rounded to their column's scale, so a stored value equals the next
    computed one (the other values as given)."""
    for name, scale in _decimal_scales(model).items():
        value = values.get(name)
        if value is not None:
            values[name] = Decimal(value).quantize(scale)
    return values


def rows_diff_write(
    model: type[models.Model],
    *,
    stored: dict[Hashable, models.Model],
    desired: dict[Hashable, dict[str, Any]],
    unique_fields: list[str],
    counts: WriteCounts,
    delete_missing: bool = False,
    rows_wanted: bool = True,
) -> dict[Hashable, models.Model]:
    """Write only new and changed rows, in one upsert keyed on `unique_fields`; with
    `delete_missing`, delete the stored rows whose key is not desired.

    Returns every desired row by key: the stored instance when unchanged, else the written one
    (its primary key filled in by Postgres' RETURNING). A caller that only writes passes
    `rows_wanted=False` and gets `{}`: on Postgres no instance is built nor anything returned
    (most of the Python time of a first sync, where every row is new).
    """
    unchanged: dict[Hashable, models.Model] = {}
    written: dict[Hashable, dict[str, Any]] = {}
    for key, values in desired.items():
        current = stored.get(key)
        if current is not None and all(getattr(current, k) == v for k, v in values.items()):
            unchanged[key] = current
            counts.unchanged += 1
            continue
        if current is None:
            counts.created += 1
        else:
            counts.updated += 1
        written[key] = values
    writes = _rows_upsert(model, written, unique_fields=unique_fields, rows_wanted=rows_wanted)
    if delete_missing:
        missing = [row.pk for key, row in stored.items() if key not in desired]
        if missing:
            model.objects.filter(pk__in=missing).delete()
            counts.deleted += len(missing)
    if not rows_wanted:
        return {}
    return {key: unchanged[key] if key in unchanged else writes[key] for key in desired}


def _rows_upsert(
    model: type[models.Model],
    written: dict[Hashable, dict[str, Any]],
    *,
    unique_fields: list[str],
    rows_wanted: bool,
) -> dict[Hashable, models.Model]:
    """Upsert the `written` rows (all of the same columns); returns their instances by key,
    none when they are not wanted and Postgres needs none to write them."""
    if not written:
        return {}
    names = list(next(iter(written.values())))
    update_fields = [name for name in names if name not in unique_fields]
    fields = [model._meta.get_field(name) for name in names]
    if not (update_fields and _unnest_supported(fields)):
        build = _instance_builder(model, names)
        writes = {key: build(values) for key, values in written.items()}
        model.objects.bulk_create(
            list(writes.values()),
            update_conflicts=True,
            unique_fields=unique_fields,
            update_fields=update_fields,
        )
        return writes
    returning = []
    if rows_wanted:
        returning = [f for f in model._meta.db_returning_fields if f not in fields]
    returned = _insert_unnest(
        model,
        [[values[name] for values in written.values()] for name in names],
        fields=fields,
        unique_fields=unique_fields,
        update_fields=update_fields,
        returning=returning,
    )
    if not rows_wanted:
        return {}
    build = _instance_builder(model, names)
    writes = {key: build(values) for key, values in written.items()}
    # RETURNING gives the rows in their order, which Django's bulk_create relies on too.
    for row, values in zip(writes.values(), returned, strict=True):
        for field, value in zip(returning, values, strict=True):
            setattr(row, field.attname, value)
        row._state.adding = False
        row._state.db = connection.alias
    return writes


def rows_insert_new(
    model: type[models.Model], *, rows: list[dict[str, Any]], unique_fields: list[str]
) -> None:
    """Insert `rows`, leaving those whose `unique_fields` are stored already as they are
    (`ON CONFLICT DO NOTHING`): rows that only link, with nothing to update."""
    if not rows:
        return
    names = list(rows[0])
    fields = [model._meta.get_field(name) for name in names]
    if _unnest_supported(fields):
        _insert_unnest(
            model,
            [[row[name] for row in rows] for name in names],
            fields=fields,
            unique_fields=unique_fields,
        )
    else:
        model.objects.bulk_create([model(**row) for row in rows], ignore_conflicts=True)


def _instance_builder(model: type[models.Model], names: list[str]):
    """`model(**values)` for rows of the same columns, passed positionally (half the cost of
    keywords): columns not given take the field's default, a callable one called per row."""
    fields = model._meta.concrete_fields
    if not set(names) <= {field.attname for field in fields}:
        return lambda values: model(**values)
    template = model()
    plan = [
        (
            field.attname,
            field.attname in names,
            field.has_default() and callable(field.default),
            field,
        )
        for field in fields
    ]
    defaults = {attname: getattr(template, attname) for attname, *_ in plan}

    def build(values: dict[str, Any]) -> models.Model:
        return model(
            *[
                values[attname] if given else (field.get_default() if fresh else defaults[attname])
                for attname, given, fresh, field in plan
            ]
        )

    return build


# --- Postgres: the upsert with one array parameter per column --------------------------------

# Values Django would hand psycopg unchanged: no per-value `get_db_prep_save` for these columns.
_NATIVE_TYPES = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "BigIntegerField",
        "BooleanField",
        "CharField",
        "DateField",
        "DateTimeField",
        "DecimalField",
        "FloatField",
        "IntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "SmallAutoField",
        "SmallIntegerField",
        "TextField",
    }
)


def _array_type(field: models.Field) -> str:
    """`numeric(6, 2)` → `numeric[]`: no parameters, so nothing is truncated on the way."""
    return field.db_type(connection).split("(")[0] + "[]"


def _unnest_supported(fields: list[models.Field]) -> bool:
    """Postgres, and no column already an array (`UNNEST` would flatten it)."""
    if connection.vendor != "postgresql":
        return False
    return not any(field.db_type(connection).endswith("]") for field in fields)


def _column_array(field: models.Field, values: list[Any]) -> list[Any]:
    """One column's values as psycopg binds them: JSON as its text (`json.dumps`, what Django's
    adapter would run, without a wrapper object per value; the server casts it to jsonb), None
    as SQL NULL like Django; other types psycopg does not take as they are through Django."""
    if isinstance(field, models.JSONField):
        dumps = partial(json.dumps, cls=field.encoder)
        return [None if value is None else dumps(value) for value in values]
    if (field.target_field if field.is_relation else field).get_internal_type() in _NATIVE_TYPES:
        return values
    return [field.get_db_prep_save(value, connection) for value in values]


def _insert_unnest(
    model: type[models.Model],
    columns: list[list[Any]],
    *,
    fields: list[models.Field],
    unique_fields: list[str],
    update_fields: Sequence[str] = (),
    returning: Sequence[models.Field] = (),
) -> list[tuple]:
    """One INSERT of the rows whose values are `columns` (one list per field of `fields`), as
    one array parameter per column bound by the server; on a conflict on `unique_fields` it
    updates `update_fields`, or leaves the stored row when there are none. Returns the
    `returning` columns of each row."""
    meta = model._meta
    columns = [_column_array(field, values) for field, values in zip(fields, columns, strict=True)]

    def names(fields: list[models.Field]) -> sql.Composable:
        return sql.SQL(", ").join(sql.Identifier(field.column) for field in fields)

    statement = sql.SQL(
        "INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays}) ON CONFLICT ({key}) "
    ).format(
        table=sql.Identifier(meta.db_table),
        columns=names(fields),
        arrays=sql.SQL(", ").join(
            sql.SQL("%b::{}").format(sql.SQL(_array_type(field)))
            if not isinstance(field, models.JSONField)
            else sql.SQL("%b::text[]::jsonb[]")
            for field in fields
        ),
        key=names([meta.get_field(name) for name in unique_fields]),
    )
    if update_fields:
        statement += sql.SQL("DO UPDATE SET {}").format(
            sql.SQL(", ").join(
                sql.SQL("{column} = EXCLUDED.{column}").format(
                    column=sql.Identifier(meta.get_field(name).column)
                )
                for name in update_fields
            )
        )
    else:
        statement += sql.SQL("DO NOTHING")
    if returning:
        statement += sql.SQL(" RETURNING {}").format(names(returning))
    with _server_binding_cursor() as cursor:
        cursor.execute(statement, columns)
        return cursor.fetchall() if returning else []


def _server_binding_cursor():
    """A cursor of Django's connection (so the statement is logged and counted) whose
    parameters go to the server apart from the SQL, whatever `server_side_binding` says, and
    whose results come back in binary (timestamps without parsing text)."""
    connection.ensure_connection()
    cursor = psycopg.Cursor(connection.connection)
    cursor.format = psycopg.pq.Format.BINARY
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)
