"""POST/DELETE /user/sleeper: link a Sleeper username (session only, CSRF), shown in GET /me."""

import pytest
import responses
from rest_framework.test import APIClient

from accounts.api_keys import api_key_create
from accounts.models import SleeperAccount
from tests import sleeper_builder as sb
from tests.accounts.conftest import WEB_APP, sign_in
from tests.edge.test_errors_and_health import assert_error_shape
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sleeper():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def league():
    return sb.make_league()


def test_link_then_me_then_unlink(user_client, user, sleeper, league):
    sleeper.get(sb.url(f"user/{league.me.username}"), json=sb.user_body(league.me))
    assert user_client.get("/me").json()["sleeper"] == {"linked": False}

    linked = user_client.post("/user/sleeper", {"username": league.me.username}, format="json")

    assert linked.status_code == 200
    assert linked.json() == {
        "linked": True,
        "username": league.me.username,
        "sleeper_user_id": league.me.user_id,
        "display_name": league.me.display_name,
    }
    assert user_client.get("/me").json()["sleeper"]["username"] == league.me.username
    assert SleeperAccount.objects.get(user=user).sleeper_user_id == league.me.user_id

    assert user_client.delete("/user/sleeper").status_code == 204
    assert user_client.get("/me").json()["sleeper"] == {"linked": False}
    assert_error_shape(user_client.delete("/user/sleeper"), 404, "not_found")


def test_relinking_replaces_the_username(user_client, user, sleeper, league):
    other = league.users[1]
    sleeper.get(sb.url(f"user/{league.me.username}"), json=sb.user_body(league.me))
    sleeper.get(sb.url(f"user/{other.username}"), json=sb.user_body(other))
    user_client.post("/user/sleeper", {"username": league.me.username}, format="json")
    user_client.post("/user/sleeper", {"username": other.username}, format="json")
    assert SleeperAccount.objects.get(user=user).sleeper_user_id == other.user_id


def test_an_unknown_username_is_a_404_naming_it(user_client, sleeper):
    sleeper.get(sb.url("user/ghost_user"), body="null", content_type="application/json")
    response = user_client.post("/user/sleeper", {"username": "ghost_user"}, format="json")
    error = assert_error_shape(response, 404, "sleeper_user_not_found")
    assert "ghost_user" in error["message"] and error["details"] == {"username": "ghost_user"}
    assert not SleeperAccount.objects.exists()


def test_a_missing_or_blank_username_is_a_400(user_client):
    assert_error_shape(user_client.post("/user/sleeper", {}, format="json"), 400, "invalid")
    blank = user_client.post("/user/sleeper", {"username": "  "}, format="json")
    assert blank.status_code == 400


def test_sleeper_down_is_a_503_and_nothing_linked(user_client, sleeper, league):
    sleeper.get(sb.url(f"user/{league.me.username}"), status=503)
    response = user_client.post("/user/sleeper", {"username": league.me.username}, format="json")
    assert_error_shape(response, 503, "sleeper_unavailable")
    assert not SleeperAccount.objects.exists()


def test_a_sleeper_user_linked_elsewhere_is_a_409(user_client, sleeper, league):
    SleeperAccount.objects.create(
        user=UserFactory(), sleeper_user_id=league.me.user_id, username=league.me.username
    )
    sleeper.get(sb.url(f"user/{league.me.username}"), json=sb.user_body(league.me))
    response = user_client.post("/user/sleeper", {"username": league.me.username}, format="json")
    assert_error_shape(response, 409, "sleeper_user_taken")


def test_signed_out_is_401_and_an_api_key_is_403(user, league):
    assert APIClient().post("/user/sleeper", {"username": "x"}, format="json").status_code == 401
    _, raw_key = api_key_create(user=user, name="script")
    script = APIClient()
    script.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    assert script.post("/user/sleeper", {"username": "x"}, format="json").status_code == 403
    assert script.delete("/user/sleeper").status_code == 403


def test_a_browser_needs_the_csrf_token(user, sleeper, league):
    sleeper.get(sb.url(f"user/{league.me.username}"), json=sb.user_body(league.me))
    browser = APIClient(enforce_csrf_checks=True)
    sign_in(browser, user)
    body = {"username": league.me.username}
    refused = browser.post("/user/sleeper", body, format="json", HTTP_ORIGIN=WEB_APP)
    assert refused.status_code == 403
    token = browser.get("/me").json()["csrf_token"]
    accepted = browser.post(
        "/user/sleeper", body, format="json", HTTP_ORIGIN=WEB_APP, HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 200
