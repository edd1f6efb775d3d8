import pytest
from django.core.cache import cache
from django.test import Client

from edge import health
from edge.api import _validation_message


def assert_error_shape(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    return body["error"]


def test_unknown_url_gives_error_shape(client):
    assert_error_shape(client.get("/no/such/thing"), 404, "not_found")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_unknown_url_is_404_in_shape_for_unsafe_methods_too(method):
    client = Client(enforce_csrf_checks=True)
    assert_error_shape(getattr(client, method)("/no/such/thing"), 404, "not_found")


def test_csrf_refusal_outside_drf_is_in_the_error_shape():
    client = Client(enforce_csrf_checks=True)
    error = assert_error_shape(client.post("/admin/login/", {}), 403, "csrf_failed")
    assert error["details"]["reason"]


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_wrong_method_is_405_in_shape(client):
    assert_error_shape(client.post("/healthz"), 405, "method_not_allowed")


@pytest.mark.django_db
def test_readyz_checks_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == dict.fromkeys(health.READINESS_CHECKS, "ok")
    assert {"database", "cache"} <= set(health.READINESS_CHECKS)


@pytest.mark.django_db
def test_readyz_503_when_cache_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", broken)
    error = assert_error_shape(client.get("/readyz"), 503, "unavailable")
    ok = dict.fromkeys(health.READINESS_CHECKS, "ok")
    assert error["details"]["checks"] == {**ok, "cache": "down"}
    assert "cache" in error["message"]


def test_readyz_503_when_database_down(client, monkeypatch):
    def broken():
        raise RuntimeError("database is down")

    monkeypatch.setitem(health.READINESS_CHECKS, "database", broken)
    error = assert_error_shape(client.get("/readyz"), 503, "unavailable")
    assert error["details"]["checks"]["database"] == "down"


def test_openapi_schema_and_docs(client):
    schema = client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert schema.json()["openapi"].startswith("3.")
    assert "/healthz" in schema.json()["paths"]
    assert client.get("/api/docs").status_code == 200


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        ({"week": ["Must be an integer."]}, "week: Must be an integer."),
        (
            {"pinned_players": {0: ["A valid integer is required."]}},
            "pinned_players: A valid integer is required.",
        ),
        ({"views": [{"name": ["Too long."]}]}, "views: Too long."),
        ({"non_field_errors": ["Dates overlap."]}, "Dates overlap."),
        (["Plain."], "Plain."),
    ],
)
def test_validation_message_names_the_top_level_field(detail, message):
    assert _validation_message(detail) == message
