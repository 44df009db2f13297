"""`make install` on a clean machine: its database steps, in their order, on an empty database."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def install_manage_commands() -> list[list[str]]:
    """The `manage.py` commands of the Makefile's install recipe, as written there."""
    recipe = re.search(r"^install:.*?\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert recipe, "the Makefile has no install recipe"
    commands = [
        line.strip().split()[1:]
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
    assert ["load_demo"] in commands
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
