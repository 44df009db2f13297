from django.urls import path

from . import views

app_name = "scenarios_admin"
urlpatterns = [
    path("", views.scenario_index, name="index"),
    path("<int:page_id>/analytics/", views.choice_analytics, name="analytics"),
]
