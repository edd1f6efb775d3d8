"""No credential reaches a log line: the mask itself, and every handler that prints records."""

import io
import logging

import pytest

from accounts.crypto import token_cipher
from edge.logging import MaskSecretsFilter, mask_secrets

API_KEY = "fe_1e8e02ea8d65_hQhdc6GTLTRvg1vhH-ff9t2I1VNuvpcd4H_Z1zbkeuc"
SESSION_ID = "79e2e673-596b-4392-a70e-36469ac8aa66"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer abc.DEF-123", "abc.DEF-123"),
        ("authorization: bearer abc.DEF-123", "abc.DEF-123"),
        ("Authorization: Basic dGVzdDpzZWNyZXQ=", "dGVzdDpzZWNyZXQ="),
        ("POST access_token=tok123&x=1", "tok123"),
        ('{"refresh_token": "tok456"}', "tok456"),
        ("client_secret: sekrit-99", "sekrit-99"),
        ('"GET /auth/yahoo/callback?code=AUTHCODE42&state=xyz HTTP/1.1" 302', "AUTHCODE42"),
        ("/auth/yahoo/callback?state=xyz&code=AUTHCODE42", "AUTHCODE42"),
        (f"key {API_KEY} rejected", "hQhdc6GTLTRvg1vhH"),
        (f"Cookie: csrftoken=abc; fe_session={SESSION_ID}", SESSION_ID),
    ],
)
def test_mask_secrets_hides_the_credential(text, secret):
    masked = mask_secrets(text)
    assert secret not in masked
    assert "***" in masked


def test_a_fernet_token_and_configured_secrets_are_masked(settings):
    settings.YAHOO_CLIENT_SECRET = "client-secret-value-123"
    ciphertext = token_cipher().encrypt("plain")
    masked = mask_secrets(f"stored {ciphertext} with client-secret-value-123")
    assert ciphertext not in masked and "client-secret-value-123" not in masked


def test_ordinary_words_stay_readable():
    text = 'error code: not_found, {"code": "invalid"}, GET /events?since=5'
    assert mask_secrets(text) == text


def test_a_traceback_is_masked_too():
    try:
        raise ValueError("refused access_token=tok789")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", None, None)
        import sys

        record.exc_info = sys.exc_info()
    MaskSecretsFilter().filter(record)
    assert "tok789" not in logging.Formatter().format(record)


@pytest.fixture
def printed():
    """What the configured handlers print (pytest's own capture handlers left out)."""
    stream = io.StringIO()
    swapped = []
    for handler in _printing_handlers():
        swapped.append((handler, handler.setStream(stream)))
    yield stream
    for handler, original in swapped:
        handler.setStream(original)


def _printing_handlers() -> list[logging.StreamHandler]:
    loggers = [logging.getLogger(), *map(logging.getLogger, logging.root.manager.loggerDict)]
    return [
        handler
        for logger in loggers
        for handler in logger.handlers
        if type(handler) is logging.StreamHandler  # pytest's handlers are subclasses
    ]


@pytest.mark.parametrize("name", ["django.server", "django.request", "django", "fantasy.yahoo"])
def test_every_logger_prints_through_the_mask_once(printed, name):
    """Django installs its own console handlers for `django` and `django.server` (the
    runserver request lines, with query strings); none may print an unmasked line."""
    logging.getLogger(name).warning('"GET /auth/yahoo/callback?code=AUTHCODE42 HTTP/1.1" 400')
    output = printed.getvalue()
    assert "AUTHCODE42" not in output
    assert output.count("/auth/yahoo/callback") == 1


def test_every_printing_handler_masks():
    handlers = _printing_handlers()
    assert handlers
    for handler in handlers:
        assert any(isinstance(f, MaskSecretsFilter) for f in handler.filters), handler
