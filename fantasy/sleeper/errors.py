"""Typed failures of Sleeper's read API.

Like `accounts.yahoo_errors`, it knows nothing of HTTP: callers (sync services, tasks, commands)
catch these by type, and the API layer maps each class to a status (`fantasy.api.errors`).
"""

from edge.errors import DomainError


class SleeperError(DomainError):
    code = "sleeper_error"
    message = "Sleeper refused the request."


class SleeperUserNotFound(SleeperError):
    """`GET /user/{username}` answers 200 with the body `null` for an unknown username."""

    code = "sleeper_user_not_found"
    message = "No Sleeper user has that username."


class SleeperNotFound(SleeperError):
    """A league (or another resource) Sleeper answers 404 for."""

    code = "sleeper_not_found"
    message = "Sleeper has no such resource."


class SleeperRateLimited(SleeperError):
    """429 after every retry."""

    code = "sleeper_rate_limited"
    message = "Sleeper is rate limiting us; try again later."


class SleeperUnavailable(SleeperError):
    """5xx answers, timeouts or network failures after every retry."""

    code = "sleeper_unavailable"
    message = "Sleeper is unavailable; try again later."


class SleeperBadPayload(SleeperError):
    """A body whose shape the parsers do not recognise (nothing is written from it)."""

    code = "sleeper_bad_payload"
    message = "Sleeper sent a response in an unexpected shape."
