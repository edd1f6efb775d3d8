"""Cookie-authenticated unsafe requests need an allowed Origin and the CSRF token."""

import pytest
from rest_framework.test import APIClient

from accounts.api_keys import api_key_create
from tests.accounts.conftest import WEB_APP, sign_in
from tests.edge.test_errors_and_health import assert_error_shape

pytestmark = pytest.mark.django_db

PREFERENCES = {"theme": "dark"}


@pytest.fixture
def browser(user) -> APIClient:
    """A browser-like client: Django's CSRF check is enforced, as in production."""
    client = APIClient(enforce_csrf_checks=True)
    sign_in(client, user)
    return client


def csrf_token(client: APIClient) -> str:
    return client.get("/me").json()["csrf_token"]


def test_with_allowed_origin_and_csrf_token_a_put_succeeds(browser):
    token = csrf_token(browser)
    assert "csrftoken" in browser.cookies
    response = browser.put(
        "/user/preferences", PREFERENCES, format="json", HTTP_ORIGIN=WEB_APP, HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200


@pytest.mark.parametrize("origin", [None, "https://evil.example.com", "null", f"{WEB_APP}.evil.io"])
def test_a_foreign_or_missing_origin_is_rejected(browser, origin):
    token = csrf_token(browser)
    headers = {"HTTP_X_CSRFTOKEN": token, **({"HTTP_ORIGIN": origin} if origin else {})}
    response = browser.put("/user/preferences", PREFERENCES, format="json", **headers)
    error = assert_error_shape(response, 403, "permission_denied")
    assert "Origin" in error["message"]


def test_a_missing_or_wrong_csrf_token_is_rejected(browser):
    csrf_token(browser)
    for headers in ({}, {"HTTP_X_CSRFTOKEN": "x" * 32}):
        response = browser.put(
            "/user/preferences", PREFERENCES, format="json", HTTP_ORIGIN=WEB_APP, **headers
        )
        error = assert_error_shape(response, 403, "permission_denied")
        assert "CSRF" in error["message"]


def test_a_cross_site_logout_is_rejected_and_the_session_survives(browser):
    response = browser.post("/auth/logout", HTTP_ORIGIN="https://evil.example.com")
    assert_error_shape(response, 403, "permission_denied")
    assert browser.get("/me").status_code == 200


def test_safe_methods_need_no_token(browser):
    assert (
        browser.get("/user/preferences", HTTP_ORIGIN="https://evil.example.com").status_code == 200
    )


def test_bearer_keys_need_no_origin_or_csrf_token(user):
    _, raw_key = api_key_create(user=user, name="script")
    script = APIClient(enforce_csrf_checks=True)
    response = script.put(
        "/user/preferences", PREFERENCES, format="json", HTTP_AUTHORIZATION=f"Bearer {raw_key}"
    )
    assert response.status_code == 200


def test_cors_allows_exactly_the_configured_origins_with_credentials(api_client):
    preflight = {
        "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "PUT",
        "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "x-csrftoken, content-type",
    }
    allowed = api_client.options("/user/preferences", HTTP_ORIGIN=WEB_APP, **preflight)
    assert allowed["Access-Control-Allow-Origin"] == WEB_APP
    assert allowed["Access-Control-Allow-Credentials"] == "true"
    assert "x-csrftoken" in allowed["Access-Control-Allow-Headers"]

    foreign = api_client.options(
        "/user/preferences", HTTP_ORIGIN="https://evil.example.com", **preflight
    )
    assert "Access-Control-Allow-Origin" not in foreign
