"""What every app's API shares: the error shape, domain errors and pagination.

Every error, from any layer, leaves as
`{"error": {"code": "not_found", "message": "Team not found.", "details": {}}}`.
Domain errors get their status from `edge.errors.domain_error_status`.
"""

import logging
import math
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, pagination, serializers, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from edge.errors import DomainError, RequestTooLarge, domain_error_status

logger = logging.getLogger(__name__)


def error_body(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def error_response(code: str, message: str, status_code: int, details: dict | None = None):
    return JsonResponse(error_body(code, message, details), status=status_code)


_DRF_CODES = {
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "rate_limited",
    exceptions.ParseError: "parse_error",
    exceptions.ValidationError: "invalid",
}


def _first_error(detail: Any) -> str:
    """The first message at any depth (list items and nested fields report like the rest)."""
    while isinstance(detail, dict | list) and detail:
        detail = next(iter(detail.values())) if isinstance(detail, dict) else detail[0]
    return str(detail) if detail else "Invalid input."


def _validation_message(detail: Any) -> str:
    """`field: message` for the first failing field, named by its top-level name."""
    if isinstance(detail, dict) and detail:
        field = next(iter(detail))
        message = _first_error(detail[field])
        return message if field in ("non_field_errors", "detail") else f"{field}: {message}"
    return _first_error(detail)


def exception_handler(exc: Exception, context: dict) -> Response:
    """DRF's EXCEPTION_HANDLER: domain errors, framework errors and crashes, one shape."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):  # over DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = RequestTooLarge()
    elif isinstance(exc, SuspiciousOperation):  # e.g. too many form fields
        exc = exceptions.ParseError("Malformed request.")

    headers: dict[str, str] = {}
    if isinstance(exc, DomainError):
        body = error_body(exc.code, exc.message, exc.details)
        status_code = domain_error_status(exc)
    elif isinstance(exc, exceptions.APIException):
        code = next((c for cls, c in _DRF_CODES.items() if isinstance(exc, cls)), "error")
        if isinstance(exc, exceptions.ValidationError):
            details = exc.detail if isinstance(exc.detail, dict) else {"errors": exc.detail}
            body = error_body(code, _validation_message(exc.detail), details)
        else:
            body = error_body(code, str(exc.detail))
        status_code = exc.status_code
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(math.ceil(exc.wait))  # whole seconds, never 0
    else:
        logger.exception("Unhandled error in %s", context.get("view").__class__.__name__)
        body = error_body("server_error", "Something went wrong on our side.")
        status_code = status.HTTP_500_INTERNAL_SERVER_ERROR

    set_rollback()
    return Response(body, status=status_code, headers=headers)


# Page numbers and sizes fit in 9 digits; the length is checked before `int()`, whose work
# grows with the digits (and which refuses more than 4,300 of them: a 500).
MAX_INT_PARAM_DIGITS = 9


def _positive_int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if len(raw) > MAX_INT_PARAM_DIGITS:
        raise exceptions.ValidationError(
            {name: [f"Must be a positive integer of at most {MAX_INT_PARAM_DIGITS} digits."]}
        )
    if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
        raise exceptions.ValidationError({name: ["Must be a positive integer."]})
    return int(raw)


class _StrictPageSize:
    """DRF quietly falls back on `?page_size=abc`; here it is a 400 naming the parameter.

    Sizes above the maximum are capped; a page past the end stays a 404.
    """

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        size = _positive_int_param(request, self.page_size_query_param)
        return self.page_size if size is None else min(size, self.max_page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["schema"].get("type") == "integer":
                largest = 10**MAX_INT_PARAM_DIGITS - 1
                parameter["schema"] = {**parameter["schema"], "minimum": 1, "maximum": largest}
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Results per page, default {self.page_size}, capped at {self.max_page_size}."
                )
        return parameters


class _EmptyDetail:
    """Every page carries `detail`: why the list is empty (a week with no data yet says so),
    null otherwise. The view passes the reason; an empty page without one says nothing."""

    def get_paginated_response(self, data, empty_detail: str | None = None):
        response = super().get_paginated_response(data)
        response.data["detail"] = None if data else empty_detail
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["detail"] = {
            "type": "string",
            "nullable": True,
            "description": "Why `results` is empty, e.g. a week with no data yet; else null.",
        }
        return paginated


class _FirstPageCountingPaginator(Paginator):
    """Page 1 is read with one row more than fits: when the list ends there, its length is the
    count and no `COUNT(*)` runs over the list's joins. Deeper pages count as before."""

    def page(self, number):
        if str(number) != "1" or self.orphans:
            return super().page(number)
        head = list(self.object_list[: self.per_page + 1])
        if len(head) <= self.per_page:
            self.count = len(head)  # fills the cached_property: `count` runs no query
        return self._get_page(head[: self.per_page], 1, self)


class PageNumberPagination(_EmptyDetail, _StrictPageSize, pagination.PageNumberPagination):
    """`count` is exact on every page (the documented contract), counted without a query when
    everything fits on the first page."""

    django_paginator_class = _FirstPageCountingPaginator

    def paginate_queryset(self, queryset, request, view=None):
        _positive_int_param(request, self.page_query_param)  # `?page=abc` is a 400, not a 404
        return super().paginate_queryset(queryset, request, view)


class CursorPagination(_EmptyDetail, _StrictPageSize, pagination.CursorPagination):
    """A garbled or stale cursor stays DRF's 404 ("Invalid cursor"): cursors are opaque."""


# --- Query parameters ------------------------------------------------------------------------

# Every paginated list reads these beside its own parameters.
PAGINATION_PARAMS = frozenset({"page", "page_size", "cursor"})


class QuerySerializer(serializers.Serializer):
    """An endpoint's query parameters: any other one is a 400 naming it, never ignored."""

    def to_internal_value(self, data):
        unknown = sorted(set(data) - set(self.fields) - PAGINATION_PARAMS)
        if unknown:
            known = ", ".join(sorted({*self.fields, *PAGINATION_PARAMS}))
            raise serializers.ValidationError(
                {name: [f"Unknown query parameter (known: {known})."] for name in unknown}
            )
        return super().to_internal_value(data)


def query_params_check(query_params) -> None:
    """For a list endpoint without parameters of its own: only pagination's are accepted."""
    QuerySerializer(data=query_params).is_valid(raise_exception=True)


# --- Django-level handlers: unknown URLs and crashes outside DRF keep the shape ------------


@csrf_exempt  # an unknown URL is a 404 for every method, never a CSRF page
def not_found_view(request: HttpRequest, exception: Exception | None = None, **kwargs):
    return error_response("not_found", "No such endpoint.", 404)


def csrf_failure_view(request: HttpRequest, reason: str = ""):
    """settings.CSRF_FAILURE_VIEW: Django's CSRF refusal in the one error shape."""
    return error_response("csrf_failed", "CSRF verification failed.", 403, {"reason": reason})


def server_error_view(request: HttpRequest):
    return error_response("server_error", "Something went wrong on our side.", 500)


def bad_request_view(request: HttpRequest, exception: Exception | None = None):
    return error_response("bad_request", "Bad request.", 400)


def permission_denied_view(request: HttpRequest, exception: Exception | None = None):
    return error_response("permission_denied", "Permission denied.", 403)
