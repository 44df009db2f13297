"""The image is built with the install steps the Makefile uses, and runs as no root.

Building the image needs a container engine and the registries, so it is not done here;
these tests keep its definition in step with the Makefile and check gunicorn's hooks.
"""

import re
import runpy

from tests.ops.conftest import PROJECT_ROOT

CONTAINERFILE = (PROJECT_ROOT / "deploy" / "Containerfile").read_text()
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text()


def instructions(name: str) -> list[str]:
    joined = CONTAINERFILE.replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_the_image_installs_as_the_makefile_does():
    runs = " ".join(instructions("RUN"))
    npm = re.search(r"npm ci[^\n]*", MAKEFILE).group(0)
    assert npm in runs
    assert re.search(r"pip install '?\.(\[[a-z0-9,]+\])?'?", runs)
    assert "manage.py collectstatic --no-input" in runs
    assert "DJANGO_SETTINGS_MODULE=website.settings.production" in CONTAINERFILE


def test_the_image_serves_with_gunicorn_as_an_unprivileged_user():
    (user,) = instructions("USER")
    assert user.strip() not in {"root", "0"}
    assert "useradd --system" in " ".join(instructions("RUN"))
    (command,) = instructions("CMD")
    assert '"gunicorn", "website.wsgi", "--config", "deploy/gunicorn.conf.py"' in command
    assert instructions("HEALTHCHECK")


def test_gunicorn_starts_with_an_empty_metrics_directory(tmp_path, monkeypatch):
    directory = tmp_path / "metrics"
    directory.mkdir()
    (directory / "counter_4242.db").write_bytes(b"old counts")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(directory))
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    config = runpy.run_path(str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["workers"] == 3
    assert config["accesslog"] is None
    config["on_starting"](None)
    assert directory.is_dir()
    assert list(directory.iterdir()) == []
