"""Output serializers that work their fields out once per class and render rows without DRF's
per-field machinery: `Serializer` and `ModelSerializer`, drop-in for DRF's.

DRF's ModelSerializer builds every field from the model's metadata each time a serializer is
made, about 0.1 ms a field: on a read endpoint that is most of the time spent outside the
database. Here the first instance of a class builds them and every instance gets fresh copies
(bound to it as usual), so a response costs copies, not introspection.

Rendering a row walks a plan made once per class: for each readable field, where its value is
and which field turns it into JSON. It calls the same `to_representation` of the same field
classes as DRF, so the output is DRF's to the byte; it only skips the per-row copies, bindings
and checks around them. A class with a field whose rendering depends on its binding (related,
file or hidden fields, other serializers, nested ones with methods or their own
`to_representation`) renders the DRF way.
"""

import copy
from collections.abc import Callable
from functools import partial

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from rest_framework import serializers
from rest_framework.fields import get_attribute

# Fields whose output needs their binding (request, parent, queryset, context), and nested
# serializers other than these classes: rendered the DRF way.
_BOUND_FIELDS = (
    serializers.RelatedField,
    serializers.ManyRelatedField,
    serializers.FileField,
    serializers.HiddenField,
    serializers.BaseSerializer,
)

# Per readable field: its output name, its source path (None: the whole row), the one attribute
# when the path is a single step, and how to render a non-null value (a method field: the name
# of the serializer's method, bound to each serializer).
_Step = tuple[str, list[str] | None, str | None, Callable | str]
_Plan = list[_Step]


class _PlannedRendering:
    """Rendering by a plan made once per class, from the class's unbound fields."""

    def _class_fields(self) -> dict:
        raise NotImplementedError

    def _plan(self) -> _Plan | None:
        cls = type(self)
        if "_representation_plan" not in cls.__dict__:
            cls._representation_plan = self._plan_build()
        return cls._representation_plan

    def _plan_build(self) -> _Plan | None:
        plan: _Plan = []
        for name, field in self._class_fields().items():
            if field.write_only:
                continue
            source = field.source or name
            attrs = None if source == "*" else source.split(".")
            attr = attrs[0] if attrs and len(attrs) == 1 else None
            if isinstance(field, serializers.SerializerMethodField):
                plan.append((name, None, None, field.method_name or f"get_{name}"))
            elif type(field).to_representation is serializers.ListSerializer.to_representation:
                nested = _pure_plan(field.child)
                if nested is None:
                    return None
                plan.append((name, attrs, attr, partial(_render_list, nested)))
            elif isinstance(field, _PlannedRendering):
                nested = _pure_plan(field)
                if nested is None:
                    return None
                plan.append((name, attrs, attr, partial(_render, nested)))
            elif isinstance(field, _BOUND_FIELDS):
                return None
            else:
                plan.append((name, attrs, attr, field.to_representation))
        return plan

    def _bound_plan(self) -> _Plan | None:
        """The class's plan with its method fields bound to this serializer (once per response
        for a list: its rows share one child serializer)."""
        if "_bound_plan_built" not in self.__dict__:
            plan = self._plan()
            if plan is not None:
                plan = [
                    (name, attrs, attr, getattr(self, how) if isinstance(how, str) else how)
                    for name, attrs, attr, how in plan
                ]
            self._bound_plan_built = plan
        return self._bound_plan_built

    def to_representation(self, instance) -> dict:
        plan = self._bound_plan()
        if plan is not None:
            try:
                return _render(plan, instance)
            except (KeyError, AttributeError):
                pass  # a missing value: DRF decides (a default, null, or the field skipped)
        return super().to_representation(instance)


def _pure_plan(serializer) -> _Plan | None:
    """The plan of a nested serializer that renders on its own: planned, not overriding
    `to_representation`, no method fields (a method may read the root's context)."""
    if (
        not isinstance(serializer, _PlannedRendering)
        or type(serializer).to_representation is not _PlannedRendering.to_representation
    ):
        return None
    plan = serializer._plan()
    if plan is None or any(isinstance(step[3], str) for step in plan):
        return None
    return plan


class Serializer(_PlannedRendering, serializers.Serializer):
    def _class_fields(self) -> dict:
        return self._declared_fields


class ModelSerializer(_PlannedRendering, serializers.ModelSerializer):
    def get_fields(self) -> dict:
        return copy.deepcopy(self._class_fields())

    def _class_fields(self) -> dict:
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            cls._fields_built_once = built
        return built


def _render(plan: _Plan, instance) -> dict:
    row = {}
    is_model = isinstance(instance, models.Model)
    for name, attrs, attr, represent in plan:
        if attrs is None:
            value = instance
        elif is_model and attr is not None:  # a model's own attribute: DRF's lookup, shortened
            try:
                value = getattr(instance, attr)
            except ObjectDoesNotExist:
                value = None
            else:
                if callable(value):
                    value = get_attribute(instance, attrs)
        else:
            value = get_attribute(instance, attrs)
        row[name] = None if value is None else represent(value)
    return row


def _render_list(plan: _Plan, rows) -> list[dict]:
    """DRF's ListSerializer output: a manager's rows, or the iterable's."""
    if isinstance(rows, models.manager.BaseManager):
        rows = rows.all()
    return [_render(plan, row) for row in rows]
