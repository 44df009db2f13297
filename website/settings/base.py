"""Settings shared by every environment; configured from the environment with working defaults."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from website.media_storage import media_storage, uses_object_storage
from website.request_id import logging_settings
from website.sentry import sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website",
    "accounts",
    "library",
    "courses",
    "quizzes",
    "scenarios",
    "organisations",
    "live",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    # Translating pages and snippets in the admin, with what is untranslated or outdated.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "health_check",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    # Last: the demo content refers to every app above.
    "demo",
]

MIDDLEWARE = [
    # First: everything after it logs under the request's id.
    "website.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "website.middleware.SecurityHeadersMiddleware",
    "website.middleware.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "website.cache.ContentVersionMiddleware",
    "website.cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "organisations.context_processors.manager_links",
            ],
        },
    },
]

FORM_RENDERER = "website.forms.FormRenderer"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"

# Database: embedded SQLite unless DATABASE_URL names another server.
# SQLite is tuned for several writers at once: the WAL journal lets readers run beside a
# writer, the busy timeout makes a writer wait instead of failing, and IMMEDIATE
# transactions take the write lock at BEGIN, so two transactions that read and then write
# cannot deadlock on the lock upgrade (which SQLite reports at once as 'database is locked').
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA busy_timeout=20000;"
        "PRAGMA foreign_keys=ON;"
    ),
}


def database_from_env(default_sqlite_path: Path) -> dict:
    config = dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{default_sqlite_path}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    return config


DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
# Managers' reports read from a streaming replica when there is one (website/replica.py).
DATABASE_ROUTERS = ["website.replica.ReplicaRouter"]
DATABASE_REPLICA = None
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASE_REPLICA = "replica"
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
    # A replica that is down must not hold a report up for long: the primary serves then.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "website.cache.backends.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cache_table"}
}
# Deployments that share one Redis each keep their own keys.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "signaal")

# Pages for visitors without cookies are kept this many seconds (0: never), and dropped
# at once when content changes: see docs/caching.md.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# Accounts
AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, each reading the signed-in user with prepared SQL.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# A learner lands on 'Mijn leren'; the adapter sends managers and trainers to their own
# start page, unless the request names a page to go back to.
LOGIN_REDIRECT_URL = "organisations:my_learning"
ACCOUNT_ADAPTER = "organisations.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.login_form.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_UNIQUE_EMAIL = True
# allauth never says whether an address has an account when a reset is asked for.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
    # Live sessions (live/ratelimits.py): a classroom may share one address.
    "live_join": "300/5m/key",
    "live_join_failed": "60/10m/key",
    "live_vote": "30/m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Signaal] "

# E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Signaal <noreply@signaal.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Languages: Dutch at / without a prefix, English under /en/.
LANGUAGE_CODE = "nl"
LANGUAGES = [
    ("nl", _("Dutch")),
    ("en", _("English")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin is for trainers and editors in the Netherlands; its own panels and help texts
# are written in Dutch and English only, so it offers just those two.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES[:2]

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [
    # NL Design System components, installed from npm by the setup command.
    ("vendor/utrecht", BASE_DIR / "node_modules" / "@utrecht" / "component-library-css" / "dist"),
    # The scenario graph editor: Cytoscape.js with its layered layout and edge drawing.
    ("vendor/cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
    ("vendor/cytoscape-dagre", BASE_DIR / "node_modules" / "cytoscape-dagre" / "dist"),
    ("vendor/cytoscape-edgehandles", BASE_DIR / "node_modules" / "cytoscape-edgehandles"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploads go through the storage API: a directory the app servers share, or S3-compatible
# object storage when AWS_STORAGE_BUCKET_NAME is set (website/media_storage.py).
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The page editor posts every field of every scene and choice of a scenario at once: about
# 10 a scene and 12 a choice, some 8,500 for 200 scenes and 35,000 for the largest Twine
# import (500 passages, 2,500 links). Past the limit Django refuses the save outright.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 40_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Background work runs through the tasks framework on the database: no broker needed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Wagtail
WAGTAIL_SITE_NAME = "Signaal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database search; on PostgreSQL with each language's text search configuration
# ('signalen' finds 'signaal' in Dutch, 'signals' finds 'signal' in English), see
# website/search_backend.py.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "website.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "vtt", "txt"]
if uses_object_storage(STORAGES["default"]):
    # Media addresses in a bucket are plain, readable by anyone who has one; documents are
    # sent through Wagtail's view, which checks a private document's viewers first.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_USER_CUSTOM_FIELDS = ["first_name", "last_name"]

# Security defaults that hold everywhere; production.py adds the HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the cache and written through to the database: every logged-in
# request reads its session, and the cache answers that without a query.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = False

# Every line carries the request id (website/request_id.py); production.py switches to JSON
# lines and one line per request.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = logging_settings(
    json_lines=env_bool("LOG_JSON", False),
    level=LOG_LEVEL,
    request_lines=env_bool("LOG_REQUESTS", False),
)

# Metrics for Prometheus at /metrics, only when switched on: the scrape address must not be
# public, so a deployment that serves it says so (see docs/operations.md).
PROMETHEUS_METRICS = env_bool("PROMETHEUS_METRICS", False)
if PROMETHEUS_METRICS:
    INSTALLED_APPS.append("django_prometheus")
    MIDDLEWARE = [
        "django_prometheus.middleware.PrometheusBeforeMiddleware",
        *MIDDLEWARE,
        "django_prometheus.middleware.PrometheusAfterMiddleware",
    ]

# Errors to Sentry when SENTRY_DSN is set; otherwise the SDK is not started at all.
SENTRY_ENABLED = sentry_init(os.environ)

# No avatars from a third-party service in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
