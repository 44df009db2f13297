"""The language of a piece of content, for its lang attribute and for reading it aloud."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def content_language(item) -> str:
    """The language `item` (a page, a snippet such as a quiz or a question) is written in.

    Translatable content carries its locale; content without one is written in the site's
    first language.
    """
    locale = getattr(item, "locale", None)
    return locale.language_code if locale is not None else settings.LANGUAGE_CODE


@register.simple_tag
def other_content_language(item) -> str:
    """`item`'s language when it differs from the interface's, else an empty string: the
    lang attribute a part of the page needs when its content was not translated."""
    language = content_language(item)
    return language if language != get_language() else ""
