from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Region, Sector


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind"]
    search_fields = ["name"]


register_snippet(RegionViewSet)


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "group"
    menu_label = _("Sectors")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "sort_order"]


register_snippet(SectorViewSet)
