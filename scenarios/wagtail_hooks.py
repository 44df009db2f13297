from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .views import (
    hold_scenes_for_editing,
    refuse_bulk_publishing_with_problems,
    refuse_publishing_with_problems,
)

hooks.register("before_edit_page", hold_scenes_for_editing)
hooks.register("before_publish_page", refuse_publishing_with_problems)
hooks.register("before_bulk_action", refuse_bulk_publishing_with_problems)


@hooks.register("register_admin_urls")
def register_scenario_admin_urls():
    return [path("scenarios/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_scenario_menu_item():
    return MenuItem(_("Scenarios"), reverse("scenarios_admin:index"), icon_name="tasks", order=250)
