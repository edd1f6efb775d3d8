import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.api_keys import api_key_create
from accounts.models import WebSession
from tests.accounts.conftest import sign_in
from tests.edge.test_errors_and_health import assert_error_shape
from tests.factories import UserPreferencesFactory, YahooAccountFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", ["user", "websession", "yahooaccount", "userpreferences", "apikey"]
)
def test_every_accounts_model_has_a_working_admin_list(admin_client, user, model):
    YahooAccountFactory(user=user)
    UserPreferencesFactory(user=user)
    api_key_create(user=user, name="k")
    sign_in(APIClient(), user)
    assert admin_client.get(reverse(f"admin:accounts_{model}_changelist")).status_code == 200


def test_yahoo_account_admin_never_shows_tokens(admin_client):
    account = YahooAccountFactory()
    page = admin_client.get(reverse("admin:accounts_yahooaccount_change", args=[account.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert account.access_token_enc not in text and account.refresh_token_enc not in text
    assert "access_token_enc" not in text
    assert "stored encrypted" in text


def test_api_key_admin_never_shows_the_hash(admin_client, user):
    api_key, raw_key = api_key_create(user=user, name="script")
    text = admin_client.get(reverse("admin:accounts_apikey_change", args=[api_key.pk])).content
    assert api_key.key_hash.encode() not in text
    assert raw_key.encode() not in text
    assert api_key.prefix.encode() in text


def test_an_operator_revokes_a_session(admin_client, user, redis_conn):
    browser = APIClient()
    session = sign_in(browser, user)
    url = reverse("admin:accounts_websession_delete", args=[session.pk])

    assert admin_client.post(url, {"post": "yes"}).status_code == 302

    assert not WebSession.objects.filter(pk=session.pk).exists()
    assert not redis_conn.exists(f"session:{session.id}")
    assert_error_shape(browser.get("/me"), 401, "not_authenticated")


def test_an_operator_revokes_sessions_in_bulk(admin_client, user, redis_conn):
    sessions = [sign_in(APIClient(), user) for _ in range(2)]
    response = admin_client.post(
        reverse("admin:accounts_websession_changelist"),
        {"action": "delete_selected", "_selected_action": [s.pk for s in sessions], "post": "yes"},
    )
    assert response.status_code == 302
    assert WebSession.objects.count() == 0
    assert not any(redis_conn.exists(f"session:{s.id}") for s in sessions)


def test_the_session_admin_shows_fingerprints_and_revokes(admin_client, user, redis_conn):
    browser, other = APIClient(), APIClient()
    session = sign_in(browser, user)
    kept = sign_in(other, user)
    changelist = reverse("admin:accounts_websession_changelist")
    page = admin_client.get(changelist).content.decode()
    assert str(session.id)[:8] in page
    assert browser.cookies["fe_session"].value not in page

    response = admin_client.post(changelist, {"action": "revoke", "_selected_action": [session.pk]})

    assert response.status_code == 302
    assert list(WebSession.objects.values_list("id", flat=True)) == [kept.id]
    assert not redis_conn.exists(f"session:{session.id}")
    assert_error_shape(browser.get("/me"), 401, "not_authenticated")
    assert other.get("/me").status_code == 200


def test_the_openapi_document_describes_both_auth_schemes(api_client):
    schema = api_client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert {"apiKey", "sessionCookie"} <= set(schema["components"]["securitySchemes"])
    for path in ["/me", "/user/preferences", "/user/api-keys", "/auth/yahoo/login"]:
        assert path in schema["paths"]
