import datetime as dt
import logging
import threading
from io import StringIO
from urllib.parse import parse_qs

import pytest
import requests
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.crypto import TokenCipher, TokenDecryptError, token_cipher
from accounts.models import YahooAccount
from accounts.yahoo_errors import YahooError, YahooRelinkRequired, YahooUnavailable
from accounts.yahoo_tokens import yahoo_access_token
from edge.errors import domain_error_status
from fantasy.yahoo.local.builder import token_body
from tests.accounts.conftest import TOKEN_URL
from tests.factories import YahooAccountFactory

pytestmark = pytest.mark.django_db


def linked_account(*, expires_in: dt.timedelta, access="AT-old", refresh="RT-old", **fields):
    cipher = token_cipher()
    return YahooAccountFactory(
        access_token_enc=cipher.encrypt(access),
        refresh_token_enc=cipher.encrypt(refresh),
        access_expires_at=timezone.now() + expires_in,
        **fields,
    )


FRESH = dt.timedelta(minutes=50)
NEARLY_EXPIRED = dt.timedelta(minutes=2)


# --- TokenCipher and rotation --------------------------------------------------------------


def test_cipher_round_trip_is_fernet_and_not_plaintext():
    cipher = TokenCipher([Fernet.generate_key().decode()])
    encrypted = cipher.encrypt("access-token")
    assert encrypted.startswith("gAAAAA") and "access-token" not in encrypted
    assert cipher.decrypt(encrypted) == "access-token"


def test_first_key_encrypts_and_every_key_decrypts():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    from_old = TokenCipher([old]).encrypt("t")
    both = TokenCipher([new, old])
    assert both.decrypt(from_old) == "t"
    assert TokenCipher([new]).decrypt(both.encrypt("t")) == "t"
    with pytest.raises(TokenDecryptError):
        TokenCipher([old]).decrypt(both.encrypt("t"))
    with pytest.raises(TokenDecryptError):
        both.decrypt("not a fernet token")


def test_factory_tokens_decrypt_with_the_configured_key():
    account = YahooAccountFactory()
    assert token_cipher().decrypt(account.access_token_enc).startswith("access-token-")
    assert token_cipher().decrypt(account.refresh_token_enc).startswith("refresh-token-")


