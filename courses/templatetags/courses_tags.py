from django import template
from django.core.cache.utils import make_template_fragment_key
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from website.cache import content_version, remember, site_for_request

register = template.Library()

# Lesson blocks that look the same to every learner: no answer, choice or region of theirs
# and no form in them. Everything else is rendered for each view.
SHARED_BLOCK_TYPES = {"paragraph", "image", "video", "signal_cards", "case", "callout"}


@register.simple_tag(takes_context=True)
def lesson_block(context, block):
    """Render one block of a lesson body, as `{% include_block block with block_id=... %}`.

    Shared blocks of a published lesson are rendered once per worker until content changes;
    a preview of a draft always renders afresh.

    Wagtail's `{% wagtailpagecache %}` is a block tag around a part of a template that
    keeps it in a Django cache backend: here that would be the shared Redis, one round trip
    per block, and the lesson template would need a branch per block type. So this tag keeps
    the block in the worker's memory (`website.cache.remember`) under the key Wagtail's tag
    builds (the fragment's values, the page's `cache_key` and the site), with the content
    version among the values: a changed snippet in a block changes no page's `cache_key`.
    """

    def render():
        block_context = context.flatten()
        block_context["block_id"] = block.id
        return conditional_escape(block.render_as_block(context=block_context))

    request = context.get("request")
    page = context.get("page")
    if (
        block.block_type not in SHARED_BLOCK_TYPES
        or page is None
        or request is None
        or not block.id
        or getattr(request, "is_preview", False)
    ):
        return render()
    site = site_for_request(request)
    vary_on = [block.id, get_language(), content_version(), page.cache_key, site and site.pk]
    return remember(make_template_fragment_key("lesson_block", vary_on), render)
