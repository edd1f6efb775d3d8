import copy
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from accounts.api_keys import api_key_cache
from edge.celery import app as celery_app

# Real Yahoo samples and the 2023 season live beside the repo, never in it.
SHARED_DIR = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip with the reason when this clone has no shared/."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the real samples live in ../shared, beside the repo")
    return path


REDIS_DATABASES = 16


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_xdist_worker():
    """`pytest -n N` workers share one Redis server: worker gwI uses database (REDIS_URL's + 1 + I),
    so one worker's `cache.clear()` (a FLUSHDB) never wipes another's sessions or locks, nor the
    Celery broker's queue, which stays on REDIS_URL's own database for the real-worker tests.

    pytest-django gives each worker its own test database the same way (`test_<name>_gwI`).
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or not settings.REDIS_URL:
        yield
        return
    url = urlparse(settings.REDIS_URL)
    database = int(url.path.strip("/") or 0) + 1 + int(worker.removeprefix("gw"))
    if database >= REDIS_DATABASES:
        pytest.exit(f"{worker} would need Redis database {database}: lower TEST_REDIS_URL's db")
    redis_url = url._replace(path=f"/{database}").geturl()
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["LOCATION"] = redis_url
    with override_settings(REDIS_URL=redis_url, CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the test Redis database or local memory)."""
    cache.clear()
    api_key_cache.clear()
    yield
    cache.clear()
    api_key_cache.clear()


@pytest.fixture(autouse=True)
def _no_provider_pacing(settings):
    """Tests never sleep: the Yahoo and Sleeper paces are off (pacing tests set their own)."""
    settings.YAHOO_REQUESTS_PER_SECOND = 0
    settings.SLEEPER_REQUESTS_PER_SECOND = 0


# Where tests "download" nflverse's games file: a local port nothing listens on, so a test that
# does not mock it (with `responses`) sees a refused connection at once, never the network.
NFL_SCHEDULE_TEST_URL = "http://127.0.0.1:9/nflverse/games.csv"


@pytest.fixture(autouse=True)
def _no_nflverse_download(settings):
    settings.NFL_SCHEDULE_URL = NFL_SCHEDULE_TEST_URL
    settings.NFL_SCHEDULE_TIMEOUT = 2.0


CELERY_KEYS_CHANGED_BY_TESTS = ("task_always_eager", "task_eager_propagates", "broker_write_url")


@pytest.fixture
def celery_conf():
    """Celery settings a test may change; restored afterwards."""
    saved = {key: celery_app.conf[key] for key in CELERY_KEYS_CHANGED_BY_TESTS}
    yield celery_app.conf
    celery_app.conf.update(saved)


@pytest.fixture(autouse=True)
def _celery_eager(celery_conf):
    """Tasks run in-process (errors propagate), whatever broker the environment names."""
    celery_conf.update(task_always_eager=True, task_eager_propagates=True)


# Nothing listens on port 1: connecting is refused at once, as when Redis is down.
REFUSING_REDIS_URL = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_refusing(settings):
    """Every Redis user (cache, sessions, pacer, locks, throttles) now meets a Redis URL that
    refuses connections."""
    cache_settings = settings.CACHES["default"]
    if not cache_settings["BACKEND"].startswith("django_redis"):
        pytest.skip("a Redis outage needs REDIS_URL")
    settings.CACHES = {"default": {**cache_settings, "LOCATION": REFUSING_REDIS_URL}}


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
