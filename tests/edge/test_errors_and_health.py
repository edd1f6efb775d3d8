import pytest
from django.core.cache import cache
from django.test import Client

from edge import health
from edge.api import _validation_message
from edge.openapi import SchemaView


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


def test_the_schema_is_generated_once_per_process(client, monkeypatch):
    SchemaView._documents.clear()
    generated = []
    real = SchemaView.generator_class.get_schema

    def counting(generator, *args, **kwargs):
        generated.append(1)
        return real(generator, *args, **kwargs)

    monkeypatch.setattr(SchemaView.generator_class, "get_schema", counting)
    documents = [
        client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
        for _ in range(3)
    ]
    assert len(generated) == 1
    assert documents[0] == documents[2] and "/me" in documents[0]["paths"]
    assert "openapi: 3" in client.get("/api/schema").content.decode()  # YAML by default


def test_every_operation_documents_rate_limits_and_bodies_their_415(client):
    paths = client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = [op for item in paths["paths"].values() for op in item.values()]
    assert all({"414", "429"} <= set(op["responses"]) for op in operations)
    assert all("Retry-After" in op["responses"]["429"]["headers"] for op in operations)
    with_body = [op for op in operations if "requestBody" in op]
    assert with_body and all("415" in op["responses"] for op in with_body)
    assert all(set(op["requestBody"]["content"]) == {"application/json"} for op in with_body)


@pytest.mark.parametrize("accept", ["text/html", "text/html,application/xhtml+xml", "*/*", ""])
@pytest.mark.parametrize("query", ["", "?format=api", "?format=html"])
def test_the_api_answers_json_whatever_the_client_accepts(client, accept, query):
    """No browsable API: answers and errors stay JSON in the one error shape."""
    response = client.get(f"/me{query}", HTTP_ACCEPT=accept)
    assert response["Content-Type"] == "application/json"
    assert_error_shape(response, 401, "not_authenticated")
    ok = client.get(f"/healthz{query}", HTTP_ACCEPT=accept)
    assert ok.status_code == 200 and ok["Content-Type"] == "application/json"


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
