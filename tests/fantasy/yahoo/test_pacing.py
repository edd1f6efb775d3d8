"""The per-account pace: a token bucket shared through Redis by every process."""

import multiprocessing
import time
from itertools import combinations

import pytest
import redis
from django.conf import settings

from edge.redis import RedisUnavailable
from fantasy.yahoo.pacing import LocalBucket, RedisBucket, default_pacer

RATE, BURST = 1.0, 2


class FakeClock:
    def __init__(self, now: float = 1_000.0):
        self.now = now
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def redis_client():
    if not settings.REDIS_URL:
        pytest.skip("REDIS_URL is not set: the shared bucket needs Redis")
    client = redis.Redis.from_url(settings.REDIS_URL)
    for key in client.scan_iter("rate:yahoo:test-*"):
        client.delete(key)
    yield client
    for key in client.scan_iter("rate:yahoo:test-*"):
        client.delete(key)


def local_bucket(clock: FakeClock) -> LocalBucket:
    return LocalBucket(slots={}, rate=RATE, burst=BURST, clock=clock, sleep=clock.sleep)


def redis_bucket(clock: FakeClock, client) -> RedisBucket:
    return RedisBucket(client, rate=RATE, burst=BURST, clock=clock, sleep=clock.sleep)


@pytest.fixture(params=["local", "redis"])
def bucket_and_clock(request):
    clock = FakeClock()
    if request.param == "local":
        return local_bucket(clock), clock
    return redis_bucket(clock, request.getfixturevalue("redis_client")), clock


def test_a_burst_goes_at_once_then_one_call_per_interval(bucket_and_clock):
    bucket, clock = bucket_and_clock

    grants = [bucket.wait("test-1") for _ in range(5)]

    assert grants == [1000.0, 1000.0, 1001.0, 1002.0, 1003.0]
    assert clock.slept == [1.0, 1.0, 1.0]


def test_an_idle_account_gets_its_burst_back_but_no_more(bucket_and_clock):
    bucket, clock = bucket_and_clock
    for _ in range(3):
        bucket.wait("test-1")

    clock.now += 60
    grants = [bucket.wait("test-1") for _ in range(3)]

    assert grants == [clock.now - 1, clock.now - 1, clock.now]


def test_accounts_have_their_own_buckets(bucket_and_clock):
    bucket, clock = bucket_and_clock
    for _ in range(BURST):
        bucket.wait("test-1")

    bucket.wait("test-2")

    assert clock.slept == []


def test_rate_zero_turns_pacing_off():
    clock = FakeClock()
    bucket = LocalBucket(slots={}, rate=0, clock=clock, sleep=clock.sleep)

    for _ in range(10):
        bucket.wait("test-1")

    assert clock.slept == []


def test_the_rate_setting_is_read_at_each_call(settings):
    clock = FakeClock()
    bucket = LocalBucket(slots={}, clock=clock, sleep=clock.sleep)
    settings.YAHOO_REQUESTS_PER_SECOND = 4.0

    for _ in range(3):
        bucket.wait("test-1")

    assert clock.slept == [0.25]


def test_default_pacer_is_redis_when_the_cache_is_redis(settings, redis_client):
    assert isinstance(default_pacer(), RedisBucket)
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert isinstance(default_pacer(), LocalBucket)


# --- two processes, one bucket --------------------------------------------------------------


def _grab(key: str, calls: int, results) -> None:
    """In a child process: reserve `calls` slots on the real clock, report the grant times."""
    bucket = RedisBucket(
        redis.Redis.from_url(settings.REDIS_URL),
        rate=RATE,
        burst=BURST,
        sleep=lambda seconds: None,  # the grants are the proof; nobody waits them out
    )
    results.put([bucket.wait(key) for _ in range(calls)])


def _grants_of_two_processes(keys: tuple[str, str], calls: int = 8) -> list[float]:
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_grab, args=(key, calls, results)) for key in keys]
    for worker in workers:
        worker.start()
    grants = [grant for _ in workers for grant in results.get(timeout=30)]
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    return sorted(grants)


def _worst_excess(grants: list[float]) -> float:
    """max over windows [t_i, t_j] of calls - (rate * window + burst); <= 0 is within pace."""
    return max(
        (j - i + 1) - (RATE * (grants[j] - grants[i]) + BURST)
        for i, j in combinations(range(len(grants)), 2)
    )


def test_two_processes_sharing_the_bucket_never_exceed_rate_times_window_plus_burst(
    redis_client,
):
    key = f"test-{time.time_ns()}"

    grants = _grants_of_two_processes((key, key))

    assert len(grants) == 16
    assert _worst_excess(grants) <= 1e-6


def test_without_sharing_the_same_count_would_exceed_the_bound(redis_client):
    """The check above can fail: two separate buckets burst together."""
    stamp = time.time_ns()

    grants = _grants_of_two_processes((f"test-a-{stamp}", f"test-b-{stamp}"))

    assert _worst_excess(grants) > 1


def test_redis_down_is_a_typed_error_naming_redis(settings, redis_refusing):
    settings.YAHOO_REQUESTS_PER_SECOND = 1
    with pytest.raises(RedisUnavailable, match=r"Redis is unreachable \(REDIS_URL\)"):
        default_pacer(sleep=lambda seconds: None).wait("account-1")
