"""Encryption of Yahoo tokens at rest (Fernet, with key rotation)."""

from collections.abc import Sequence
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class TokenDecryptError(Exception):
    """A stored token does not decrypt with any configured key (lost key or tampered value)."""


class TokenCipher:
    """`MultiFernet` over the configured keys: the first encrypts, every key decrypts."""

    def __init__(self, keys: Sequence[str]):
        keys = [key.strip() for key in keys if key.strip()]
        if not keys:
            raise ValueError("TokenCipher needs at least one Fernet key.")
        self._fernet = MultiFernet([Fernet(key) for key in keys])

    def encrypt(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._fernet.decrypt(ciphertext.encode()).decode()
        except (InvalidToken, ValueError) as exc:
            raise TokenDecryptError(
                "stored token does not decrypt with any configured key"
            ) from exc

    def rotate(self, ciphertext: str) -> str:
        """Re-encrypt with the first key (what `manage.py rotate_token_key` does to every row)."""
        try:
            return self._fernet.rotate(ciphertext.encode()).decode()
        except (InvalidToken, ValueError) as exc:
            raise TokenDecryptError(
                "stored token does not decrypt with any configured key"
            ) from exc


@lru_cache(maxsize=4)
def _cipher_for(keys: str) -> TokenCipher:
    return TokenCipher(keys.split(","))


def token_cipher() -> TokenCipher:
    """The cipher for `settings.TOKEN_CRYPTO_KEY` (comma-separated keys, newest first)."""
    return _cipher_for(settings.TOKEN_CRYPTO_KEY)
