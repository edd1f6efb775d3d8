"""API keys: create (capped per user), revoke, and authenticate a bearer value.

A key's plaintext (`fe_<prefix>_<secret>`) is shown once and never stored: only its digest is.
Authentication keeps recently seen keys in a short per-process cache (`ApiKeyCache`).
"""

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time

from cachetools import TTLCache
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiKey, User
from accounts.services import user_lock
from edge.errors import ApplicationError, NotFound

# last_used_at of an API key, like a session's last_seen_at, is written at most once a minute.
API_KEY_LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
# A key that authenticated is trusted again for this long without a query (per process): a
# revoked or deleted key fails within it in every worker, at once in the one that revoked it.
API_KEY_CACHE_SECONDS = 5
API_KEY_PREFIX = "fe_"
MAX_API_KEYS_PER_USER = 20


class TooManyApiKeys(ApplicationError):
    code = "too_many_api_keys"
    message = f"A user can hold at most {MAX_API_KEYS_PER_USER} API keys; revoke one first."


def _hash_api_key(raw_key: str) -> str:
    # The secret has 256 random bits, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(raw_key.encode()).hexdigest()


@transaction.atomic
def api_key_create(*, user: User, name: str) -> tuple[ApiKey, str]:
    """A new key and its plaintext (`fe_<prefix>_<secret>`), which is never stored.

    The user's row is locked while counting, so concurrent creations queue and the cap holds.
    """
    user_lock(user=user)
    if ApiKey.objects.filter(user=user).count() >= MAX_API_KEYS_PER_USER:
        raise TooManyApiKeys()
    prefix = secrets.token_hex(6)
    raw_key = f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    api_key = ApiKey.objects.create(
        user=user, name=name, prefix=prefix, key_hash=_hash_api_key(raw_key)
    )
    return api_key, raw_key


def api_key_revoke(*, user: User, api_key_id: int) -> None:
    deleted, _ = ApiKey.objects.filter(user=user, pk=api_key_id).delete()
    if not deleted:
        raise NotFound("API key not found.")
    api_key_cache.forget(api_key_id=api_key_id)


class ApiKeyCache:
    """Recently authenticated keys by digest, each kept `API_KEY_CACHE_SECONDS` (`clock`: tests)."""

    def __init__(self, *, clock=time.monotonic, maxsize: int = 1024):
        self._keys = TTLCache(maxsize=maxsize, ttl=API_KEY_CACHE_SECONDS, timer=clock)
        self._lock = threading.Lock()

    def get(self, digest: str) -> ApiKey | None:
        with self._lock:
            return self._keys.get(digest)

    def remember(self, digest: str, api_key: ApiKey) -> None:
        with self._lock:
            self._keys[digest] = api_key

    def forget(self, *, api_key_id: int) -> None:
        with self._lock:
            for digest, api_key in list(self._keys.items()):
                if api_key.pk == api_key_id:
                    del self._keys[digest]

    def clear(self) -> None:
        with self._lock:
            self._keys.clear()


api_key_cache = ApiKeyCache()


def api_key_authenticate(*, raw_key: str) -> ApiKey | None:
    """The key (with its user) matching a presented bearer value, or None."""
    if not raw_key.startswith(API_KEY_PREFIX):
        return None
    prefix, _, secret = raw_key.removeprefix(API_KEY_PREFIX).partition("_")
    if not prefix or not secret:
        return None
    digest = _hash_api_key(raw_key)
    if (cached := api_key_cache.get(digest)) is not None:
        return cached
    api_key = ApiKey.objects.select_related("user").filter(prefix=prefix).first()
    if api_key is None or not hmac.compare_digest(api_key.key_hash, digest):
        return None
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at >= API_KEY_LAST_USED_RESOLUTION:
        api_key.last_used_at = now
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    api_key_cache.remember(digest, api_key)
    return api_key
