"""Adopting a database made by the old Alembic stack, and the Postgres-only schema extras.

`AdoptOrCreateTables` is the database side of each app's `0001_initial`: a table that is missing
is created from the model as usual; a table that the old stack already made is kept with all
its rows and brought up to the model (legacy column renames, missing columns, uniques, indexes,
foreign keys, id sequence). `refuse_unadoptable_rows` runs before every `migrate` and stops it,
before anything is changed, when existing rows would break a unique that adoption must add.
`ensure_postgres_extras` runs after every `migrate` and adds what Django has no words for: the
`updated_at` triggers and the seed's `ON DELETE` actions. `schema_problems`, `public_tables`
and `constraint_definition` are what `manage.py check_schema` reports.

Over 400 lines on purpose: adoption, its refusal and the schema check read one picture of
the old database (introspection, wanted uniques, triggers), kept in one place.
"""

import logging

from django.apps import apps as global_apps
from django.db import connections, models
from django.db.migrations.operations.base import Operation

logger = logging.getLogger(__name__)

# Columns the old stack named differently: {table: {old name: new name}}.
LEGACY_COLUMNS = {"roster_slots": {"position": "slot"}}

PROJECT_APPS = ("edge", "accounts", "fantasy", "insights")
TRIGGER_FUNCTION = "fe_set_updated_at"
_ON_DELETE_SQL = {models.CASCADE: ("c", "CASCADE"), models.SET_NULL: ("n", "SET NULL")}


class AdoptionError(RuntimeError):
    pass


class AdoptOrCreateTables(Operation):
    """Create each named model's table, or adopt it when the old stack already made it."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_names: list[str]):
        self.model_names = model_names

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.model_names], {})

    def state_forwards(self, app_label, state):
        pass  # the state is built by the CreateModel operations beside this one

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        connection = schema_editor.connection
        with connection.cursor() as cursor:
            existing = set(connection.introspection.table_names(cursor))
        for name in self.model_names:
            model = to_state.apps.get_model(app_label, name)
            if model._meta.db_table in existing:
                logger.info("adopting existing table %s", model._meta.db_table)
                _adopt_table(schema_editor, model)
            else:
                schema_editor.create_model(model)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for name in reversed(self.model_names):
            schema_editor.delete_model(from_state.apps.get_model(app_label, name))

    def describe(self):
        return "Create or adopt tables " + ", ".join(self.model_names)


def _introspect(connection, table: str) -> tuple[list[str], dict]:
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        constraints = connection.introspection.get_constraints(cursor, table)
    return columns, constraints


def _has(constraints: dict, columns: list[str], **kind) -> bool:
    return any(
        c["columns"] == columns and all(c.get(k) == v for k, v in kind.items())
        for c in constraints.values()
    )


def _adopt_table(schema_editor, model) -> None:
    connection = schema_editor.connection
    meta = model._meta
    table = meta.db_table
    quote = schema_editor.quote_name
    columns, _ = _introspect(connection, table)

    for old, new in LEGACY_COLUMNS.get(table, {}).items():
        if old in columns and new not in columns:
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} RENAME COLUMN {quote(old)} TO {quote(new)}"
            )
            columns = [new if c == old else c for c in columns]

    for field in meta.local_concrete_fields:
        if field.column not in columns:
            schema_editor.add_field(model, field)
    columns, constraints = _introspect(connection, table)

    for field in meta.local_concrete_fields:
        if field.primary_key:
            continue
        if field.unique and not _has(constraints, [field.column], unique=True):
            _refuse_duplicates(connection, table, [field.column], f"unique ({field.column})")
            schema_editor.execute(schema_editor._create_unique_sql(model, [field]))
        if field.remote_field and field.db_constraint:
            if not _has(constraints, [field.column], foreign_key=_fk_target(field)):
                schema_editor.execute(
                    schema_editor._create_fk_sql(model, field, "_fk_%(to_table)s_%(to_column)s")
                )
            if field.db_index and not _index_leads_with(constraints, field.column):
                schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))

    for fields in meta.unique_together:
        cols = [meta.get_field(f).column for f in fields]
        if not _has(constraints, cols, unique=True):
            _refuse_duplicates(connection, table, cols, f"unique ({', '.join(cols)})")
            schema_editor.execute(
                schema_editor._create_unique_sql(model, [meta.get_field(f) for f in fields])
            )

    for constraint in meta.constraints:
        if constraint.name in constraints:
            continue
        cols = _unique_columns(model, constraint)
        same = _unnamed_equivalent(constraints, cols) if cols else None
        if same:
            # The seed's DDL declares the unique inline, so Postgres named it `<table>_..._key`.
            schema_editor.execute(
                f"ALTER TABLE {quote(table)} RENAME CONSTRAINT {quote(same)} "
                f"TO {quote(constraint.name)}"
            )
            continue
        if cols:
            _refuse_duplicates(connection, table, cols, constraint.name)
        schema_editor.add_constraint(model, constraint)

    for index in meta.indexes:
        if index.name not in constraints:
            schema_editor.add_index(model, index)

    _advance_id_sequence(schema_editor, model)


def _fk_target(field) -> tuple[str, str]:
    target = field.target_field
    return (target.model._meta.db_table, target.column)


def _index_leads_with(constraints: dict, column: str) -> bool:
    return any(c["columns"][:1] == [column] for c in constraints.values() if c["columns"])


def _unique_columns(model, constraint) -> list[str]:
    """The columns of a plain unique constraint (no condition or expressions), else []."""
    if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
        return []
    if constraint.condition is not None or constraint.expressions:
        return []
    return [model._meta.get_field(f).column for f in constraint.fields]


def _unnamed_equivalent(constraints: dict, columns: list[str]) -> str | None:
    for name, c in constraints.items():
        if c["columns"] == columns and c["unique"] and not c["primary_key"] and not c["index"]:
            return name
    return None


def _refuse_duplicates(connection, table: str, columns: list[str], what: str) -> None:
    """A unique constraint over rows that break it cannot be added without changing data."""
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {cols}, COUNT(*) FROM {connection.ops.quote_name(table)} "  # noqa: S608
            f"GROUP BY {cols} HAVING COUNT(*) > 1 ORDER BY {cols} LIMIT 5"
        )
        duplicates = cursor.fetchall()
    if duplicates:
        shown = "; ".join(
            ", ".join(f"{c}={v!r}" for c, v in zip(columns, row, strict=False))
            + f" ({row[-1]} rows)"
            for row in duplicates
        )
        raise AdoptionError(
            f"Cannot add {what} to {table}: existing rows repeat ({', '.join(columns)}): "
            f"{shown}. Nothing was changed; relabel or remove the duplicates, then run "
            "migrate again."
        )


def refuse_unadoptable_rows(using: str = "default", **kwargs) -> None:
    """pre_migrate: check every unique the adoption will add before any migration runs.

    Each migration commits on its own, so finding duplicates halfway would leave the old
    database half adopted. Checking them all first keeps it untouched when adoption must stop.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    for model in project_models():
        table = model._meta.db_table
        if table not in tables:
            continue
        columns, constraints = _introspect(connection, table)
        for wanted, name in _wanted_uniques(model):
            actual = [_current_column(table, c, columns) for c in wanted]
            if None in actual or _has(constraints, actual, unique=True):
                continue  # a column added later has no rows to repeat; a present unique holds
            _refuse_duplicates(connection, table, actual, name or f"unique ({', '.join(wanted)})")


