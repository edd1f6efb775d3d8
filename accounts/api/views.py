"""Sign-in with Yahoo, logout, the current user and API keys (thin views)."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.csrf import get_token
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import api_keys, selectors, services, sessions
from accounts.api.serializers import (
    ApiKeyCreatedSerializer,
    ApiKeySerializer,
    MeSerializer,
)
from accounts.authentication import SessionCookieAuthentication
from accounts.permissions import SessionOnly
from accounts.throttling import AuthRouteRateLimit, client_ip
from edge.api import query_params_check
from edge.openapi import error_responses

# Binds an OAuth state to the browser that started it: a callback URL replayed elsewhere fails.
OAUTH_BROWSER_COOKIE = "fe_oauth_state"
OAUTH_BROWSER_COOKIE_PATH = "/auth/yahoo"


def _cookie_secure() -> bool:
    return not settings.DEBUG


def _replaced_session_id(request):
    """The browser's current session, which a new sign-in ends."""
    return sessions.session_id_from_cookie(request.COOKIES.get(settings.SESSION_COOKIE_NAME_FE))


def _signed_in_redirect(request, result: services.LoginComplete) -> HttpResponseRedirect:
    response = HttpResponseRedirect(result.redirect_url)
    _set_session_cookie(response, result.session_secret)
    get_token(request)  # a fresh CSRF cookie for the new session
    return response


def _set_session_cookie(response, secret: str) -> None:
    response.set_cookie(
        settings.SESSION_COOKIE_NAME_FE,
        secret,
        max_age=settings.SESSION_TTL_SECONDS,
        path=settings.SESSION_COOKIE_PATH_FE,
        domain=settings.SESSION_COOKIE_DOMAIN_FE,
        secure=_cookie_secure(),
        httponly=True,
        samesite=settings.SESSION_COOKIE_SAMESITE_FE,
    )


