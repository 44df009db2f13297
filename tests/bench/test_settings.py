"""The benchmark settings: production over plain HTTP, with the minimal view and `seed_scale`."""

import json
import subprocess
import sys

import pytest

from tests.website.test_settings import DEPLOY_SECRET, PROJECT_ROOT, clean_environment

PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "from django.core.management import get_commands; "
    "print(json.dumps({'bench': 'bench' in s.INSTALLED_APPS, 'urlconf': s.ROOT_URLCONF, "
    "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'seed_scale': get_commands().get('seed_scale')}))"
)


def read_settings(module: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT_ROOT,
        env=clean_environment(
            DJANGO_SETTINGS_MODULE=module, SECRET_KEY=DEPLOY_SECRET, ALLOWED_HOSTS="127.0.0.1"
        ),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_benchmark_settings_bring_the_bench_app_and_its_addresses():
    values = read_settings("bench.settings")
    assert values == {
        "bench": True,
        "urlconf": "bench.urls",
        "ssl_redirect": False,
        "seed_scale": "bench",
    }


@pytest.mark.parametrize("module", ["website.settings.production", "website.settings.dev"])
def test_the_site_itself_does_not_install_the_benchmarks(module):
    values = read_settings(module)
    assert values["bench"] is False
    assert values["urlconf"] == "website.urls"
    assert values["seed_scale"] is None


def test_the_development_variant_builds_scale_data_into_a_local_database():
    assert read_settings("bench.dev_settings")["seed_scale"] == "bench"


def test_the_minimal_view_sits_beside_the_site_addresses(client, settings, home_page):
    settings.ROOT_URLCONF = "bench.urls"

    response = client.get("/bench/minimal/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert client.get("/").status_code == 200