def _current_column(table: str, column: str, columns: list[str]) -> str | None:
    """Where a model's column is in the table now: under its legacy name before adoption."""
    if column in columns:
        return column
    for old, new in LEGACY_COLUMNS.get(table, {}).items():
        if new == column and old in columns:
            return old
    return None


def _wanted_uniques(model) -> list[tuple[list[str], str | None]]:
    """(columns, constraint name or None when unnamed) of every unique the model declares."""
    meta = model._meta
    wanted: list[tuple[list[str], str | None]] = [
        ([f.column], None) for f in meta.local_concrete_fields if f.unique and not f.primary_key
    ]
    wanted += [([meta.get_field(f).column for f in fs], None) for fs in meta.unique_together]
    for constraint in meta.constraints:
        cols = _unique_columns(model, constraint)
        if cols:
            wanted.append((cols, constraint.name))
    return wanted


def _advance_id_sequence(schema_editor, model) -> None:
    """Adopted rows may carry explicit ids: new rows must continue after the highest one."""
    pk = model._meta.pk
    if schema_editor.connection.vendor != "postgresql" or not isinstance(
        pk, models.AutoField | models.BigAutoField
    ):
        return
    table = model._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk.column])
        (sequence,) = cursor.fetchone()
        if not sequence:
            return
        cursor.execute(
            f"SELECT setval(%s, m) FROM (SELECT MAX({pk.column}) AS m FROM {table}) t "  # noqa: S608
            f"WHERE m IS NOT NULL AND m >= (SELECT last_value FROM {sequence})",
            [sequence],
        )


# --- Postgres extras after every migrate --------------------------------------------------


def project_models() -> list[type[models.Model]]:
    return [m for label in PROJECT_APPS for m in global_apps.get_app_config(label).get_models()]


def _has_updated_at(model) -> bool:
    return any(f.column == "updated_at" for f in model._meta.local_concrete_fields)


def _trigger_name(table: str) -> str:
    return f"trg_{table}_updated_at"


def _fk_delete_actions(cursor, table: str) -> dict[str, tuple[str, str]]:
    """{column: (constraint name, confdeltype)} for the single-column FKs of a table."""
    cursor.execute(
        """
        SELECT a.attname, c.conname, c.confdeltype
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.conrelid = %s::regclass AND array_length(c.conkey, 1) = 1
        """,
        [table],
    )
    return {column: (name, action) for column, name, action in cursor.fetchall()}


