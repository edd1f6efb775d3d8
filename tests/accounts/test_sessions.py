import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import WebSession
from accounts.sessions import session_id_for
from tests.accounts.conftest import WEB_APP, expired, sign_in
from tests.edge.test_errors_and_health import assert_error_shape
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def logout(client: APIClient):
    """A logout as the web app sends it: allowed Origin and the CSRF token from /me."""
    me = client.get("/me")
    token = me.json()["csrf_token"] if me.status_code == 200 else ""
    return client.post("/auth/logout", HTTP_ORIGIN=WEB_APP, HTTP_X_CSRFTOKEN=token)


def test_me_without_credentials_is_401_in_the_error_shape(api_client):
    response = api_client.get("/me")
    assert_error_shape(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("cookie", ["not-a-uuid", "7d0b3c8e-9f8a-4c59-9b43-4b8f2f1a0c11"])
def test_an_unknown_session_cookie_is_401(api_client, cookie):
    api_client.cookies["fe_session"] = cookie
    assert_error_shape(api_client.get("/me"), 401, "not_authenticated")


def test_a_valid_session_authenticates(user_client, user):
    response = user_client.get("/me")
    assert response.status_code == 200
    assert response.json()["id"] == user.id


def test_an_expired_session_is_401_even_while_redis_still_holds_it(api_client, redis_conn):
    session = sign_in(api_client, expires_at=expired())
    assert redis_conn.exists(f"session:{session.id}")
    assert_error_shape(api_client.get("/me"), 401, "not_authenticated")
    assert not redis_conn.exists(f"session:{session.id}")


def test_a_redis_miss_falls_back_to_the_table_and_refills_redis(user_client, redis_conn):
    key = f"session:{user_client.session_record.id}"
    redis_conn.delete(key)
    assert user_client.get("/me").status_code == 200
    assert json.loads(redis_conn.get(key))["user_id"] == user_client.session_record.user_id
    assert redis_conn.ttl(key) > 0


def test_a_session_costs_one_query_and_last_seen_is_written_at_most_once_a_minute(
    api_client, redis_conn
):
    session = sign_in(api_client)
    before = WebSession.objects.get(id=session.id).last_seen_at

    with CaptureQueriesContext(connection) as recent:
        assert api_client.get("/me").status_code == 200
    assert WebSession.objects.get(id=session.id).last_seen_at == before
    session_queries = [q for q in recent.captured_queries if '"sessions"' in q["sql"]]
    assert len(session_queries) == 1  # the user, joined with its session row

    # Two minutes later (as Redis and the row remember it), the next request records it.
    stale = timezone.now() - dt.timedelta(minutes=2)
    WebSession.objects.filter(id=session.id).update(last_seen_at=stale)
    cached = json.loads(redis_conn.get(f"session:{session.id}"))
    redis_conn.set(
        f"session:{session.id}", json.dumps({**cached, "last_seen_at": stale.isoformat()})
    )
    assert api_client.get("/me").status_code == 200
    seen = WebSession.objects.get(id=session.id).last_seen_at
    assert seen > stale + dt.timedelta(minutes=1)
    assert api_client.get("/me").status_code == 200
    assert WebSession.objects.get(id=session.id).last_seen_at == seen


def test_logout_revokes_the_session_and_expires_the_cookie(user_client, redis_conn):
    session_id = user_client.session_record.id
    secret = user_client.cookies["fe_session"].value
    response = logout(user_client)

    assert response.status_code == 204
    cookie = response.cookies["fe_session"]
    assert cookie.value == "" and cookie["max-age"] == 0
    assert not WebSession.objects.filter(id=session_id).exists()
    assert not redis_conn.exists(f"session:{session_id}")

    user_client.cookies["fe_session"] = secret  # a client that kept the old cookie
    assert_error_shape(user_client.get("/me"), 401, "not_authenticated")


def test_logout_without_a_session_still_expires_the_cookie(api_client):
    response = api_client.post("/auth/logout", HTTP_ORIGIN=WEB_APP)
    assert response.status_code == 204
    assert response.cookies["fe_session"]["max-age"] == 0


def test_other_sessions_of_the_user_survive_a_logout(user, redis_conn):
    laptop, phone = APIClient(), APIClient()
    sign_in(laptop, user)
    sign_in(phone, user)
    assert logout(laptop).status_code == 204
    assert phone.get("/me").status_code == 200


def test_redis_down_an_existing_session_still_works_and_logout_still_revokes(
    user_client, redis_conn, redis_down
):
    session_id = user_client.session_record.id
    secret = user_client.cookies["fe_session"].value
    redis_down()

    assert user_client.get("/me").status_code == 200
    assert logout(user_client).status_code == 204
    assert not WebSession.objects.filter(id=session_id).exists()
    user_client.cookies["fe_session"] = secret
    assert_error_shape(user_client.get("/me"), 401, "not_authenticated")


def test_a_logout_during_an_outage_wins_when_redis_comes_back(
    user_client, redis_conn, redis_down, monkeypatch
):
    session_id = user_client.session_record.id
    secret = user_client.cookies["fe_session"].value
    redis_down()
    assert logout(user_client).status_code == 204
    monkeypatch.undo()  # Redis is back, still holding the key the logout could not delete
    assert redis_conn.exists(f"session:{session_id}")

    user_client.cookies["fe_session"] = secret
    assert_error_shape(user_client.get("/me"), 401, "not_authenticated")


def test_redis_down_an_expired_session_is_still_401(api_client, redis_conn, redis_down):
    sign_in(api_client, expires_at=expired())
    redis_down()
    assert_error_shape(api_client.get("/me"), 401, "not_authenticated")


def test_a_session_never_authenticates_another_user(api_client, redis_conn):
    owner, intruder = UserFactory(), UserFactory()
    session = sign_in(api_client, owner)
    # Tampering with the cached value cannot move a session to someone else.
    cached = json.loads(redis_conn.get(f"session:{session.id}"))
    redis_conn.set(f"session:{session.id}", json.dumps({**cached, "user_id": intruder.id}))
    assert_error_shape(api_client.get("/me"), 401, "not_authenticated")


def test_nothing_stored_replays_a_session(api_client, redis_conn):
    """The stored id (what a database reader or an operator sees) and the Redis key name are
    digests of the cookie's secret: sent back as a cookie, they sign nobody in."""
    session = sign_in(api_client)
    secret = api_client.cookies["fe_session"].value
    assert session_id_for(secret) == session.id
    stored = [str(WebSession.objects.get().id), *(k.decode() for k in redis_conn.keys("session:*"))]
    assert all(secret not in value for value in stored)
    assert secret not in redis_conn.get(f"session:{session.id}").decode()

    for replayed in (str(session.id), f"session:{session.id}"):
        thief = APIClient()
        thief.cookies["fe_session"] = replayed
        assert_error_shape(thief.get("/me"), 401, "not_authenticated")
    assert api_client.get("/me").status_code == 200


def test_an_oversized_session_cookie_is_not_even_hashed(api_client):
    api_client.cookies["fe_session"] = "x" * 5000
    assert_error_shape(api_client.get("/me"), 401, "not_authenticated")
