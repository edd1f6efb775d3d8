"""Server-side web sessions: a `sessions` row, cached in Redis as `session:{uuid}`.

Redis answers first, but Postgres always has the last word: the one query that loads the
signed-in user joins the session row, so a session deleted in Postgres (a logout while Redis
was down, an operator's revocation in the admin) stops working at once, at no extra query.
When Redis misses the key or is down, the row alone decides and the key is written back.
"""

import contextlib
import datetime as dt
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from accounts import store
from accounts.models import User, WebSession

logger = logging.getLogger(__name__)

# last_seen_at is a hint for operators, not an audit trail: one write a minute is enough.
LAST_SEEN_RESOLUTION = dt.timedelta(minutes=1)


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


def session_create(*, user: User, user_agent: str, ip: str | None) -> WebSession:
    """A fresh session (a new id on every sign-in, so a planted id is never promoted)."""
    now = timezone.now()
    session = WebSession.objects.create(
        id=uuid.uuid4(),
        user=user,
        created_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(seconds=settings.SESSION_TTL_SECONDS),
        user_agent=user_agent[:512] or None,
        ip_addr=ip,
    )
    _cache_write(session.id, _cache_value(session))
    return session


def session_revoke(*, session_id: uuid.UUID | str) -> None:
    """Delete the row first (Postgres wins), then the Redis key if Redis answers."""
    WebSession.objects.filter(id=session_id).delete()
    try:
        store.delete(session_key(session_id))
    except store.StoreUnavailable:
        logger.warning("redis unavailable during logout: the deleted row still revokes")


def parse_session_id(raw: str | None) -> uuid.UUID | None:
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        return None


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
