"""Rate limits, all DRF throttles on the Redis cache (one-minute sliding windows; a refusal is
a 429 with `Retry-After` in the error shape): per client IP on the auth routes, and per API
key or signed-in user on the whole API (settings.REST_FRAMEWORK DEFAULT_THROTTLE_CLASSES).
"""

import ipaddress

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import ApiKey


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or X-Forwarded-For behind trusted proxies.

    With N trusted proxies, the N-th entry from the right of X-Forwarded-For is the one the
    outermost trusted proxy saw; anything left of it could be written by the client.
    """
    remote = request.META.get("REMOTE_ADDR")
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= trusted:
            remote = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(remote)) if remote else None
    except ValueError:
        return None


class _PerMinute(SimpleRateThrottle):
    """DRF's sliding-window throttle on the default cache (Redis: every process shares the
    window), at `limit_setting` requests a minute, read at each request.

    It fails open when Redis is down (the cache then reads as empty): serving matters more
    than the limit, and the auth routes refuse on their own when they need Redis.
    """

    limit_setting = ""

    def get_rate(self) -> str:
        return f"{getattr(settings, self.limit_setting)}/min"


class AuthRouteRateLimit(_PerMinute):
    """Per client IP and route (the view's `rate_limit_route`): `rate:ip:{route}:{ip}`."""

    limit_setting = "AUTH_RATE_LIMIT_PER_MINUTE"

    def get_cache_key(self, request, view) -> str:
        return f"rate:ip:{view.rate_limit_route}:{client_ip(request) or 'unknown'}"


class ApiRateLimit(_PerMinute):
    """The whole API, per API key (`rate:key:{id}`) or signed-in user (`rate:user:{id}`);
    anonymous requests (401s, health, the schema) are not counted here."""

    limit_setting = "API_RATE_LIMIT_PER_MINUTE"

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, ApiKey):
            return f"rate:key:{request.auth.pk}"
        if request.user is not None and request.user.is_authenticated:
            return f"rate:user:{request.user.pk}"
        return None
