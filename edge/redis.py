"""Redis unreachable: one typed error for every part that needs Redis (sessions, OAuth state,
the Yahoo pace, league-week locks), so each caller decides to degrade, refuse or retry, and an
operator reads one line naming Redis instead of a traceback.

Plain `Exception` on purpose: DRF loads accounts' authentication (and with it accounts.store)
while `rest_framework.views` is still importing, so this module must not import edge.api.
"""

from collections.abc import Callable
from typing import TypeVar

import redis.exceptions
from django.conf import settings
from django_redis import get_redis_connection

T = TypeVar("T")

# What redis-py raises when the server is down, refuses, or does not answer in time.
REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def uses_redis() -> bool:
    """Redis is the cache (`REDIS_URL`); without it, its users keep their state in-process."""
    return settings.CACHES["default"]["BACKEND"].startswith("django_redis")


def redis_connection():
    """The raw client of the cache's Redis."""
    return get_redis_connection("default")


class RedisUnavailable(Exception):
    """Redis (REDIS_URL) did not answer."""

    def __init__(self, message: str = "Redis is unreachable (REDIS_URL)."):
        super().__init__(message)
        self.message = message


def redis_call(operation: Callable[[], T], *, purpose: str = "") -> T:
    """Run one Redis operation; when Redis is down, `RedisUnavailable` naming what needed it."""
    try:
        return operation()
    except REDIS_DOWN as exc:
        needed_by = f": {purpose} needs it" if purpose else ""
        raise RedisUnavailable(
            f"Redis is unreachable (REDIS_URL){needed_by} ({exc.__class__.__name__})."
        ) from exc
