import pytest
import redis
from django.test import RequestFactory
from rest_framework.test import APIClient

from accounts.api_keys import api_key_create
from accounts.throttling import ApiRateLimit, client_ip
from tests.accounts.conftest import sign_in
from tests.edge.test_errors_and_health import assert_error_shape

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings):
    settings.AUTH_RATE_LIMIT_PER_MINUTE = 3
    return 3


def test_the_fourth_login_in_a_minute_is_429_with_retry_after(api_client, limit, redis_conn):
    for _ in range(limit):
        assert api_client.get("/auth/yahoo/login").status_code == 302

    response = api_client.get("/auth/yahoo/login")

    assert_error_shape(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert 0 < redis_conn.ttl("rate:ip:login:127.0.0.1") <= 60


def test_each_route_and_each_client_has_its_own_budget(api_client, limit, redis_conn):
    for _ in range(limit + 1):
        api_client.get("/auth/yahoo/login")
    assert api_client.get("/auth/yahoo/callback").status_code == 400  # not 429
    assert api_client.get("/auth/yahoo/login", REMOTE_ADDR="198.51.100.4").status_code == 302
    assert redis_conn.exists("rate:ip:callback:127.0.0.1")


def test_logout_is_rate_limited_too(api_client, limit):
    for _ in range(limit):
        api_client.post("/auth/logout")
    assert_error_shape(api_client.post("/auth/logout"), 429, "rate_limited")


def test_a_spoofed_forwarded_for_does_not_escape_the_limit(api_client, limit):
    for n in range(limit):
        api_client.get("/auth/yahoo/login", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = api_client.get("/auth/yahoo/login", HTTP_X_FORWARDED_FOR="10.0.0.99")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_is_limited(
    api_client, limit, settings, redis_conn
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(limit + 1):
        response = api_client.get("/auth/yahoo/login", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert response.status_code == 429
    assert redis_conn.exists("rate:ip:login:203.0.113.7")
    assert not redis_conn.exists("rate:ip:login:127.0.0.1")


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.9.8.7"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 172.16.0.2", "1.2.3.4"),
        (2, "1.2.3.4", "10.9.8.7"),  # fewer hops than proxies: do not trust the header
        (1, "not-an-ip", None),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.8.7", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_with_redis_down_the_limit_fails_open(api_client, limit, redis_refusing, yahoo):
    for _ in range(limit + 2):
        # Not 429: signing in needs Redis anyway, and says so.
        assert_error_shape(api_client.get("/auth/yahoo/login"), 503, "sign_in_unavailable")


@pytest.fixture
def api_limit(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    return 3


def test_the_whole_api_is_limited_per_api_key(user, api_limit, redis_conn):
    api_key, raw_key = api_key_create(user=user, name="script")
    script = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    for path in ("/me", "/user/preferences", "/leagues"):
        assert script.get(path).status_code == 200

    response = script.get("/me")

    assert_error_shape(response, 429, "rate_limited")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert 0 < redis_conn.ttl(f"rate:key:{api_key.pk}") <= 60
    # Another key has its own budget; so has the user's browser session.
    _, other_key = api_key_create(user=user, name="other")
    assert APIClient(HTTP_AUTHORIZATION=f"Bearer {other_key}").get("/me").status_code == 200
    browser = APIClient()
    sign_in(browser, user)
    assert browser.get("/me").status_code == 200


def test_the_whole_api_is_limited_per_signed_in_user(user_client, user, api_limit, redis_conn):
    for _ in range(api_limit):
        assert user_client.get("/me").status_code == 200
    assert_error_shape(user_client.get("/leagues"), 429, "rate_limited")
    assert redis_conn.exists(f"rate:user:{user.pk}")


def test_anonymous_requests_are_not_counted_against_anyone(api_client, api_limit):
    for _ in range(api_limit + 2):
        assert_error_shape(api_client.get("/me"), 401, "not_authenticated")
    assert api_client.get("/healthz").status_code == 200


def test_with_redis_down_the_api_limit_fails_open(user, api_limit, redis_refusing):
    _, raw_key = api_key_create(user=user, name="script")
    script = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    for _ in range(api_limit + 2):
        assert script.get("/me").status_code == 200


def test_the_api_limit_costs_one_redis_call_a_request(user, redis_conn, monkeypatch):
    _, raw_key = api_key_create(user=user, name="script")
    script = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    script.get("/me")  # the script is loaded once per server
    commands = []
    original = redis.Redis.execute_command

    def recorded(self, *args, **options):
        commands.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", recorded)

    assert script.get("/me").status_code == 200
    assert commands == ["EVALSHA"]


def test_a_history_an_older_release_pickled_starts_over(user, api_limit, redis_conn):
    api_key, raw_key = api_key_create(user=user, name="script")
    redis_conn.set(f"rate:key:{api_key.pk}", b"\x80\x04]\x94.")  # DRF's pickled list
    script = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    for _ in range(api_limit):
        assert script.get("/me").status_code == 200
    assert script.get("/me").status_code == 429
    assert redis_conn.llen(f"rate:key:{api_key.pk}") == api_limit


def test_the_window_slides_like_drfs(user, api_limit, redis_conn, monkeypatch):
    """A request leaves the window a minute after it was made, not at a fixed minute's end."""
    clock = [1_000_000.0]
    monkeypatch.setattr(ApiRateLimit, "timer", lambda self: clock[0])
    _, raw_key = api_key_create(user=user, name="script")
    script = APIClient(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    for step in range(api_limit):
        clock[0] += 10 * step
        assert script.get("/me").status_code == 200
    refused = script.get("/me")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "30"  # DRF: (60 - 30 s since the oldest) / 1 free slot
    clock[0] += 30  # the first request is now a minute old
    assert script.get("/me").status_code == 200
    assert script.get("/me").status_code == 429
