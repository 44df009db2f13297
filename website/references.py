"""Which live pages hold a piece of content (a quiz, a scenario), from Wagtail's reference index.

A quiz or a scenario does not know the apps that place it in their pages; the reference
index does. Pages use it to lead back from a result or an ending to the lesson that holds
it. Not cached: Wagtail updates the index in a background task after a save, later than the
content version moves, so a kept answer could stay wrong until the next edit. It is one
query on pages that are not on the hot path.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Page, ReferenceIndex


@dataclass(frozen=True)
class PageLink:
    title: str
    url: str


def pages_holding(instance: models.Model, *, request) -> list[PageLink]:
    """The live pages whose content refers to `instance`, in tree order."""
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).order_by("path")
    return [PageLink(title=page.title, url=page.get_url(request)) for page in pages]
