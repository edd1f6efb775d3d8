"""`make run` has no Redis: the same flows run on the local-memory cache."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from fantasy.yahoo.local.builder import token_body
from tests.accounts.conftest import TOKEN_URL, sign_in
from tests.edge.test_errors_and_health import assert_error_shape

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_memory_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "edge.cache.raw_key",
        }
    }
    cache.clear()


def test_sign_in_with_a_single_use_state(api_client, yahoo):
    yahoo.post(TOKEN_URL, json=token_body())
    login = api_client.get("/auth/yahoo/login")
    state = parse_qs(urlsplit(login["Location"]).query)["state"][0]
    assert cache.get(f"oauth:state:{state}")["code_verifier"]

    callback = api_client.get("/auth/yahoo/callback", {"state": state, "code": "c"})
    assert callback.status_code == 302
    assert api_client.get("/me").status_code == 200
    api_client.cookies["fe_oauth_state"] = state
    replay = api_client.get("/auth/yahoo/callback", {"state": state, "code": "c"})
    assert_error_shape(replay, 400, "oauth_state_invalid")


def test_sessions_and_logout(api_client):
    session = sign_in(api_client)
    secret = api_client.cookies["fe_session"].value
    assert cache.get(f"session:{session.id}")["user_id"] == session.user_id
    assert api_client.post("/auth/logout", HTTP_ORIGIN="http://testserver").status_code == 204
    assert cache.get(f"session:{session.id}") is None
    api_client.cookies["fe_session"] = secret
    assert_error_shape(api_client.get("/me"), 401, "not_authenticated")


def test_rate_limit(api_client, settings):
    settings.AUTH_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        assert api_client.get("/auth/yahoo/login").status_code == 302
    response = api_client.get("/auth/yahoo/login")
    assert_error_shape(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
