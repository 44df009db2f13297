"""The cache's two middlewares: one content version per request, and whole pages kept for
visitors who send no cookies (lessons, modules and site pages).

`ContentVersionMiddleware` holds one content version for the whole of a request and finds
Wagtail's site and page from what the worker keeps. It sits before the page cache, which
uses the same version.

A visitor without a session sees exactly what every other such visitor sees, so a Wagtail
page rendered for one can be served to the next without running Wagtail again. What keeps
this safe:

- Only GET requests without a query string, carrying no cookie but the CSRF one, are
  answered from the cache; anyone with a session (a learner, an editor, a visitor with
  progress in their browser) always gets a freshly rendered page.
- Only pages Wagtail served with status 200 as HTML are kept, and only when they set no
  cookie and are not marked private or no-store.
- The key holds the host, the language and the path, so sites and languages are never mixed
  up.
- Forms on a kept page carry a placeholder instead of a CSRF token; each visitor gets their
  own token when the page is served.
- Kept pages live in the shared cache and, for the most visited, in each worker's memory.
- Every change to content (pages, snippets, settings, images, redirects) moves the content
  version (`content`), which is part of every key, so publishing drops all kept
  pages at once. A kept page also expires by itself after `PAGE_CACHE_SECONDS`.
"""

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

from .content import content_version, one_version
from .wagtail_internals import is_wagtail_serve, route_from_memory

CSRF_PLACEHOLDER = "__signaal_csrf_token__"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _key(request, version) -> str:
    return f"page-cache:{version}:{request.get_host()}:{request.LANGUAGE_CODE}:{request.path}"


def _request_cacheable(request) -> bool:
    if request.method != "GET" or request.META.get("QUERY_STRING"):
        return False
    if request.headers.get("HX-Request"):
        return False
    return set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}


# The most visited pages are also kept in each worker's memory, which saves the round trip
# to the shared cache; the key holds the content version, so a change drops them too.
MEMORY_PAGES = 200
_memory: dict = {}


def _in_memory(key: str) -> dict | None:
    found = _memory.get(key)
    if found is None:
        return None
    expires_at, kept = found
    if time.monotonic() >= expires_at:
        _memory.pop(key, None)
        return None
    return kept


def _to_memory(key: str, kept: dict, seconds: int) -> None:
    if len(_memory) >= MEMORY_PAGES:
        _memory.clear()
    _memory[key] = (time.monotonic() + seconds, kept)


def forget_pages() -> None:
    """Drop the pages this worker keeps in memory (the tests start each case afresh)."""
    _memory.clear()


def _served_by_wagtail(request) -> bool:
    """Whether the address is one Wagtail serves: only those are kept, so other addresses
    need not ask the cache at all."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.view_name == "wagtail_serve"


def _response_cacheable(request, response) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name != "wagtail_serve":
        return False
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False  # the visitor now has state of their own
    cache_control = response.get("Cache-Control", "")
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class ContentVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_version():
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_wagtail_serve(view_func) and view_args:
            route_from_memory(request, view_args[0])


class PageCacheMiddleware:
    """Serve and keep pages for cookie-less visitors. Sits after the CSRF middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = _seconds()
        if not seconds or not _request_cacheable(request) or not _served_by_wagtail(request):
            return self.get_response(request)
        key = _key(request, content_version())
        kept = _in_memory(key)
        if kept is None:
            kept = cache.get(key)
            if kept is not None:
                _to_memory(key, kept, seconds)
        if kept is not None:
            return self._from_kept(request, kept)
        response = self.get_response(request)
        if _response_cacheable(request, response):
            kept = self._kept(response)
            cache.set(key, kept, timeout=seconds)
            _to_memory(key, kept, seconds)
        return response

    @staticmethod
    def _kept(response) -> dict:
        content = response.content.decode(response.charset)
        token = CSRF_FIELD.search(content)
        if token:
            content = content.replace(token.group(1), CSRF_PLACEHOLDER)
        return {
            "content": content,
            "headers": dict(response.items()),
            "has_form": token is not None,
        }

    @staticmethod
    def _from_kept(request, kept: dict) -> HttpResponse:
        content = kept["content"]
        if kept["has_form"]:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request))
        response = HttpResponse(content)
        for name, value in kept["headers"].items():
            response[name] = value
        # A shared HTTP cache must not hand this page to a visitor who has a session.
        patch_vary_headers(response, ("Cookie",))
        return response
