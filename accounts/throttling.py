"""Per-IP rate limits on the auth routes (`rate:ip:{route}:{ip}`, a 60 s window)."""

import ipaddress
import logging

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from accounts import store

logger = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 60


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


class AuthRouteRateLimit(BaseThrottle):
    """`AUTH_RATE_LIMIT_PER_MINUTE` requests per client IP and route (the view's
    `rate_limit_route`). Fails open when Redis is down: sign-in matters more than the limit."""

    def allow_request(self, request, view) -> bool:
        ip = client_ip(request) or "unknown"
        key = f"rate:ip:{view.rate_limit_route}:{ip}"
        try:
            hits, self._retry_after = store.hit_counter(key, RATE_WINDOW_SECONDS)
        except store.StoreUnavailable:
            logger.warning("redis unavailable: rate limit on %s not enforced", key)
            return True
        return hits <= settings.AUTH_RATE_LIMIT_PER_MINUTE

    def wait(self) -> float:
        return self._retry_after
