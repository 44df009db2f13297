from django import template

from ..quick_exit import SCRIPT_TAG

register = template.Library()


@register.simple_tag
def quick_exit_guard():
    """The script that keeps the site hidden after the quick exit; first thing in <head>."""
    return SCRIPT_TAG
