import base64
import datetime as dt
import hashlib
import json
import logging
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.crypto import token_cipher
from accounts.models import User, WebSession, YahooAccount
from accounts.sessions import session_id_for
from fantasy.yahoo.local.builder import profile_body, token_body
from tests.accounts.conftest import (
    PROFILE_URL,
    REDIRECT_URI,
    TOKEN_URL,
    WEB_APP,
    YAHOO_OAUTH,
    sign_in,
)
from tests.conftest import shared_path
from tests.edge.test_errors_and_health import assert_error_shape

pytestmark = pytest.mark.django_db


def start_login(client: APIClient, **params) -> dict[str, str]:
    response = client.get("/auth/yahoo/login", params)
    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    return {key: values[0] for key, values in query.items()}


def finish_login(client: APIClient, state: str, code: str = "auth-code-123", **meta):
    return client.get("/auth/yahoo/callback", {"state": state, "code": code}, **meta)


def mock_yahoo_sign_in(yahoo, **token_kwargs):
    yahoo.post(TOKEN_URL, json=token_body(**token_kwargs))
    yahoo.get(PROFILE_URL, json=profile_body(guid=token_kwargs.get("guid", "GUIDTESTUSER0001")))


def s256(verifier: str) -> str:
    return (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )


# --- GET /auth/yahoo/login -----------------------------------------------------------------


def test_login_redirects_to_yahoo_with_state_and_pkce(api_client, redis_conn):
    response = api_client.get("/auth/yahoo/login")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{YAHOO_OAUTH}/request_auth"
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["client_id"] == "test-client-id"
    assert query["redirect_uri"] == REDIRECT_URI
    assert query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256"
    state = query["state"]
    assert len(base64.urlsafe_b64decode(state + "==")) >= 16  # at least 128 bits
    assert set(state) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    stored = json.loads(redis_conn.get(f"oauth:state:{state}"))
    assert {"code_verifier", "redirect_uri", "created_at"} <= set(stored)
    assert stored["redirect_uri"] == REDIRECT_URI
    assert 43 <= len(stored["code_verifier"]) <= 128
    assert query["code_challenge"] == s256(stored["code_verifier"])
    assert 590 < redis_conn.ttl(f"oauth:state:{state}") <= 600
    assert stored["code_verifier"] not in response["Location"]

    browser_cookie = response.cookies["fe_oauth_state"]
    assert browser_cookie.value == state
    assert browser_cookie["httponly"] and browser_cookie["secure"]
    assert browser_cookie["max-age"] == 600


def test_every_login_gets_a_fresh_state_and_verifier(api_client, redis_conn):
    first, second = start_login(api_client), start_login(api_client)
    assert first["state"] != second["state"]
    assert first["code_challenge"] != second["code_challenge"]


@pytest.mark.parametrize(
    ("next_param", "expected"),
    [
        ("/leagues/7?week=3", f"{WEB_APP}/leagues/7?week=3"),
        ("//evil.example.com/x", f"{WEB_APP}/"),
        ("https://evil.example.com/", f"{WEB_APP}/"),
        ("/\\evil.example.com", f"{WEB_APP}/"),
        ("leagues", f"{WEB_APP}/"),
    ],
)
def test_next_is_honoured_only_for_paths_on_the_web_app(api_client, yahoo, next_param, expected):
    mock_yahoo_sign_in(yahoo)
    state = start_login(api_client, next=next_param)["state"]
    response = finish_login(api_client, state)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_login_without_redis_is_a_clear_503(api_client, redis_down):
    redis_down()
    assert_error_shape(api_client.get("/auth/yahoo/login"), 503, "sign_in_unavailable")


# --- GET /auth/yahoo/callback: success -----------------------------------------------------


