"""Small checks of the shape of content: each failure names the file and the key."""

import datetime
import re

from .files import ContentError, ContentFile

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Checker:
    """Checks values read from one file; `key` is the path to the value, e.g. lessons[x].body[2]."""

    def __init__(self, file: ContentFile):
        self.file = file

    def fail(self, key: str, message: str):
        raise ContentError(self.file, key, message)

    def mapping(self, value, key: str, *, required=(), optional=()) -> dict:
        if not isinstance(value, dict):
            self.fail(key, "expected a mapping of keys and values")
        missing = [name for name in required if name not in value]
        if missing:
            self.fail(key, f"'{missing[0]}' is missing")
        unknown = sorted(set(value) - set(required) - set(optional), key=str)
        if unknown:
            allowed = ", ".join(sorted([*required, *optional]))
            self.fail(join(key, unknown[0]), f"unknown key (allowed here: {allowed})")
        return value

    def listing(self, value, key: str, *, empty: bool = True) -> list:
        if value is None and empty:
            return []
        if not isinstance(value, list):
            self.fail(key, "expected a list")
        if not value and not empty:
            self.fail(key, "the list is empty")
        return value

    def text(self, value, key: str, *, blank: bool = True, max_length: int | None = None) -> str:
        if value is None and blank:
            return ""
        if not isinstance(value, str):
            self.fail(key, "expected text")
        if not blank and not value.strip():
            self.fail(key, "must not be empty")
        if max_length is not None and len(value) > max_length:
            self.fail(key, f"is {len(value)} characters long; at most {max_length} fit")
        return value

    def slug(self, value, key: str) -> str:
        if not isinstance(value, str) or not SLUG.match(value):
            self.fail(key, f"'{value}' is not a slug (lower-case letters, digits and hyphens)")
        return value

    def boolean(self, value, key: str, default: bool = False) -> bool:
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, "expected true or false")
        return value

    def integer(self, value, key: str, *, default: int = 0, minimum: int | None = None) -> int:
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, "expected a whole number")
        if minimum is not None and value < minimum:
            self.fail(key, f"must be at least {minimum}")
        return value

    def date(self, value, key: str) -> datetime.date:
        if not isinstance(value, datetime.date):
            self.fail(key, "expected a date written as YYYY-MM-DD")
        return value

    def choice(self, value, key: str, choices) -> str:
        allowed = [str(choice) for choice in choices]
        if value not in allowed:
            self.fail(key, f"'{value}' is not one of: {', '.join(allowed)}")
        return value

    def known(self, value, key: str, known, what: str):
        """A reference to something defined elsewhere (a signal, region, scene, image ...)."""
        if value not in known:
            self.fail(key, f"unknown {what} '{value}'")
        return value

    def unique(self, items: list, key: str, name: str = "slug") -> None:
        seen = set()
        for index, item in enumerate(items):
            value = item.get(name) if isinstance(item, dict) else None
            if value in seen:
                self.fail(f"{key}[{index}].{name}", f"'{value}' is used twice")
            seen.add(value)


def join(key: str, name) -> str:
    return f"{key}.{name}" if key else str(name)


def item_key(key: str, index: int, item, name: str = "slug") -> str:
    """lessons[de-vijf-stappen] when the item has its stable key, else lessons[3]."""
    label = item.get(name) if isinstance(item, dict) else None
    return f"{key}[{label if isinstance(label, str) and label else index}]"
