"""The shared paginators, strict about their own parameters like every other query parameter.

DRF quietly falls back to the default page size on `?page_size=abc` and answers 404 to
`?page=abc`; here those are 400s naming the parameter. A page past the end stays a 404
(documented on every list). Page sizes above the maximum are capped.
"""

from rest_framework.exceptions import ValidationError

from edge import api


def _positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise ValidationError({name: ["Must be a positive integer."]})
    return int(raw)


class _StrictPageSize:
    def get_page_size(self, request) -> int:
        size = _positive_int(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["schema"].get("type") == "integer":
                parameter["schema"] = {**parameter["schema"], "minimum": 1}
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page, default {self.page_size}, capped at {self.max_page_size}."
                )
        return parameters


class PageNumberPagination(_StrictPageSize, api.PageNumberPagination):
    def paginate_queryset(self, queryset, request, view=None):
        _positive_int(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)


class CursorPagination(_StrictPageSize, api.CursorPagination):
    """A garbled or stale cursor stays DRF's 404 ("Invalid cursor"): cursors are opaque."""
