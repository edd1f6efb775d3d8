"""Typed failures of the Yahoo Fantasy API, in the project's one error shape.

Callers (sync services, commands, views) catch these by type: a command prints `message` and
exits non-zero, a sync skips a user whose account needs relinking, the API returns the shape.
"""

from edge.api import ApplicationError


class YahooError(ApplicationError):
    code = "yahoo_error"
    status_code = 502
    message = "Yahoo refused the request."


class YahooAppNotApproved(YahooError):
    """Yahoo answers 403 to every fantasy call of an app it has not approved."""

    code = "yahoo_app_not_approved"
    message = "Yahoo app not approved (403)"


class YahooRelinkRequired(YahooError):
    """The refresh token is revoked or invalid: only a new Yahoo sign-in can fix it."""

    code = "yahoo_relink_required"
    status_code = 409
    message = "The Yahoo account must be linked again."


class YahooRateLimited(YahooError):
    """Yahoo kept answering 999/429 after every retry (its throttle lasts minutes)."""

    code = "yahoo_rate_limited"
    status_code = 503
    message = "Yahoo is rate limiting this account; try again later."


class YahooUnavailable(YahooError):
    """5xx answers or network failures/timeouts after every retry."""

    code = "yahoo_unavailable"
    status_code = 503
    message = "Yahoo is unavailable; try again later."


class YahooBadPayload(YahooError):
    """A response whose shape the parsers do not recognise (nothing is written from it)."""

    code = "yahoo_bad_payload"
    message = "Yahoo sent a response in an unexpected shape."
