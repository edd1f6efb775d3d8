"""Permissions beyond signed-in: what only a browser session may do."""

from rest_framework.permissions import BasePermission

from accounts.sessions import ValidSession


class SessionOnly(BasePermission):
    """Signed in with the `fe_session` cookie, not an API key: a leaked key must not be able to
    mint, list or revoke keys, and so outlive its own revocation."""

    message = "API keys are managed only when signed in with a session, not with an API key."

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ValidSession)
