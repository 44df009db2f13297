from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .models import Membership, Organisation


@hooks.register("register_admin_urls")
def register_organisation_admin_urls():
    return [path("organisations/", include(admin_urls))]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "kind", "region", "join_code"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]


register_snippet(OrganisationViewSet)


class MembershipViewSet(SnippetViewSet):
    """Platform admins make people managers of their organisation here."""

    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    menu_order = 330
    add_to_admin_menu = True
    list_display = ["user", "organisation", "role", "team"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]


register_snippet(MembershipViewSet)
