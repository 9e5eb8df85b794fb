"""Kith's one settings file. Everything that differs between a laptop demo, CI and an authority's
server comes from the environment; docs/configuration.md lists each variable."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from kith.lib.database import database_from
from kith.lib.env import env_bool, env_int, env_list, env_str
from kith.lib.proxies import env_networks

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("KITH_DEBUG", False)

# The secret key comes from KITH_SECRET_KEY, or from the file bin/setup writes on first run
# (var/secret-key, readable only by its owner). There is no built-in fallback: a key in the
# source code would be the same for everyone.
SECRET_KEY_FILE = Path(env_str("KITH_SECRET_KEY_FILE", str(BASE_DIR / "var" / "secret-key")))
SECRET_KEY = env_str("KITH_SECRET_KEY", "")
if not SECRET_KEY and SECRET_KEY_FILE.exists():
    SECRET_KEY = SECRET_KEY_FILE.read_text().strip()
if not SECRET_KEY:
    raise RuntimeError(
        "KITH_SECRET_KEY is not set. Set it to a long random string, or run bin/setup, "
        "which writes one to var/secret-key for this computer."
    )

ALLOWED_HOSTS = env_list("KITH_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("KITH_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "kith.accounts",
    "kith.audit",
    "kith.people",
    "kith.cases",
    "kith.recording",
    "kith.protection",
    "kith.care",
    "kith.permanence",
    "kith.leaving_care",
    "kith.timescales",
    "kith.children",
    "kith.returns",
    "kith.drafts",
    "kith.web",
    "kith.demo",
    "kith.jobs",
    "kith.backups",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.forms",
]

MIDDLEWARE = [
    "kith.web.proxy.TrustedProxyMiddleware",
    "kith.web.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kith.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kith.web.middleware.NoStoreMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kith.audit.middleware.ReadAuditMiddleware",
    "kith.accounts.middleware.IdleTimeoutMiddleware",
    "kith.accounts.middleware.TwoStepRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kith.accounts.policies.DeclaredPolicyMiddleware",
    "kith.people.middleware.ReasonNeededMiddleware",
    "kith.people.middleware.RestrictedRecordGuard",
]

ROOT_URLCONF = "kith.urls"
WSGI_APPLICATION = "kith.wsgi.application"

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
                "kith.web.context_processors.service",
            ],
        },
    },
]

# Form widgets render with the project's templates (the GOV.UK date input lives there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
# No DATABASE_URL: the embedded SQLite file. Any SQLite database, named here or in DATABASE_URL,
# runs in WAL mode with a busy timeout and IMMEDIATE transactions (kith/lib/database.py).
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
DATABASES = {
    "default": database_from(
        DATABASE_URL, env_str("KITH_SQLITE_PATH", str(BASE_DIR / "var" / "kith.sqlite3"))
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People who use Kith -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions end after this many minutes without a request (a laptop left open in an office).
KITH_IDLE_TIMEOUT_MINUTES = env_int("KITH_IDLE_TIMEOUT_MINUTES", 30, minimum=1)
# The stored session outlives the idle limit by an hour, so IdleTimeoutMiddleware still finds it
# and can tell the person why they were signed out (instead of a silent sign-in page).
SESSION_COOKIE_AGE = (KITH_IDLE_TIMEOUT_MINUTES + 60) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Two-step sign-in (a code from an authenticator app): open to all staff, required for
# administrators (who can change who may see what).
OTP_TOTP_ISSUER = "Kith"

# Repeated failed sign-ins: after this many for one sign-in name from one address, that address
# is refused the name for the lockout; from any address, each further attempt waits 1, 2, 4…
# seconds, at most the lockout (kith/accounts/throttle.py).
KITH_SIGN_IN_MAX_FAILURES = env_int("KITH_SIGN_IN_MAX_FAILURES", 5, minimum=1)
KITH_SIGN_IN_LOCKOUT_MINUTES = env_int("KITH_SIGN_IN_LOCKOUT_MINUTES", 15, minimum=1)

# --- The authority ----------------------------------------------------------------------------
KITH_AUTHORITY_NAME = env_str("KITH_AUTHORITY_NAME", "Westholm and Caerwen Council")
KITH_SERVICE_NAME = "Kith"
# How long a reason given to open a record outside one's own work lasts (break-glass).
KITH_BREAK_GLASS_HOURS = env_int("KITH_BREAK_GLASS_HOURS", 8, minimum=1)
# Whose bank holidays count when working days are counted: "ENG" (England) or "WLS" (Wales).
KITH_BANK_HOLIDAYS = env_str("KITH_BANK_HOLIDAYS", "ENG")
if KITH_BANK_HOLIDAYS not in {"ENG", "WLS"}:
    raise ImproperlyConfigured("KITH_BANK_HOLIDAYS must be ENG (England) or WLS (Wales).")
# The community CIN census validator's Python (its own virtual environment; bin/setup --test
# makes it). Where it is installed, data officers can check a census file with it.
KITH_CIN_VALIDATOR_PYTHON = env_str(
    "KITH_CIN_VALIDATOR_PYTHON", str(BASE_DIR / ".venv-cin-validator" / "bin" / "python")
)
# The community SSDA903 validator's Python (its own virtual environment; bin/setup --test makes
# it). Where it is installed, Kith's SSDA903 files can be checked with it.
KITH_903_VALIDATOR_PYTHON = env_str(
    "KITH_903_VALIDATOR_PYTHON", str(BASE_DIR / ".venv-903-validator" / "bin" / "python")
)
# The DfE children's social care data feed: sent only when its address is set (off by default).
KITH_CSC_FEED_URL = env_str("KITH_CSC_FEED_URL", "")
KITH_CSC_FEED_TOKEN = env_str("KITH_CSC_FEED_TOKEN", "")
KITH_CSC_FEED_KEY = env_str("KITH_CSC_FEED_KEY", "")
# Jobs that outlast a page (returns, the data feed, the nightly deadlines) go on a queue in the
# database, taken by the worker (manage.py run_worker; bin/start and bin/serve run one).
# KITH_JOBS_AT_ONCE runs each job as soon as it starts, in the process that started it: for
# the tests, never for an authority (a restart would lose the job).
KITH_JOBS_AT_ONCE = env_bool("KITH_JOBS_AT_ONCE", False)
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if KITH_JOBS_AT_ONCE
        else "django_tasks_db.DatabaseBackend"
    }
}
# The authority's three-digit DfE local authority number, in every statutory return's header
# (and the DfE data feed's address). 938 is the demo authority's.
KITH_LA_CODE = env_str("KITH_LA_CODE", "938")
if not (len(KITH_LA_CODE) == 3 and KITH_LA_CODE.isdigit()):
    raise ImproperlyConfigured("KITH_LA_CODE must be the three-digit DfE local authority number.")
# The same authority's ONS code (an upper-tier authority, UTLA21CD, like E09000027): the
# community SSDA903 validator compares it with where each placement is. E10000032 is West
# Sussex's, whose DfE number (938) the demo authority borrows.
KITH_LA_ONS_CODE = env_str("KITH_LA_ONS_CODE", "E10000032")
if not (
    len(KITH_LA_ONS_CODE) == 9 and KITH_LA_ONS_CODE[0] in "EW" and KITH_LA_ONS_CODE[1:].isdigit()
):
    raise ImproperlyConfigured(
        "KITH_LA_ONS_CODE must be the authority's nine-character ONS code, like E09000027."
    )

# --- Security -------------------------------------------------------------------------------
# The proxies in front of Kith (addresses or networks, comma-separated). Only requests from them
# may say whom they forward for (X-Forwarded-For) or that the browser used https
# (X-Forwarded-Proto); TrustedProxyMiddleware drops both headers from anyone else.
KITH_TRUSTED_PROXIES = env_networks("KITH_TRUSTED_PROXIES")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "kith.web.views.csrf_failure"
# Pages load only Kith's own files: no inline scripts or styles, no third-party hosts.
KITH_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("KITH_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("KITH_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = env_int("KITH_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Asks browsers' makers to build the https-only rule in (hstspreload.org): for a domain
    # that will never again serve plain http, subdomains included.
    SECURE_HSTS_PRELOAD = env_bool("KITH_HSTS_PRELOAD", False)
    # Believed only from KITH_TRUSTED_PROXIES (kith/web/proxy.py removes it from other requests).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Pages and files ------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, g:i a"

# Uploaded documents (reports to conferences). Never served as static files: they are opened
# only through pages that check who may see them and audit the look.
MEDIA_ROOT = Path(env_str("KITH_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Largest document accepted, in megabytes.
KITH_MAX_UPLOAD_MB = env_int("KITH_MAX_UPLOAD_MB", 10, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "KITH_STATICFILES_STORAGE",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# One JSON object a line (kith/web/logs.py); every request is logged at INFO by kith.requests.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "kith.web.logs.JsonLines"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("KITH_LOG_LEVEL", "WARNING")},
    "loggers": {
        "kith.requests": {"level": env_str("KITH_REQUEST_LOG_LEVEL", "INFO")},
        # Django's own line per request repeats ours, with the query string: left out.
        "django.server": {"level": "WARNING"},
    },
}

# Tests and `bin/start --dev` serve static files straight from static/ (no collectstatic step).
WHITENOISE_USE_FINDERS = env_bool("KITH_STATIC_FROM_SOURCE", DEBUG)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
