from django.urls import path

from . import views

app_name = "scenarios_admin"
urlpatterns = [
    path("<int:page_id>/analytics/", views.choice_analytics, name="analytics"),
]
