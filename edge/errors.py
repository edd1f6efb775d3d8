"""The project's failures: a stable code and a message for people.

`DomainError` is the base of every domain failure (services, clients, tasks): it knows nothing
of HTTP; the API layer (`edge.api`) gives each class its status. `ApplicationError` and its
subclasses are the web layer's own refusals and carry their status. This module imports no web
framework, so any module may raise them without loading DRF.
"""


class DomainError(Exception):
    code = "error"
    message = "The request could not be completed."

    def __init__(self, message: str | None = None, *, details: dict | None = None):
        self.message = message or self.message
        self.details = details or {}
        super().__init__(self.message)


class ApplicationError(DomainError):
    """A failure of the web layer itself, with its HTTP status."""

    status_code = 400


class NotFound(ApplicationError):
    code = "not_found"
    status_code = 404
    message = "Not found."


class ServiceUnavailable(ApplicationError):
    code = "unavailable"
    status_code = 503
    message = "A service this needs is unavailable."


class RequestTooLarge(ApplicationError):
    code = "too_large"
    status_code = 413
    message = "The request body is too large."


# The status of each domain error class that is not an ApplicationError (nearest class wins).
_DOMAIN_STATUSES: dict[type[DomainError], int] = {}


def error_statuses_register(statuses: dict[type[DomainError], int]) -> None:
    """Called by an app's AppConfig.ready: the HTTP status of each of its domain errors."""
    _DOMAIN_STATUSES.update(statuses)


def domain_error_status(exc: DomainError) -> int:
    if isinstance(exc, ApplicationError):
        return exc.status_code
    return next((_DOMAIN_STATUSES[c] for c in type(exc).__mro__ if c in _DOMAIN_STATUSES), 400)