def test_rotate_token_key_reencrypts_with_the_first_key_and_flags_lost_tokens(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TOKEN_CRYPTO_KEY = old
    accounts = [linked_account(expires_in=FRESH, access=f"AT-{n}") for n in range(3)]
    lost = YahooAccountFactory(access_token_enc="garbage", refresh_token_enc="garbage")

    settings.TOKEN_CRYPTO_KEY = f"{new},{old}"
    out = StringIO()
    call_command("rotate_token_key", stdout=out)

    assert "Re-encrypted 3 account(s); 1 flagged" in out.getvalue()
    only_new = TokenCipher([new])
    for n, account in enumerate(accounts):
        account.refresh_from_db()
        assert only_new.decrypt(account.access_token_enc) == f"AT-{n}"
        assert only_new.decrypt(account.refresh_token_enc) == "RT-old"
    lost.refresh_from_db()
    assert lost.needs_relink and lost.relink_reason == "token_undecryptable_at_rotation"


# --- yahoo_access_token --------------------------------------------------------------------


def test_a_fresh_token_is_returned_without_calling_yahoo(yahoo):
    account = linked_account(expires_in=FRESH)
    assert yahoo_access_token(account=account) == "AT-old"
    assert len(yahoo.calls) == 0


def test_a_token_near_expiry_is_refreshed_and_stored_encrypted(yahoo):
    yahoo.post(TOKEN_URL, json=token_body(access_token="AT-new", refresh_token="RT-new"))
    account = linked_account(expires_in=NEARLY_EXPIRED)

    assert yahoo_access_token(account=account) == "AT-new"

    form = parse_qs(yahoo.calls[0].request.body)
    assert form["grant_type"] == ["refresh_token"]
    assert form["refresh_token"] == ["RT-old"]
    assert yahoo.calls[0].request.req_kwargs["timeout"] == 7.5
    assert yahoo.calls[0].request.headers["Authorization"].startswith("Basic ")
    stored = YahooAccount.objects.get(pk=account.pk)
    assert token_cipher().decrypt(stored.access_token_enc) == "AT-new"
    assert token_cipher().decrypt(stored.refresh_token_enc) == "RT-new"
    assert "AT-new" not in stored.access_token_enc
    assert stored.access_expires_at > timezone.now() + dt.timedelta(minutes=55)
    assert account.access_token_enc == stored.access_token_enc  # the caller's copy is current
    # Fresh now: the next call does not go to Yahoo again.
    assert yahoo_access_token(account=account) == "AT-new"
    assert len(yahoo.calls) == 1


def test_a_refresh_without_a_new_refresh_token_keeps_the_old_one(yahoo):
    yahoo.post(TOKEN_URL, json=token_body(access_token="AT-new", refresh_token=None))
    account = linked_account(expires_in=NEARLY_EXPIRED)
    yahoo_access_token(account=account)
    account.refresh_from_db()
    assert token_cipher().decrypt(account.refresh_token_enc) == "RT-old"


def test_force_refresh_refreshes_a_fresh_token(yahoo):
    yahoo.post(TOKEN_URL, json=token_body(access_token="AT-after-401"))
    account = linked_account(expires_in=FRESH)
    assert yahoo_access_token(account=account, force_refresh=True) == "AT-after-401"
    assert len(yahoo.calls) == 1


@pytest.mark.parametrize("force_refresh", [False, True])
def test_a_stale_caller_uses_the_token_another_caller_just_refreshed(yahoo, force_refresh):
    """Waiting for the lock, or seeing a 401 with the old token, must not spend the refresh
    token a second time when someone else has just refreshed."""
    yahoo.post(TOKEN_URL, json=token_body(access_token="AT-new"))
    account = linked_account(expires_in=NEARLY_EXPIRED)
    stale_copy = YahooAccount.objects.get(pk=account.pk)

    assert yahoo_access_token(account=account) == "AT-new"
    assert yahoo_access_token(account=stale_copy, force_refresh=force_refresh) == "AT-new"
    assert len(yahoo.calls) == 1


def test_the_refresh_locks_the_row_before_writing(yahoo):
    yahoo.post(TOKEN_URL, json=token_body())
    account = linked_account(expires_in=NEARLY_EXPIRED)
    with CaptureQueriesContext(connection) as captured:
        yahoo_access_token(account=account)
    statements = [query["sql"] for query in captured.captured_queries]
    lock = next(i for i, sql in enumerate(statements) if sql.endswith("FOR UPDATE"))
    write = next(i for i, sql in enumerate(statements) if sql.startswith("UPDATE"))
    assert lock < write


@pytest.mark.django_db(transaction=True)
def test_concurrent_refreshes_spend_the_refresh_token_once(yahoo):
    """Thread A refreshes while holding the lock; thread B, blocked on the lock meanwhile,
    then finds the new token and does not call Yahoo again."""
    account = linked_account(expires_in=NEARLY_EXPIRED)
    results: dict[str, str] = {}

    def in_thread(name: str):
        try:
            copy = YahooAccount.objects.get(pk=account.pk)
            results[name] = yahoo_access_token(account=copy)
        finally:
            connections.close_all()

    second = threading.Thread(target=in_thread, args=("B",))

    def token_endpoint(request):
        # Called while A holds the row lock: start B and wait until it blocks on that lock.
        second.start()
        with connections["default"].cursor() as cursor:
            for _ in range(20_000):
                cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh stats inside A's txn
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    break
            else:
                raise AssertionError("thread B never waited for the row lock")
        return 200, {}, '{"access_token": "AT-new", "refresh_token": "RT-new", "expires_in": 3600}'

    yahoo.add_callback("POST", TOKEN_URL, callback=token_endpoint)
    first = threading.Thread(target=in_thread, args=("A",))
    first.start()
    first.join()
    second.join()

    assert results == {"A": "AT-new", "B": "AT-new"}
    assert len(yahoo.calls) == 1


def test_invalid_grant_flags_the_account_and_raises_relink_required(yahoo, user_client):
    yahoo.post(TOKEN_URL, status=400, json={"error": "invalid_grant"})
    account = linked_account(expires_in=NEARLY_EXPIRED, user=user_client.session_record.user)

    with pytest.raises(YahooRelinkRequired) as raised:
        yahoo_access_token(account=account)

    # One Yahoo hierarchy (accounts.yahoo_errors): the API maps it to its status.
    assert isinstance(raised.value, YahooError)
    assert raised.value.code == "yahoo_relink_required" and domain_error_status(raised.value) == 409
    stored = YahooAccount.objects.get(pk=account.pk)
    assert stored.needs_relink and stored.relink_reason == "invalid_grant"
    me = user_client.get("/me").json()
    assert me["yahoo"]["needs_relink"] is True
    assert me["yahoo"]["relink_reason"] == "invalid_grant"
    # A flagged account does not go back to Yahoo.
    with pytest.raises(YahooRelinkRequired):
        yahoo_access_token(account=stored)
    assert len(yahoo.calls) == 1


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 500, "body": "oops"},
        {"status": 400, "json": {"error": "invalid_client"}},
        {"body": requests.exceptions.ReadTimeout("slow")},
    ],
)
def test_other_token_endpoint_failures_raise_yahoo_unavailable(yahoo, failure):
    yahoo.post(TOKEN_URL, **failure)
    account = linked_account(expires_in=NEARLY_EXPIRED)
    with pytest.raises(YahooUnavailable) as raised:
        yahoo_access_token(account=account)
    assert raised.value.code == "yahoo_unavailable" and domain_error_status(raised.value) == 503
    stored = YahooAccount.objects.get(pk=account.pk)
    assert not stored.needs_relink
    assert token_cipher().decrypt(stored.access_token_enc) == "AT-old"


@pytest.mark.parametrize(
    ("expires_in", "reason"),
    [(FRESH, "access_token_undecryptable"), (NEARLY_EXPIRED, "refresh_token_undecryptable")],
)
def test_an_undecryptable_token_flags_the_account(yahoo, settings, expires_in, reason):
    account = linked_account(expires_in=expires_in)
    settings.TOKEN_CRYPTO_KEY = Fernet.generate_key().decode()  # the old key was lost
    with pytest.raises(YahooRelinkRequired):
        yahoo_access_token(account=account)
    stored = YahooAccount.objects.get(pk=account.pk)
    assert stored.needs_relink and stored.relink_reason == reason
    assert len(yahoo.calls) == 0


def test_no_token_in_logs_during_refresh(yahoo, caplog):
    caplog.set_level(logging.DEBUG)
    yahoo.post(TOKEN_URL, json=token_body(access_token="AT-new-secret", refresh_token="RT-new-s"))
    account = linked_account(expires_in=NEARLY_EXPIRED, refresh="RT-old-secret")
    yahoo_access_token(account=account)
    account.refresh_from_db()
    assert "refreshed" in caplog.text
    for secret in ["AT-new-secret", "RT-new-s", "RT-old-secret", account.access_token_enc]:
        assert secret not in caplog.text
