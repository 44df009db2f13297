"""What every visitor of a page shares, kept in each worker's memory until content changes.

To find a lesson, Wagtail asks the database for the site, the locale and each level of the
path; the lesson then asks for its module and the module's lessons, and the page for the
menu and the site settings. None of this depends on who asks, and all of it changes only
when content changes. So each worker keeps these answers in its own memory, under the
content version: a number in the shared cache that moves on every change to content
(pages, snippets, settings, images, redirects). A worker reads the version at most once
a second, and a request keeps the version it started with; when it has moved, the worker
drops everything it kept and starts afresh. So a change shows at once in the worker that
made it and within a second in every other.

Kept objects are shared by every request a worker serves: code that receives one must not
change it. Nothing that belongs to one learner (progress, answers, reflections) is kept.
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_unpublished, post_page_move

from .versions import version_read, versions_move

VERSION_KEY = "content:version"
# Apps whose models are content that pages show.
CONTENT_APPS = (
    "website",
    "library",
    "courses",
    "quizzes",
    "scenarios",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
)
# Records of what learners do: written all day and never part of what is kept. Image
# renditions are made while pages render.
NOT_CONTENT = {
    "courses.enrolment",
    "courses.lessonprogress",
    "courses.certificate",
    "courses.statementanswer",
    "courses.reflection",
    "quizzes.attempt",
    "quizzes.answer",
    "quizzes.answerselection",
    "scenarios.scenariorun",
    "scenarios.scenariostep",
    "wagtailimages.rendition",
}
# A bound on what one worker keeps; past it, it starts afresh. A site has a few hundred pages.
MAX_KEPT = 5_000

# How long a worker goes by the content version it last read from the shared cache.
VERSION_READ_SECONDS = 1.0

_request_state = threading.local()
_worker_version: dict = {"value": None, "read_at": 0.0}
# What the worker keeps, and the version it was built under. The lock makes 'is this still
# the version?' and the store one step, so that no value lands in a newer generation.
_lock = threading.Lock()
_kept: dict = {}
_kept_version: list = [None]


def content_version() -> int:
    """The current content version; in a request, read once and then the same throughout."""
    if not getattr(_request_state, "in_request", False):
        return _shared_version()
    if _request_state.version is None:
        _request_state.version = _shared_version()
    return _request_state.version


@contextmanager
def one_version() -> Iterator[None]:
    """Hold one content version for everything inside (a request), read when first needed."""
    _request_state.in_request, _request_state.version = True, None
    try:
        yield
    finally:
        _request_state.in_request, _request_state.version = False, None


def _shared_version() -> int:
    """The version in the shared cache, read at most once a second by each worker.

    A round trip to the cache on every request costs more than most of the page when the
    machine is busy; a worker that did not make a change sees it within a second (the
    worker that made it, at once).
    """
    now = time.monotonic()
    if (
        _worker_version["value"] is not None
        and now - _worker_version["read_at"] < VERSION_READ_SECONDS
    ):
        return _worker_version["value"]
    version = version_read(VERSION_KEY)
    _worker_version.update(value=version, read_at=now)
    return version


def content_changed(**kwargs) -> None:
    """Move to a new content version, now and again when the transaction commits."""
    versions_move([VERSION_KEY], moved=_version_moved)


def _version_moved(version: int) -> None:
    _worker_version.update(value=version, read_at=time.monotonic())
    if getattr(_request_state, "in_request", False):
        # The rest of this request sees the change it made itself.
        _request_state.version = version


def remember(key: tuple, build: Callable[[], Any]) -> Any:
    """The value kept under `key` for the current content version, built once if missing.

    A value is kept only when the version it was built under is still the worker's newest
    after the build: one built from rows read before a change never outlives the change. A
    request that began before the version moved builds what it needs without keeping it.
    None is not kept: it stands for 'not found', which is asked again each time.
    """
    version = content_version()
    with _lock:
        if _kept_version[0] != version and version == _worker_version["value"]:
            _kept.clear()
            _kept_version[0] = version
        if _kept_version[0] == version and key in _kept:
            return _kept[key]
    value = build()
    if value is None:
        return value
    with _lock:
        if _kept_version[0] == version == _worker_version["value"]:
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            _kept[key] = value
    return value


def forget_kept() -> None:
    """Drop what this worker keeps, and the version it read."""
    with _lock:
        _kept.clear()
        _kept_version[0] = None
    _worker_version.update(value=None, read_at=0.0)


def _content_saved_or_deleted(sender, raw=False, **kwargs) -> None:
    # Fixtures loaded with `loaddata` (raw) arrive before the cache may be set up.
    if not raw:
        content_changed()


def content_models() -> list:
    """The models of the content apps whose changes move the content version."""
    return [
        model
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label_lower not in NOT_CONTENT
    ]


def content_receivers_connect() -> None:
    """Move the version on every change to content; publishing saves the page, so it counts.

    Connected to each content model rather than to every model: a model with a receiver
    cannot be deleted in bulk with one DELETE, and learners' records are deleted in bulk.
    """
    for model in content_models():
        post_save.connect(_content_saved_or_deleted, sender=model, dispatch_uid="content_saved")
        post_delete.connect(_content_saved_or_deleted, sender=model, dispatch_uid="content_deleted")
    # Moving a page changes the path of every page below it without saving them.
    post_page_move.connect(content_changed, dispatch_uid="content_version_move")
    page_unpublished.connect(content_changed, dispatch_uid="content_version_unpublish")
