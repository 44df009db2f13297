from django.urls import path

from . import admin_views

app_name = "organisations_admin"
urlpatterns = [
    path(
        "scenarios/<int:page_id>/analytics/",
        admin_views.scenario_analytics,
        name="scenario_analytics",
    ),
]
