"""A per-account pace for Yahoo calls, shared by every process (web, workers, commands); the
same bucket paces Sleeper's calls (`provider="sleeper"`, one bucket for the app: its API has no
accounts and asks for under 1000 calls a minute from an address).

Yahoo throttles per user with HTTP 999 and no published limit; about one request a second is
reliable. The bucket is a GCRA token bucket: each call reserves the next free slot
(`rate` per second, up to `burst` at once) and sleeps until it. With Redis the reservation is
one atomic Lua script on `rate:yahoo:{account}`, so all processes share it; without Redis (the
local-memory cache of the embedded default) the bucket lives in this process.

Redis configured but unreachable: `wait` raises `RedisUnavailable` rather than pacing alone,
since other processes may be calling Yahoo for the same account (README, Background jobs).
"""

import threading
import time
from collections.abc import Callable
from typing import Protocol

from django.conf import settings

from edge.redis import redis_call, redis_connection, uses_redis

DEFAULT_BURST = 2
_MICROS = 1_000_000

# KEYS[1] bucket key; ARGV: now (µs), emission interval (µs), burst. Returns the µs to wait.
# The stored value is the theoretical arrival time (TAT) of the next free slot. Integers only:
# Redis truncates Lua numbers in replies.
_RESERVE_SCRIPT = """
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local wait = new_tat - burst * interval - now
if wait < 0 then wait = 0 end
redis.call('SET', KEYS[1], new_tat, 'PX', math.floor((new_tat - now) / 1000) + 1000)
return wait
"""


class Pacer(Protocol):
    def wait(self, account_key: str) -> float:
        """Block until this account may call Yahoo; return the granted time on the clock."""


# The setting that holds each provider's rate (requests a second; 0 switches pacing off).
RATE_SETTINGS = {"yahoo": "YAHOO_REQUESTS_PER_SECOND", "sleeper": "SLEEPER_REQUESTS_PER_SECOND"}


def _rate(provider: str) -> float:
    return float(getattr(settings, RATE_SETTINGS[provider]))


class _BucketBase:
    def __init__(
        self,
        *,
        rate: float | None = None,
        burst: int = DEFAULT_BURST,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        provider: str = "yahoo",
    ):
        self._rate = rate  # None: read settings at each call, so tests and operators can tune it
        self.provider = provider
        self.burst = burst
        self.clock = clock
        self.sleep = sleep

    def wait(self, account_key: str) -> float:
        rate = self._rate if self._rate is not None else _rate(self.provider)
        now = self.clock()
        if rate <= 0:  # pacing switched off (YAHOO_REQUESTS_PER_SECOND=0)
            return now
        now_us = int(now * _MICROS)
        key = f"rate:{self.provider}:{account_key}"
        delay_us = self._reserve(key, now_us, int(_MICROS / rate))
        if delay_us > 0:
            self.sleep(delay_us / _MICROS)
        return (now_us + delay_us) / _MICROS

    def _reserve(self, key: str, now_us: int, interval_us: int) -> int:
        raise NotImplementedError


class RedisBucket(_BucketBase):
    def __init__(self, redis_client, **kwargs):
        super().__init__(**kwargs)
        self._script = redis_client.register_script(_RESERVE_SCRIPT)

    def _reserve(self, key: str, now_us: int, interval_us: int) -> int:
        return redis_call(
            lambda: int(self._script(keys=[key], args=[now_us, interval_us, self.burst])),
            purpose=f"the {self.provider.capitalize()} pace",
        )


# Every LocalBucket of the process shares these slots, as every process shares Redis.
_local_slots: dict[str, int] = {}
_local_lock = threading.Lock()


class LocalBucket(_BucketBase):
    """The same reservation in process memory, for a machine without Redis."""

    def __init__(self, *, slots: dict[str, int] | None = None, **kwargs):
        super().__init__(**kwargs)
        self._slots = _local_slots if slots is None else slots

    def _reserve(self, key: str, now_us: int, interval_us: int) -> int:
        with _local_lock:
            new_tat = max(self._slots.get(key, now_us), now_us) + interval_us
            self._slots[key] = new_tat
            return max(0, new_tat - self.burst * interval_us - now_us)


def default_pacer(*, sleep: Callable[[float], None] = time.sleep, provider: str = "yahoo") -> Pacer:
    """Redis when the cache is Redis (shared by every process), else this process's bucket."""
    if uses_redis():
        return RedisBucket(redis_connection(), sleep=sleep, provider=provider)
    return LocalBucket(sleep=sleep, provider=provider)
