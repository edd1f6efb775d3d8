"""Per-league-week locks, so two workers never sync (or score) the same league-week at once.

With Redis (every deployment with workers) the lock is redis-py's `Lock` on
`lock:league:{id}:week:{w}:{purpose}`: SET NX with a token and a TTL, released only by its
holder, so a worker killed mid-task frees it when the TTL runs out. Without Redis (the embedded
default, tasks run in-process) the same try-lock lives in this process's memory.

Redis configured but unreachable: taking the lock raises `RedisUnavailable` (a task retries it
later); failing to release it only logs, since the TTL frees it.

The lock never waits: a second taker learns at once that someone else holds it and skips.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

from edge.redis import RedisUnavailable, redis_call, redis_connection, uses_redis

logger = logging.getLogger(__name__)

_local_held: set[str] = set()
_local_guard = threading.Lock()


def league_week_lock_key(*, league_id: int, week: int | None, purpose: str) -> str:
    return f"lock:league:{league_id}:week:{'current' if week is None else week}:{purpose}"


@contextmanager
def _redis_lock(key: str, ttl: int) -> Iterator[bool]:
    lock = redis_connection().lock(
        key, timeout=ttl, blocking=False, thread_local=False, raise_on_release_error=False
    )
    acquired = redis_call(lock.acquire, purpose="the league-week lock")
    try:
        yield acquired
    finally:
        if acquired:
            try:
                redis_call(lock.release)
            except RedisUnavailable:
                logger.warning("redis unavailable: lock %s is freed by its TTL", key)


@contextmanager
def _local_lock(key: str) -> Iterator[bool]:
    with _local_guard:
        acquired = key not in _local_held
        _local_held.add(key)
    try:
        yield acquired
    finally:
        if acquired:
            with _local_guard:
                _local_held.discard(key)


@contextmanager
def league_week_lock(
    *, league_id: int, week: int | None, purpose: str = "sync", ttl: int | None = None
) -> Iterator[bool]:
    """Yield True when this caller holds the league-week, False when another one does."""
    key = league_week_lock_key(league_id=league_id, week=week, purpose=purpose)
    if uses_redis():
        with _redis_lock(key, ttl or settings.JOBS_LOCK_TTL_SECONDS) as acquired:
            yield acquired
    else:
        with _local_lock(key) as acquired:
            yield acquired
