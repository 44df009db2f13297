"""Everything the site keeps to answer faster, and what drops it (see docs/caching.md).

- `remember(key, build)`: a value every visitor shares, kept in the worker's memory under
  the content version (`content_version()`), which moves on every change to content
  (`content_changed()`).
- `KeptPageMixin` and `site_for_request`: Wagtail's site, page addresses and view
  restrictions, kept the same way.
- `ContentVersionMiddleware` and `PageCacheMiddleware`: one version per request, and whole
  pages for visitors without cookies.
- `shared_remember` and `versions_move`: a value in the shared cache under a version of its
  own, for data that is not content (an organisation's status grid).
- `forget_all()`: drop what this worker keeps (tests start each case afresh).
"""

from .content import content_changed, content_version, forget_kept, remember
from .kept_pages import KeptPageMixin
from .middleware import ContentVersionMiddleware, PageCacheMiddleware, forget_pages
from .versions import shared_remember, versions_move
from .wagtail_internals import site_for_request

__all__ = [
    "ContentVersionMiddleware",
    "KeptPageMixin",
    "PageCacheMiddleware",
    "content_changed",
    "content_version",
    "forget_all",
    "remember",
    "shared_remember",
    "site_for_request",
    "versions_move",
]


def forget_all() -> None:
    """Drop what this worker keeps in memory: shared values, the version it read, pages."""
    forget_kept()
    forget_pages()
