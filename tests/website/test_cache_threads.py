"""A value built from rows read before a content change is never kept past the change."""

import threading

import pytest

from website.cache import content_changed, remember
from website.cache.content import one_version

pytestmark = pytest.mark.django_db

WAIT = 10


def in_thread(target) -> tuple[threading.Thread, dict]:
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=target()))
    thread.start()
    return thread, result


def test_a_slow_build_that_straddles_a_change_is_not_kept():
    building, go_on = threading.Event(), threading.Event()

    def slow_build():
        building.set()
        go_on.wait(WAIT)
        return "before the change"

    thread, result = in_thread(lambda: remember(("lesson",), slow_build))
    assert building.wait(WAIT)
    content_changed()
    # A request after the change builds and keeps the new value while the slow one runs.
    assert remember(("lesson",), lambda: "after the change") == "after the change"
    go_on.set()
    thread.join(WAIT)

    assert result["value"] == "before the change"  # its own caller still gets it
    assert remember(("lesson",), lambda: "built again") == "after the change"


def test_a_request_from_before_a_change_keeps_nothing_and_drops_nothing():
    started, changed = threading.Event(), threading.Event()

    def old_request():
        with one_version():
            remember(("menu",), lambda: "old menu")  # reads the version it keeps
            started.set()
            changed.wait(WAIT)
            return remember(("module",), lambda: "old module")

    thread, result = in_thread(old_request)
    assert started.wait(WAIT)
    content_changed()
    assert remember(("menu",), lambda: "new menu") == "new menu"
    changed.set()
    thread.join(WAIT)

    assert result["value"] == "old module"
    assert remember(("module",), lambda: "new module") == "new module"
    assert remember(("menu",), lambda: "menu built again") == "new menu"
