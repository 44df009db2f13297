"""What the site's own pages show: the help page's reporting route for the visitor's region.

`HelpPage` holds fields and panels; the region reads are in `website.selectors`, which
imports the models, so they are reached through `website.page_view_registry` (its
docstring says why). WebsiteConfig.ready() imports this module.
"""

from .models import HelpPage
from .page_view_registry import page_view
from .selectors import region_choice_for_request, regions_for_picker


@page_view(HelpPage, "context")
def help_page_context(page: HelpPage, request) -> dict:
    return {
        "region_choice": region_choice_for_request(request, default=page.default_region),
        "regions": regions_for_picker(),
    }
