"""Writes of the accounts app: sign-in (Yahoo, one-time links), the Sleeper link, preferences.

Yahoo access tokens (`accounts.yahoo_tokens`) and API keys (`accounts.api_keys`) have their own
modules, as web sessions do (`accounts.sessions`).
"""

import datetime as dt
import hashlib
import hmac
import logging
import secrets
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import oauth, sessions, store
from accounts.crypto import token_cipher
from accounts.models import (
    OneTimeSignIn,
    SleeperAccount,
    User,
    UserPreferences,
    WebSession,
    YahooAccount,
)
from accounts.yahoo_errors import YahooUnavailable
from edge.errors import ApplicationError, NotFound, ServiceUnavailable

logger = logging.getLogger(__name__)

OAUTH_STATE_TTL_SECONDS = 600
YAHOO_SIGN_IN_UNAVAILABLE = "Yahoo sign-in is unavailable right now; try again shortly."


# --- Errors (one shape through edge.api.exception_handler) ---------------------------------


class SignInUnavailable(ServiceUnavailable):
    code = "sign_in_unavailable"
    message = "Sign-in is temporarily unavailable; try again shortly."


class OAuthStateInvalid(ApplicationError):
    code = "oauth_state_invalid"
    message = "This sign-in link is invalid, expired or already used. Start again."


class OAuthDenied(ApplicationError):
    code = "oauth_denied"
    message = "Yahoo sign-in was cancelled or refused."


class OAuthExchangeFailed(ApplicationError):
    code = "oauth_exchange_failed"
    message = "Yahoo did not accept the sign-in. Start again."


class OneTimeSignInInvalid(ApplicationError):
    code = "sign_in_link_invalid"
    status_code = 404
    message = "This sign-in link is unknown, already used or expired."


# --- Sign-in with Yahoo --------------------------------------------------------------------


@dataclass(frozen=True)
class LoginStart:
    state: str
    authorization_url: str


@dataclass(frozen=True)
class LoginComplete:
    session: WebSession
    session_secret: str  # the cookie's value; only its digest is stored
    redirect_url: str


def oauth_state_key(state: str) -> str:
    return f"oauth:state:{state}"


def is_local_path(path: str | None) -> bool:
    """A plain path on this host: no scheme, host, backslash or control character."""
    if not path or not path.startswith("/") or path.startswith("//"):
        return False
    if "\\" in path or any(ord(ch) < 0x20 for ch in path):
        return False
    parts = urlsplit(path)
    return not (parts.scheme or parts.netloc)


def safe_next_url(next_path: str | None) -> str:
    """`WEB_APP_URL`, or a path on it when `next` is a plain local path (no open redirect)."""
    base = settings.WEB_APP_URL
    if not is_local_path(next_path):
        return base
    return base.rstrip("/") + next_path


def oauth_login_start(*, redirect_uri: str, next_path: str | None) -> LoginStart:
    """A fresh state and PKCE verifier in `oauth:state:{state}` (TTL 600), and Yahoo's URL."""
    state = oauth.new_state()
    verifier = oauth.new_code_verifier()
    value = {
        "code_verifier": verifier,
        "redirect_uri": redirect_uri,
        "created_at": timezone.now().isoformat(),
        "next_url": safe_next_url(next_path),
    }
    try:
        store.put_json(oauth_state_key(state), value, OAUTH_STATE_TTL_SECONDS)
    except store.StoreUnavailable as exc:
        raise SignInUnavailable() from exc
    url = oauth.authorization_url(state=state, verifier=verifier, redirect_uri=redirect_uri)
    return LoginStart(state=state, authorization_url=url)


def oauth_login_complete(
    *,
    state: str,
    browser_state: str,
    code: str,
    error: str,
    user_agent: str,
    ip: str | None,
    replaced_session_id: uuid.UUID | None,
) -> LoginComplete:
    """Check the state (bound to this browser, single use), exchange the code, sign in.

    Nothing is created unless every check passes and Yahoo hands over the tokens.
    """
    # Compared as bytes: compare_digest refuses non-ASCII str, and both values come from the client.
    if (
        not state
        or not browser_state
        or not hmac.compare_digest(state.encode(), browser_state.encode())
    ):
        raise OAuthStateInvalid()
    try:
        pending = store.pop_json(oauth_state_key(state))
    except store.StoreUnavailable as exc:
        raise SignInUnavailable() from exc
    if pending is None:
        raise OAuthStateInvalid()
    if error:
        raise OAuthDenied(details={"reason": error[:64]})
    if not code:
        raise OAuthExchangeFailed("Yahoo sent no authorization code.")
    try:
        tokens = oauth.exchange_code(
            code=code, verifier=pending["code_verifier"], redirect_uri=pending["redirect_uri"]
        )
    except oauth.TokenEndpointRejected as exc:
        raise OAuthExchangeFailed(details={"reason": exc.error[:64]}) from exc
    except oauth.TokenEndpointUnavailable as exc:
        raise YahooUnavailable(YAHOO_SIGN_IN_UNAVAILABLE) from exc
    if not tokens.yahoo_guid or not tokens.refresh_token:
        raise OAuthExchangeFailed("Yahoo's answer lacked the account id or refresh token.")

    profile = oauth.fetch_profile(access_token=tokens.access_token)
    user = yahoo_account_link(tokens=tokens, profile=profile)
    if replaced_session_id:  # the browser's previous session ends; the new one gets a new id
        sessions.session_revoke(session_id=replaced_session_id)
    session, secret = sessions.session_create(user=user, user_agent=user_agent, ip=ip)
    logger.info("user %s signed in with yahoo", user.pk)
    return LoginComplete(
        session=session, session_secret=secret, redirect_url=pending.get("next_url") or "/"
    )


