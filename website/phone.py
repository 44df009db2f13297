"""Phone numbers as links, so that a professional on a phone calls with one tap."""

from django.utils.html import format_html
from django.utils.safestring import SafeString


def tel_href(number: str) -> str:
    """The tel: address of a number as people write it ('0800-2000' -> 'tel:08002000')."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def phone_link(number: str) -> SafeString:
    return format_html('<a class="utrecht-link" href="{}">{}</a>', tel_href(number), number)
