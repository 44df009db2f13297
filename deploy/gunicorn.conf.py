"""gunicorn's configuration in the image and the cluster (`gunicorn -c deploy/gunicorn.conf.py`).

Sync workers, as `make serve` runs; WEB_CONCURRENCY workers on PORT. Django writes one JSON
line per request with its id (LOG_REQUESTS), so gunicorn's own access log stays off.
"""

import os
import shutil
from pathlib import Path

from prometheus_client import multiprocess

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"  # noqa: S104
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# A load balancer drains a server it stops sending to; give requests in flight that long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# The proxy in front sets X-Forwarded-For and -Proto; only it may.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def _metrics_directory() -> Path | None:
    # With several workers each keeps its own counters; prometheus_client adds them up from
    # files in this directory (django-prometheus reads it when the variable is set).
    value = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return Path(value) if value else None


def on_starting(server):
    directory = _metrics_directory()
    if directory is not None:
        # Counters of a previous run would be added to this one's.
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)


def child_exit(server, worker):
    if _metrics_directory() is not None:
        multiprocess.mark_process_dead(worker.pid)
