"""The HTTP status of each Sleeper failure, for the API's one error shape."""

from fantasy.sleeper.errors import (
    SleeperError,
    SleeperNotFound,
    SleeperRateLimited,
    SleeperUnavailable,
    SleeperUserNotFound,
)

SLEEPER_ERROR_STATUSES = {
    SleeperError: 502,
    SleeperUserNotFound: 404,
    SleeperNotFound: 404,
    SleeperRateLimited: 503,
    SleeperUnavailable: 503,
}
