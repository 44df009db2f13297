"""The private Wagtail names the cache relies on are still Wagtail's, and used in one module."""

import inspect
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpRequest

from website.cache.wagtail_internals import RAW_HOST, wagtail_reads

INTERNALS = Path(settings.BASE_DIR) / "website" / "cache" / "wagtail_internals.py"
PROJECT_DIRS = ("accounts", "bench", "courses", "demo", "library", "organisations")
PROJECT_DIRS += ("quizzes", "scenarios", "website")


@pytest.mark.parametrize(
    ("name", "function"), wagtail_reads(), ids=[name for name, _function in wagtail_reads()]
)
def test_wagtail_still_reads_each_name_the_cache_hands_it(name, function):
    assert name in inspect.getsource(function), (
        f"{function.__module__}.{function.__qualname__} no longer uses {name!r}: Wagtail "
        f"changed how it caches on the request; follow it in {INTERNALS.name}"
    )


def test_django_still_has_the_raw_host_wagtail_finds_the_site_by():
    assert callable(getattr(HttpRequest, RAW_HOST, None)), (
        f"HttpRequest.{RAW_HOST} is gone: see {INTERNALS.name}"
    )


def test_no_other_module_touches_these_names():
    private = [name for name, _function in wagtail_reads() if name.startswith("_")]
    users = {
        f"{path.relative_to(settings.BASE_DIR)}: {name}"
        for directory in PROJECT_DIRS
        for path in (Path(settings.BASE_DIR) / directory).rglob("*.py")
        if path != INTERNALS
        for name in private
        if name in path.read_text()
    }
    assert users == set()
