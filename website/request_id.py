"""A request id on every log line of a request, and one line per request.

Behind a load balancer one visit crosses the proxy, an app server and the database; the
proxy's `X-Request-ID` ties their logs together. A request without one (or with one that
is not a plain token, which could forge log lines) gets a new id here. The id goes back in
the response header, so a visitor who reports an error can quote it.
"""

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished

HEADER = "X-Request-ID"
NO_REQUEST = "-"
_TOKEN = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_current = contextvars.ContextVar("request_id", default=NO_REQUEST)

request_logger = logging.getLogger("website.requests")


def current_request_id() -> str:
    """The id of the request being served here, or '-' outside a request."""
    return _current.get()


def request_id_from(incoming: str) -> str:
    return incoming if _TOKEN.fullmatch(incoming) else uuid.uuid4().hex


def _request_done(**kwargs) -> None:
    _current.set(NO_REQUEST)


class RequestIdMiddleware:
    """Sits first, so that every later middleware and the view log under the id.

    The id stays until the response is sent (request_finished): Django logs a 4xx or 5xx
    response after the middleware returned it, and a streamed export reads while it sends.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        request_finished.connect(_request_done, dispatch_uid="website.request_id")

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(HEADER, ""))
        request.request_id = request_id
        _current.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response.headers[HEADER] = request_id
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record, for the formatter to write out."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = _current.get()
        return True


def logging_settings(*, json_lines: bool, level: str, request_lines: bool) -> dict:
    """Django's LOGGING: JSON lines (one object per record) or plain text, both with the
    request id; `request_lines` logs one line per request (method, path, status, time)."""
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "website.request_id.RequestIdFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"website.requests": {"level": "INFO" if request_lines else "WARNING"}},
    }
