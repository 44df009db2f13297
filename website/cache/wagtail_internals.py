"""The one place that reads and sets Wagtail's private per-request caches.

Wagtail keeps what it works out for a request on the request itself: the site
(`Site.find_for_request`), the page route (`Page.route_for_request`) and the root paths of
every site (`Page._get_site_root_paths`). Handing it those answers from the worker's memory
spares it the queries, but the attribute names are not Wagtail's public API.
`wagtail_reads()` lists each name with the Wagtail function that reads it; a test checks
that each function still does, so an upgrade that renames one fails plainly.

`wagtail.views` is imported where it is used: it loads Wagtail's models, and this module is
imported while the models are being loaded.
"""

from django.utils import translation
from wagtail.models import Page, Site

from .content import remember

SITE = "_wagtail_site"
ROUTE = "_wagtail_route_for_request"
SITE_ROOT_PATHS = "_wagtail_cached_site_root_paths"
# Django's host without the ALLOWED_HOSTS check, which is what Wagtail finds the site by.
RAW_HOST = "_get_raw_host"


def wagtail_reads() -> list:
    """Each name this module relies on, with the Wagtail function that reads it."""
    from wagtail import views as wagtail_views

    return [
        (SITE, Site.find_for_request),
        (RAW_HOST, Site._find_for_request),
        (ROUTE, Page.route_for_request),
        ("route_for_request", wagtail_views.serve),
        (SITE_ROOT_PATHS, Page._get_site_root_paths),
    ]


def site_for_request(request):
    """Wagtail's `Site.find_for_request`, kept per host name and port."""
    if not hasattr(request, SITE):
        key = ("site", getattr(request, RAW_HOST)(), request.get_port())
        setattr(request, SITE, remember(key, lambda: Site.find_for_request(request)))
    return getattr(request, SITE)


def is_wagtail_serve(view_func) -> bool:
    from wagtail import views as wagtail_views

    return view_func is wagtail_views.serve


def route_from_memory(request, path: str) -> None:
    """Give Wagtail the page for `path` from memory, so that it does not walk the tree.

    An unknown path is not kept: it goes through Wagtail, and its 404, each time.
    """
    site = site_for_request(request)
    if site is None:
        return
    key = ("route", site.pk, translation.get_language(), path)
    setattr(request, ROUTE, remember(key, lambda: Page.route_for_request(request, path)))
    # The root path of every site, which Wagtail reads from the shared cache to make each
    # page link; it changes only with sites and pages.
    setattr(request, SITE_ROOT_PATHS, remember(("site-root-paths",), Site.get_site_root_paths))
