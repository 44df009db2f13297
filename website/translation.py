"""Content in more than one language: Dutch is the source, translations follow it.

Pages and snippets are translated in the admin with wagtail-localize. Every translatable
row has a locale and a translation key that it shares with its translations; the Dutch
row (the default locale) is the source.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale

from .cache import remember


def locale_of_parent(parent, fallback=None) -> Locale:
    """The locale a new child row takes from its parent, without asking the database.

    Wagtail looks the parent up again for every new child; saving a scenario with a
    hundred new scenes would then cost a hundred queries.
    """
    if parent is not None and parent.locale_id is not None:
        return Locale(pk=parent.locale_id)
    return fallback if fallback is not None else Locale.get_default()


def in_active_locale(queryset: QuerySet) -> QuerySet:
    """The rows in the active language, and the Dutch rows that have no translation in it.

    A list of signals or regions on an English page shows the English rows, and the Dutch
    ones where nobody translated them yet.
    """
    active = Locale.get_active()
    default = Locale.get_default()
    if active.pk == default.pk:
        return queryset.filter(locale=default)
    translated = queryset.model._default_manager.filter(locale=active).values("translation_key")
    return queryset.filter(
        Q(locale=active) | (Q(locale=default) & ~Q(translation_key__in=translated))
    )


def in_default_locale(queryset: QuerySet) -> QuerySet:
    """The source rows only: taxonomies (sectors) are referred to by their Dutch rows."""
    return queryset.filter(locale=Locale.get_default())


class FollowsParentLocale:
    """For a translatable child row (a scene, a choice, an option): its parent's locale.

    Copying a page or snippet for translation moves only the direct children to the new
    locale; a choice of a scene would keep the Dutch locale, and with it the Dutch row's
    translation key, which must be unique per locale. So a child always takes its parent's.
    """

    def locale_parent(self):
        raise NotImplementedError

    def get_default_locale(self):
        return locale_of_parent(self.locale_parent())

    def save(self, *args, **kwargs):
        parent = self.locale_parent()
        if parent is not None and parent.locale_id and self.locale_id != parent.locale_id:
            self.locale_id = parent.locale_id
        super().save(*args, **kwargs)


def default_locale_id() -> int:
    """The id of the site's first language's locale, kept until content changes."""
    return remember(("default-locale",), lambda: Locale.get_default().pk)


def active_locale_id() -> int:
    """The id of the active language's locale (the default's if it has none), kept until
    content changes: a lesson asks it for every scenario block it shows."""
    return remember(("active-locale", translation.get_language()), lambda: Locale.get_active().pk)


def source_locale_page(page):
    """The Dutch page a translation was made from; a Dutch page (or one without) itself."""
    if page.locale_id == default_locale_id():
        return page
    source = page.get_translation_or_none(default_locale_id())
    return source.specific if source is not None else page


def page_url_in(page, language: str, request=None) -> str:
    """The address of `page` in `language`: its translation's, or the page itself there.

    A page nobody translated yet is served under the language's prefix as it is (the
    Dutch content, marked as Dutch), so the visitor keeps the interface they chose.
    """
    locale = Locale.objects.filter(language_code=language).first()
    translated = page.get_translation_or_none(locale) if locale is not None else None
    if translated is not None and translated.live:
        return translated.get_url(request)
    source = source_locale_page(page)
    url = source.get_url(request) or ""
    default = Locale.get_default().language_code
    if not url or language == default:
        return url
    # The Dutch address is resolved as Dutch, then made again under the language's prefix.
    with translation.override(default):
        return translate_url(url, language)


class LocaleFallbackRouteMixin:
    """A translated page serves the Dutch child pages that have no translation yet.

    Under /en/, a module nobody translated is found below the Dutch parent instead of
    giving a 404; the page shows its Dutch content marked with lang="nl".
    """

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.locale_id == Locale.get_default().pk:
                raise
            source = source_locale_page(self)
            if source.pk == self.pk:
                raise
            return source.route(request, path_components)
