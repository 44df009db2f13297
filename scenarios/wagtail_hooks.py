from django.urls import include, path
from wagtail import hooks

from . import admin_urls
from .views import refuse_bulk_publishing_with_problems, refuse_publishing_with_problems

hooks.register("before_publish_page", refuse_publishing_with_problems)
hooks.register("before_bulk_action", refuse_bulk_publishing_with_problems)


@hooks.register("register_admin_urls")
def register_scenario_admin_urls():
    return [path("scenarios/", include(admin_urls))]
