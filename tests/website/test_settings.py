"""Settings come from the environment and work with nothing set."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST'), "
    "'port': db.get('PORT'), 'options': {k: str(v) for k, v in db.get('OPTIONS', {}).items()}, "
    "'secret': s.SECRET_KEY, 'hosts': s.ALLOWED_HOSTS, 'debug': s.DEBUG, "
    "'email_host': s.EMAIL_HOST, 'email_backend': s.EMAIL_BACKEND}))"
)
CONFIG_VARIABLES = [
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_HOST",
    "EMAIL_BACKEND",
    "DEBUG",
    "REDIS_URL",
    # Set by the browser tests for their own process; a deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]
DEPLOY_SECRET = "k7Gq2xV9pLmN4rTz8wYb3cHs6dJf1eUa5iOo0PgQvRlSnXtZyWuBe-_HkMjCd"


def clean_environment(**overrides: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in CONFIG_VARIABLES}
    env.update(overrides)
    return env


def read_settings(module: str, **overrides: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT_ROOT,
        env=clean_environment(DJANGO_SETTINGS_MODULE=module, **overrides),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_development_settings_work_with_nothing_set():
    values = read_settings("website.settings.dev")
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["debug"] is True
    assert values["secret"]
    assert values["email_backend"] == "django.core.mail.backends.console.EmailBackend"


def test_sqlite_is_configured_for_several_writers():
    options = read_settings("website.settings.dev")["options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "busy_timeout" in options["init_command"]


def test_database_secret_hosts_and_mail_come_from_the_environment():
    values = read_settings(
        "website.settings.production",
        DATABASE_URL="postgres://signaal:geheim@db.internal:5433/signaal",
        SECRET_KEY=DEPLOY_SECRET,
        ALLOWED_HOSTS="signaal.example.nl, www.signaal.example.nl",
        EMAIL_HOST="smtp.example.nl",
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["host"] == "db.internal"
    assert values["port"] == 5433
    assert values["name"] == "signaal"
    assert values["secret"] == DEPLOY_SECRET
    assert values["hosts"] == ["signaal.example.nl", "www.signaal.example.nl"]
    assert values["email_host"] == "smtp.example.nl"
    assert values["debug"] is False


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_configuration(missing):
    env = {"SECRET_KEY": DEPLOY_SECRET, "ALLOWED_HOSTS": "signaal.example.nl"}
    del env[missing]
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT_ROOT,
        env=clean_environment(DJANGO_SETTINGS_MODULE="website.settings.production", **env),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=clean_environment(
            DJANGO_SETTINGS_MODULE="website.settings.production",
            SECRET_KEY=DEPLOY_SECRET,
            ALLOWED_HOSTS="signaal.example.nl",
        ),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