@transaction.atomic
def user_ensure(*, yahoo_guid: str, display_name: str) -> User:
    """The product user with this Yahoo guid, created without a linked account if missing."""
    user, _ = User.objects.get_or_create(
        yahoo_guid=yahoo_guid, defaults={"display_name": display_name}
    )
    return user


@transaction.atomic  # the row lock needs a transaction; user and account are written together
def yahoo_account_link(*, tokens: oauth.TokenPair, profile: oauth.YahooProfile | None) -> User:
    """Create or update the user (by Yahoo guid) and their account with encrypted tokens."""
    user, _ = User.objects.select_for_update().get_or_create(yahoo_guid=tokens.yahoo_guid)
    if profile:
        user.display_name = profile.display_name or user.display_name
        user.avatar_url = profile.avatar_url or user.avatar_url
        email_taken = (
            profile.email
            and User.objects.filter(email__iexact=profile.email).exclude(pk=user.pk).exists()
        )
        if profile.email and not email_taken:
            user.email = profile.email
        user.save()
    cipher = token_cipher()
    YahooAccount.objects.update_or_create(
        user=user,
        defaults={
            "yahoo_guid": tokens.yahoo_guid,
            "scope": tokens.scope,
            "access_token_enc": cipher.encrypt(tokens.access_token),
            "refresh_token_enc": cipher.encrypt(tokens.refresh_token),
            "access_expires_at": timezone.now() + dt.timedelta(seconds=tokens.expires_in),
            "needs_relink": False,
            "relink_reason": "",
        },
    )
    return user


def user_lock(*, user: User) -> None:
    """Lock the user's row until the transaction ends: a per-user cap (API keys, notes) checked
    under it holds when requests race, since they queue here."""
    User.objects.select_for_update().get(pk=user.pk)


# --- Sleeper ---------------------------------------------------------------------------------


class SleeperUserTaken(ApplicationError):
    code = "sleeper_user_taken"
    status_code = 409
    message = "That Sleeper user is linked to another account."


@transaction.atomic
def sleeper_account_link(
    *, user: User, sleeper_user_id: str, username: str, display_name: str | None
) -> SleeperAccount:
    """Link (or relink) the user's Sleeper username, found by the caller in Sleeper's API."""
    if SleeperAccount.objects.filter(sleeper_user_id=sleeper_user_id).exclude(user=user).exists():
        raise SleeperUserTaken(details={"username": username})
    try:
        with transaction.atomic():  # a concurrent link of the same Sleeper user loses here
            account, _ = SleeperAccount.objects.update_or_create(
                user=user,
                defaults={
                    "sleeper_user_id": sleeper_user_id,
                    "username": username,
                    "display_name": display_name,
                },
            )
    except IntegrityError as exc:
        raise SleeperUserTaken(details={"username": username}) from exc
    return account


def sleeper_account_unlink(*, user: User) -> None:
    deleted, _ = SleeperAccount.objects.filter(user=user).delete()
    if not deleted:
        raise NotFound("No Sleeper account is linked.")


# --- Preferences ---------------------------------------------------------------------------


def user_preferences_update(
    *,
    user: User,
    theme: str | None = None,
    saved_views: dict | None = None,
    pinned_players: list[int] | None = None,
) -> UserPreferences:
    """Set the fields given (validated by the caller); a field left as None keeps its value."""
    preferences, _ = UserPreferences.objects.get_or_create(user=user)
    changes = {"theme": theme, "saved_views": saved_views, "pinned_players": pinned_players}
    for field, value in changes.items():
        if value is not None:
            setattr(preferences, field, value)
    preferences.save()
    return preferences


# --- One-time sign-in links (development only: the demo) ---------------------------------------

ONE_TIME_SIGN_IN_TTL_SECONDS = 600


def _one_time_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def one_time_sign_in_create(*, user: User, next_path: str | None) -> str:
    """A token for `/auth/once/{token}`: single use, valid 10 minutes, never in production."""
    if settings.PRODUCTION:
        raise RuntimeError("one-time sign-in links are for development only")
    token = secrets.token_urlsafe(32)
    OneTimeSignIn.objects.create(
        token_hash=_one_time_token_hash(token),
        user=user,
        # A page of this server (the report), not of the web app.
        next_url=next_path if is_local_path(next_path) else "/me",
        expires_at=timezone.now() + dt.timedelta(seconds=ONE_TIME_SIGN_IN_TTL_SECONDS),
    )
    return token


def one_time_sign_in_complete(
    *, token: str, user_agent: str, ip: str | None, replaced_session_id: uuid.UUID | None
) -> LoginComplete:
    """Use the link (marked used in the same statement that finds it: once only) and start a
    session as a Yahoo sign-in does."""
    if settings.PRODUCTION or not token:
        raise OneTimeSignInInvalid()
    now = timezone.now()
    link = OneTimeSignIn.objects.filter(
        token_hash=_one_time_token_hash(token), used_at__isnull=True, expires_at__gt=now
    )
    pending = link.values("pk", "user_id", "next_url").first()
    if pending is None or not link.filter(pk=pending["pk"]).update(used_at=now):
        raise OneTimeSignInInvalid()  # unknown, used, expired, or used meanwhile
    user = User.objects.get(pk=pending["user_id"])
    if replaced_session_id:
        sessions.session_revoke(session_id=replaced_session_id)
    session, secret = sessions.session_create(user=user, user_agent=user_agent, ip=ip)
    logger.info("user %s signed in with a one-time link", user.pk)
    return LoginComplete(session=session, session_secret=secret, redirect_url=pending["next_url"])
