"""Settings, all from the environment (DESIGN.md §3).

No environment at all gives the embedded default: SQLite, a local-memory cache, DEBUG on.
`DJANGO_ENV=production` refuses to start without real secrets and turns on the secure defaults
that `manage.py check --deploy` asks for.
"""

import datetime as dt
import sys
import warnings
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

# Dev-only fallbacks: never accepted in production (see _require below).
_DEV_SECRET_KEY = "dev-only-insecure-secret-key-change-me-0123456789abcdefghijklmnopqrstuv"
_DEV_TOKEN_KEY = "ZGV2LW9ubHktdG9rZW4ta2V5LWNoYW5nZS1tZS0wMDA="


# What production lacks, gathered so one line names it all (see the end of this file).
_PRODUCTION_MISSING: list[str] = []


def _require(name: str, value: str, dev_default: str) -> str:
    if PRODUCTION and (not value or value == dev_default):
        _PRODUCTION_MISSING.append(f"{name} (a real secret)")
    return value or dev_default


SECRET_KEY = _require(
    "DJANGO_SECRET_KEY",
    env.str("DJANGO_SECRET_KEY", default="") or env.str("JWT_SECRET", default=""),
    _DEV_SECRET_KEY,
)
TOKEN_CRYPTO_KEY = _require(
    "TOKEN_CRYPTO_KEY", env.str("TOKEN_CRYPTO_KEY", default=""), _DEV_TOKEN_KEY
)

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "edge.apps.OperatorsAuthConfig",  # django.contrib.auth, named for the admin
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files served by us: /api/docs needs no CDN
    "django_celery_beat",
    "axes",  # admin login lockouts
    "edge",
    "accounts",
    "fantasy",
    "insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files (admin, API docs) under gunicorn
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# django-axes first: it refuses a locked-out login before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Exact paths without trailing slashes: a REST client's POST must never meet a redirect.
APPEND_SLASH = False
CSRF_FAILURE_VIEW = "edge.api.csrf_failure_view"
ROOT_URLCONF = "edge.urls"
WSGI_APPLICATION = "edge.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's own, with a health check that polls the socket instead of a SELECT 1 a request.
    DATABASES["default"]["ENGINE"] = "edge.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Keys are the contract of DESIGN.md §5 (`session:{uuid}`, ...): no prefix, no version.
            "KEY_FUNCTION": "edge.cache.raw_key",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
                # Redis is a cache in front of Postgres: when it is down a read is a miss and a
                # write is skipped (logged), never a 500. Sessions, OAuth state and rate limits
                # use the raw connection and decide for themselves.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_FUNCTION": "edge.cache.raw_key",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# WhiteNoise serves the apps' static files straight from their folders: no collectstatic step,
# so STATIC_ROOT may well not exist (WhiteNoise would warn about it on every start).
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

# --- Product contracts (DESIGN.md §3) -------------------------------------------------------
YAHOO_CLIENT_ID = env.str("YAHOO_CLIENT_ID", default="")
YAHOO_CLIENT_SECRET = env.str("YAHOO_CLIENT_SECRET", default="")
YAHOO_REDIRECT_URI = env.str("YAHOO_REDIRECT_URI", default="")
YAHOO_OAUTH_URL = env.str("YAHOO_OAUTH_URL", default="https://api.login.yahoo.com/oauth2").rstrip(
    "/"
)
YAHOO_API_URL = env.str(
    "YAHOO_API_URL", default="https://fantasysports.yahooapis.com/fantasy/v2"
).rstrip("/")
YAHOO_HTTP_TIMEOUT = env.float("YAHOO_HTTP_TIMEOUT", default=10.0)
YAHOO_REQUESTS_PER_SECOND = env.float("YAHOO_REQUESTS_PER_SECOND", default=1.0)

