"""The one diff-and-write engine: make stored rows equal the desired ones in a few statements.

Callers load what is stored (keyed on the rows' natural key), build the desired column values
(the key's columns included) and call `rows_diff_write`: unchanged rows are not touched (so
the `updated_at` trigger never fires for them), new and changed rows go in one upsert on the
natural key (`INSERT … ON CONFLICT DO UPDATE`), and with `delete_missing` stored rows that are
no longer desired go in one `DELETE`. `row_values` rounds values the way their columns store
them (and `json_value` JSON), so what is written compares equal to what is read back next
time.
"""

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models


@dataclass
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _column_value(model: type[models.Model], name: str, value: Any) -> Any:
    """Round decimals to the column's scale, so a stored value equals the next computed one."""
    if value is None:
        return None
    column = model._meta.get_field(name)
    if isinstance(column, models.DecimalField):
        return Decimal(value).quantize(Decimal(1).scaleb(-column.decimal_places))
    return value


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
    return {name: _column_value(model, name, value) for name, value in values.items()}


def rows_diff_write(
    model: type[models.Model],
    *,
    stored: dict[Hashable, models.Model],
    desired: dict[Hashable, dict[str, Any]],
    unique_fields: list[str],
    counts: WriteCounts,
    delete_missing: bool = False,
) -> dict[Hashable, models.Model]:
    """Write only new and changed rows, in one upsert keyed on `unique_fields`; with
    `delete_missing`, delete the stored rows whose key is not desired.

    Returns every desired row by key: the stored instance when unchanged, else the written one
    (its primary key filled in by Postgres' RETURNING).
    """
    rows: dict[Hashable, models.Model] = {}
    writes: list[models.Model] = []
    for key, values in desired.items():
        current = stored.get(key)
        if current is not None and all(getattr(current, k) == v for k, v in values.items()):
            rows[key] = current
            counts.unchanged += 1
            continue
        if current is None:
            counts.created += 1
        else:
            counts.updated += 1
        rows[key] = model(**values)
        writes.append(rows[key])
    if writes:
        update_fields = [name for name in desired[next(iter(desired))] if name not in unique_fields]
        model.objects.bulk_create(
            writes,
            update_conflicts=True,
            unique_fields=unique_fields,
            update_fields=update_fields,
        )
    if delete_missing:
        missing = [row.pk for key, row in stored.items() if key not in desired]
        if missing:
            model.objects.filter(pk__in=missing).delete()
            counts.deleted += len(missing)
    return rows