def test_callback_signs_in_with_encrypted_tokens_session_and_cookie(
    api_client, yahoo, redis_conn, settings
):
    mock_yahoo_sign_in(yahoo, access_token="AT-plain-1", refresh_token="RT-plain-1")
    state = start_login(api_client)["state"]
    verifier = json.loads(redis_conn.get(f"oauth:state:{state}"))["code_verifier"]

    response = finish_login(
        api_client, state, HTTP_USER_AGENT="Firefox/130", REMOTE_ADDR="203.0.113.9"
    )

    assert response.status_code == 302
    assert response["Location"] == f"{WEB_APP}/"
    # The token request: Basic auth, the code, the PKCE verifier, the redirect URI, a timeout.
    token_call = yahoo.calls[0]
    form = parse_qs(token_call.request.body)
    assert form == {
        "grant_type": ["authorization_code"],
        "code": ["auth-code-123"],
        "code_verifier": [verifier],
        "redirect_uri": [REDIRECT_URI],
    }
    basic = base64.b64encode(b"test-client-id:test-client-secret-value").decode()
    assert token_call.request.headers["Authorization"] == f"Basic {basic}"
    assert all(call.request.req_kwargs["timeout"] == 7.5 for call in yahoo.calls)

    user = User.objects.get(yahoo_guid="GUIDTESTUSER0001")
    assert user.display_name == "Kenneth"
    assert user.avatar_url.endswith("k_64sq.jpg")
    account = YahooAccount.objects.get(user=user)
    assert "AT-plain-1" not in account.access_token_enc
    assert "RT-plain-1" not in account.refresh_token_enc
    assert token_cipher().decrypt(account.access_token_enc) == "AT-plain-1"
    assert token_cipher().decrypt(account.refresh_token_enc) == "RT-plain-1"
    assert abs(account.access_expires_at - (timezone.now() + dt.timedelta(hours=1))) < dt.timedelta(
        minutes=1
    )
    assert account.needs_relink is False

    session = WebSession.objects.get(user=user)
    assert session.user_agent == "Firefox/130"
    assert session.ip_addr == "203.0.113.9"
    ttl = dt.timedelta(seconds=settings.SESSION_TTL_SECONDS)
    assert abs(session.expires_at - (timezone.now() + ttl)) < dt.timedelta(minutes=1)
    cached = json.loads(redis_conn.get(f"session:{session.id}"))
    assert cached["user_id"] == user.id
    assert cached["user_agent"] == "Firefox/130" and cached["ip"] == "203.0.113.9"
    assert (
        settings.SESSION_TTL_SECONDS - 60
        < redis_conn.ttl(f"session:{session.id}")
        <= (settings.SESSION_TTL_SECONDS)
    )

    cookie = response.cookies["fe_session"]
    assert session_id_for(cookie.value) == session.id  # the cookie's secret itself is not stored
    assert cookie.value != str(session.id)
    assert cookie["httponly"] is True
    assert cookie["secure"] is True  # DEBUG is off under pytest
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert cookie["max-age"] == settings.SESSION_TTL_SECONDS
    assert response.cookies["fe_oauth_state"]["max-age"] == 0
    assert redis_conn.get(f"oauth:state:{state}") is None

    me = api_client.get("/me")
    assert me.status_code == 200
    assert me.json()["id"] == user.id


def test_cookie_attributes_follow_settings(api_client, yahoo, settings):
    settings.SESSION_COOKIE_SAMESITE_FE = "None"
    settings.SESSION_COOKIE_DOMAIN_FE = ".example.com"
    settings.SESSION_COOKIE_PATH_FE = "/api"
    mock_yahoo_sign_in(yahoo)
    response = finish_login(api_client, start_login(api_client)["state"])
    cookie = response.cookies["fe_session"]
    assert (cookie["samesite"], cookie["domain"], cookie["path"]) == (
        "None",
        ".example.com",
        "/api",
    )
    assert cookie["secure"] is True


def test_signing_in_again_updates_the_user_and_issues_a_new_session_id(api_client, yahoo):
    user = User.objects.create(yahoo_guid="GUIDTESTUSER0001", display_name="Old name")
    old_session = sign_in(api_client, user)
    mock_yahoo_sign_in(yahoo)

    response = finish_login(api_client, start_login(api_client)["state"])

    assert response.status_code == 302
    assert User.objects.count() == 1
    user.refresh_from_db()
    assert user.display_name == "Kenneth"
    new_session = WebSession.objects.get(user=user)
    assert new_session.id != old_session.id  # no fixation: the old id is gone
    assert session_id_for(response.cookies["fe_session"].value) == new_session.id


