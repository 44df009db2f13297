"""The one StreamField class of the project: every StreamField uses it.

Block definitions stay out of migrations: a migration names this class with no blocks. A
change to a block (a new lesson block from the quiz app, a help text, a renamed label)
needs no migration. A migration never imports block classes that may have changed or gone
since it was written. The stored JSON does not depend on the definitions.

Without definitions, in a migration, the field keeps every stored block as it is: a data
migration reads `page.body.raw_data` (the list of `{"type", "value", "id"}` dictionaries),
changes it or assigns a new list, and saves the page; blocks it leaves alone are written
back unchanged. Wagtail's own StreamField, given no blocks, would drop every block of a
type it does not know. See `tests/migrations/test_stream_data_migration.py`.
"""

import json

from wagtail import blocks, fields


class RawStreamBlock(blocks.StreamBlock):
    """The stream of a field without definitions: every stored block stays raw."""

    def to_python(self, value):
        if isinstance(value, blocks.StreamValue):
            return value
        if isinstance(value, str) and value:
            value = json.loads(value)
        return blocks.StreamValue(self, list(value or []), is_lazy=True)


class StreamField(fields.StreamField):
    def __init__(self, block_types=None, **kwargs):
        if not block_types:
            block_types = RawStreamBlock()
        super().__init__(block_types, **kwargs)

    def deconstruct(self):
        name, _path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, "website.fields.StreamField", [], kwargs
