import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# What a deployment sets, and nothing from the environment this test run has.
DEPLOYMENT = {
    "SECRET_KEY": "k7Gq2xV9pLmN4rTz8wYb3cHs6dJf1eUa5iOo0PgQvRlSnXtZyWuBe-_HkMjCd",
    "ALLOWED_HOSTS": "signaal.example.nl",
}
OPERATIONS_VARIABLES = (
    "DATABASE_URL",
    "DATABASE_REPLICA_URL",
    "REDIS_URL",
    "SENTRY_DSN",
    "PROMETHEUS_METRICS",
    "PROMETHEUS_MULTIPROC_DIR",
    "LOG_JSON",
    "LOG_REQUESTS",
    "MEDIA_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run_django(code: str, *, settings: str, **env: str) -> dict:
    """Run `code` in a fresh Python with Django set up from `settings` and `env`; the code
    prints one JSON object, which is returned."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in OPERATIONS_VARIABLES and not key.startswith("AWS_")
    }
    environment.update(DJANGO_SETTINGS_MODULE=settings, **env)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
