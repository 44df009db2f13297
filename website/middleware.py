from django.db import DataError
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import bad_request

from .quick_exit import SCRIPT_HASH as QUICK_EXIT_SCRIPT_HASH


def content_security_policy(*, script_src: str, frame_ancestors: str = "'none'") -> str:
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
            f"frame-ancestors {frame_ancestors}",
        ]
    )


# Everything the public site loads comes from this site itself: no third-party requests
# and no inline scripts but the quick exit's guard, allowed by its hash, so an injected
# <script> cannot run.
PUBLIC_POLICY = content_security_policy(script_src=f"'self' {QUICK_EXIT_SCRIPT_HASH}")
# Wagtail's editor still renders a few inline scripts (inline panels, date pickers) whose
# content varies per form, so neither hashes nor nonces can cover them. The exception is
# limited to the admin, which only signed-in staff reach.
ADMIN_POLICY = content_security_policy(script_src="'self' 'unsafe-inline'")
# Wagtail renders a preview as a dummy request to the public page, and its editor frames
# the result beside the form: this site may frame a preview, no other site may.
PREVIEW_POLICY = content_security_policy(
    script_src=f"'self' {QUICK_EXIT_SCRIPT_HASH}", frame_ancestors="'self'"
)
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
        if getattr(request, "is_dummy", False):
            policy = PREVIEW_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


# The names search boxes send their terms under: `q` in the admin and on our own pages, and
# `search` and `term` in the admin's API and tag autocompletion.
SEARCH_PARAMETERS = ("q", "search", "term")
# Enough for any real search, and well below the roughly 280 characters (140 one-letter
# words) at which the admin's search breaks on PostgreSQL.
MAX_SEARCH_LENGTH = 200
# More than web servers accept in a request line (4 to 8 KB), so only a request made by hand
# reaches it; the admin's bulk actions with hundreds of selected items stay below it.
MAX_QUERY_STRING_LENGTH = 16_384


class BadInputMiddleware:
    """Answer input the database cannot take with 400 Bad Request instead of a crash.

    - NUL bytes in the address: PostgreSQL refuses them in any text it is sent, and a lookup
      by slug or code would pass them on. Form fields already refuse them.
    - Numbers too large for the database (`?course=99999999999999999999`): Django's form
      fields pass them straight to the query, and SQLite raises OverflowError, PostgreSQL
      a DataError. Either happens before anything is written.
    - Over-long search terms and addresses: every search box, ours and the admin's, sends
      its terms in the address. Wagtail's admin forms set no maximum, and its search fails
      on long terms in a different way on each database (SQLite refuses LIKE patterns over
      50,000 bytes; its query parser runs out of stack at some 450 words on SQLite and 140
      on PostgreSQL).
      One check here covers every search box on every database, before any view runs; our
      own search fields set the same or a lower max_length, so they answer with a form error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query_string:
            return bad_request(request, ValueError("NUL byte in the address"))
        if len(query_string) > MAX_QUERY_STRING_LENGTH or any(
            len(term) > MAX_SEARCH_LENGTH
            for name in SEARCH_PARAMETERS
            for term in request.GET.getlist(name)
        ):
            return bad_request(request, ValueError("Search terms or address too long"))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError | DataError):
            return bad_request(request, exception)
        return None
