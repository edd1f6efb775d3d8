"""Rate limits, all DRF throttles on the Redis cache (one-minute sliding windows; a refusal is
a 429 with `Retry-After` in the error shape): per client IP on the auth routes, and per API
key or signed-in user on the whole API (settings.REST_FRAMEWORK DEFAULT_THROTTLE_CLASSES).
"""

import ipaddress

from django.conf import settings
from redis.commands.core import Script
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import ApiKey
from edge.redis import REDIS_DOWN, redis_connection, uses_redis


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


# DRF's sliding window, step for step as `SimpleRateThrottle.allow_request` runs it on a pickled
# list in the cache (drop the timestamps older than the window, refuse at the limit, else record
# this request and keep the history for one window), run inside Redis on a list, newest first:
# one round trip a request instead of a read and a write of the whole history. A refusal
# answers the history, from which DRF works out `Retry-After`. A key of another type (the
# pickled list an older release wrote) starts over.
_SLIDING_WINDOW = Script(
    None,
    b"""
local key, now, duration, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('TYPE', key).ok ~= 'list' then redis.call('DEL', key) end
while true do
  local oldest = redis.call('LINDEX', key, -1)
  if not oldest or tonumber(oldest) > now - duration then break end
  redis.call('RPOP', key)
end
if redis.call('LLEN', key) >= limit then
  return {0, unpack(redis.call('LRANGE', key, 0, -1))}
end
redis.call('LPUSH', key, ARGV[1])
redis.call('EXPIRE', key, duration)
return {1}
""",
)


class _PerMinute(SimpleRateThrottle):
    """DRF's sliding-window throttle on the default cache (Redis: every process shares the
    window), at `limit_setting` requests a minute, read at each request.

    It fails open when Redis is down (the cache then reads as empty): serving matters more
    than the limit, and the auth routes refuse on their own when they need Redis.
    """

    limit_setting = ""

    def get_rate(self) -> str:
        return f"{getattr(settings, self.limit_setting)}/min"

    def allow_request(self, request, view) -> bool:
        if not uses_redis():
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        try:
            allowed, *history = _SLIDING_WINDOW(
                keys=[self.key],
                args=[repr(self.now), self.duration, self.num_requests],
                client=redis_connection(),
            )
        except REDIS_DOWN:
            return True
        self.history = [float(timestamp) for timestamp in history]
        return bool(allowed)


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
