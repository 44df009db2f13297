"""The restore drill: fill a database, back it up with `make backup`'s script, restore it
with `make restore`'s into a fresh database, and find everything there.

Backups are of PostgreSQL, so the drill always runs on the PostgreSQL server at
RESTORE_DRILL_POSTGRES (default the local one at 127.0.0.1:5432), in two databases of its
own that it makes and drops, whichever database the rest of the suite runs on.
"""

import json
import os
import subprocess
import sys

import pytest

from tests.ops.conftest import PROJECT_ROOT

SERVER = os.environ.get("RESTORE_DRILL_POSTGRES", "postgres://postgres@127.0.0.1:5432")
RUN_DRILL_DATA = (
    "import django; django.setup(); from tests.ops import drill_data; drill_data.main()"
)


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", f"{SERVER}/postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def drill_databases():
    """Two empty databases, dropped afterwards."""
    names = [f"signaal_drill_{os.getpid()}_{role}" for role in ("source", "restored")]
    for name in names:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{name}"')
    yield [f"{SERVER}/{name}" for name in names]
    for name in names:
        psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(**values) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DATABASE_REPLICA_URL", "MEDIA_ROOT", "REDIS_URL"}
        and not key.startswith("AWS_")
    }
    env.update(DJANGO_SETTINGS_MODULE="website.settings.test", PYTHON=sys.executable)
    env.update({key: str(value) for key, value in values.items()})
    return env


def run(command: list[str], **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=environment(**env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def drill_data(*arguments: str, **env) -> dict:
    result = run([sys.executable, "-c", RUN_DRILL_DATA, *arguments], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_file(drill_databases, tmp_path):
    source, restored = drill_databases
    media, restored_media = tmp_path / "media", tmp_path / "restored-media"
    before = drill_data("fill", DATABASE_URL=source, MEDIA_ROOT=media)
    assert before["tables"]["courses_certificate"] == 4
    assert before["tables"]["courses_enrolment"] >= 4
    assert before["tables"]["accounts_user"] >= 7
    assert before["images"] and before["media"]

    made = run(
        ["bash", "deploy/backup.sh"],
        DATABASE_URL=source,
        MEDIA_ROOT=media,
        BACKUP_DIR=tmp_path / "backups",
    )
    assert made.returncode == 0, made.stderr
    backup = made.stdout.strip().splitlines()[-1]
    assert sorted(os.listdir(backup)) == ["SHA256SUMS", "database.dump", "media.tar.gz"]

    back = run(
        ["bash", "deploy/restore.sh"],
        BACKUP=backup,
        DATABASE_URL=restored,
        MEDIA_ROOT=restored_media,
    )
    assert back.returncode == 0, back.stderr

    after = drill_data("census", DATABASE_URL=restored, MEDIA_ROOT=restored_media)
    assert after["tables"] == before["tables"]
    assert after["certificates"] == before["certificates"]
    assert after["media"] == before["media"]
    assert after["images_on_storage"] == before["images"]

    codes = [code for code, _name, _course in before["certificates"]]
    checked = drill_data(
        "verify", json.dumps(codes), DATABASE_URL=restored, MEDIA_ROOT=restored_media
    )
    assert checked["certificates"] == {
        code: {"status": "valid", "page": 200, "name_on_page": True} for code in codes
    }
    assert checked["new_key_is_fresh"] is True


def test_a_damaged_backup_is_refused_before_anything_is_restored(drill_databases, tmp_path):
    _source, restored = drill_databases
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"not what was written")
    (backup / "SHA256SUMS").write_text("0" * 64 + "  database.dump\n")
    result = run(
        ["bash", "deploy/restore.sh"],
        BACKUP=backup,
        DATABASE_URL=restored,
        MEDIA_ROOT=tmp_path / "media",
    )
    assert result.returncode != 0
    assert "FAILED" in result.stderr + result.stdout
    assert not (tmp_path / "media").exists()


@pytest.mark.parametrize(
    ("script", "env", "message"),
    [
        ("backup.sh", {"DATABASE_URL": "sqlite:///db.sqlite3"}, "needs PostgreSQL"),
        ("restore.sh", {"BACKUP": "/nonexistent", "DATABASE_URL": SERVER + "/x"}, "not a backup"),
        ("restore.sh", {"DATABASE_URL": SERVER + "/x"}, "Name the backup"),
    ],
)
def test_the_scripts_say_what_is_wrong(script, env, message):
    result = run(["bash", f"deploy/{script}"], **env)
    assert result.returncode == 2
    assert message in result.stderr
