"""OpenAPI descriptions of the two authentication schemes (drf-spectacular extensions)."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key from POST /user/api-keys: `fe_<prefix>_<secret>`.",
        }


class SessionCookieScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.SessionCookieAuthentication"
    name = "sessionCookie"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME_FE,
            "description": "Set by GET /auth/yahoo/callback. Unsafe methods also need an "
            "allowed Origin and the X-CSRFToken header (its value is in GET /me).",
        }
