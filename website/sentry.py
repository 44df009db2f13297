"""Errors to Sentry, only when SENTRY_DSN is set.

Without a DSN the SDK is never initialised: no client, no patched Django, nothing sent.
Learners' data stays out of the reports: no cookies, headers with personal data or user
e-mail addresses (`send_default_pii` off); the request id links a report to the logs.
"""

from collections.abc import Mapping

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

from .request_id import NO_REQUEST, current_request_id


def _with_request_id(event, hint):
    request_id = current_request_id()
    if request_id != NO_REQUEST:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def sentry_init(environ: Mapping[str, str]) -> bool:
    """Start the Sentry SDK from the environment; False (and nothing started) without a DSN."""
    dsn = environ.get("SENTRY_DSN", "").strip()
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environ.get("SENTRY_ENVIRONMENT", "production"),
        release=environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
        before_send=_with_request_id,
    )
    return True
