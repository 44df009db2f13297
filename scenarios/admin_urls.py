from django.urls import path

from . import editor_views, twine_views, views

app_name = "scenarios_admin"
urlpatterns = [
    path("", views.scenario_index, name="index"),
    path("twine/import/", twine_views.twine_import, name="twine_import"),
    path("<int:page_id>/twee/", twine_views.twee_export, name="twee_export"),
    path("<int:page_id>/problems/", editor_views.graph_problems, name="graph_problems"),
    path(
        "new/<int:parent_id>/problems/",
        editor_views.new_graph_problems,
        name="new_graph_problems",
    ),
]
