"""Fixtures for the accounts tests: Yahoo settings and mocks, signed-in clients, a Redis outage."""

import datetime as dt

import pytest
import redis.exceptions
import responses
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import sessions, store
from accounts.models import WebSession
from tests.factories import UserFactory

WEB_APP = "https://app.example.com"
YAHOO_OAUTH = "https://login.yahoo.test/oauth2"
YAHOO_API = "https://fantasy.yahoo.test/fantasy/v2"
TOKEN_URL = f"{YAHOO_OAUTH}/get_token"
PROFILE_URL = f"{YAHOO_API}/users;use_login=1;out=profile"
REDIRECT_URI = "https://api.example.com/auth/yahoo/callback"


@pytest.fixture(autouse=True)
def _accounts_settings(settings):
    settings.YAHOO_CLIENT_ID = "test-client-id"
    settings.YAHOO_CLIENT_SECRET = "test-client-secret-value"
    settings.YAHOO_REDIRECT_URI = REDIRECT_URI
    settings.YAHOO_OAUTH_URL = YAHOO_OAUTH
    settings.YAHOO_API_URL = YAHOO_API
    settings.YAHOO_HTTP_TIMEOUT = 7.5
    settings.WEB_APP_URL = f"{WEB_APP}/"
    settings.CORS_ORIGINS = [WEB_APP]
    settings.CORS_ALLOWED_ORIGINS = [WEB_APP]
    settings.CSRF_TRUSTED_ORIGINS = [WEB_APP]
    settings.AUTH_RATE_LIMIT_PER_MINUTE = 1000
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def yahoo():
    """Yahoo, mocked: nothing leaves the machine, every unexpected call fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def sign_in(client: APIClient, user=None, **session_fields) -> WebSession:
    """A real server session for the user, with its cookie on the client."""
    user = user or UserFactory()
    session, secret = sessions.session_create(user=user, user_agent="pytest", ip="127.0.0.1")
    if session_fields:
        WebSession.objects.filter(id=session.id).update(**session_fields)
    client.cookies["fe_session"] = secret
    return session


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def user_client(user) -> APIClient:
    """Signed in by cookie, sending the web app's Origin like a browser would (the CSRF token
    itself is only checked by clients made with enforce_csrf_checks=True)."""
    client = APIClient(HTTP_ORIGIN=WEB_APP)
    client.session_record = sign_in(client, user)
    return client


class _BrokenRedis:
    """Every command fails the way redis-py does when the server is unreachable."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise redis.exceptions.ConnectionError("Error 111 connecting to redis. Refused.")

        return fail


@pytest.fixture
def redis_down(monkeypatch):
    """Simulate a Redis outage for accounts (the shared server keeps running)."""

    if not store.uses_redis():
        pytest.skip("simulating a Redis outage needs REDIS_URL")

    def down():
        monkeypatch.setattr(store, "redis_connection", lambda: _BrokenRedis())

    return down


@pytest.fixture
def redis_conn():
    if not store.uses_redis():
        pytest.skip("inspecting Redis keys needs REDIS_URL")
    return store.redis_connection()


def expired(minutes: int = 1) -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=minutes)
