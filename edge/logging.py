import functools
import logging
import re

from django.conf import settings

# Values that look like credentials wherever they appear in a message.
_SECRET_PATTERNS = [
    re.compile(r"(?i)((?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)((?:access_token|refresh_token|client_secret|code_verifier|password|api_key|secret)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
    re.compile(r"gAAAAA[A-Za-z0-9_=-]{20,}"),  # Fernet tokens
    re.compile(r"([?&]code=)[^&\s\"']+"),  # OAuth authorization codes in logged URLs
    re.compile(r"\b(fe_[0-9a-f]{12}_)[A-Za-z0-9_-]+"),  # API keys: the public prefix stays
]
_MASK = "***"


@functools.cache
def _cookie_pattern(cookie_name: str) -> re.Pattern:
    """The session cookie's value (the session id is a bearer credential)."""
    return re.compile(rf"(\b{re.escape(cookie_name)}=)[^;\s\"']+")


def mask_secrets(text: str) -> str:
    patterns = [*_SECRET_PATTERNS, _cookie_pattern(settings.SESSION_COOKIE_NAME_FE)]
    for pattern in patterns:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + _MASK, text)
    for name in ("YAHOO_CLIENT_SECRET", "TOKEN_CRYPTO_KEY", "SECRET_KEY"):
        for value in str(getattr(settings, name, "") or "").split(","):
            if len(value) >= 8:
                text = text.replace(value, _MASK)
    return text


class MaskSecretsFilter(logging.Filter):
    """Rewrites every record so that no token, key or client secret reaches a log line,
    including the text of an attached traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            # Formatters print a cached exc_text as it is: cache the masked one.
            record.exc_text = mask_secrets(logging.Formatter().formatException(record.exc_info))
        return True
