from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import bad_request


def content_security_policy(*, script_src: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "media-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


# Everything the public site loads comes from this site itself: no third-party requests
# and no inline scripts, so an injected <script> cannot run.
PUBLIC_POLICY = content_security_policy(script_src="'self'")
# Wagtail's editor still renders a few inline scripts (inline panels, date pickers) whose
# content varies per form, so neither hashes nor nonces can cover them. The exception is
# limited to the admin, which only signed-in staff reach.
ADMIN_POLICY = content_security_policy(script_src="'self' 'unsafe-inline'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Add the headers Django does not set itself, and keep logged-in pages out of caches."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        policy = ADMIN_POLICY if request.path.startswith(self.admin_prefix) else PUBLIC_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class OutOfRangeInputMiddleware:
    """Answer a number too large for the database with 400 Bad Request instead of a crash.

    SQLite cannot bind integers beyond 64 bits, and Django's form fields pass such a value
    straight to the query (`?team=99999999999999999999`). The error surfaces as an
    OverflowError before anything is written, wherever a form looks up an object by id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            return bad_request(request, exception)
        return None