# Sleeper's public read API (no auth): `POST /user/sleeper`, `sleeper_sync` and the tasks read it.
SLEEPER_API_URL = env.str("SLEEPER_API_URL", default="https://api.sleeper.app/v1").rstrip("/")
SLEEPER_HTTP_TIMEOUT = env.float("SLEEPER_HTTP_TIMEOUT", default=10.0)
# Sleeper asks for under 1000 calls a minute (it may block the address): 10 a second at most,
# shared by every process through Redis; 0 switches the pace off.
SLEEPER_REQUESTS_PER_SECOND = env.float("SLEEPER_REQUESTS_PER_SECOND", default=10.0)

# nflverse's games file (Lee Sharpe's schedule, lines and weather of every game since 1999):
# `load_nfl_schedule --season`, the daily refresh and a first yahoo_sync download it.
NFL_SCHEDULE_URL = env.str(
    "NFL_SCHEDULE_URL",
    default="https://raw.githubusercontent.com/nflverse/nfldata/master/data/games.csv",
)
NFL_SCHEDULE_TIMEOUT = env.float("NFL_SCHEDULE_TIMEOUT", default=30.0)

CORS_ORIGINS = env.list("CORS_ORIGINS", default=[])
CORS_ALLOWED_ORIGINS = CORS_ORIGINS
CORS_ALLOW_CREDENTIALS = True
CSRF_TRUSTED_ORIGINS = CORS_ORIGINS

WEB_APP_URL = env.str("WEB_APP_URL", default="/")
SESSION_COOKIE_NAME_FE = env.str("SESSION_COOKIE_NAME", default="fe_session")
SESSION_TTL_SECONDS = env.int("SESSION_TTL_SECONDS", default=2592000)
SESSION_COOKIE_DOMAIN_FE = env.str("SESSION_COOKIE_DOMAIN", default="") or None
SESSION_COOKIE_PATH_FE = env.str("SESSION_COOKIE_PATH", default="/")
# Lax when the web app and API share a site (app.example.com + api.example.com); None when
# they are cross-site (then the cookie is Secure-only). See README "Security".
SESSION_COOKIE_SAMESITE_FE = env.str("SESSION_COOKIE_SAMESITE", default="Lax").capitalize()
if SESSION_COOKIE_SAMESITE_FE not in ("Lax", "Strict", "None"):
    raise ImproperlyConfigured("SESSION_COOKIE_SAMESITE must be Lax, Strict or None.")
