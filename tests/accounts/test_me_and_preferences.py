import os
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from accounts.models import UserPreferences
from tests.edge.test_errors_and_health import assert_error_shape
from tests.factories import PlayerFactory, UserPreferencesFactory, YahooAccountFactory

pytestmark = pytest.mark.django_db


# --- GET /me -------------------------------------------------------------------------------


def test_me_shows_the_user_and_the_link_status_but_never_a_token(user_client, user):
    account = YahooAccountFactory(user=user)
    response = user_client.get("/me")
    body = response.json()
    assert body["id"] == user.id
    assert body["display_name"] == user.display_name
    assert body["yahoo"] == {
        "linked": True,
        "yahoo_guid": user.yahoo_guid,
        "needs_relink": False,
        "relink_reason": "",
        "access_expires_at": body["yahoo"]["access_expires_at"],
    }
    assert body["csrf_token"]
    text = response.content.decode()
    assert account.access_token_enc not in text and account.refresh_token_enc not in text
    assert "token_enc" not in text


def test_me_for_a_user_without_a_yahoo_link(user_client):
    yahoo = user_client.get("/me").json()["yahoo"]
    assert yahoo["linked"] is False and yahoo["needs_relink"] is True


# --- /user/preferences ---------------------------------------------------------------------


def test_preferences_default_without_writing_a_row(user_client, user):
    response = user_client.get("/user/preferences")
    assert response.status_code == 200
    assert response.json() == {
        "theme": "system",
        "saved_views": {},
        "pinned_players": [],
        "updated_at": None,
    }
    assert not UserPreferences.objects.filter(user=user).exists()


def test_put_preferences_stores_them(user_client, user):
    players = PlayerFactory.create_batch(2)
    payload = {
        "theme": "dark",
        "saved_views": {"waivers": {"sort": "delta_xfp", "positions": ["WR", "RB"]}},
        "pinned_players": [players[1].id, players[0].id, players[1].id],
    }
    response = user_client.put("/user/preferences", payload, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["theme"] == "dark"
    assert body["pinned_players"] == [players[1].id, players[0].id]  # de-duplicated, in order
    stored = UserPreferences.objects.get(user=user)
    assert stored.saved_views == payload["saved_views"]
    assert stored.pinned_players == [players[1].id, players[0].id]
    assert user_client.get("/user/preferences").json()["theme"] == "dark"


def test_fields_left_out_of_a_put_keep_their_value(user_client, user):
    UserPreferencesFactory(user=user, theme="light", saved_views={"a": 1})
    response = user_client.put("/user/preferences", {"theme": "dark"}, format="json")
    assert response.json()["saved_views"] == {"a": 1}
    assert UserPreferences.objects.get(user=user).theme == "dark"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"theme": "neon"}, "theme"),
        ({"saved_views": ["not", "an", "object"]}, "saved_views"),
        ({"saved_views": {"big": "x" * 17000}}, "saved_views"),
        ({"pinned_players": [987654321]}, "pinned_players"),
        ({"pinned_players": ["abc"]}, "pinned_players"),
        ({"pinned_players": list(range(1, 60))}, "pinned_players"),
    ],
)
def test_invalid_preferences_are_a_clear_400(user_client, user, payload, field):
    error = assert_error_shape(
        user_client.put("/user/preferences", payload, format="json"), 400, "invalid"
    )
    assert field in error["details"]
    assert error["message"]
    assert not UserPreferences.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "raw_body",
    [
        b'{"saved_views": {"a": "\\u0000"}}',
        b'{"saved_views": {"\\u0000": 1}}',
        b'{"saved_views": {"a": ' + b"[" * 900 + b"]" * 900 + b"}}",  # parses, then cannot encode
        b'{"saved_views": {"a": ' + b"[" * 16 + b"]" * 16 + b"}}",
    ],
)
def test_saved_views_with_nul_or_deep_nesting_is_a_400(user_client, user, raw_body):
    """JSON allows NUL and any nesting; jsonb refuses NUL, and JSON nested close to Python's
    recursion limit parses but no longer encodes (500s before)."""
    response = user_client.generic(
        "PUT", "/user/preferences", raw_body, content_type="application/json"
    )
    if response.json()["error"]["code"] == "parse_error":
        # 900 levels parse or not depending on the stack already in use (deeper under an
        # xdist worker): refused as unparsable then, still a 400 and nothing saved.
        assert raw_body.count(b"[") == 900
        assert_error_shape(response, 400, "parse_error")
    else:
        error = assert_error_shape(response, 400, "invalid")
        assert "saved_views" in error["details"]
    assert not UserPreferences.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (urlencode({"theme": "dark"}), "application/x-www-form-urlencoded"),
        (encode_multipart(BOUNDARY, {"theme": "dark"}), MULTIPART_CONTENT),
    ],
)
def test_bodies_other_than_json_are_415(user_client, user, body, content_type):
    """The API reads JSON only: a form or multipart body is refused, as documented."""
    response = user_client.generic("PUT", "/user/preferences", body, content_type=content_type)
    assert_error_shape(response, 415, "unsupported_media_type")
    assert not UserPreferences.objects.filter(user=user).exists()


