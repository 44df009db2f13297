"""Every request has an id, from the proxy or made here, and every log line carries it."""

import io
import json
import logging
import re

import pytest
from pythonjsonlogger.json import JsonFormatter

from tests.ops.conftest import DEPLOYMENT, run_django
from website.request_id import HEADER, RequestIdFilter, logging_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """The JSON formatter and filter of the production settings on the request logger and
    Django's, writing into a buffer; yields a function that returns the parsed lines."""
    config = logging_settings(json_lines=True, level="INFO", request_lines=True)
    options = {key: value for key, value in config["formatters"]["default"].items() if key != "()"}
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter(**options))
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger("website.requests"), logging.getLogger("django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_a_request_without_an_id_gets_a_new_one(client):
    first = client.get("/health/")[HEADER]
    second = client.get("/health/")[HEADER]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_proxy_s_id_is_kept(client):
    response = client.get("/health/", headers={HEADER: "haproxy-7f3a:42"})
    assert response[HEADER] == "haproxy-7f3a:42"


@pytest.mark.parametrize("forged", ["two words", "line\nbreak", "x" * 129, "<script>"])
def test_an_id_that_is_not_a_plain_token_is_replaced(client, forged):
    response = client.get("/health/", headers={HEADER: forged})
    assert re.fullmatch(r"[0-9a-f]{32}", response[HEADER])


def test_each_request_logs_one_json_line_with_its_id(client, json_lines):
    client.get("/health/", headers={HEADER: "req-1"})
    client.get("/bestaat-niet/", headers={HEADER: "req-2"})
    lines = json_lines()
    requests = [line for line in lines if line["logger"] == "website.requests"]
    assert [(line["request_id"], line["status"]) for line in requests] == [
        ("req-1", 200),
        ("req-2", 404),
    ]
    assert requests[0]["method"] == "GET"
    assert requests[0]["path"] == "/health/"
    assert requests[0]["level"] == "INFO"
    assert isinstance(requests[0]["duration_ms"], float)
    # What Django itself logs while serving the request carries the same id.
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert [line["request_id"] for line in not_found] == ["req-2"]
    assert not_found[0]["level"] == "WARNING"


def test_production_writes_json_lines_and_development_plain_text():
    probe = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'formatter': s.LOGGING['formatters']['default'], "
        "'requests': s.LOGGING['loggers']['website.requests']['level'], "
        "'first': s.MIDDLEWARE[0]}))"
    )
    production = run_django(probe, settings="website.settings.production", **DEPLOYMENT)
    assert production["formatter"]["()"] == "pythonjsonlogger.json.JsonFormatter"
    assert production["requests"] == "INFO"
    assert production["first"] == "website.request_id.RequestIdMiddleware"
    development = run_django(probe, settings="website.settings.dev")
    assert "()" not in development["formatter"]
    assert "%(request_id)s" in development["formatter"]["format"]
    assert development["requests"] == "WARNING"
