import logging
import re

from django.conf import settings

# Values that look like credentials wherever they appear in a message.
_SECRET_PATTERNS = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"),
    re.compile(
        r"(?i)((?:access_token|refresh_token|client_secret|code_verifier|password|api_key|secret)"
        r"[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
    re.compile(r"gAAAAA[A-Za-z0-9_=-]{20,}"),  # Fernet tokens
]
_MASK = "***"


def mask_secrets(text: str) -> str:
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + _MASK, text)
    for name in ("YAHOO_CLIENT_SECRET", "TOKEN_CRYPTO_KEY", "SECRET_KEY"):
        for value in str(getattr(settings, name, "") or "").split(","):
            if len(value) >= 8:
                text = text.replace(value, _MASK)
    return text


class MaskSecretsFilter(logging.Filter):
    """Rewrites every record so that no token, key or client secret reaches a log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