class _AuthRoute(APIView):
    """The public auth routes: no authentication needed, rate-limited per client IP."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRouteRateLimit]
    rate_limit_route = ""


class YahooLoginView(_AuthRoute):
    rate_limit_route = "login"

    @extend_schema(
        auth=[],
        tags=["auth"],
        summary="Sign in with Yahoo",
        parameters=[OpenApiParameter("next", str, description="A path on WEB_APP_URL.")],
        responses={302: OpenApiResponse(description="Redirect to Yahoo's consent page.")},
    )
    def get(self, request):
        """Start signing in: 302 to Yahoo with state and PKCE (S256)."""
        redirect_uri = settings.YAHOO_REDIRECT_URI or request.build_absolute_uri(
            "/auth/yahoo/callback"
        )
        start = services.oauth_login_start(
            redirect_uri=redirect_uri, next_path=request.query_params.get("next")
        )
        response = HttpResponseRedirect(start.authorization_url)
        response.set_cookie(
            OAUTH_BROWSER_COOKIE,
            start.state,
            max_age=services.OAUTH_STATE_TTL_SECONDS,
            path=OAUTH_BROWSER_COOKIE_PATH,
            secure=_cookie_secure(),
            httponly=True,
            samesite="Lax",  # sent on Yahoo's top-level redirect back to the callback
        )
        return response


class YahooCallbackView(_AuthRoute):
    rate_limit_route = "callback"

    @extend_schema(
        auth=[],
        tags=["auth"],
        summary="Yahoo's redirect back after sign-in",
        parameters=[OpenApiParameter("code", str), OpenApiParameter("state", str)],
        responses={
            302: OpenApiResponse(description="Signed in: fe_session set, redirect to web app."),
            400: OpenApiResponse(description="Invalid state, refused consent or exchange."),
        },
    )
    def get(self, request):
        """Finish signing in: exchange the code, link the account, start a session."""
        params = request.query_params
        result = services.oauth_login_complete(
            state=params.get("state", ""),
            browser_state=request.COOKIES.get(OAUTH_BROWSER_COOKIE, ""),
            code=params.get("code", ""),
            error=params.get("error", ""),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            ip=client_ip(request),
            replaced_session_id=_replaced_session_id(request),
        )
        response = _signed_in_redirect(request, result)
        response.delete_cookie(OAUTH_BROWSER_COOKIE, path=OAUTH_BROWSER_COOKIE_PATH)
        return response


class OneTimeSignInView(_AuthRoute):
    rate_limit_route = "once"

    @extend_schema(
        auth=[],
        tags=["auth"],
        summary="Sign in with a one-time link (development)",
        responses={
            302: OpenApiResponse(description="Signed in: fe_session set, redirect to its page."),
            404: OpenApiResponse(description="Unknown, used or expired link (or production)."),
        },
    )
    def get(self, request, token: str):
        """Sign in with a one-time link from `manage.py demo_credentials` (development only)."""
        result = services.one_time_sign_in_complete(
            token=token,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            ip=client_ip(request),
            replaced_session_id=_replaced_session_id(request),
        )
        return _signed_in_redirect(request, result)


class LogoutView(_AuthRoute):
    # Authenticating the cookie makes an unsafe request pass the Origin and CSRF checks.
    authentication_classes = [SessionCookieAuthentication]
    rate_limit_route = "logout"

    @extend_schema(tags=["auth"], summary="Sign out", request=None, responses={204: None})
    def post(self, request):
        """End the session (Postgres row and Redis key) and expire the cookie."""
        session_id = sessions.session_id_from_cookie(
            request.COOKIES.get(settings.SESSION_COOKIE_NAME_FE)
        )
        if session_id:
            sessions.session_revoke(session_id=session_id)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        response.delete_cookie(
            settings.SESSION_COOKIE_NAME_FE,
            path=settings.SESSION_COOKIE_PATH_FE,
            domain=settings.SESSION_COOKIE_DOMAIN_FE,
            samesite=settings.SESSION_COOKIE_SAMESITE_FE,
        )
        return response


class MeView(APIView):
    @extend_schema(tags=["account"], summary="The signed-in user", responses=MeSerializer)
    def get(self, request):
        """The signed-in user and the state of their Yahoo and Sleeper links (never a token)."""
        context = {
            "yahoo_account": selectors.user_yahoo_account(user=request.user),
            "sleeper_account": selectors.user_sleeper_account(user=request.user),
            "csrf_token": get_token(request),
        }
        return Response(MeSerializer(request.user, context=context).data)


# API keys are managed with a session only: an API key gets a 403.
_SESSION_ONLY = extend_schema(auth=[{"sessionCookie": []}], responses=error_responses(401, 403))


@_SESSION_ONLY
class ApiKeysView(generics.ListAPIView):
    serializer_class = ApiKeySerializer
    permission_classes = [IsAuthenticated, SessionOnly]

    def get_queryset(self):
        return selectors.user_api_keys(user=self.request.user)

    @extend_schema(
        tags=["account"],
        summary="The user's API keys",
        description="Name, prefix, when created and last used; never the secret. Managed "
        "with a signed-in session only: an API key gets a 403.",
    )
    def get(self, request, *args, **kwargs):
        query_params_check(request.query_params)
        return super().get(request, *args, **kwargs)

    @extend_schema(
        tags=["account"],
        summary="Create an API key",
        request=ApiKeySerializer,
        responses={201: ApiKeyCreatedSerializer, **error_responses(400, 401, 403)},
    )
    def post(self, request):
        """A new key for scripts; the whole key is in this response and never again."""
        serializer = ApiKeySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        api_key, raw_key = api_keys.api_key_create(
            user=request.user, name=serializer.validated_data["name"]
        )
        api_key.key = raw_key
        return Response(ApiKeyCreatedSerializer(api_key).data, status=status.HTTP_201_CREATED)


@_SESSION_ONLY
class ApiKeyDetailView(APIView):
    permission_classes = [IsAuthenticated, SessionOnly]

    @extend_schema(
        tags=["account"],
        summary="Revoke an API key",
        responses={204: None, **error_responses(401, 403, 404)},
    )
    def delete(self, request, api_key_id: int):
        """Revoke a key at once."""
        api_keys.api_key_revoke(user=request.user, api_key_id=api_key_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
