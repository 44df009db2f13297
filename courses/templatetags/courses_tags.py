from django import template
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from website.cache import remember

register = template.Library()

# Lesson blocks that look the same to every learner: no answer, choice or region of theirs
# and no form in them. Everything else is rendered for each view.
SHARED_BLOCK_TYPES = {"paragraph", "image", "video", "signal_cards", "case", "callout"}


@register.simple_tag(takes_context=True)
def lesson_block(context, block):
    """Render one block of a lesson body, as `{% include_block block with block_id=... %}`.

    Shared blocks of a published lesson are rendered once per worker and language until
    content changes (`website.cache`); a preview of a draft always renders afresh.
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
        or not block.id
        or getattr(request, "is_preview", False)
    ):
        return render()
    return remember(("lesson-block", page.pk, block.id, get_language()), render)
