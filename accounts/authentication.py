"""DRF authentication: `Authorization: Bearer <api key>` for scripts, the `fe_session` cookie
for browsers. Both give `request.user` as an `accounts.models.User`.

Cookie-authenticated unsafe requests must come from an allowed Origin (`CORS_ORIGINS` or this
API's own origin) and carry Django's CSRF token (README, "Security"). Bearer keys are never
sent by a browser on its own, so they need neither.
"""

from django.conf import settings
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, CSRFCheck, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from accounts import sessions
from accounts.api_keys import api_key_authenticate


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer fe_<prefix>_<secret>`; `request.auth` is the `ApiKey`."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != b"bearer":
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Malformed Authorization header.")
        try:
            raw_key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid API key.") from None
        api_key = api_key_authenticate(raw_key=raw_key)
        if api_key is None:
            raise exceptions.AuthenticationFailed("Invalid API key.")
        return api_key.user, api_key

    def authenticate_header(self, request) -> str:
        # First in DEFAULT_AUTHENTICATION_CLASSES: this header makes DRF answer 401, not 403.
        return 'Bearer realm="api"'


class SessionCookieAuthentication(BaseAuthentication):
    """The `fe_session` cookie; `request.auth` is a `sessions.ValidSession`.

    An unknown, revoked or expired session authenticates nobody (a protected endpoint then
    answers 401), so a stale cookie never blocks signing in again.
    """

    def authenticate(self, request):
        session_id = sessions.session_id_from_cookie(
            request.COOKIES.get(settings.SESSION_COOKIE_NAME_FE)
        )
        if session_id is None:
            return None
        valid = sessions.session_validate(session_id=session_id)
        if valid is None:
            return None
        if request.method not in SAFE_METHODS:
            enforce_origin_and_csrf(request)
        return valid.user, valid

    def authenticate_header(self, request) -> str:
        return 'Cookie realm="api"'


def enforce_origin_and_csrf(request) -> None:
    origin = request.META.get("HTTP_ORIGIN")
    own_origin = f"{request.scheme}://{request.get_host()}"
    if origin not in {*settings.CORS_ORIGINS, own_origin}:
        raise exceptions.PermissionDenied("Origin not allowed for a cookie-authenticated request.")

    check = CSRFCheck(lambda _request: None)
    check.process_request(request._request)  # reads the CSRF cookie into request.META
    reason = check.process_view(request._request, None, (), {})
    if reason:
        raise exceptions.PermissionDenied(f"CSRF check failed: {reason}")
