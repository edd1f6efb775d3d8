"""Production settings refuse to start without real secrets, and pass `check --deploy`."""

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

SECRETS = ("DJANGO_SECRET_KEY", "JWT_SECRET", "TOKEN_CRYPTO_KEY")
PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "edge.settings",
    "ALLOWED_HOSTS": "api.example.com",
    # Settings only parse these; nothing here connects.
    "DATABASE_URL": "postgres://fe@127.0.0.1:5432/never_connected",
    "REDIS_URL": "redis://127.0.0.1:6379/15",
}
REAL_SECRETS = {
    "DJANGO_SECRET_KEY": "prod-" + "k7Qz9xW2vL4nB8mR1tY6uP3sD5fG0hJ" * 2,
    "TOKEN_CRYPTO_KEY": Fernet.generate_key().decode(),
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS and k != "DJANGO_ENV"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**clean, **PRODUCTION, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def setup_django(**env: str) -> subprocess.CompletedProcess:
    return run(["-c", "import django; django.setup()"], **env)


REFUSAL = "Fantasy Edge will not start with DJANGO_ENV=production until these are set: "


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "TOKEN_CRYPTO_KEY"])
def test_production_refuses_to_start_without_a_secret_naming_it(missing):
    env = {k: v for k, v in REAL_SECRETS.items() if k != missing}

    result = setup_django(**env)

    assert result.returncode != 0
    assert result.stderr == f"{REFUSAL}{missing} (a real secret)\n"


def test_production_names_every_missing_variable_in_one_line_without_a_traceback():
    result = run(["manage.py", "check"], DATABASE_URL="sqlite:///never.sqlite3", REDIS_URL="")

    assert result.returncode == 1
    assert result.stderr == (
        f"{REFUSAL}DJANGO_SECRET_KEY (a real secret), TOKEN_CRYPTO_KEY (a real secret), "
        "DATABASE_URL (postgres://...), REDIS_URL\n"
    )


def test_production_refuses_the_development_secret_key():
    dev_key = "dev-only-insecure-secret-key-change-me-0123456789abcdefghijklmnopqrstuv"

    result = setup_django(**{**REAL_SECRETS, "DJANGO_SECRET_KEY": dev_key})

    assert result.returncode != 0
    assert result.stderr == f"{REFUSAL}DJANGO_SECRET_KEY (a real secret)\n"


def test_production_starts_with_real_secrets_and_accepts_jwt_secret_as_the_key():
    assert setup_django(**REAL_SECRETS).returncode == 0

    jwt_only = {"JWT_SECRET": REAL_SECRETS["DJANGO_SECRET_KEY"]}
    result = setup_django(**jwt_only, TOKEN_CRYPTO_KEY=REAL_SECRETS["TOKEN_CRYPTO_KEY"])
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_check_deploy():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **REAL_SECRETS)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_needs_no_secrets():
    result = run(["-c", "import django; django.setup()"], DJANGO_ENV="development")

    assert result.returncode == 0, result.stderr


def test_an_unknown_samesite_value_is_refused_at_start():
    result = setup_django(**REAL_SECRETS, SESSION_COOKIE_SAMESITE="sometimes")

    assert result.returncode != 0
    assert "SESSION_COOKIE_SAMESITE must be Lax, Strict or None" in result.stderr
    assert setup_django(**REAL_SECRETS, SESSION_COOKIE_SAMESITE="none").returncode == 0
