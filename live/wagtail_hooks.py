from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quizzes.wagtail_hooks import PermissionMenuItem

from .models import StatementSet
from .trainer_views import RUN_PERMISSION


@hooks.register("register_admin_menu_item")
def register_live_menu_item():
    return PermissionMenuItem(
        _("Live session"),
        reverse("live:index"),
        icon_name="view",
        order=240,
        permission=RUN_PERMISSION,
    )


@hooks.register("register_permissions")
def register_live_permissions():
    """So an admin can give 'run live sessions' to a facilitators' group in the admin."""
    return Permission.objects.filter(content_type__app_label="live", codename="run_session")


class StatementSetViewSet(SnippetViewSet):
    model = StatementSet
    icon = "view"
    menu_label = _("Sets of statements")
    menu_order = 241
    add_to_admin_menu = True
    list_display = ["title", "updated_at"]
    search_fields = ["title"]


register_snippet(StatementSetViewSet)
