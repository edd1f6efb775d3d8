"""Yahoo access tokens: refreshed under a row lock before expiry, relink flags, key rotation.

Failures are the one Yahoo hierarchy (`accounts.yahoo_errors`): `YahooRelinkRequired` when only a
new sign-in can help (the account is flagged), `YahooUnavailable` when the token endpoint fails.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts import oauth
from accounts.crypto import TokenDecryptError, token_cipher
from accounts.models import YahooAccount
from accounts.yahoo_errors import YahooRelinkRequired, YahooUnavailable

logger = logging.getLogger(__name__)

# Refresh this long before Yahoo's expiry, so a token never dies in the middle of a sync.
TOKEN_REFRESH_MARGIN = dt.timedelta(minutes=5)


def yahoo_account_mark_relink(*, account: YahooAccount, reason: str) -> None:
    YahooAccount.objects.filter(pk=account.pk).update(
        needs_relink=True, relink_reason=reason, updated_at=timezone.now()
    )
    account.needs_relink, account.relink_reason = True, reason
    logger.warning("yahoo account %s needs relinking: %s", account.pk, reason)


def yahoo_account_relink_flag(*, account: YahooAccount, reason: str) -> None:
    """Flag the account after Yahoo refused it, unless it already is: the token service may
    have flagged it first, with its own reason, which stays."""
    account.refresh_from_db(fields=["needs_relink", "relink_reason"])
    if not account.needs_relink:
        yahoo_account_mark_relink(account=account, reason=reason)


def yahoo_access_token(*, account: YahooAccount, force_refresh: bool = False) -> str:
    """A valid access token for the account, refreshed shortly before expiry or on demand.

    `force_refresh` is for a 401 from Yahoo. The refresh runs under a row lock, so concurrent
    callers wait for one refresh and then use its result instead of spending the refresh token
    twice. `invalid_grant` or an undecryptable token flags the account and raises
    `YahooRelinkRequired`; other token-endpoint failures raise `YahooUnavailable`.
    """
    if account.needs_relink:
        raise YahooRelinkRequired(details={"reason": account.relink_reason})
    if not force_refresh and account.access_expires_at - timezone.now() > TOKEN_REFRESH_MARGIN:
        return _decrypt_or_relink(account, account.access_token_enc, "access_token_undecryptable")

    seen_access_token_enc = account.access_token_enc
    relink_reason = ""
    with transaction.atomic():
        locked = YahooAccount.objects.select_for_update().get(pk=account.pk)
        fresh = locked.access_expires_at - timezone.now() > TOKEN_REFRESH_MARGIN
        refreshed_meanwhile = locked.access_token_enc != seen_access_token_enc
        if locked.needs_relink:
            relink_reason = locked.relink_reason
        elif not (fresh and (refreshed_meanwhile or not force_refresh)):
            relink_reason = _refresh_locked(locked)
        _copy_token_fields(locked, account)
    # Raised outside the atomic block, so the relink flag written inside it is committed.
    if relink_reason:
        raise YahooRelinkRequired(details={"reason": relink_reason})
    return _decrypt_or_relink(account, account.access_token_enc, "access_token_undecryptable")


def _refresh_locked(account: YahooAccount) -> str:
    """Refresh the locked row; the relink reason when Yahoo or the cipher rules it out."""
    cipher = token_cipher()
    try:
        refresh_token = cipher.decrypt(account.refresh_token_enc)
    except TokenDecryptError:
        yahoo_account_mark_relink(account=account, reason="refresh_token_undecryptable")
        return account.relink_reason
    try:
        tokens = oauth.refresh_access_token(refresh_token=refresh_token)
    except oauth.TokenEndpointRejected as exc:
        if exc.error != "invalid_grant":
            raise YahooUnavailable(details={"reason": exc.error[:64]}) from exc
        yahoo_account_mark_relink(account=account, reason="invalid_grant")
        return account.relink_reason
    except oauth.TokenEndpointUnavailable as exc:
        raise YahooUnavailable() from exc
    account.access_token_enc = cipher.encrypt(tokens.access_token)
    if tokens.refresh_token:  # Yahoo may keep the old refresh token valid and not resend it
        account.refresh_token_enc = cipher.encrypt(tokens.refresh_token)
    account.access_expires_at = timezone.now() + dt.timedelta(seconds=tokens.expires_in)
    account.save(update_fields=["access_token_enc", "refresh_token_enc", "access_expires_at"])
    logger.info("yahoo access token refreshed for account %s", account.pk)
    return ""


def _copy_token_fields(source: YahooAccount, target: YahooAccount) -> None:
    for field in (
        "access_token_enc",
        "refresh_token_enc",
        "access_expires_at",
        "needs_relink",
        "relink_reason",
    ):
        setattr(target, field, getattr(source, field))


def _decrypt_or_relink(account: YahooAccount, ciphertext: str, reason: str) -> str:
    try:
        return token_cipher().decrypt(ciphertext)
    except TokenDecryptError:
        yahoo_account_mark_relink(account=account, reason=reason)
        raise YahooRelinkRequired(details={"reason": reason}) from None


@dataclass(frozen=True)
class RotationResult:
    rotated: int
    needs_relink: int


def yahoo_tokens_rotate(*, batch_size: int = 500) -> RotationResult:
    """Re-encrypt every stored token with the first key of `TOKEN_CRYPTO_KEY`.

    A row whose tokens no longer decrypt with any key is flagged for relinking, not fatal.
    """
    cipher = token_cipher()
    rotated = flagged = 0
    batch: list[YahooAccount] = []
    accounts = YahooAccount.objects.filter(needs_relink=False).only(
        "pk", "access_token_enc", "refresh_token_enc"
    )
    for account in accounts.iterator(chunk_size=batch_size):
        try:
            account.access_token_enc = cipher.rotate(account.access_token_enc)
            account.refresh_token_enc = cipher.rotate(account.refresh_token_enc)
        except TokenDecryptError:
            yahoo_account_mark_relink(account=account, reason="token_undecryptable_at_rotation")
            flagged += 1
            continue
        batch.append(account)
        if len(batch) >= batch_size:
            rotated += _save_rotated(batch)
    rotated += _save_rotated(batch)
    return RotationResult(rotated=rotated, needs_relink=flagged)


def _save_rotated(batch: list[YahooAccount]) -> int:
    count = len(batch)
    YahooAccount.objects.bulk_update(batch, ["access_token_enc", "refresh_token_enc"])
    batch.clear()
    return count
