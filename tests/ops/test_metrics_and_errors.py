"""Prometheus metrics only when switched on; Sentry only with a DSN, and nothing sent
without one."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.ops.conftest import run_django

# sentry-sdk compresses with Brotli where that is installed, with gzip otherwise.
DECOMPRESS = {"gzip": gzip.decompress}
try:
    import brotli
except ImportError:
    pass
else:
    DECOMPRESS["br"] = brotli.decompress

METRICS_PROBE = """
import json
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve
try:
    url_name = resolve("/metrics").url_name
except Resolver404:
    url_name = None
result = {"url_name": url_name, "app": "django_prometheus" in settings.INSTALLED_APPS}
if url_name == "prometheus-django-metrics":
    Client().get("/metrics")
    response = Client().get("/metrics")
    result["status"] = response.status_code
    result["body"] = response.content.decode()
print(json.dumps(result))
"""


def test_metrics_are_served_when_switched_on():
    result = run_django(METRICS_PROBE, settings="website.settings.test", PROMETHEUS_METRICS="1")
    assert result["app"] is True
    assert result["status"] == 200
    # The first scrape went through the middleware and is counted in the second.
    assert 'django_http_responses_total_by_status_total{status="200"}' in result["body"]


def test_no_metrics_without_the_switch():
    result = run_django(METRICS_PROBE, settings="website.settings.test")
    assert result["app"] is False
    assert result["url_name"] is None


SENTRY_PROBE = """
import json
import sentry_sdk
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from website.request_id import RequestIdMiddleware

def view(request):
    sentry_sdk.capture_message("test report")
    return HttpResponse("ok")

RequestIdMiddleware(view)(RequestFactory().get("/", headers={"X-Request-ID": "req-sentry"}))
sentry_sdk.flush(timeout=5)
active = sentry_sdk.get_client().is_active()
print(json.dumps({"enabled": settings.SENTRY_ENABLED, "active": active}))
"""


@pytest.fixture
def sentry_server():
    """A stand-in for Sentry on the loopback that keeps what it is sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            encoding = self.headers.get("Content-Encoding")
            if encoding:
                body = DECOMPRESS[encoding](body)
            received.append((self.path, body.decode("utf-8", "replace")))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()


def test_errors_go_to_sentry_with_the_request_id_when_a_dsn_is_set(sentry_server):
    port, received = sentry_server
    dsn = f"http://publickey@127.0.0.1:{port}/42"
    result = run_django(SENTRY_PROBE, settings="website.settings.test", SENTRY_DSN=dsn)
    assert result == {"enabled": True, "active": True}
    events = [body for path, body in received if path == "/api/42/envelope/"]
    assert len(events) == 1
    items = [json.loads(line) for line in events[0].splitlines() if line.startswith("{")]
    (event,) = [item for item in items if "message" in item]
    assert event["message"] == "test report"
    assert event["tags"]["request_id"] == "req-sentry"


def test_without_a_dsn_sentry_is_not_started_and_nothing_is_sent(sentry_server):
    _port, received = sentry_server
    result = run_django(SENTRY_PROBE, settings="website.settings.test")
    assert result == {"enabled": False, "active": False}
    assert received == []