# The CSRF cookie travels with the session cookie, so the web app can read and echo it.
CSRF_COOKIE_DOMAIN = SESSION_COOKIE_DOMAIN_FE
CSRF_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE_FE
CSRF_COOKIE_SECURE = not DEBUG
# Requests per minute per client IP on each of /auth/yahoo/login, /callback and /auth/logout.
AUTH_RATE_LIMIT_PER_MINUTE = env.int("AUTH_RATE_LIMIT_PER_MINUTE", default=20)
# Requests per minute per API key or signed-in user, on the whole API.
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=600)
# How many reverse proxies in front of us append to X-Forwarded-For (0: ignore the header).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# The admin login (operators): after ADMIN_LOGIN_FAILURE_LIMIT failures from one client IP, or
# for one username, that IP or username is locked out for ADMIN_LOGIN_LOCKOUT_MINUTES (429 in
# the error shape, with Retry-After). Counted in Redis when there is one (django-axes' cache
# handler), else in the axes tables.
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("ADMIN_LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_ONLY_ADMIN_SITE = True
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"  # X-Forwarded-For as trusted above
AXES_LOCKOUT_CALLABLE = "edge.admin.login_locked_out"
AXES_HANDLER = (
    "axes.handlers.cache.AxesCacheHandler"
    if REDIS_URL
    else "axes.handlers.database.AxesDatabaseHandler"
)

# Django's own session framework serves only the operators' admin; its cookie must not collide
# with the product's `fe_session`.
SESSION_COOKIE_NAME = "fe_admin_session"

# --- REST API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # The API key class comes first: its WWW-Authenticate header makes DRF answer 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiKeyAuthentication",
        "accounts.authentication.SessionCookieAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["accounts.throttling.ApiRateLimit"],
    # JSON only, whatever the Accept header (edge.negotiation): no browsable API.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "edge.negotiation.FirstRendererFallback",
    # Bodies too are JSON only: a form or multipart body is a 415 (documented).
    "DEFAULT_PARSER_CLASSES": ["edge.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_PAGINATION_CLASS": "edge.api.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "edge.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Fantasy Edge API",
    "DESCRIPTION": "Start/sit, waivers with FAAB bids and DEF/IDP streamers for Yahoo leagues.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "edge.openapi.document_shared_errors",
    ],
    # Every operation carries exactly one of these, in this order in /api/docs.
    "TAGS": [
        {"name": "auth", "description": "Sign in with Yahoo, sign out."},
        {"name": "account", "description": "The signed-in user, preferences and API keys."},
        {"name": "leagues", "description": "The user's leagues, their teams, the week's summary."},
        {"name": "team", "description": "A team's roster, matchup, lineup and waiver pickups."},
        {"name": "players", "description": "Find players; projections and personal notes."},
        {"name": "notes", "description": "Edit or delete a personal note."},
        {"name": "streamers", "description": "DEF and IDP streamers for a week."},
        {"name": "events", "description": "The event feed: injuries, locks, roster moves, syncs."},
        {"name": "ops", "description": "Probes for the platform: liveness and readiness."},
    ],
}

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL
# No broker (the embedded default): tasks run in-process, so a laptop needs nothing else.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A worker killed mid-task hands the message back (acks_late) for another worker to redo;
# tasks are idempotent and each league-week is written in one transaction.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The `jobs` / `job_runs` tables are the record of what ran: no result backend.
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # keep LOGGING above (secrets masked)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Background jobs (defaults of the periodic tasks a data migration installs; operators then
# edit them in admin), retries, locks and pruning.
JOBS_SYNC_GAME_DAY_MINUTES = env.int("JOBS_SYNC_GAME_DAY_MINUTES", default=15)
JOBS_SYNC_OTHER_DAY_MINUTES = env.int("JOBS_SYNC_OTHER_DAY_MINUTES", default=60)
JOBS_KICKOFF_REFRESH_MINUTES = env.int("JOBS_KICKOFF_REFRESH_MINUTES", default=5)
JOBS_KICKOFF_WINDOW_HOURS = env.int("JOBS_KICKOFF_WINDOW_HOURS", default=3)
JOBS_PRUNE_AFTER_DAYS = env.int("JOBS_PRUNE_AFTER_DAYS", default=30)
JOBS_MAX_RETRIES = env.int("JOBS_MAX_RETRIES", default=5)
JOBS_RETRY_BACKOFF_SECONDS = env.int("JOBS_RETRY_BACKOFF_SECONDS", default=30)
JOBS_RETRY_BACKOFF_MAX_SECONDS = env.int("JOBS_RETRY_BACKOFF_MAX_SECONDS", default=900)
JOBS_LOCK_TTL_SECONDS = env.int("JOBS_LOCK_TTL_SECONDS", default=900)

# --- Logging: secrets are masked on every line ----------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_secrets": {"()": "edge.logging.MaskSecretsFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # edge.jobs logs the one line per task; Celery's own "received" and "succeeded in" lines
    # would triple it (failures still log at ERROR).
    "loggers": {
        # Django's defaults give these loggers console handlers of their own, without the mask
        # (runserver's request lines carry query strings such as ?code=): ours replaces them.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "celery.app.trace": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
        "axes.apps": {"level": "WARNING"},  # its "BEGIN version" line on every start
    },
}

if PRODUCTION:
    if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
        _PRODUCTION_MISSING.append("DATABASE_URL (postgres://...)")
    if not REDIS_URL:
        _PRODUCTION_MISSING.append("REDIS_URL")
    if _PRODUCTION_MISSING:
        # One line naming every variable, not a traceback per run naming the first.
        sys.exit(
            "Fantasy Edge will not start with DJANGO_ENV=production until these are set: "
            + ", ".join(_PRODUCTION_MISSING)
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # /healthz and /readyz answer the platform's probes over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
