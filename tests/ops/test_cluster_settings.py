"""The local cluster's settings: production's, over plain HTTP, with media served by the app
servers and e-mail written to files for `make cluster-check` to count."""

from tests.ops.conftest import DEPLOYMENT, run_django

PROBE = """
import json
from django.conf import settings
from django.urls import resolve
print(json.dumps({
    "media_view": resolve("/media/original_images/x.png").func.__name__,
    "health": resolve("/health/").url_name,
    "redirect": settings.SECURE_SSL_REDIRECT,
    "mail": settings.EMAIL_BACKEND,
    "mail_dir": settings.EMAIL_FILE_PATH,
    "middleware": settings.MIDDLEWARE[0],
}))
"""


def test_the_cluster_runs_production_over_http_and_serves_its_shared_media(tmp_path):
    result = run_django(
        PROBE, settings="website.settings.cluster", CLUSTER_MAIL_DIR=str(tmp_path), **DEPLOYMENT
    )
    assert result == {
        "media_view": "serve",
        "health": "health",
        "redirect": False,
        "mail": "django.core.mail.backends.filebased.EmailBackend",
        "mail_dir": str(tmp_path),
        "middleware": "website.request_id.RequestIdMiddleware",
    }


def test_production_does_not_serve_media_itself():
    probe = (
        "import json; from django.urls import Resolver404, resolve\n"
        "try:\n    found = resolve('/media/original_images/x.png').func.__name__\n"
        "except Resolver404:\n    found = None\n"
        "print(json.dumps({'found': found}))"
    )
    assert run_django(probe, settings="website.settings.production", **DEPLOYMENT) == {
        "found": None
    }
