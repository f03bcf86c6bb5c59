"""ThesisDesk settings: one module, every value read from the environment.

Environment variables (or a `.env` file at the project root) configure everything; see the
README's "Configuration" section. A bad value stops start-up with a message naming it.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import dj_database_url
import dj_email_url
from dotenv import load_dotenv

from thesisdesk.environment import (
    ConfigurationError,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
    env_url,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
TESTING = "pytest" in sys.modules or env_bool("THESISDESK_TESTING")

if not TESTING:
    load_dotenv(BASE_DIR / ".env", override=False)

VAR_DIR = Path(env_str("THESISDESK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)


def _secret_key() -> str:
    key = env_secret("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ConfigurationError("SECRET_KEY must be set when DEBUG is off (or SECRET_KEY_FILE).")
    # Development: a random key kept under var/ so sessions survive restarts.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if TESTING:
    ALLOWED_HOSTS.append("testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the API docs' JavaScript itself (no CDN)
    "django_tasks",
    "django_tasks_db",
    "thesisdesk.core",
    "thesisdesk.people",
    "thesisdesk.campaigns",
    "thesisdesk.milestones",
    "thesisdesk.subjects",
    "thesisdesk.theses",
    "thesisdesk.allocation",
    "thesisdesk.deposits",
    "thesisdesk.notifications",
    "thesisdesk.documents",
    "thesisdesk.calendars",
    "thesisdesk.moodle",
    "axes",
    "lti_tool",
    "thesisdesk.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thesisdesk.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thesisdesk.urls"
WSGI_APPLICATION = "thesisdesk.wsgi.application"
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
# Sign-in: throttling first (django-axes), then Moodle's password check, then local
# accounts (administrators, the demo). See docs/signin.md.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "thesisdesk.accounts.backends.MoodleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_float("SIGNIN_LOCKOUT_MINUTES", 15.0, minimum=0.1) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "thesisdesk.accounts.views.lockout"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "thesisdesk.accounts.throttling.client_address"
AXES_USERNAME_CALLABLE = "thesisdesk.accounts.throttling.client_username"
SIGNIN_HELP_CONTACT = env_str("SIGNIN_HELP_CONTACT")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thesisdesk.core.context_processors.site",
                "thesisdesk.core.views.navigation",
            ],
        },
    },
]

# Database: SQLite under var/ by default, PostgreSQL (or any dj-database-url URL) by DATABASE_URL.
_database_url = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'thesisdesk.sqlite3'}"
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
except (ValueError, KeyError) as error:
    raise ConfigurationError(f"DATABASE_URL cannot be understood: {error}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["CONN_MAX_AGE"] = 0
    # IMMEDIATE transactions let the web process and the worker write without deadlocks.
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    if not TESTING:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
elif TESTING:
    # Several test runs may share one server (developers, CI): one test database per process.
    _database["TEST"] = {"NAME": f"test_thesisdesk_{os.getpid()}"}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if TESTING:
    # Tests create many accounts; a fast hash keeps the suite quick (never used outside tests).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Language and time: French by default, English available; deadlines are Brussels time.
# Tests read the English msgids (they assert what the code says); tests/web/test_french.py
# checks that pages, messages and import errors are French by default.
LANGUAGE_CODE = "en" if TESTING else "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Production hardening: on whenever DEBUG is off.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# E-mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True); without it, mail is kept in the
# app's outbox page.
EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    try:
        _email = dj_email_url.parse(EMAIL_URL)
    except (ValueError, KeyError) as error:
        raise ConfigurationError(f"EMAIL_URL cannot be understood: {error}") from None
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or 30
else:
    EMAIL_BACKEND = "thesisdesk.notifications.mail.OutboxEmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ThesisDesk <thesisdesk@localhost>")
# Guideline files coordinators upload (documents app): largest accepted size in bytes.
GUIDELINE_MAX_BYTES = env_int("GUIDELINE_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# Deadline reminders: days before a deposit deadline (e.g. "7,1").
try:
    NOTIFICATIONS_REMINDER_DAYS = tuple(
        int(days) for days in env_list("NOTIFICATIONS_REMINDER_DAYS", ["7", "1"])
    )
except ValueError:
    raise ConfigurationError(
        "NOTIFICATIONS_REMINDER_DAYS: whole numbers of days, e.g. 7,1"
    ) from None

# Cache: shared between processes (LTI launches keep their state there). The database
# cache needs nothing more; Redis suits several machines; memory only one process.
CACHE_BACKEND = env_choice("CACHE_BACKEND", ("database", "redis", "memory"), "database")
if TESTING:
    CACHE_BACKEND = "memory"
CACHES = {
    "default": {
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "thesisdesk_cache",
        },
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL", "redis://127.0.0.1:6379/0"),
        },
        "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }[CACHE_BACKEND]
}

# Background jobs through the Django tasks API: a database queue by default, Redis (RQ)
# for workers on several machines.
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
TASKS_BACKEND = env_choice("TASKS_BACKEND", ("database", "rq", "immediate"), "database")
_task_backends = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": _task_backends[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]  # django_tasks_rq needs django_rq
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}

# Moodle: without MOODLE_URL, `thesisdesk run` starts the simulator beside ThesisDesk.
MOODLE_URL = env_url("MOODLE_URL")
MOODLE_TOKEN = env_secret("MOODLE_TOKEN")
MOODLE_LOGIN_SERVICE = env_str("MOODLE_LOGIN_SERVICE", "thesisdesk_login")
MOODLE_TIMEOUT = env_float("MOODLE_TIMEOUT", 30.0, minimum=1.0)
MOODLE_MAX_INPUT_VARS = env_int("MOODLE_MAX_INPUT_VARS", 1000, minimum=100)
MOODLE_RETRIES = env_int("MOODLE_RETRIES", 4, minimum=0)
MOODLE_SIMULATED = env_bool("MOODLE_SIMULATED", False)
MOODLE_WEBHOOK_SECRET = env_secret("MOODLE_WEBHOOK_SECRET")
MOODLE_SIMULATOR_PORT = env_int("MOODLE_SIMULATOR_PORT", 8045, minimum=0)
# Periodic jobs of the worker, in seconds (0 turns one off).
MOODLE_SYNC_STALE_AFTER = env_int("MOODLE_SYNC_STALE_AFTER", 300, minimum=10)
MOODLE_DRIFT_INTERVAL = env_float("MOODLE_DRIFT_INTERVAL", 3600.0, minimum=0.0)
DEPOSITS_POLL_INTERVAL = env_float("DEPOSITS_POLL_INTERVAL", 300.0, minimum=0.0)
NOTIFICATIONS_REMINDER_INTERVAL = env_float("NOTIFICATIONS_REMINDER_INTERVAL", 3600.0, minimum=0.0)

LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"), "INFO")
_CHATTY_LEVEL = "DEBUG" if LOG_LEVEL == "DEBUG" else "WARNING"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per job and per HTTP request drowns the console at INFO; DEBUG shows them.
        "django_tasks": {"level": _CHATTY_LEVEL},
        "httpx": {"level": _CHATTY_LEVEL},
    },
}
