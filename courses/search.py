"""Site search: modules, lessons, cases, help pages and signals, in the visitor's language.

Wagtail's search does the matching: on PostgreSQL its full-text search with each language's
configuration (stemming, so 'signalen' finds 'signaal'; see website/search_backend.py), on
SQLite the database backend. It
lives here because courses is the app that sits above every kind of page it finds.

Nothing is stored: the terms are not counted as Wagtail's search promotions would, and
nothing ties them to the person who searched.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from library.models import Signal
from scenarios.models import ScenarioPage
from website.models import StandardPage
from website.search_backend import searching_in

from .models import CoursePage, LessonPage, SectorPage
from .selectors import signal_library_url

# How many hits of each kind a search shows at most; a longer list is not read on a phone.
PAGE_HITS = 20
SIGNAL_HITS = 10

KIND_LABELS = {
    CoursePage: _("Module"),
    LessonPage: _("Lesson"),
    ScenarioPage: pgettext_lazy("kind of search hit", "Case"),
    StandardPage: _("Help"),
}


@dataclass(frozen=True)
class SearchHit:
    kind: str
    title: str
    url: str
    summary: str
    # The sectors the hit is written for; empty means everyone.
    sectors: tuple[str, ...]
    # The language of the text when it differs from the interface's (a Dutch fallback).
    lang: str = ""


def _locales() -> tuple[Locale, Locale]:
    """The visitor's content locale and the default one it falls back to."""
    default = Locale.get_default()
    try:
        active = Locale.objects.get(language_code=get_language())
    except Locale.DoesNotExist:
        active = default
    return active, default


def _page_hits(query: str, request) -> list[SearchHit]:
    active, default = _locales()
    active_id, default_id = active.pk, default.pk
    # The hits' languages from these two, not from each hit's locale (a query per hit).
    codes = {active.pk: active.language_code, default.pk: default.language_code}
    # Each language is searched with its own stemming: the visitor's first, then the
    # Dutch pages that may stand in for an untranslated one.
    found = _pages_found(query, active)
    if default_id != active_id:
        found += _pages_found(query, default)
    # A page translated into the visitor's language is shown in it, not also in Dutch.
    translated = {page.translation_key for page in found if page.locale_id == active_id}
    pages = [
        page
        for page in found
        if page.locale_id == active_id or page.translation_key not in translated
    ][:PAGE_HITS]
    sectors = _sectors_of(pages)
    language = get_language()
    return [
        SearchHit(
            kind=str(_kind_of(page)),
            title=page.title,
            url=page.get_url(request),
            summary=getattr(page, "introduction", "") or "",
            sectors=sectors.get(page.pk, ()),
            lang="" if codes[page.locale_id] == language else codes[page.locale_id],
        )
        for page in pages
    ]


def _pages_found(query: str, locale: Locale) -> list[Page]:
    with searching_in(locale.language_code):
        return list(
            Page.objects.live()
            .public()
            .type(*KIND_LABELS)
            .filter(locale_id=locale.pk)
            .specific()
            .search(query, operator="and")[: PAGE_HITS * 2]
        )


def _kind_of(page) -> str:
    return next(label for model, label in KIND_LABELS.items() if isinstance(page, model))


def _sectors_of(pages) -> dict[int, tuple[str, ...]]:
    """The sectors each hit is written for: those of the module it is (or sits in), or of
    the sector page a case sits under. Two queries for all hits, whatever their depth."""
    steplen = Page.steplen
    prefixes = {
        page.pk: [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
        for page in pages
    }
    paths = {path for page_prefixes in prefixes.values() for path in page_prefixes}
    owners = {
        course.path: tuple(sector.name for sector in course.sectors.all())
        for course in CoursePage.objects.filter(path__in=paths).prefetch_related("sectors")
    }
    owners.update(
        (page.path, (page.sector.name,))
        for page in SectorPage.objects.filter(path__in=paths).select_related("sector")
        if page.sector_id
    )
    return {
        pk: next((owners[path] for path in reversed(page_prefixes) if path in owners), ())
        for pk, page_prefixes in prefixes.items()
    }


def _signal_hits(query: str, request) -> list[SearchHit]:
    base = signal_library_url(request=request)
    if not base:
        return []
    with searching_in(settings.LANGUAGE_CODE):  # signals are written in Dutch
        signals = list(get_search_backend().search(query, Signal, operator="and")[:SIGNAL_HITS])
    # The search backend builds its own query, so the sectors are fetched for the hits after.
    prefetch_related_objects(signals, "sectors")
    return [
        SearchHit(
            kind=str(signal.get_kind_display()),
            title=signal.title,
            url=f"{base}{signal.slug}/",
            summary=signal.summary,
            sectors=tuple(sector.name for sector in signal.sectors.all()),
            # Signals are written in Dutch; the library shows them so in every language.
            lang="" if get_language() == "nl" else "nl",
        )
        for signal in signals
    ]


def site_search(*, query: str, request=None) -> list[SearchHit]:
    """Pages first (modules, lessons, cases, help), then the signals, best match first."""
    query = query.strip()
    if not query:
        return []
    return _page_hits(query, request) + _signal_hits(query, request)
