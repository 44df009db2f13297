"""Tests: fast hashing, e-mail kept in memory, background tasks run at once."""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

# The test database is a file, not SQLite's shared in-memory database, so that tests that
# write from several threads exercise the same locking as the real site.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One file per process, so that two test runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
# A second alias on the test database, as a streaming replica holds the same rows; reports
# read from it only in tests that set DATABASE_REPLICA (tests/ops/test_replica.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_REPLICA = None
# Serve static files straight from the app and npm folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
