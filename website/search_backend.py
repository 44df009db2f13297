"""Wagtail's database search, with PostgreSQL's text search configuration per language.

PostgreSQL stems words by a configuration ('dutch' makes 'signalen' and 'signaal' one
word; 'english' does that for 'signals'). Wagtail's PostgreSQL backend takes a single
configuration for everything it indexes; Signaal holds pages and snippets in several
languages, so this backend indexes each object with the configuration of its locale's
language and searches with the configuration of the language being searched: the one
named with `searching_in(language)`, else the active language. A language without its
own configuration (Polish) uses 'simple', which matches whole words without stemming.

On SQLite (and MySQL) this is Wagtail's own database backend, unchanged.
"""

import copy
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.models import Locale

# The languages of LANGUAGES and PostgreSQL's configuration for each (pg_ts_config).
TEXT_SEARCH_CONFIGS = {
    "nl": "dutch",
    "en": "english",
    "tr": "turkish",
    "ar": "arabic",
    "pl": "simple",
}
FALLBACK_CONFIG = "simple"

_searched_language: ContextVar[str | None] = ContextVar("searched_language", default=None)


def text_search_config(language_code: str | None) -> str:
    code = (language_code or settings.LANGUAGE_CODE).split("-")[0]
    return TEXT_SEARCH_CONFIGS.get(code, FALLBACK_CONFIG)


@contextmanager
def searching_in(language_code: str) -> Iterator[None]:
    """Search content written in this language (for example the Dutch pages a visitor
    reading English falls back to) with that language's configuration."""
    token = _searched_language.set(language_code)
    try:
        yield
    finally:
        _searched_language.reset(token)


def _language_codes_by_locale() -> dict[int, str]:
    return dict(Locale.objects.values_list("pk", "language_code"))


class LanguageAwareIndex(PostgresIndex):
    def add_items(self, model, objs):
        """Index each object with the configuration of its locale's language."""
        codes = _language_codes_by_locale()
        groups = defaultdict(list)
        for obj in objs:
            locale_id = getattr(obj, "locale_id", None)
            groups[text_search_config(codes.get(locale_id))].append(obj)
        for config, group in groups.items():
            # The indexer reads the configuration from the backend; a copy per language
            # leaves the shared backend as it was.
            backend = copy.copy(self.backend)
            backend.config = config
            PostgresIndex(backend).add_items(model, group)


class LanguageAwareQueryCompiler(PostgresSearchQueryCompiler):
    def get_config(self, backend):
        return text_search_config(_searched_language.get() or get_language())


class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
    index_class = LanguageAwareIndex
    query_compiler_class = LanguageAwareQueryCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    if connection.vendor == "postgresql":
        return LanguageAwarePostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
