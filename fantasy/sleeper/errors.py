"""Typed failures of Sleeper's read API, in the project's one error shape."""

from edge.errors import ApplicationError


class SleeperError(ApplicationError):
    code = "sleeper_error"
    status_code = 502
    message = "Sleeper refused the request."


class SleeperUserNotFound(SleeperError):
    """`GET /user/{username}` answers 200 with the body `null` for an unknown username."""

    code = "sleeper_user_not_found"
    status_code = 404
    message = "No Sleeper user has that username."


class SleeperNotFound(SleeperError):
    """A league (or another resource) Sleeper answers 404 for."""

    code = "sleeper_not_found"
    status_code = 404
    message = "Sleeper has no such resource."


class SleeperRateLimited(SleeperError):
    """429 after every retry."""

    code = "sleeper_rate_limited"
    status_code = 503
    message = "Sleeper is rate limiting us; try again later."


class SleeperUnavailable(SleeperError):
    """5xx answers, timeouts or network failures after every retry."""

    code = "sleeper_unavailable"
    status_code = 503
    message = "Sleeper is unavailable; try again later."


class SleeperBadPayload(SleeperError):
    """A body whose shape the parsers do not recognise (nothing is written from it)."""

    code = "sleeper_bad_payload"
    message = "Sleeper sent a response in an unexpected shape."