def ensure_postgres_extras(using: str = "default", **kwargs) -> None:
    """post_migrate: updated_at triggers and ON DELETE actions, added only where missing."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regprocedure(%s)", [f"{TRIGGER_FUNCTION}()"])
        if cursor.fetchone()[0] is None:
            cursor.execute(
                f"""CREATE FUNCTION {TRIGGER_FUNCTION}() RETURNS trigger AS $$
                BEGIN NEW.updated_at = now(); RETURN NEW; END; $$ LANGUAGE plpgsql"""
            )
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        triggers = {row[0] for row in cursor.fetchall()}
        tables = set(connection.introspection.table_names(cursor))
        for model in project_models():
            table = model._meta.db_table
            if table not in tables:
                continue
            if _has_updated_at(model) and _trigger_name(table) not in triggers:
                cursor.execute(
                    f"CREATE TRIGGER {_trigger_name(table)} BEFORE UPDATE ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER_FUNCTION}()"
                )
            _ensure_on_delete(cursor, model)


def _ensure_on_delete(cursor, model) -> None:
    table = model._meta.db_table
    actual = _fk_delete_actions(cursor, table)
    for field in model._meta.local_concrete_fields:
        wanted = _ON_DELETE_SQL.get(getattr(field.remote_field, "on_delete", None))
        if not wanted or field.column not in actual:
            continue
        name, action = actual[field.column]
        if action == wanted[0]:
            continue
        to_table, to_column = _fk_target(field)
        cursor.execute(
            f'ALTER TABLE {table} DROP CONSTRAINT "{name}", ADD CONSTRAINT "{name}" '
            f"FOREIGN KEY ({field.column}) REFERENCES {to_table} ({to_column}) "
            f"ON DELETE {wanted[1]} DEFERRABLE INITIALLY DEFERRED"
        )


# --- What check_schema reports ------------------------------------------------------------


def schema_problems(using: str = "default") -> list[str]:
    """Every way the database differs from what the models expect (empty: all is well)."""
    connection = connections[using]
    problems: list[str] = []
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        triggers: set[str] = set()
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
            triggers = {row[0] for row in cursor.fetchall()}
        for model in project_models():
            if model._meta.db_table not in tables:
                problems.append(f"table {model._meta.db_table} is missing")
            else:
                problems += _table_problems(connection, cursor, model, triggers)
    return problems


def _table_problems(connection, cursor, model, triggers: set[str]) -> list[str]:
    table = model._meta.db_table
    fields = model._meta.local_concrete_fields
    columns, constraints = _introspect(connection, table)
    problems = [f"column {table}.{f.column} is missing" for f in fields if f.column not in columns]
    problems += [
        f"constraint {c.name} on {table} is missing"
        for c in model._meta.constraints
        if c.name not in constraints
    ]
    problems += [
        f"index {i.name} on {table} is missing"
        for i in model._meta.indexes
        if i.name not in constraints
    ]
    problems += [
        f"unique ({', '.join(cols)}) on {table} is missing"
        for cols, name in _wanted_uniques(model)
        if name is None and not _has(constraints, cols, unique=True)
    ]
    problems += [
        f"foreign key {table}.{f.column} -> {'.'.join(_fk_target(f))} is missing"
        for f in fields
        if f.remote_field
        and f.db_constraint
        and f.column in columns
        and not _has(constraints, [f.column], foreign_key=_fk_target(f))
    ]
    if connection.vendor != "postgresql":
        return problems
    if _has_updated_at(model) and _trigger_name(table) not in triggers:
        problems.append(f"trigger {_trigger_name(table)} is missing")
    actual = _fk_delete_actions(cursor, table)
    for field in fields:
        wanted = _ON_DELETE_SQL.get(getattr(field.remote_field, "on_delete", None))
        if wanted and field.column in actual and actual[field.column][1] != wanted[0]:
            problems.append(f"{table}.{field.column} lacks ON DELETE {wanted[1]}")
    return problems


def public_tables(using: str = "default") -> list[str]:
    """The tables of the database (seed §6.4's first query on Postgres)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            return sorted(connection.introspection.table_names(cursor))
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' ORDER BY 1"
        )
        return [row[0] for row in cursor.fetchall()]


def constraint_definition(table: str, name: str, using: str = "default") -> str | None:
    """A constraint's definition (`pg_get_constraintdef` on Postgres, seed §6.4), or None."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conname = %s AND conrelid = to_regclass(%s)",
                [name, table],
            )
            row = cursor.fetchone()
            return row[0] if row else None
        if table not in connection.introspection.table_names(cursor):
            return None
        found = connection.introspection.get_constraints(cursor, table).get(name)
    if not found:
        return None
    return f"{'UNIQUE' if found['unique'] else 'INDEX'} ({', '.join(found['columns'])})"
