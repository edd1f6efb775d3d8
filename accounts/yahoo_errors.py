"""The one hierarchy of Yahoo failures, for sign-in, tokens and the Fantasy API alike.

It knows nothing of HTTP: callers (sync services, tasks, commands) catch these by type, and the
API layer maps each class to a status (`accounts.api.errors`). It lives in accounts, the lowest
app that talks to Yahoo, so the token service and fantasy's client raise the same classes.
"""

from edge.errors import DomainError


class YahooError(DomainError):
    code = "yahoo_error"
    message = "Yahoo refused the request."


class YahooAppNotApproved(YahooError):
    """Yahoo answers 403 to every fantasy call of an app it has not approved."""

    code = "yahoo_app_not_approved"
    message = "Yahoo app not approved (403)"


class YahooNotLinked(YahooError):
    """Nobody linked a Yahoo account that could make this call."""

    code = "no_linked_account"
    message = "No linked Yahoo account."


class YahooRelinkRequired(YahooError):
    """The refresh token is revoked or invalid: only a new Yahoo sign-in can fix it."""

    code = "yahoo_relink_required"
    message = "The Yahoo account must be linked again."


class YahooRateLimited(YahooError):
    """Yahoo kept answering 999/429 after every retry (its throttle lasts minutes)."""

    code = "yahoo_rate_limited"
    message = "Yahoo is rate limiting this account; try again later."


class YahooUnavailable(YahooError):
    """5xx answers, network failures or timeouts (the API's or the token endpoint's)."""

    code = "yahoo_unavailable"
    message = "Yahoo is unavailable; try again later."


class YahooBadPayload(YahooError):
    """A response whose shape the parsers do not recognise (nothing is written from it)."""

    code = "yahoo_bad_payload"
    message = "Yahoo sent a response in an unexpected shape."
