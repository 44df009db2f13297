"""The server under test: gunicorn with the benchmark settings, and plain requests to it."""

import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.common import DATA, ROOT

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
WORKERS = 2


class Server:
    """gunicorn with the production settings, as `make serve` runs it."""

    def __init__(self, env: dict):
        self.env = env
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "website.wsgi",
                f"--bind=127.0.0.1:{PORT}",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                "--timeout=300",
                f"--error-logfile={DATA / 'gunicorn.log'}",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if fetch("/bench/minimal/")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not start; see {DATA / 'gunicorn.log'}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def restart_workers(self) -> None:
        """New workers, so that a memory peak belongs to what they serve next."""
        before = set(self.workers())
        self.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = set(self.workers())
            if len(now) == WORKERS and not now & before:
                break
            time.sleep(0.2)
        for _ in range(4):
            fetch("/bench/minimal/")


def peak_memory_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    kilobytes = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
    return kilobytes / 1024


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(path: str, cookie: str = "") -> tuple[int, bytes]:
    opener = urllib.request.build_opener(_NoRedirect)
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(BASE + path, headers=headers)  # noqa: S310 - loopback only
    try:
        with opener.open(request, timeout=300) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def post(path: str, cookie: str, fields: list[tuple[str, str]]) -> int:
    """POST a form as a browser does; the status, without following a redirect."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(  # noqa: S310 - loopback only
        BASE + path,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with opener.open(request, timeout=300) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check_status(path: str, cookie: str, expected: int = 200) -> None:
    status, _body = fetch(path, cookie)
    if status != expected:
        raise RuntimeError(f"{path} answered {status}, not {expected}: the set-up is wrong")


def export_measure(server: Server, path: str, cookie: str) -> tuple[float, int, float]:
    server.restart_workers()
    started = time.monotonic()
    status, body = fetch(path, cookie)
    elapsed = time.monotonic() - started
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    return elapsed, len(body), max(peak_memory_mb(pid) for pid in server.workers())


def csv_rows(path: str, cookie: str) -> int:
    _status, body = fetch(path, cookie)
    return body.decode("utf-8-sig").count("\n") - 1
