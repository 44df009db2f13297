"""The local cluster (`make cluster`): production settings over plain HTTP on the loopback,
media served by the app servers from the shared directory, e-mail written to files so that
`make cluster-check` can count what was sent."""

from .production import *

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ROOT_URLCONF = "website.cluster_urls"
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("CLUSTER_MAIL_DIR", str(BASE_DIR / "cluster-mail"))
