"""Yahoo OAuth 2.0: authorization URL with state + PKCE (S256), and the token endpoint.

Only settings URLs are used (`YAHOO_OAUTH_URL`, `YAHOO_API_URL`); every call has
`YAHOO_HTTP_TIMEOUT`. Nothing here logs a token, a code or a verifier.
"""

import base64
import hashlib
import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings

logger = logging.getLogger(__name__)


class TokenEndpointRejected(Exception):
    """Yahoo answered the token request with an OAuth error (e.g. `invalid_grant`)."""

    def __init__(self, error: str):
        self.error = error
        super().__init__(error)


class TokenEndpointUnavailable(Exception):
    """Yahoo's token endpoint timed out, failed at the network level or answered 5xx/garbage."""


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str | None
    expires_in: int
    yahoo_guid: str | None
    scope: str | None

    def __repr__(self) -> str:  # never let a token reach a log line through a repr
        return f"TokenPair(expires_in={self.expires_in}, yahoo_guid={self.yahoo_guid!r})"


@dataclass(frozen=True)
class YahooProfile:
    display_name: str | None
    avatar_url: str | None
    email: str | None


def new_state() -> str:
    """256 random bits, base64url."""
    return secrets.token_urlsafe(32)


def new_code_verifier() -> str:
    """RFC 7636 verifier: 86 base64url characters (the allowed range is 43-128)."""
    return secrets.token_urlsafe(64)


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorization_url(*, state: str, verifier: str, redirect_uri: str) -> str:
    query = {
        "client_id": settings.YAHOO_CLIENT_ID,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "state": state,
        "code_challenge": code_challenge(verifier),
        "code_challenge_method": "S256",
    }
    return f"{settings.YAHOO_OAUTH_URL}/request_auth?{urlencode(query)}"


def _token_request(form: dict[str, str]) -> TokenPair:
    try:
        response = requests.post(
            f"{settings.YAHOO_OAUTH_URL}/get_token",
            data=form,
            auth=(settings.YAHOO_CLIENT_ID, settings.YAHOO_CLIENT_SECRET),
            headers={"Accept": "application/json"},
            timeout=settings.YAHOO_HTTP_TIMEOUT,
        )
    except requests.RequestException as exc:
        logger.warning("yahoo token endpoint unreachable: %s", exc.__class__.__name__)
        raise TokenEndpointUnavailable(exc.__class__.__name__) from exc

    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    if response.status_code >= 500 or response.status_code == 429:
        logger.warning("yahoo token endpoint answered %s", response.status_code)
        raise TokenEndpointUnavailable(f"HTTP {response.status_code}")
    if response.status_code >= 400 or "error" in body:
        error = str(body.get("error") or f"http_{response.status_code}")
        logger.info("yahoo token endpoint refused the grant: %s", error)
        raise TokenEndpointRejected(error)
    try:
        return TokenPair(
            access_token=str(body["access_token"]),
            refresh_token=str(body["refresh_token"]) if body.get("refresh_token") else None,
            expires_in=int(body.get("expires_in") or 3600),
            yahoo_guid=str(body["xoauth_yahoo_guid"]) if body.get("xoauth_yahoo_guid") else None,
            scope=body.get("scope"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        logger.warning("yahoo token endpoint answered an unexpected body")
        raise TokenEndpointUnavailable("unexpected token response") from exc


def exchange_code(*, code: str, verifier: str, redirect_uri: str) -> TokenPair:
    return _token_request(
        {
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": redirect_uri,
        }
    )


def refresh_access_token(*, refresh_token: str) -> TokenPair:
    # yahoo-oauth sends redirect_uri on refresh too (shared/yahoo-samples README §5).
    return _token_request(
        {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "redirect_uri": settings.YAHOO_REDIRECT_URI or "oob",
        }
    )


def fetch_profile(*, access_token: str) -> YahooProfile | None:
    """Display name and avatar from the Fantasy API (`users;use_login=1;out=profile`).

    Best effort: Yahoo gives no email there, and a failure never blocks a sign-in.
    """
    try:
        response = requests.get(
            f"{settings.YAHOO_API_URL}/users;use_login=1;out=profile",
            params={"format": "json"},
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
            timeout=settings.YAHOO_HTTP_TIMEOUT,
        )
        response.raise_for_status()
        profile = _find_dict(response.json(), "profile")
    except (requests.RequestException, ValueError) as exc:
        logger.info("yahoo profile unavailable: %s", exc.__class__.__name__)
        return None
    if not profile:
        return None
    return YahooProfile(
        display_name=profile.get("display_name") or profile.get("nickname"),
        avatar_url=profile.get("image_url"),
        email=profile.get("email"),
    )


def _find_dict(node, key: str) -> dict | None:
    """The first dict under `key` anywhere in Yahoo's nesting of lists and numbered dicts."""
    if isinstance(node, dict):
        if isinstance(node.get(key), dict):
            return node[key]
        children = node.values()
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = _find_dict(child, key)
        if found is not None:
            return found
    return None
