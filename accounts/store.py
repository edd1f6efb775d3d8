"""The few key-value operations accounts needs, on Redis or on the local-memory cache.

With `REDIS_URL` set, keys are written as JSON straight through the raw connection (the key
names and values are the contract of DESIGN.md §5, readable by ops scripts) and single-use
reads are atomic (GETDEL). Without it (`make run` on a laptop) the same operations run on
Django's local-memory cache, which lives in one process, so they stay correct there too.

Redis failures surface as `StoreUnavailable`; callers decide whether to degrade or refuse.
"""

import json
from typing import Any

from django.core.cache import cache

from edge.redis import RedisUnavailable, redis_call, redis_connection, uses_redis

# The name this module's callers know; the same error as every other Redis user's.
StoreUnavailable = RedisUnavailable
# Re-exported: tests simulate an outage by replacing `store.redis_connection` (read at each call).
__all__ = [
    "StoreUnavailable",
    "delete",
    "get_json",
    "pop_json",
    "put_json",
    "redis_connection",
    "uses_redis",
]


def put_json(key: str, value: dict[str, Any], ttl: int) -> None:
    if uses_redis():
        redis_call(lambda: redis_connection().set(key, json.dumps(value), ex=ttl))
    else:
        cache.set(key, value, timeout=ttl)


def get_json(key: str) -> dict[str, Any] | None:
    if uses_redis():
        raw = redis_call(lambda: redis_connection().get(key))
        return json.loads(raw) if raw else None
    return cache.get(key)


def pop_json(key: str) -> dict[str, Any] | None:
    """Read and delete in one step, so a value can be used only once."""
    if uses_redis():
        raw = redis_call(lambda: redis_connection().getdel(key))
        return json.loads(raw) if raw else None
    value = cache.get(key)
    cache.delete(key)
    return value


def delete(key: str) -> None:
    if uses_redis():
        redis_call(lambda: redis_connection().delete(key))
    else:
        cache.delete(key)
