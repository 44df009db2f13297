"""Version numbers in the shared cache: what is kept under a version is dropped by moving it.

A new number comes from the clock rather than counting up, so that nothing kept under an
evicted version can be found again. A change moves the version at once and again when its
transaction commits: a reader that saw the first move before the commit still read the old
rows, and must not keep them under the new number.
"""

import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction


def version_read(key: str) -> int:
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), timeout=None)
        version = cache.get(key)
    return version


def versions_move(keys: Iterable[str], *, moved: Callable[[int], None] | None = None) -> None:
    """Move these versions now and when the transaction commits; `moved` hears each new one."""
    keys = list(keys)
    if not keys:
        return

    def move():
        version = time.time_ns()
        cache.set_many(dict.fromkeys(keys, version), timeout=None)
        if moved is not None:
            moved(version)

    move()
    transaction.on_commit(move)


def shared_remember(
    key: str, build: Callable[[], Any], *, version_key: str, seconds: Callable[[], int]
) -> Any:
    """The value kept in the shared cache under `key` and the current number of
    `version_key`, built and kept for `seconds()` when missing.

    A value built while the version moves is kept under the number read before it was
    built, which no reader asks for once the version has moved.
    """
    versioned_key = f"{key}:v{version_read(version_key)}"
    value = cache.get(versioned_key)
    if value is None:
        value = build()
        cache.set(versioned_key, value, timeout=seconds())
    return value
