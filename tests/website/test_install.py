"""`make install` on a clean machine: its database steps, in their order, on an empty database."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def install_manage_commands() -> list[list[str]]:
    """The `manage.py` commands of the Makefile's install recipe, with its default variables."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^install:.*?\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "the Makefile has no install recipe"
    defaults = dict(re.findall(r"^(\w+) \?= (\S+)$", makefile, re.M))
    commands = [
        re.sub(
            r"\$\((\w+)\)", lambda name: defaults.get(name.group(1), name.group(0)), line
        ).split()[1:]
        for line in recipe.group(1).splitlines()
        if line.strip().startswith("$(MANAGE)")
    ]
    assert commands, "the install recipe runs no manage.py command"
    return commands


def test_install_recipe_sets_up_an_empty_database_with_the_demo(tmp_path):
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # the embedded set-up: database cache, no Redis
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    commands = install_manage_commands()
    # The demo prints the address `make run` serves, from the same HOST and PORT.
    assert ["load_demo", "--base-url", "http://127.0.0.1:8000"] in commands
    printed = ""
    for command in commands:
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"manage.py {' '.join(command)} failed:\n{result.stderr}"
        printed += result.stdout
    assert "http://127.0.0.1:8000/account/login/" in printed
