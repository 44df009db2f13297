"""What Wagtail works out about a page on every request, kept in the worker's memory."""

from django.utils import translation

from .content import remember
from .wagtail_internals import site_for_request


class KeptPageMixin:
    """For page types: the page's view restrictions and its address, kept.

    - The page's view restrictions (its own and its ancestors'), read once per worker
      instead of twice per request. The result is an evaluated queryset, so Wagtail's
      check reads it without a query and admin code that orders or filters it still gets
      a fresh one.
    - Its address, per site and language, worked out once instead of for every link.
    """

    def get_view_restrictions(self):
        def build():
            restrictions = super(KeptPageMixin, self).get_view_restrictions()
            len(restrictions)  # evaluate it now, so that what is kept holds the rows
            return restrictions

        return remember(("view-restrictions", self.pk), build)

    def get_url(self, request=None, current_site=None):
        if current_site is not None or self.pk is None:
            return super().get_url(request, current_site)
        site = site_for_request(request) if request is not None else None
        # The path is part of the key: a draft with another slug has its own address.
        key = (
            "page-url",
            self.pk,
            self.url_path,
            site.pk if site else None,
            translation.get_language(),
        )
        return remember(key, lambda: super(KeptPageMixin, self).get_url(request))
