"""Django settings for rhia, read from the environment (see README.md, "Configuration")."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("RHIA_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_SECRET_KEY = "rhia-development-only-secret-key-change-me"  # noqa: S105 (refused in production)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


RHIA_ENV = os.environ.get("RHIA_ENV", "development")
PRODUCTION = RHIA_ENV == "production"
DEBUG = env_bool("RHIA_DEBUG", not PRODUCTION)
SECRET_KEY = os.environ.get("RHIA_SECRET_KEY", DEFAULT_SECRET_KEY)
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
        conn_max_age=int(os.environ.get("RHIA_DB_CONN_MAX_AGE", "60")),
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
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("RHIA_TEST_DB_NAME") or None}

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
AXES_FAILURE_LIMIT = int(os.environ.get("RHIA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("RHIA_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# OIDC (ProConnect or any provider). Enabled when RHIA_OIDC_CLIENT_ID is set.
OIDC_ENABLED = bool(os.environ.get("RHIA_OIDC_CLIENT_ID"))
OIDC_RP_CLIENT_ID = os.environ.get("RHIA_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("RHIA_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("RHIA_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("RHIA_OIDC_SCOPES", "openid email given_name usual_name")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("RHIA_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("RHIA_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("RHIA_OIDC_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("RHIA_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("RHIA_OIDC_LOGOUT_ENDPOINT", "")
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = False
OIDC_CREATE_USER = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/comptes/connexion/"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_AGE = int(os.environ.get("RHIA_SESSION_SECONDS", str(8 * 3600)))
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
TIME_ZONE = os.environ.get("RHIA_TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("RHIA_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
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
    "root": {"handlers": ["console"], "level": os.environ.get("RHIA_LOG_LEVEL", "INFO")},
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
RHIA_VAULT_KEY = os.environ.get("RHIA_VAULT_KEY", "")
if PRODUCTION and not RHIA_VAULT_KEY:
    raise ImproperlyConfigured("Refusing to start in production: RHIA_VAULT_KEY must be set")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, str(default)).strip()
    try:
        value = int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer (got {raw!r})") from error
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum} (got {value})")
    return value


# Journal keys (HMAC of each entry, checkpoint signatures), newest first; see audit/keys.py.
RHIA_AUDIT_KEYS = env_list("RHIA_AUDIT_KEY")
if PRODUCTION and (not RHIA_AUDIT_KEYS or any(len(key) < 32 for key in RHIA_AUDIT_KEYS)):
    raise ImproperlyConfigured(
        "Refusing to start in production: RHIA_AUDIT_KEY must be set (random keys of at least 32 characters)"
    )
# Signed head checkpoints, appended outside the database (and to syslog when configured).
RHIA_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("RHIA_AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit" / "checkpoints.jsonl")
)
RHIA_AUDIT_CHECKPOINT_EVERY = env_int("RHIA_AUDIT_CHECKPOINT_EVERY", 100, minimum=1)
RHIA_AUDIT_CHECKPOINT_SECONDS = env_int("RHIA_AUDIT_CHECKPOINT_SECONDS", 60, minimum=1)
RHIA_AUDIT_SYSLOG = os.environ.get("RHIA_AUDIT_SYSLOG", "").strip()  # "/dev/log" or "host:port" (UDP)
RHIA_AUDIT_ASYNC_COMMIT = env_bool("RHIA_AUDIT_ASYNC_COMMIT", False)

# Model provider keys: only RHIA_PROVIDER_KEY_… variables can be named by a provider record
# (llm/validation.py). RHIA_LLM_API_KEY, the key of the provider seeded from RHIA_LLM_BASE_URL,
# is kept as RHIA_PROVIDER_KEY_LLM.
RHIA_PROVIDER_KEYS = {
    name: value for name, value in os.environ.items() if name.startswith("RHIA_PROVIDER_KEY_")
}
if os.environ.get("RHIA_LLM_API_KEY"):
    RHIA_PROVIDER_KEYS.setdefault("RHIA_PROVIDER_KEY_LLM", os.environ["RHIA_LLM_API_KEY"])
RHIA_LLM_BASE_URL = os.environ.get("RHIA_LLM_BASE_URL", "").strip()
RHIA_LLM_MODEL = os.environ.get("RHIA_LLM_MODEL", "")
RHIA_LLM_TRUST = os.environ.get("RHIA_LLM_TRUST", "sovereign_cloud")
RHIA_LLM_DATA_CLASSES = env_list("RHIA_LLM_DATA_CLASSES", "public,internal,personal")

RHIA_CONTENT_RETENTION_DAYS = int(os.environ.get("RHIA_CONTENT_RETENTION_DAYS", "180"))

# Sources whose last update is older than this many days carry a warning everywhere they are shown.
try:
    RHIA_SOURCE_MAX_AGE_DAYS = int(os.environ.get("RHIA_SOURCE_MAX_AGE_DAYS", "365"))
except ValueError as error:
    raise ImproperlyConfigured("RHIA_SOURCE_MAX_AGE_DAYS must be a whole number of days") from error
if RHIA_SOURCE_MAX_AGE_DAYS < 1:
    raise ImproperlyConfigured("RHIA_SOURCE_MAX_AGE_DAYS must be at least 1")
RHIA_MAX_INPUT_CHARS = env_int("RHIA_MAX_INPUT_CHARS", 20000, minimum=100)
RHIA_GATEWAY_REQUESTS_PER_MINUTE = env_int("RHIA_GATEWAY_REQUESTS_PER_MINUTE", 60, minimum=1)
RHIA_GATEWAY_TOKENS_PER_DAY = env_int("RHIA_GATEWAY_TOKENS_PER_DAY", 200000, minimum=1)


def _env_int(name: str, default: int, minimum: int) -> int:
    """An integer setting; a value that is not a number, or below ``minimum``, stops the start-up."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    return value


# Drafting (rhia.drafting): model drafts per question, token cap (0: each style's own), regeneration.
RHIA_DRAFTS_N = _env_int("RHIA_DRAFTS_N", 3, 1)
RHIA_DRAFT_MAX_TOKENS = _env_int("RHIA_DRAFT_MAX_TOKENS", 0, 0)
RHIA_DRAFT_RETRY = env_bool("RHIA_DRAFT_RETRY", True)
RHIA_HUMAN_CHANNEL = os.environ.get("RHIA_HUMAN_CHANNEL", "").strip()

# --- background jobs (Django Tasks) ---------------------------------------
# Drafts, imports, reindexing and purges run in `rhia worker` processes; the queue and every job's
# state live in the database, so web processes stay stateless and never load the model.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("RHIA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "generation"],
    }
}


# A running job whose worker has not renewed its lease for this long is considered lost:
# journaled, retried once, then marked failed.
RHIA_JOB_LEASE_SECONDS = _env_int("RHIA_JOB_LEASE_SECONDS", 30, 1)
RHIA_JOB_MAX_ATTEMPTS = _env_int("RHIA_JOB_MAX_ATTEMPTS", 2, 1)
