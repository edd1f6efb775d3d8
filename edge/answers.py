"""Whole API answers cached as the rendered JSON bytes they were sent as.

A cached read is a pure function of the data (one version number, `cache:api:version`), of who
asks (user id and Yahoo identity, which decide the scope) and of the exact URL (path, query,
host: pagination links are absolute). Its key, `cache:api:v{version}:{digest}`, lives 300 s.
Every write that can change an answer bumps the version after its commit (`api_data_changed`),
so no key is ever deleted: the old answers are unreachable and expire. One version for all
leagues, not one per league, because the player cards, streamer signals and public projections
in any answer are shared by every league, and any league's sync can change them.

The version is read before the answer is computed, so an answer computed while a write commits
is stored under the version it read, never under the new one. A version lost to Redis (an
eviction, a restart) starts again from the clock, never from a number already used.

Redis down: every read is a miss and nothing is stored (`IGNORE_EXCEPTIONS`), so the API answers
as if there were no cache. Only 200s are cached: errors are computed every time.
"""

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from rest_framework.response import Response

API_VERSION_KEY = "cache:api:version"
API_ANSWER_TTL = 300


def api_data_changed() -> None:
    """Call on commit of anything that changes what a cached API answer shows."""
    if cache.add(API_VERSION_KEY, time.time_ns(), timeout=None):
        return
    try:
        cache.incr(API_VERSION_KEY)
    except ValueError:  # expired or evicted between add and incr: start over from the clock
        cache.add(API_VERSION_KEY, time.time_ns(), timeout=None)


def _api_version() -> int | None:
    """The data version; None when Redis is unreachable (then nothing is cached)."""
    version = cache.get(API_VERSION_KEY)
    if version is None:
        first = time.time_ns()
        added = cache.add(API_VERSION_KEY, first, timeout=None)
        if added is None:  # django-redis's answer when Redis is unreachable: stop asking it
            return None
        version = first if added else cache.get(API_VERSION_KEY)
    return version


def api_answer_key(*, version: int, user, uri: str) -> str:
    who = f"{user.pk}:{user.yahoo_guid or ''}:{uri}"
    return f"cache:api:v{version}:{hashlib.sha256(who.encode()).hexdigest()[:40]}"


def cached_answer(visible: Callable[..., bool] | None = None):
    """Decorates a read action: a 200 answer is cached as bytes for the requesting user.

    `visible(view, request, **kwargs)` decides, in a cheap query of its own, whether the object
    of the URL is still the user's before a cached answer is sent (the key names the user, but
    a team changes hands): when it is not, the action runs and its own lookup answers the 404.
    A miss runs the action, whose lookup scopes as always.
    """

    def decorate(action):
        @wraps(action)
        def cached(view, request, *args, **kwargs):
            version = _api_version()
            if version is None:
                return action(view, request, *args, **kwargs)
            key = api_answer_key(
                version=version, user=request.user, uri=request.build_absolute_uri()
            )
            body = cache.get(key)
            if body is not None:
                if visible is None or visible(view, request, **kwargs):
                    return HttpResponse(body, content_type="application/json")
                return action(view, request, *args, **kwargs)  # its lookup answers the 404
            response = action(view, request, *args, **kwargs)
            if response.status_code == 200:
                if isinstance(response, Response):
                    response = view.finalize_response(request, response, *args, **kwargs)
                    response.render()
                cache.set(key, response.content, timeout=API_ANSWER_TTL)
            return response

        return cached

    return decorate