@pytest.mark.django_db(transaction=True)
def test_sign_in_works_in_autocommit_like_a_real_request(api_client, yahoo):
    """Outside a test transaction, as under runserver or gunicorn (no ATOMIC_REQUESTS): the row
    lock on the user must run in its own transaction, for a new user and a returning one."""
    for _ in range(2):
        mock_yahoo_sign_in(yahoo)
        response = finish_login(api_client, start_login(api_client)["state"])
        assert response.status_code == 302, response.content
    assert User.objects.count() == 1
    assert WebSession.objects.count() == 1


def test_sign_in_survives_a_failing_profile_call(api_client, yahoo):
    yahoo.post(TOKEN_URL, json=token_body())
    yahoo.get(PROFILE_URL, status=500)
    response = finish_login(api_client, start_login(api_client)["state"])
    assert response.status_code == 302
    assert User.objects.get().display_name is None


def test_a_relinked_account_is_cleared_of_its_relink_flag(api_client, yahoo):
    user = User.objects.create(yahoo_guid="GUIDTESTUSER0001")
    YahooAccount.objects.create(
        user=user,
        yahoo_guid="GUIDTESTUSER0001",
        access_token_enc="x",
        refresh_token_enc="y",
        access_expires_at=timezone.now(),
        needs_relink=True,
        relink_reason="invalid_grant",
    )
    mock_yahoo_sign_in(yahoo)
    finish_login(api_client, start_login(api_client)["state"])
    account = YahooAccount.objects.get(user=user)
    assert (account.needs_relink, account.relink_reason) == (False, "")


# --- GET /auth/yahoo/callback: refusals create nothing -------------------------------------


def assert_nothing_created(yahoo=None):
    assert User.objects.count() == 0
    assert YahooAccount.objects.count() == 0
    assert WebSession.objects.count() == 0
    if yahoo is not None:
        assert not any(call.request.url == TOKEN_URL for call in yahoo.calls)


def test_callback_without_state_is_400(api_client, yahoo):
    start_login(api_client)
    response = api_client.get("/auth/yahoo/callback", {"code": "auth-code-123"})
    assert_error_shape(response, 400, "oauth_state_invalid")
    assert_nothing_created(yahoo)


def test_callback_with_unknown_state_is_400(api_client, yahoo):
    start_login(api_client)
    api_client.cookies["fe_oauth_state"] = "made-up-state"
    assert_error_shape(finish_login(api_client, "made-up-state"), 400, "oauth_state_invalid")
    assert_nothing_created(yahoo)


def test_callback_with_expired_state_is_400(api_client, yahoo, redis_conn):
    state = start_login(api_client)["state"]
    redis_conn.delete(f"oauth:state:{state}")  # what the 600 s TTL does
    assert_error_shape(finish_login(api_client, state), 400, "oauth_state_invalid")
    assert_nothing_created(yahoo)


def test_callback_replayed_is_400_the_second_time(api_client, yahoo):
    mock_yahoo_sign_in(yahoo)
    state = start_login(api_client)["state"]
    assert finish_login(api_client, state).status_code == 302
    api_client.cookies["fe_oauth_state"] = state  # even with the binding cookie kept

    assert_error_shape(finish_login(api_client, state), 400, "oauth_state_invalid")
    assert WebSession.objects.count() == 1
    assert len([call for call in yahoo.calls if call.request.url == TOKEN_URL]) == 1


def test_callback_from_another_browser_is_400_and_leaves_the_state(api_client, yahoo, redis_conn):
    state = start_login(api_client)["state"]
    other_browser = APIClient()

    assert_error_shape(finish_login(other_browser, state), 400, "oauth_state_invalid")
    other_browser.cookies["fe_oauth_state"] = "attacker-own-state"
    assert_error_shape(finish_login(other_browser, state), 400, "oauth_state_invalid")
    assert_nothing_created(yahoo)
    assert redis_conn.exists(f"oauth:state:{state}")


