"""Server-side web sessions: a `sessions` row, cached in Redis as `session:{uuid}`.

The `fe_session` cookie carries a random secret that is stored nowhere: the session's id is a
UUID made of the secret's SHA-256 digest, so neither a database reader nor an operator in the
admin holds anything that signs in (the same idea as API keys' stored digests).

Redis answers first, but Postgres always has the last word: the one query that loads the
signed-in user joins the session row, so a session deleted in Postgres (a logout while Redis
was down, an operator's revocation in the admin) stops working at once, at no extra query.
When Redis misses the key or is down, the row alone decides and the key is written back.
"""

import contextlib
import datetime as dt
import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from accounts import store
from accounts.models import User, WebSession

logger = logging.getLogger(__name__)

# last_seen_at is a hint for operators, not an audit trail: one write a minute is enough.
LAST_SEEN_RESOLUTION = dt.timedelta(minutes=1)
# 256 random bits, URL-safe: 43 characters. Longer cookie values are not even hashed.
SESSION_SECRET_BYTES = 32
MAX_COOKIE_LENGTH = 128


@dataclass(frozen=True)
class ValidSession:
    session_id: uuid.UUID
    user: User


def session_key(session_id: uuid.UUID | str) -> str:
    return f"session:{session_id}"


def _cache_value(session: WebSession) -> dict:
    return {
        "user_id": session.user_id,
        "created_at": session.created_at.isoformat(),
        "last_seen_at": session.last_seen_at.isoformat(),
        "expires_at": session.expires_at.isoformat(),
        "user_agent": session.user_agent,
        "ip": session.ip_addr,
    }


def _cache_write(session_id: uuid.UUID, value: dict) -> None:
    """Write `session:{uuid}` with a TTL ending when the session expires."""
    expires_at = dt.datetime.fromisoformat(value["expires_at"])
    ttl = int((expires_at - timezone.now()).total_seconds())
    if ttl <= 0:
        return
    try:
        store.put_json(session_key(session_id), value, ttl)
    except store.StoreUnavailable:
        logger.warning("redis unavailable: session kept in postgres only")


def session_id_for(secret: str) -> uuid.UUID:
    """The stored id of the session a cookie secret opens: its SHA-256 digest, as a UUID.

    The secret has 256 random bits, so a fast unkeyed hash leaves nothing to brute-force.
    """
    return uuid.UUID(bytes=hashlib.sha256(secret.encode()).digest()[:16])


def session_fingerprint(session_id: uuid.UUID | str) -> str:
    """A short label for operators (the first 8 hex digits of the id)."""
    return str(session_id)[:8]


def session_create(*, user: User, user_agent: str, ip: str | None) -> tuple[WebSession, str]:
    """A fresh session and the secret for its cookie, which is never stored.

    A new secret on every sign-in, so a planted cookie is never promoted.
    """
    secret = secrets.token_urlsafe(SESSION_SECRET_BYTES)
    now = timezone.now()
    session = WebSession.objects.create(
        id=session_id_for(secret),
        user=user,
        created_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(seconds=settings.SESSION_TTL_SECONDS),
        user_agent=user_agent[:512] or None,
        ip_addr=ip,
    )
    _cache_write(session.id, _cache_value(session))
    return session, secret


def session_revoke(*, session_id: uuid.UUID | str) -> None:
    """Delete the row first (Postgres wins), then the Redis key if Redis answers."""
    WebSession.objects.filter(id=session_id).delete()
    try:
        store.delete(session_key(session_id))
    except store.StoreUnavailable:
        logger.warning("redis unavailable during logout: the deleted row still revokes")


def session_id_from_cookie(raw: str | None) -> uuid.UUID | None:
    """The id of the session a cookie value would open; None for an empty or oversized one."""
    if not raw or len(raw) > MAX_COOKIE_LENGTH:
        return None
    return session_id_for(raw)


def session_validate(*, session_id: uuid.UUID) -> ValidSession | None:
    """The signed-in user for a session id, or None when it is unknown, revoked or expired."""
    now = timezone.now()
    try:
        cached = store.get_json(session_key(session_id))
    except store.StoreUnavailable:
        logger.warning("redis unavailable: validating the session against postgres")
        cached, redis_up = None, False
    else:
        redis_up = True

    if cached:
        user = User.objects.filter(
            pk=cached["user_id"], sessions__id=session_id, sessions__expires_at__gt=now
        ).first()
        if user is None:
            _forget(session_id)
            return None
        last_seen = dt.datetime.fromisoformat(cached["last_seen_at"])
        if now - last_seen >= LAST_SEEN_RESOLUTION:
            WebSession.objects.filter(id=session_id).update(last_seen_at=now)
            _cache_write(session_id, {**cached, "last_seen_at": now.isoformat()})
        return ValidSession(session_id=session_id, user=user)

    session = (
        WebSession.objects.select_related("user").filter(id=session_id, expires_at__gt=now).first()
    )
    if session is None:
        return None
    if now - session.last_seen_at >= LAST_SEEN_RESOLUTION:
        session.last_seen_at = now
        WebSession.objects.filter(id=session_id).update(last_seen_at=now)
    if redis_up:
        _cache_write(session.id, _cache_value(session))
    return ValidSession(session_id=session_id, user=session.user)


def _forget(session_id: uuid.UUID) -> None:
    with contextlib.suppress(store.StoreUnavailable):
        store.delete(session_key(session_id))
