"""Phone numbers as links, so that a professional on a phone calls with one tap."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Dutch numbers as people write them: 0800-2000, 0900-8844, 030 123 4567, and 112.
PHONE_NUMBER = re.compile(r"(?<![\d/-])(?:0\d{2,3}[- ]?\d{3,4}(?:[- ]?\d{2,4})?|112)(?![\d/-])")


def tel_href(number: str) -> str:
    """The tel: address of a number as people write it ('0800-2000' -> 'tel:08002000')."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def phone_link(number: str) -> SafeString:
    return format_html('<a class="utrecht-link" href="{}">{}</a>', tel_href(number), number)


def phone_links_in_text(text: str) -> SafeString:
    """Plain text, escaped, with every phone number in it made a tel: link.

    For text fields that cannot hold links themselves, such as when to call a contact.
    """
    escaped = escape(text)
    return mark_safe(  # noqa: S308 - the text is escaped above; only our links are added
        PHONE_NUMBER.sub(lambda match: phone_link(match.group(0)), escaped)
    )
