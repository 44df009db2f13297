"""The benchmark database: its environment, and a fresh build with the demo and scale data."""

import os
import re
import socket
import subprocess
import time
from pathlib import Path

from bench.common import DATA, PYTHON, ROOT, log


def environment(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY="bench-only-not-secret",  # noqa: S106 - a throwaway local server
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        DEBUG="false",
    )
    if redis_available():
        env.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")
    return env


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def database_reset(database_url: str) -> None:
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    maintenance = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def database_build(env: dict, args) -> None:
    sizes = f"{args.organisations}/{args.learners}/{args.modules}"
    stamp = DATA / f"built-{re.sub(r'[^a-z0-9]+', '-', env['DATABASE_URL'])}.txt"
    if args.reuse and stamp.exists() and stamp.read_text() == sizes:
        log(f"Reusing the database built for {sizes}.")
        return
    started = time.monotonic()
    database_reset(env["DATABASE_URL"])
    manage(env, "createcachetable")
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo")
    manage(
        env,
        "seed_scale",
        f"--organisations={args.organisations}",
        f"--learners={args.learners}",
        f"--modules={args.modules}",
    )
    stamp.write_text(sizes)
    log(f"Database built in {time.monotonic() - started:.0f} s.")
