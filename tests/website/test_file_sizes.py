"""The code stays in pieces a reader can hold: no Python module outside migrations is longer
than 500 lines. A module that grows past it is split by concern, as the selectors were."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500
# Installed packages, collected files and data, not the project's own code.
SKIPPED_DIRECTORIES = {".git", ".venv", "node_modules", "static_collected", "media", "migrations"}


def project_python_files() -> list[Path]:
    found = []
    for directory, subdirectories, names in os.walk(ROOT):
        subdirectories[:] = [
            name
            for name in subdirectories
            if name not in SKIPPED_DIRECTORIES and not name.startswith(".")
        ]
        found += [Path(directory) / name for name in names if name.endswith(".py")]
    return found


def test_no_python_module_outside_migrations_is_longer_than_500_lines():
    files = project_python_files()
    assert ROOT / "courses" / "models" / "pages.py" in files  # the walk reaches the apps
    too_long = {
        str(path.relative_to(ROOT)): length
        for path in files
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}
