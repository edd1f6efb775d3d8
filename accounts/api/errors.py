"""The HTTP status of each Yahoo failure, for the API's one error shape."""

from accounts.yahoo_errors import (
    YahooError,
    YahooNotLinked,
    YahooRateLimited,
    YahooRelinkRequired,
    YahooUnavailable,
)

YAHOO_ERROR_STATUSES = {
    YahooError: 502,
    YahooNotLinked: 409,
    YahooRelinkRequired: 409,
    YahooRateLimited: 503,
    YahooUnavailable: 503,
}