def test_saved_views_may_hold_any_other_text(user_client):
    views = {"escaped": "\\u0000 is fine as text", "emoji": "\U0001f3c8", "ü": [1, None]}
    response = user_client.put("/user/preferences", {"saved_views": views}, format="json")
    assert response.status_code == 200, response.content
    assert user_client.get("/user/preferences").json()["saved_views"] == views


def test_unknown_player_ids_are_named(user_client):
    error = assert_error_shape(
        user_client.put("/user/preferences", {"pinned_players": [987654321]}, format="json"),
        400,
        "invalid",
    )
    assert "987654321" in error["message"]


def test_preferences_need_a_session(api_client):
    assert_error_shape(api_client.get("/user/preferences"), 401, "not_authenticated")
    assert_error_shape(
        api_client.put("/user/preferences", {"theme": "dark"}, format="json"),
        401,
        "not_authenticated",
    )


def test_each_user_sees_only_their_own_preferences(user_client):
    UserPreferencesFactory(theme="dark")  # someone else's
    assert user_client.get("/user/preferences").json()["theme"] == "system"


@pytest.mark.parametrize(
    ("raw_body", "content_type", "status", "code"),
    [
        (b"{bad", "application/json", 400, "parse_error"),
        (b"[" * 100_000, "application/json", 400, "parse_error"),  # deeper than Python recurses
        (b'{"theme": "\\ud800"}', "application/json", 400, "parse_error"),  # echoed, unencodable
        (b'{"saved_views": {"a": ["\\ud800"]}}', "application/json", 400, "parse_error"),
        (b'{"saved_views": {"\\udfff": 1}}', "application/json", 400, "parse_error"),
        (b'{"saved_views": {"a": NaN}}', "application/json", 400, "parse_error"),
        (b'"dark"', "application/json", 400, "invalid"),
        (b"\xff\xfe{", "application/json", 400, "parse_error"),
        (b"theme=dark", "text/plain", 415, "unsupported_media_type"),
        (b'{"saved_views": "' + b"x" * 3_000_000 + b'"}', "application/json", 413, "too_large"),
    ],
)
def test_malformed_bodies_are_a_4xx_in_the_error_shape(
    user_client, user, raw_body, content_type, status, code
):
    response = user_client.generic("PUT", "/user/preferences", raw_body, content_type=content_type)
    assert_error_shape(response, status, code)
    assert not UserPreferences.objects.filter(user=user).exists()


def test_the_parser_setting_imports_before_any_view():
    """Commands and workers import services (hence edge.api) before any DRF view: the parser
    named in settings must load without edge.api, which imports rest_framework.views."""
    code = "import django; django.setup(); import accounts.services"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "edge.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_browser_asking_for_html_gets_json(user_client, user):
    response = user_client.get("/me", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert response["Content-Type"] == "application/json"
    assert response.json()["id"] == user.id
