"""Liveness and readiness probes."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from edge.celery import app as celery_app
from edge.errors import ServiceUnavailable

logger = logging.getLogger(__name__)

_health = inline_serializer("Health", {"status": serializers.CharField()})
_readiness = inline_serializer(
    "Readiness", {"status": serializers.CharField(), "checks": serializers.DictField()}
)


@extend_schema(responses={200: _health}, tags=["ops"], summary="Liveness probe", auth=[])
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def healthz(request):
    """Liveness: the process answers."""
    return Response({"status": "ok"})


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache() -> None:
    cache.set("readyz:probe", "1", timeout=5)
    if cache.get("readyz:probe") != "1":
        raise RuntimeError("cache did not return what was written")


def _check_broker() -> None:
    with celery_app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)


READINESS_CHECKS = {"database": _check_database, "cache": _check_cache}
if settings.CELERY_BROKER_URL:  # without a broker tasks run in-process: nothing to check
    READINESS_CHECKS["broker"] = _check_broker


@extend_schema(
    responses={200: _readiness, 503: OpenApiResponse(description="A dependency is down.")},
    tags=["ops"],
    summary="Readiness probe",
    auth=[],
)
@api_view(["GET"])
@authentication_classes([])
@permission_classes([AllowAny])
def readyz(request):
    """Readiness: the database, Redis (or the local cache) and the Celery broker, if any."""
    checks: dict[str, str] = {}
    for name, check in READINESS_CHECKS.items():
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:  # any failure of a dependency means "not ready"
            logger.warning("readiness check %s failed: %s", name, exc.__class__.__name__)
            checks[name] = "down"
    if any(value != "ok" for value in checks.values()):
        down = ", ".join(name for name, value in checks.items() if value != "ok")
        raise ServiceUnavailable(f"Not ready: {down} unavailable.", details={"checks": checks})
    return Response({"status": "ok", "checks": checks})
