"""The API-key check is cached per process for API_KEY_CACHE_SECONDS: a request authenticated by a
recently seen key costs no query, and a key revoked anywhere fails within that time."""

import pytest

from accounts import api_keys
from accounts.api_keys import API_KEY_CACHE_SECONDS, ApiKeyCache, api_key_create
from accounts.models import ApiKey
from tests.accounts.test_api_keys import bearer
from tests.edge.test_errors_and_health import assert_error_shape

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(api_keys, "api_key_cache", ApiKeyCache(clock=clock))
    return clock


def test_a_recently_seen_key_authenticates_without_a_query(user, clock, django_assert_num_queries):
    _, raw_key = api_key_create(user=user, name="script")
    assert api_keys.api_key_authenticate(raw_key=raw_key).user == user

    clock.now += API_KEY_CACHE_SECONDS - 0.1
    with django_assert_num_queries(0):
        assert api_keys.api_key_authenticate(raw_key=raw_key).user == user


def test_a_key_deleted_elsewhere_fails_once_the_cache_expires(user, clock):
    """Another worker revoked it: this process still trusts it, for API_KEY_CACHE_SECONDS only."""
    api_key, raw_key = api_key_create(user=user, name="script")
    script = bearer(raw_key)
    assert script.get("/me").status_code == 200

    ApiKey.objects.filter(pk=api_key.pk).delete()
    clock.now += API_KEY_CACHE_SECONDS - 0.1
    assert script.get("/me").status_code == 200
    clock.now += 0.1
    assert_error_shape(script.get("/me"), 401, "authentication_failed")


def test_a_key_revoked_in_this_process_fails_at_once(user, user_client, clock):
    api_key, raw_key = api_key_create(user=user, name="script")
    script = bearer(raw_key)
    assert script.get("/me").status_code == 200

    assert user_client.delete(f"/user/api-keys/{api_key.pk}").status_code == 204
    assert_error_shape(script.get("/me"), 401, "authentication_failed")


def test_a_wrong_secret_is_never_served_from_the_cache(user, clock):
    _, raw_key = api_key_create(user=user, name="script")
    assert api_keys.api_key_authenticate(raw_key=raw_key) is not None

    assert api_keys.api_key_authenticate(raw_key=raw_key[:-1] + "x") is None
