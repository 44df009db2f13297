from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Signal


class SignalViewSet(SnippetViewSet):
    model = Signal
    icon = "warning"
    menu_label = _("Signal library")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "kind", "category", "phase"]
    list_filter = ["kind", "category", "phase", "sectors"]


register_snippet(SignalViewSet)