@pytest.mark.parametrize(("state", "cookie"), [("é", "abc"), ("abc", "é"), ("é", "é")])
def test_a_non_ascii_state_is_400_not_a_crash(api_client, yahoo, state, cookie):
    start_login(api_client)
    api_client.cookies["fe_oauth_state"] = cookie
    assert_error_shape(finish_login(api_client, state), 400, "oauth_state_invalid")
    assert_nothing_created(yahoo)


def test_callback_access_denied_is_400(api_client, yahoo, redis_conn):
    state = start_login(api_client)["state"]
    response = api_client.get("/auth/yahoo/callback", {"state": state, "error": "access_denied"})
    assert_error_shape(response, 400, "oauth_denied")
    assert_nothing_created(yahoo)
    assert redis_conn.get(f"oauth:state:{state}") is None  # used up


def test_callback_with_a_refused_code_is_400(api_client, yahoo):
    yahoo.post(TOKEN_URL, status=400, json={"error": "invalid_grant"})
    error = assert_error_shape(
        finish_login(api_client, start_login(api_client)["state"]), 400, "oauth_exchange_failed"
    )
    assert error["details"] == {"reason": "invalid_grant"}
    assert_nothing_created()


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 503, "body": "Service Unavailable"},
        {"body": requests.exceptions.ConnectTimeout("timed out")},
        {"status": 200, "body": "<html>not json</html>"},
    ],
)
def test_callback_when_yahoo_fails_is_503(api_client, yahoo, failure):
    yahoo.post(TOKEN_URL, **failure)
    response = finish_login(api_client, start_login(api_client)["state"])
    assert_error_shape(response, 503, "yahoo_unavailable")
    assert_nothing_created()


def test_callback_without_a_code_is_400(api_client, yahoo):
    response = finish_login(api_client, start_login(api_client)["state"], code="")
    assert_error_shape(response, 400, "oauth_exchange_failed")
    assert_nothing_created(yahoo)


def test_token_response_without_guid_is_refused(api_client, yahoo):
    body = token_body()
    del body["xoauth_yahoo_guid"]
    yahoo.post(TOKEN_URL, json=body)
    response = finish_login(api_client, start_login(api_client)["state"])
    assert_error_shape(response, 400, "oauth_exchange_failed")
    assert_nothing_created()


# --- Secrets stay secret -------------------------------------------------------------------


def test_no_token_or_secret_in_responses_or_logs_during_sign_in(
    api_client, yahoo, redis_conn, caplog
):
    caplog.set_level(logging.DEBUG)
    mock_yahoo_sign_in(yahoo, access_token="AT-secret-777", refresh_token="RT-secret-888")
    login = api_client.get("/auth/yahoo/login")
    state = parse_qs(urlsplit(login["Location"]).query)["state"][0]
    verifier = json.loads(redis_conn.get(f"oauth:state:{state}"))["code_verifier"]
    callback = finish_login(api_client, state, code="auth-code-secret-999")
    me = api_client.get("/me")

    account = YahooAccount.objects.get()
    secrets = [
        "AT-secret-777",
        "RT-secret-888",
        verifier,
        "auth-code-secret-999",
        "test-client-secret-value",
        account.access_token_enc,
        account.refresh_token_enc,
    ]
    exposed = [
        str(login.headers),
        str(callback.headers),
        callback.content.decode(),
        str(me.headers),
        me.content.decode(),
        caplog.text,
    ]
    assert caplog.records  # the flow does log; it just never logs a secret
    for secret in secrets:
        assert not any(secret in text for text in exposed), secret


def test_token_body_builder_has_the_keys_of_yahoos_template():
    template = json.loads(
        shared_path("yahoo-samples", "oauth", "token_response_template.json").read_text()
    )
    assert set(token_body()) == set(template)
