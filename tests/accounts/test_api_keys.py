import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from accounts.api_keys import MAX_API_KEYS_PER_USER, TooManyApiKeys, api_key_create
from accounts.models import ApiKey
from tests.edge.test_errors_and_health import assert_error_shape
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def bearer(raw_key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client


def test_api_key_lifecycle(user_client, user, caplog):
    caplog.set_level(logging.DEBUG)
    created = user_client.post("/user/api-keys", {"name": "my script"}, format="json")

    assert created.status_code == 201
    body = created.json()
    raw_key = body["key"]
    assert raw_key.startswith(f"fe_{body['prefix']}_") and len(raw_key) > 40
    assert body["name"] == "my script" and body["last_used_at"] is None
    stored = ApiKey.objects.get(pk=body["id"])
    assert stored.key_hash == hashlib.sha256(raw_key.encode()).hexdigest()
    secret = raw_key.rsplit("_", 1)[1]
    assert secret not in str(ApiKey.objects.filter(pk=stored.pk).values().get())

    # The key works like a session, and its last use is recorded.
    script = bearer(raw_key)
    assert script.get("/me").json()["id"] == user.id
    stored.refresh_from_db()
    assert stored.last_used_at is not None

    # Listed without the secret, ever again.
    listed = user_client.get("/user/api-keys")
    assert listed.status_code == 200
    [item] = listed.json()["results"]
    assert set(item) == {"id", "name", "prefix", "created_at", "last_used_at"}
    assert secret not in listed.content.decode()

    # Revoked: gone, and the key no longer authenticates.
    assert user_client.delete(f"/user/api-keys/{stored.pk}").status_code == 204
    assert not ApiKey.objects.filter(pk=stored.pk).exists()
    assert_error_shape(script.get("/me"), 401, "authentication_failed")
    assert secret not in caplog.text


@pytest.mark.parametrize(
    "header",
    [
        "Bearer fe_000000000000_nope",
        "Bearer not-even-our-format",
        "Bearer",
        "Bearer a b",
    ],
)
def test_a_bad_bearer_key_is_401(api_client, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)
    response = api_client.get("/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_right_prefix_with_a_wrong_secret_is_401(user):
    api_key, _ = api_key_create(user=user, name="k")
    forged = f"fe_{api_key.prefix}_{'A' * 43}"
    assert_error_shape(bearer(forged).get("/me"), 401, "authentication_failed")


def test_another_users_key_is_404_and_survives(user_client):
    other_key, raw_key = api_key_create(user=UserFactory(), name="theirs")
    assert_error_shape(user_client.delete(f"/user/api-keys/{other_key.pk}"), 404, "not_found")
    assert ApiKey.objects.filter(pk=other_key.pk).exists()
    assert bearer(raw_key).get("/me").status_code == 200


def test_the_list_shows_only_own_keys_in_a_bounded_number_of_queries(
    user_client, user, django_assert_max_num_queries
):
    for n in range(5):
        api_key_create(user=user, name=f"mine {n}")
    api_key_create(user=UserFactory(), name="theirs")
    with django_assert_max_num_queries(3):  # session, count, page
        response = user_client.get("/user/api-keys")
    names = [item["name"] for item in response.json()["results"]]
    assert sorted(names) == [f"mine {n}" for n in range(5)]


def test_a_key_needs_a_name(user_client):
    error = assert_error_shape(
        user_client.post("/user/api-keys", {"name": ""}, format="json"), 400, "invalid"
    )
    assert "name" in error["details"]


def test_keys_per_user_are_capped(user_client, user):
    for n in range(MAX_API_KEYS_PER_USER):
        api_key_create(user=user, name=f"k{n}")
    response = user_client.post("/user/api-keys", {"name": "one more"}, format="json")
    assert_error_shape(response, 400, "too_many_api_keys")


def test_api_keys_need_authentication(api_client):
    assert_error_shape(api_client.get("/user/api-keys"), 401, "not_authenticated")
    assert_error_shape(api_client.delete("/user/api-keys/1"), 401, "not_authenticated")


def test_an_api_key_cannot_create_list_or_revoke_keys(user):
    """A leaked key must not mint a successor that outlives its own revocation."""
    api_key, raw_key = api_key_create(user=user, name="script")
    script = bearer(raw_key)

    for response in (
        script.post("/user/api-keys", {"name": "successor"}, format="json"),
        script.get("/user/api-keys"),
        script.delete(f"/user/api-keys/{api_key.pk}"),
    ):
        assert_error_shape(response, 403, "permission_denied")
    assert list(ApiKey.objects.values_list("name", flat=True)) == ["script"]
    # It still reads and writes the user's own data.
    assert script.get("/me").json()["id"] == user.id
    assert script.put("/user/preferences", {"theme": "dark"}, format="json").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_key_cap_holds_under_concurrent_creations():
    """Threads, each on its own Postgres connection, race past the count: the row lock on the
    user makes them queue, so exactly the cap is created and the rest are refused."""
    user = UserFactory()
    attempts = MAX_API_KEYS_PER_USER * 2
    barrier = threading.Barrier(attempts)

    def create(n: int) -> str:
        try:
            barrier.wait()
            api_key_create(user=user, name=f"k{n}")
            return "created"
        except TooManyApiKeys:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=attempts) as pool:
        outcomes = list(pool.map(create, range(attempts)))

    assert outcomes.count("created") == MAX_API_KEYS_PER_USER
    assert outcomes.count("refused") == attempts - MAX_API_KEYS_PER_USER
    assert ApiKey.objects.filter(user=user).count() == MAX_API_KEYS_PER_USER
